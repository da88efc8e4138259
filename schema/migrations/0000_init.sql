CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guid` text NOT NULL,
	`type` text NOT NULL,
	`actor_guid` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_name` text,
	`target_guid` text NOT NULL,
	`target_type` text NOT NULL,
	`target_name` text,
	`data` text DEFAULT '{}' NOT NULL,
	`space_guid` text,
	`organization_guid` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_guid` ON `events` (`guid`);--> statement-breakpoint
CREATE INDEX `events_type` ON `events` (`type`);--> statement-breakpoint
CREATE INDEX `events_target` ON `events` (`target_guid`);--> statement-breakpoint
CREATE INDEX `events_space` ON `events` (`space_guid`);--> statement-breakpoint
CREATE TABLE `feature_flags` (
	`name` text PRIMARY KEY NOT NULL,
	`enabled` integer NOT NULL,
	`custom_error_message` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `operations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guid` text NOT NULL,
	`operation` text NOT NULL,
	`state` text NOT NULL,
	`resource_type` text,
	`resource_guid` text,
	`user_guid` text,
	`input` text DEFAULT '{}' NOT NULL,
	`errors` text DEFAULT '[]' NOT NULL,
	`warnings` text DEFAULT '[]' NOT NULL,
	`run_after` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `operations_guid` ON `operations` (`guid`);--> statement-breakpoint
CREATE INDEX `operations_due` ON `operations` (`state`,`run_after`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guid` text NOT NULL,
	`name` text NOT NULL,
	`suspended` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`labels` text DEFAULT '{}' NOT NULL,
	`annotations` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_guid` ON `organizations` (`guid`);--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_name` ON `organizations` (`name`);--> statement-breakpoint
CREATE TABLE `secrets` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `service_instances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guid` text NOT NULL,
	`space_guid` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`service_plan_guid` text,
	`owner_guid` text,
	`credentials` text DEFAULT '{}' NOT NULL,
	`parameters` text DEFAULT '{}' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`syslog_drain_url` text,
	`route_service_url` text,
	`dashboard_url` text,
	`maintenance_info` text,
	`last_operation_type` text NOT NULL,
	`last_operation_state` text NOT NULL,
	`last_operation_description` text,
	`last_operation_created_at` integer NOT NULL,
	`last_operation_updated_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`labels` text DEFAULT '{}' NOT NULL,
	`annotations` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`space_guid`) REFERENCES `spaces`(`guid`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_instances_guid` ON `service_instances` (`guid`);--> statement-breakpoint
CREATE UNIQUE INDEX `service_instances_space_name` ON `service_instances` (`space_guid`,`name`);--> statement-breakpoint
CREATE INDEX `service_instances_name` ON `service_instances` (`name`);--> statement-breakpoint
CREATE INDEX `service_instances_plan` ON `service_instances` (`service_plan_guid`);--> statement-breakpoint
CREATE INDEX `service_instances_created` ON `service_instances` (`created_at`);--> statement-breakpoint
CREATE INDEX `service_instances_updated` ON `service_instances` (`updated_at`);--> statement-breakpoint
CREATE TABLE `share_roles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guid` text NOT NULL,
	`share_guid` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`share_guid`) REFERENCES `shares`(`guid`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `share_roles_guid` ON `share_roles` (`guid`);--> statement-breakpoint
CREATE UNIQUE INDEX `share_roles_share_role` ON `share_roles` (`share_guid`,`role`);--> statement-breakpoint
CREATE TABLE `shares` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guid` text NOT NULL,
	`resource_type` text NOT NULL,
	`resource_guid` text NOT NULL,
	`grantee_type` text NOT NULL,
	`grantee_guid` text NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shares_guid` ON `shares` (`guid`);--> statement-breakpoint
CREATE UNIQUE INDEX `shares_live_pair` ON `shares` (`resource_type`,`resource_guid`,`grantee_type`,`grantee_guid`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `shares_grantee` ON `shares` (`grantee_type`,`grantee_guid`);--> statement-breakpoint
CREATE TABLE `spaces` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guid` text NOT NULL,
	`organization_guid` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`labels` text DEFAULT '{}' NOT NULL,
	`annotations` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`organization_guid`) REFERENCES `organizations`(`guid`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `spaces_guid` ON `spaces` (`guid`);--> statement-breakpoint
CREATE UNIQUE INDEX `spaces_org_name` ON `spaces` (`organization_guid`,`name`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guid` text NOT NULL,
	`username` text,
	`origin` text,
	`email` text,
	`password_hash` text,
	`scopes` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`labels` text DEFAULT '{}' NOT NULL,
	`annotations` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_guid` ON `users` (`guid`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_origin_username` ON `users` (`origin`,`username`);--> statement-breakpoint
CREATE INDEX `users_username` ON `users` (`username`);