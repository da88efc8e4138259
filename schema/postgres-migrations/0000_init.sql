CREATE TABLE "api_tokens" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"guid" text NOT NULL,
	"digest" text NOT NULL,
	"user_guid" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"guid" text NOT NULL,
	"type" text NOT NULL,
	"actor_guid" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_name" text,
	"target_guid" text NOT NULL,
	"target_type" text NOT NULL,
	"target_name" text,
	"data" text DEFAULT '{}' NOT NULL,
	"space_guid" text,
	"organization_guid" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feature_flags" (
	"name" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"custom_error_message" text,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "operations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"guid" text NOT NULL,
	"operation" text NOT NULL,
	"state" text NOT NULL,
	"resource_type" text,
	"resource_guid" text,
	"user_guid" text,
	"input" text DEFAULT '{}' NOT NULL,
	"errors" text DEFAULT '[]' NOT NULL,
	"warnings" text DEFAULT '[]' NOT NULL,
	"run_after" bigint NOT NULL,
	"result" text DEFAULT '{}' NOT NULL,
	"hooks" text DEFAULT '{}' NOT NULL,
	"hook_results" text DEFAULT '[]' NOT NULL,
	"notify_due" bigint,
	"started_at" bigint,
	"finished_at" bigint,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organizations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"guid" text NOT NULL,
	"name" text NOT NULL,
	"suspended" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"labels" text DEFAULT '{}' NOT NULL,
	"annotations" text DEFAULT '{}' NOT NULL,
	CONSTRAINT "organizations_guid" UNIQUE("guid")
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "refresh_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"guid" text NOT NULL,
	"digest" text NOT NULL,
	"user_guid" text NOT NULL,
	"client_id" text NOT NULL,
	"scopes" text DEFAULT '[]' NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_instances" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_instances_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"guid" text NOT NULL,
	"space_guid" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"service_plan_guid" text,
	"owner_guid" text,
	"credentials" text DEFAULT '{}' NOT NULL,
	"parameters" text DEFAULT '{}' NOT NULL,
	"tags" text DEFAULT '[]' NOT NULL,
	"syslog_drain_url" text,
	"route_service_url" text,
	"dashboard_url" text,
	"maintenance_info" text,
	"last_operation_type" text NOT NULL,
	"last_operation_state" text NOT NULL,
	"last_operation_description" text,
	"last_operation_created_at" bigint NOT NULL,
	"last_operation_updated_at" bigint NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"labels" text DEFAULT '{}' NOT NULL,
	"annotations" text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"guid" text NOT NULL,
	"digest" text NOT NULL,
	"user_guid" text NOT NULL,
	"created_at" bigint NOT NULL,
	"last_used_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_roles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "share_roles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"guid" text NOT NULL,
	"share_guid" text NOT NULL,
	"role" text NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shares" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "shares_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"guid" text NOT NULL,
	"resource_type" text NOT NULL,
	"resource_guid" text NOT NULL,
	"grantee_type" text NOT NULL,
	"grantee_guid" text NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"deleted_at" bigint,
	CONSTRAINT "shares_guid" UNIQUE("guid")
);
--> statement-breakpoint
CREATE TABLE "spaces" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "spaces_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"guid" text NOT NULL,
	"organization_guid" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"labels" text DEFAULT '{}' NOT NULL,
	"annotations" text DEFAULT '{}' NOT NULL,
	CONSTRAINT "spaces_guid" UNIQUE("guid")
);
--> statement-breakpoint
CREATE TABLE "usage" (
	"day" text NOT NULL,
	"dialect" text NOT NULL,
	"route" text NOT NULL,
	"client_id" text DEFAULT '' NOT NULL,
	"agent" text DEFAULT '' NOT NULL,
	"user_guid" text DEFAULT '' NOT NULL,
	"user_name" text DEFAULT '' NOT NULL,
	"count" bigint NOT NULL,
	"first_seen" bigint NOT NULL,
	"last_seen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"guid" text NOT NULL,
	"username" text,
	"origin" text,
	"email" text,
	"password_hash" text,
	"cf_user" boolean DEFAULT true NOT NULL,
	"scopes" text DEFAULT '[]' NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"labels" text DEFAULT '{}' NOT NULL,
	"annotations" text DEFAULT '{}' NOT NULL,
	CONSTRAINT "users_guid" UNIQUE("guid")
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_guid_users_guid_fk" FOREIGN KEY ("user_guid") REFERENCES "users"("guid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_guid_users_guid_fk" FOREIGN KEY ("user_guid") REFERENCES "users"("guid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_instances" ADD CONSTRAINT "service_instances_space_guid_spaces_guid_fk" FOREIGN KEY ("space_guid") REFERENCES "spaces"("guid") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_guid_users_guid_fk" FOREIGN KEY ("user_guid") REFERENCES "users"("guid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_roles" ADD CONSTRAINT "share_roles_share_guid_shares_guid_fk" FOREIGN KEY ("share_guid") REFERENCES "shares"("guid") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spaces" ADD CONSTRAINT "spaces_organization_guid_organizations_guid_fk" FOREIGN KEY ("organization_guid") REFERENCES "organizations"("guid") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_guid" ON "api_tokens" USING btree ("guid");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_digest" ON "api_tokens" USING btree ("digest");--> statement-breakpoint
CREATE INDEX "api_tokens_user" ON "api_tokens" USING btree ("user_guid");--> statement-breakpoint
CREATE UNIQUE INDEX "events_guid" ON "events" USING btree ("guid");--> statement-breakpoint
CREATE INDEX "events_type" ON "events" USING btree ("type");--> statement-breakpoint
CREATE INDEX "events_target" ON "events" USING btree ("target_guid");--> statement-breakpoint
CREATE INDEX "events_space" ON "events" USING btree ("space_guid");--> statement-breakpoint
CREATE UNIQUE INDEX "operations_guid" ON "operations" USING btree ("guid");--> statement-breakpoint
CREATE INDEX "operations_due" ON "operations" USING btree ("state","run_after");--> statement-breakpoint
CREATE INDEX "operations_notify_due" ON "operations" USING btree ("notify_due") WHERE notify_due IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_name" ON "organizations" USING btree ("name");--> statement-breakpoint
CREATE INDEX "organizations_lower_name" ON "organizations" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "refresh_tokens_guid" ON "refresh_tokens" USING btree ("guid");--> statement-breakpoint
CREATE UNIQUE INDEX "refresh_tokens_digest" ON "refresh_tokens" USING btree ("digest");--> statement-breakpoint
CREATE INDEX "refresh_tokens_user" ON "refresh_tokens" USING btree ("user_guid");--> statement-breakpoint
CREATE UNIQUE INDEX "service_instances_guid" ON "service_instances" USING btree ("guid");--> statement-breakpoint
CREATE UNIQUE INDEX "service_instances_space_name" ON "service_instances" USING btree ("space_guid","name");--> statement-breakpoint
CREATE INDEX "service_instances_name" ON "service_instances" USING btree ("name");--> statement-breakpoint
CREATE INDEX "service_instances_space_lower_name" ON "service_instances" USING btree ("space_guid",lower("name"));--> statement-breakpoint
CREATE INDEX "service_instances_plan" ON "service_instances" USING btree ("service_plan_guid");--> statement-breakpoint
CREATE INDEX "service_instances_created" ON "service_instances" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "service_instances_updated" ON "service_instances" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "service_instances_owner" ON "service_instances" USING btree ("owner_guid");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_guid" ON "sessions" USING btree ("guid");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_digest" ON "sessions" USING btree ("digest");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_guid");--> statement-breakpoint
CREATE INDEX "sessions_expires" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "share_roles_guid" ON "share_roles" USING btree ("guid");--> statement-breakpoint
CREATE UNIQUE INDEX "share_roles_share_role" ON "share_roles" USING btree ("share_guid","role");--> statement-breakpoint
CREATE UNIQUE INDEX "shares_live_pair" ON "shares" USING btree ("resource_type","resource_guid","grantee_type","grantee_guid") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "shares_live_grantee" ON "shares" USING btree ("grantee_type","grantee_guid","resource_type","resource_guid") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "spaces_org_name" ON "spaces" USING btree ("organization_guid","name");--> statement-breakpoint
CREATE UNIQUE INDEX "usage_key" ON "usage" USING btree ("day","dialect","route","client_id","agent","user_guid");--> statement-breakpoint
CREATE INDEX "usage_user" ON "usage" USING btree ("user_guid");--> statement-breakpoint
CREATE UNIQUE INDEX "users_origin_username" ON "users" USING btree ("origin","username");--> statement-breakpoint
CREATE INDEX "users_username" ON "users" USING btree ("username");