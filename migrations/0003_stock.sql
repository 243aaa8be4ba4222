CREATE TABLE `batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`qty` real NOT NULL,
	`location` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`withdrawn_qty` real DEFAULT 0 NOT NULL,
	`created_by` text NOT NULL,
	`received_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `batches_product_seq` ON `batches` (`product_id`,`seq`);--> statement-breakpoint
CREATE INDEX `batches_community` ON `batches` (`community_id`);--> statement-breakpoint
CREATE TABLE `centre_stock` (
	`product_id` integer PRIMARY KEY NOT NULL,
	`community_id` integer NOT NULL,
	`qty` real DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `delivery_providers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`priority` integer NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `delivery_providers_priority` ON `delivery_providers` (`community_id`,`priority`);--> statement-breakpoint
CREATE TABLE `delivery_slots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`provider_priority` integer NOT NULL,
	`provider_name` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`checked_at` integer,
	`late_orders` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `delivery_slots_due` ON `delivery_slots` (`ends_at`);--> statement-breakpoint
CREATE TABLE `qc_checks` (
	`batch_id` integer NOT NULL,
	`stage` text NOT NULL,
	`passed` integer NOT NULL,
	`note` text,
	`by_contact_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`batch_id`, `stage`),
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `replenishments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`episode` integer NOT NULL,
	`level` integer NOT NULL,
	`avg_daily` real NOT NULL,
	`lead_days` real NOT NULL,
	`suggested_qty` real NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`batch_id` integer,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `replenishments_episode` ON `replenishments` (`product_id`,`episode`);--> statement-breakpoint
CREATE INDEX `replenishments_community` ON `replenishments` (`community_id`,`status`);--> statement-breakpoint
CREATE TABLE `slot_orders` (
	`slot_id` integer NOT NULL,
	`order_id` integer NOT NULL,
	FOREIGN KEY (`slot_id`) REFERENCES `delivery_slots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `slot_orders_order_id_unique` ON `slot_orders` (`order_id`);--> statement-breakpoint
CREATE INDEX `slot_orders_slot` ON `slot_orders` (`slot_id`);--> statement-breakpoint
CREATE TABLE `stock_alert_states` (
	`product_id` integer PRIMARY KEY NOT NULL,
	`community_id` integer NOT NULL,
	`episode` integer DEFAULT 1 NOT NULL,
	`level` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `stock_alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`level` integer NOT NULL,
	`episode` integer NOT NULL,
	`stock` real NOT NULL,
	`avg_daily` real NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_alerts_once` ON `stock_alerts` (`product_id`,`level`,`episode`);--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`kind` text NOT NULL,
	`location` text NOT NULL,
	`qty` real NOT NULL,
	`batch_id` integer,
	`by_contact_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stock_movements_product` ON `stock_movements` (`product_id`,`at`);--> statement-breakpoint
CREATE TABLE `stock_outs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`source_msg_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_outs_source_msg_id_unique` ON `stock_outs` (`source_msg_id`);--> statement-breakpoint
CREATE INDEX `stock_outs_community` ON `stock_outs` (`community_id`,`at`);--> statement-breakpoint
CREATE TABLE `stock_policies` (
	`community_id` integer PRIMARY KEY NOT NULL,
	`yellow_days` real NOT NULL,
	`orange_days` real NOT NULL,
	`red_days` real NOT NULL,
	`lead_days` real NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
