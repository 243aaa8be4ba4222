CREATE TABLE `presale_orders` (
	`order_id` integer PRIMARY KEY NOT NULL,
	`sale_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sale_id`) REFERENCES `big_sales`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `presale_orders_sale` ON `presale_orders` (`sale_id`);