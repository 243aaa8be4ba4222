CREATE TABLE `unhandled_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`group_id` integer,
	`member_id` integer,
	`source_msg_id` text NOT NULL,
	`text` text NOT NULL,
	`held_intent` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unhandled_messages_source_msg_id_unique` ON `unhandled_messages` (`source_msg_id`);--> statement-breakpoint
CREATE INDEX `unhandled_messages_community` ON `unhandled_messages` (`community_id`,`at`);