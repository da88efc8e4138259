CREATE TABLE `sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guid` text NOT NULL,
	`digest` text NOT NULL,
	`user_guid` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_guid`) REFERENCES `users`(`guid`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_guid` ON `sessions` (`guid`);--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_digest` ON `sessions` (`digest`);--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_guid`);--> statement-breakpoint
CREATE INDEX `sessions_expires` ON `sessions` (`expires_at`);--> statement-breakpoint
ALTER TABLE `operations` ADD `result` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `operations` ADD `hooks` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `operations` ADD `hook_results` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `operations` ADD `notify_due` integer;--> statement-breakpoint
ALTER TABLE `operations` ADD `started_at` integer;--> statement-breakpoint
ALTER TABLE `operations` ADD `finished_at` integer;--> statement-breakpoint
CREATE INDEX `operations_notify_due` ON `operations` (`notify_due`) WHERE notify_due IS NOT NULL;