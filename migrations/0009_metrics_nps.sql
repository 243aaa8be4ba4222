CREATE TABLE `order_shortfalls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`source_msg_id` text NOT NULL,
	`wanted_milli` integer NOT NULL,
	`left_milli` integer NOT NULL,
	`placed` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_shortfalls_once` ON `order_shortfalls` (`source_msg_id`,`product_id`);--> statement-breakpoint
CREATE INDEX `order_shortfalls_community` ON `order_shortfalls` (`community_id`,`at`);--> statement-breakpoint
CREATE TABLE `stock_snapshots` (
	`community_id` integer NOT NULL,
	`day` text NOT NULL,
	`product_id` integer NOT NULL,
	`qty_milli` integer NOT NULL,
	`value_fen` integer NOT NULL,
	PRIMARY KEY(`community_id`, `day`, `product_id`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `write_offs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`reason` text NOT NULL,
	`qty_milli` integer NOT NULL,
	`value_fen` integer NOT NULL,
	`batch_id` integer,
	`by_contact_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `write_offs_community` ON `write_offs` (`community_id`,`at`);--> statement-breakpoint
DROP INDEX `orders_member`;--> statement-breakpoint
ALTER TABLE `orders` ADD `lines_asked` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Hand-written: orders placed before this migration asked for the lines they hold (short lines were not recorded).
UPDATE `orders` SET `lines_asked` = (SELECT count(*) FROM `order_items` WHERE `order_items`.`order_id` = `orders`.`id`);--> statement-breakpoint
-- Hand-written: each refused message recorded so far is at least its first sold-out line (quantities unknown: 0).
INSERT OR IGNORE INTO `order_shortfalls` (`community_id`, `product_id`, `source_msg_id`, `wanted_milli`, `left_milli`, `placed`, `at`)
  SELECT `community_id`, `product_id`, `source_msg_id`, 0, 0, 0, `at` FROM `stock_outs`;--> statement-breakpoint
CREATE INDEX `orders_community_time` ON `orders` (`community_id`,`status`,`created_at`,`total_fen`,`lines_asked`);--> statement-breakpoint
CREATE INDEX `orders_member` ON `orders` (`member_id`,`created_at`,`status`);--> statement-breakpoint
ALTER TABLE `survey_answers` ADD `score` integer;--> statement-breakpoint
ALTER TABLE `surveys` ADD `kind` text DEFAULT 'free' NOT NULL;--> statement-breakpoint
CREATE INDEX `tickets_community_resolved` ON `tickets` (`community_id`,`resolved_at`);--> statement-breakpoint
CREATE INDEX `order_items_product` ON `order_items` (`product_id`,`order_id`);