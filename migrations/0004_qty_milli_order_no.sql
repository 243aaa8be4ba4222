-- Quantities become integers: thousandths of the product's selling unit (src/quantity.ts), converted with
-- ROUND(x * 1000). SQLite cannot add a NOT NULL column without a default, so the new columns get DEFAULT 0
-- here (the schema declares none where every insert must give a value); the old REAL columns are dropped.
ALTER TABLE `batches` ADD `qty_milli` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `batches` ADD `withdrawn_qty_milli` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `batches` SET `qty_milli` = CAST(ROUND(`qty` * 1000) AS INTEGER), `withdrawn_qty_milli` = CAST(ROUND(`withdrawn_qty` * 1000) AS INTEGER);--> statement-breakpoint
ALTER TABLE `batches` DROP COLUMN `qty`;--> statement-breakpoint
ALTER TABLE `batches` DROP COLUMN `withdrawn_qty`;--> statement-breakpoint
ALTER TABLE `centre_stock` ADD `qty_milli` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `centre_stock` SET `qty_milli` = CAST(ROUND(`qty` * 1000) AS INTEGER);--> statement-breakpoint
ALTER TABLE `centre_stock` DROP COLUMN `qty`;--> statement-breakpoint
ALTER TABLE `replenishments` ADD `suggested_qty_milli` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `replenishments` SET `suggested_qty_milli` = CAST(ROUND(`suggested_qty` * 1000) AS INTEGER);--> statement-breakpoint
ALTER TABLE `replenishments` DROP COLUMN `suggested_qty`;--> statement-breakpoint
ALTER TABLE `stock_alerts` ADD `stock_milli` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `stock_alerts` SET `stock_milli` = CAST(ROUND(`stock` * 1000) AS INTEGER);--> statement-breakpoint
ALTER TABLE `stock_alerts` DROP COLUMN `stock`;--> statement-breakpoint
ALTER TABLE `stock_movements` ADD `qty_milli` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `stock_movements` SET `qty_milli` = CAST(ROUND(`qty` * 1000) AS INTEGER);--> statement-breakpoint
ALTER TABLE `stock_movements` DROP COLUMN `qty`;--> statement-breakpoint
ALTER TABLE `order_items` ADD `qty_milli` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `order_items` SET `qty_milli` = CAST(ROUND(`qty` * 1000) AS INTEGER);--> statement-breakpoint
ALTER TABLE `order_items` DROP COLUMN `qty`;--> statement-breakpoint
-- Existing orders are numbered per community in the order they were placed.
ALTER TABLE `orders` ADD `order_no` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `orders` SET `order_no` = (SELECT COUNT(*) FROM `orders` o2 WHERE o2.`community_id` = `orders`.`community_id` AND o2.`id` <= `orders`.`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_community_no` ON `orders` (`community_id`,`order_no`);--> statement-breakpoint
ALTER TABLE `products` ADD `stock_milli` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `reserved_milli` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `packs` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
UPDATE `products` SET `stock_milli` = CAST(ROUND(`stock` * 1000) AS INTEGER), `reserved_milli` = CAST(ROUND(`reserved` * 1000) AS INTEGER);--> statement-breakpoint
ALTER TABLE `products` DROP COLUMN `stock`;--> statement-breakpoint
ALTER TABLE `products` DROP COLUMN `reserved`;
