CREATE TABLE `complaint_reply_edits` (
	`community_id` integer NOT NULL,
	`type` text NOT NULL,
	`body` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`community_id`, `type`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `crises` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`key` text NOT NULL,
	`type` text,
	`product_id` integer,
	`complaints` integer NOT NULL,
	`trigger_ticket_id` integer NOT NULL,
	`started_at` integer NOT NULL,
	`confirmed_at` integer,
	`confirmed_by` text,
	`closed_at` integer,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`trigger_ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crises_open_key` ON `crises` (`community_id`,`key`) WHERE closed_at IS NULL;--> statement-breakpoint
CREATE INDEX `crises_community` ON `crises` (`community_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `crisis_reminders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`crisis_id` integer NOT NULL,
	`step` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`crisis_id`) REFERENCES `crises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crisis_reminders_once` ON `crisis_reminders` (`crisis_id`,`step`);--> statement-breakpoint
CREATE TABLE `suggestions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`source_msg_id` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suggestions_source_msg_id_unique` ON `suggestions` (`source_msg_id`);--> statement-breakpoint
CREATE INDEX `suggestions_community` ON `suggestions` (`community_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `ticket_escalations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`step` text NOT NULL,
	`level` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_escalations_once` ON `ticket_escalations` (`ticket_id`,`step`,`level`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`group_id` integer,
	`conversation_id` text NOT NULL,
	`conversation_kind` text NOT NULL,
	`source_msg_id` text NOT NULL,
	`type` text NOT NULL,
	`product_id` integer,
	`text` text NOT NULL,
	`needs_evidence` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`opened_at` integer NOT NULL,
	`first_response_at` integer,
	`evidence_at` integer,
	`evidence_kind` text,
	`evidence_path` text,
	`resolved_at` integer,
	`compensation` text,
	`compensation_fen` integer,
	`coupon_code` text,
	`resolved_by` text,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_source_msg_id_unique` ON `tickets` (`source_msg_id`);--> statement-breakpoint
CREATE INDEX `tickets_community_status` ON `tickets` (`community_id`,`status`);--> statement-breakpoint
CREATE INDEX `tickets_community_opened` ON `tickets` (`community_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `tickets_member` ON `tickets` (`member_id`,`status`);