CREATE TABLE `usage` (
	`day` text NOT NULL,
	`dialect` text NOT NULL,
	`route` text NOT NULL,
	`client_id` text DEFAULT '' NOT NULL,
	`agent` text DEFAULT '' NOT NULL,
	`user_guid` text DEFAULT '' NOT NULL,
	`user_name` text DEFAULT '' NOT NULL,
	`count` integer NOT NULL,
	`first_seen` integer NOT NULL,
	`last_seen` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usage_key` ON `usage` (`day`,`dialect`,`route`,`client_id`,`agent`,`user_guid`);--> statement-breakpoint
CREATE INDEX `usage_user` ON `usage` (`user_guid`);