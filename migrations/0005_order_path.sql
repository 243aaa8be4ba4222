CREATE TABLE `order_adjustments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`order_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`from_qty_milli` integer NOT NULL,
	`to_qty_milli` integer NOT NULL,
	`by_contact_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `order_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_adjustments_order` ON `order_adjustments` (`order_id`);--> statement-breakpoint
CREATE TABLE `private_choices` (
	`contact_id` text PRIMARY KEY NOT NULL,
	`community_id` integer NOT NULL,
	`chosen_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `groups` ADD `recent_post_products` text;--> statement-breakpoint
ALTER TABLE `groups` ADD `recent_post_at` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `arrived_at` integer;