CREATE TABLE `communities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`pickup_place` text,
	`delivery_time` text,
	`cutoff_time` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `communities_name_unique` ON `communities` (`name`);--> statement-breakpoint
CREATE TABLE `coupons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`code` text NOT NULL,
	`value_fen` integer DEFAULT 0 NOT NULL,
	`source` text NOT NULL,
	`status` text DEFAULT 'issued' NOT NULL,
	`issued_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`used_on_order_id` integer,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`used_on_order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `coupons_code_unique` ON `coupons` (`code`);--> statement-breakpoint
CREATE INDEX `coupons_member` ON `coupons` (`member_id`,`status`);--> statement-breakpoint
CREATE TABLE `groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` text NOT NULL,
	`topic` text NOT NULL,
	`community_id` integer NOT NULL,
	`kind` text NOT NULL,
	`label` text,
	`recent_product` text,
	`last_jielong` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `groups_room_id_unique` ON `groups` (`room_id`);--> statement-breakpoint
CREATE INDEX `groups_community` ON `groups` (`community_id`);--> statement-breakpoint
CREATE TABLE `invites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`inviter_member_id` integer NOT NULL,
	`invitee_member_id` integer NOT NULL,
	`group_id` integer,
	`source` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`joined_at` integer NOT NULL,
	`valid_at` integer,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`inviter_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invitee_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invites_invitee` ON `invites` (`community_id`,`invitee_member_id`);--> statement-breakpoint
CREATE INDEX `invites_inviter` ON `invites` (`inviter_member_id`);--> statement-breakpoint
CREATE TABLE `member_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`contact_id` text NOT NULL,
	`kind` text NOT NULL,
	`inviter_contact_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_events_community` ON `member_events` (`community_id`,`contact_id`);--> statement-breakpoint
CREATE TABLE `member_tags` (
	`member_id` integer NOT NULL,
	`tag` text NOT NULL,
	`computed_at` integer NOT NULL,
	PRIMARY KEY(`member_id`, `tag`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_tags_tag` ON `member_tags` (`tag`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`contact_id` text NOT NULL,
	`display_name` text NOT NULL,
	`building` text,
	`unit` text,
	`role` text DEFAULT 'resident' NOT NULL,
	`tier` text DEFAULT '观察员' NOT NULL,
	`tier_changed_at` integer,
	`joined_at` integer NOT NULL,
	`inviter_contact_id` text,
	`left_at` integer,
	`last_seen_at` integer,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_community_contact` ON `members` (`community_id`,`contact_id`);--> statement-breakpoint
CREATE TABLE `order_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`qty` real NOT NULL,
	`unit_price_fen` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`cancelled_at` integer,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_items_order` ON `order_items` (`order_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`group_id` integer,
	`member_id` integer NOT NULL,
	`session_id` integer,
	`pickup_code` text,
	`source_msg_id` text NOT NULL,
	`status` text DEFAULT 'placed' NOT NULL,
	`total_fen` integer NOT NULL,
	`note` text,
	`address` text,
	`recipient_name` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_source_msg_id_unique` ON `orders` (`source_msg_id`);--> statement-breakpoint
CREATE INDEX `orders_member` ON `orders` (`member_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_session` ON `orders` (`session_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_pickup_code` ON `orders` (`community_id`,`pickup_code`) WHERE status IN ('placed', 'confirmed', 'delivered');--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` text NOT NULL,
	`conversation_kind` text NOT NULL,
	`kind` text DEFAULT 'text' NOT NULL,
	`body` text NOT NULL,
	`dedup_key` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`not_before` integer NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedup_key_unique` ON `outbox` (`dedup_key`);--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`status`,`not_before`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `outbox_sent` ON `outbox` (`sent_at`) WHERE sent_at IS NOT NULL;--> statement-breakpoint
CREATE TABLE `points_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`delta` integer NOT NULL,
	`reason` text NOT NULL,
	`ref` text,
	`by_contact_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `points_member` ON `points_ledger` (`member_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `points_reason_ref` ON `points_ledger` (`reason`,`ref`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`name` text NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL,
	`unit` text NOT NULL,
	`price_fen` integer NOT NULL,
	`stock` real DEFAULT 0 NOT NULL,
	`tier` text DEFAULT '利润' NOT NULL,
	`category` text DEFAULT '其他' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`reserved` real DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_community_name` ON `products` (`community_id`,`name`);--> statement-breakpoint
CREATE TABLE `reward_grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`ladder` text NOT NULL,
	`step` integer NOT NULL,
	`reward` text NOT NULL,
	`granted_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reward_grants_once` ON `reward_grants` (`member_id`,`ladder`,`step`);--> statement-breakpoint
CREATE TABLE `rewards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`points_cost` integer NOT NULL,
	`value_fen` integer DEFAULT 0 NOT NULL,
	`stock` integer NOT NULL,
	`valid_days` integer DEFAULT 90 NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rewards_community_name` ON `rewards` (`community_id`,`name`);--> statement-breakpoint
CREATE TABLE `session_products` (
	`session_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	PRIMARY KEY(`session_id`, `product_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`group_id` integer,
	`title` text NOT NULL,
	`cutoff_at` integer NOT NULL,
	`min_members` integer DEFAULT 0 NOT NULL,
	`pickup_place` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_community_status` ON `sessions` (`community_id`,`status`);--> statement-breakpoint
CREATE TABLE `survey_answers` (
	`survey_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`answer` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`survey_id`, `member_id`),
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`question` text NOT NULL,
	`points` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `surveys_community` ON `surveys` (`community_id`,`closes_at`);