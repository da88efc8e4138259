ALTER TABLE "share_roles" ADD COLUMN "resource_type" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "share_roles" ADD COLUMN "resource_guid" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "share_roles" ADD COLUMN "grantee_type" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "share_roles" ADD COLUMN "grantee_guid" text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE "share_roles" SET "resource_type" = s."resource_type", "resource_guid" = s."resource_guid", "grantee_type" = s."grantee_type", "grantee_guid" = s."grantee_guid" FROM "shares" s WHERE s."guid" = "share_roles"."share_guid";--> statement-breakpoint
CREATE INDEX "service_instances_type" ON "service_instances" USING btree ("type");--> statement-breakpoint
CREATE INDEX "share_roles_kind" ON "share_roles" USING btree ("grantee_type","resource_type","role");--> statement-breakpoint
CREATE INDEX "share_roles_user_roles" ON "share_roles" USING btree ("grantee_type") WHERE resource_type IN ('organization', 'space');--> statement-breakpoint
CREATE INDEX "share_roles_grantee" ON "share_roles" USING btree ("grantee_guid","grantee_type","resource_type","role");--> statement-breakpoint
CREATE INDEX "share_roles_resource" ON "share_roles" USING btree ("resource_guid","resource_type","grantee_type","grantee_guid","role");