ALTER TABLE `outbox` ADD `reported_at` integer;--> statement-breakpoint
CREATE INDEX `outbox_conversation_sent` ON `outbox` (`conversation_id`,`sent_at`) WHERE sent_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `outbox_failed` ON `outbox` (`conversation_id`) WHERE status = 'failed';--> statement-breakpoint
CREATE INDEX `members_contact` ON `members` (`contact_id`);