ALTER TABLE `share_roles` ADD `resource_type` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `share_roles` ADD `resource_guid` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `share_roles` ADD `grantee_type` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `share_roles` ADD `grantee_guid` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `share_roles` SET `resource_type` = (SELECT `resource_type` FROM `shares` WHERE `shares`.`guid` = `share_roles`.`share_guid`), `resource_guid` = (SELECT `resource_guid` FROM `shares` WHERE `shares`.`guid` = `share_roles`.`share_guid`), `grantee_type` = (SELECT `grantee_type` FROM `shares` WHERE `shares`.`guid` = `share_roles`.`share_guid`), `grantee_guid` = (SELECT `grantee_guid` FROM `shares` WHERE `shares`.`guid` = `share_roles`.`share_guid`);--> statement-breakpoint
CREATE INDEX `share_roles_kind` ON `share_roles` (`grantee_type`,`resource_type`,`role`);--> statement-breakpoint
CREATE INDEX `share_roles_user_roles` ON `share_roles` (`grantee_type`) WHERE resource_type IN ('organization', 'space');--> statement-breakpoint
CREATE INDEX `share_roles_grantee` ON `share_roles` (`grantee_guid`,`grantee_type`,`resource_type`,`role`);--> statement-breakpoint
CREATE INDEX `share_roles_resource` ON `share_roles` (`resource_guid`,`resource_type`,`grantee_type`,`grantee_guid`,`role`);