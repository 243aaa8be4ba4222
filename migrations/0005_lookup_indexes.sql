CREATE INDEX `members_contact` ON `members` (`contact_id`);--> statement-breakpoint
CREATE INDEX `outbox_conversation_sent` ON `outbox` (`conversation_id`,`sent_at`) WHERE sent_at IS NOT NULL;