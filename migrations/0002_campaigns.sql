CREATE TABLE `big_sales` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`name` text NOT NULL,
	`presale_at` integer NOT NULL,
	`burst_at` integer NOT NULL,
	`encore_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`product_ids` text NOT NULL,
	`reserve_pct` real DEFAULT 20 NOT NULL,
	`session_id` integer,
	`phase` text DEFAULT 'pending' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `big_sales_community_name` ON `big_sales` (`community_id`,`name`);--> statement-breakpoint
CREATE TABLE `campaign_images` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`scenario` text,
	`path` text NOT NULL,
	`contact_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `campaign_images_scenario` ON `campaign_images` (`community_id`,`scenario`);--> statement-breakpoint
CREATE TABLE `flash_test_skus` (
	`test_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`interested` integer,
	`rate_pct` real,
	`outcome` text,
	PRIMARY KEY(`test_id`, `product_id`),
	FOREIGN KEY (`test_id`) REFERENCES `flash_tests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `flash_tests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`session_id` integer,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`active_members` integer,
	`evaluated_at` integer,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `flash_tests_community` ON `flash_tests` (`community_id`,`status`);--> statement-breakpoint
CREATE TABLE `group_activity` (
	`group_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`day` text NOT NULL,
	PRIMARY KEY(`group_id`, `day`, `member_id`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `product_inquiries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `product_inquiries_product` ON `product_inquiries` (`product_id`,`at`);--> statement-breakpoint
CREATE TABLE `quest_progress` (
	`quest_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`orders` integer DEFAULT 0 NOT NULL,
	`rewarded_at` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`quest_id`, `member_id`),
	FOREIGN KEY (`quest_id`) REFERENCES `quests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `quests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`story` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quests_community_status` ON `quests` (`community_id`,`status`,`ends_at`);--> statement-breakpoint
CREATE TABLE `scenario_pauses` (
	`group_id` integer NOT NULL,
	`scenario` text NOT NULL,
	`community_id` integer NOT NULL,
	`paused_by` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`group_id`, `scenario`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `scenario_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scenario` text NOT NULL,
	`group_id` integer NOT NULL,
	`period` text NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scenario_runs_once` ON `scenario_runs` (`scenario`,`group_id`,`period`);