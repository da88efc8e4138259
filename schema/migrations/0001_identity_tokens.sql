CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guid` text NOT NULL,
	`digest` text NOT NULL,
	`user_guid` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_guid`) REFERENCES `users`(`guid`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_guid` ON `api_tokens` (`guid`);--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_digest` ON `api_tokens` (`digest`);--> statement-breakpoint
CREATE INDEX `api_tokens_user` ON `api_tokens` (`user_guid`);--> statement-breakpoint
CREATE TABLE `refresh_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guid` text NOT NULL,
	`digest` text NOT NULL,
	`user_guid` text NOT NULL,
	`client_id` text NOT NULL,
	`scopes` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_guid`) REFERENCES `users`(`guid`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refresh_tokens_guid` ON `refresh_tokens` (`guid`);--> statement-breakpoint
CREATE UNIQUE INDEX `refresh_tokens_digest` ON `refresh_tokens` (`digest`);--> statement-breakpoint
CREATE INDEX `refresh_tokens_user` ON `refresh_tokens` (`user_guid`);