ALTER TABLE `outbox` ADD `reported_at` integer;--> statement-breakpoint
CREATE INDEX `outbox_failed` ON `outbox` (`conversation_id`) WHERE status = 'failed';