CREATE TABLE `experiment_groups` (
	`experiment_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`arm` text NOT NULL,
	`size` integer NOT NULL,
	`block` integer NOT NULL,
	PRIMARY KEY(`experiment_id`, `group_id`),
	FOREIGN KEY (`experiment_id`) REFERENCES `experiments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `experiment_groups_group` ON `experiment_groups` (`group_id`);--> statement-breakpoint
CREATE TABLE `experiments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`strategy` text NOT NULL,
	`setting` text NOT NULL,
	`hypothesis` text NOT NULL,
	`arms` text NOT NULL,
	`registration` text NOT NULL,
	`seed` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`planned_end_at` integer NOT NULL,
	`ended_at` integer,
	`status` text DEFAULT 'running' NOT NULL,
	`started_by` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `experiments_community` ON `experiments` (`community_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `experiments_running_setting` ON `experiments` (`community_id`,`setting`) WHERE status = 'running';--> statement-breakpoint
CREATE TABLE `exposures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`experiment_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`member_id` integer,
	`arm` text NOT NULL,
	`shown` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`experiment_id`) REFERENCES `experiments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `exposures_experiment` ON `exposures` (`experiment_id`,`group_id`);--> statement-breakpoint
CREATE TABLE `touchpoints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`group_id` integer,
	`member_id` integer,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `touchpoints_community_time` ON `touchpoints` (`community_id`,`at`);