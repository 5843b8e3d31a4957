CREATE TABLE "admin_units" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_set" text NOT NULL,
	"code" text NOT NULL,
	"level" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"full_name" text NOT NULL,
	"name_en" text,
	"parent_id" integer,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "admin_units_unitSet_code_unique" UNIQUE("unit_set","code")
);
--> statement-breakpoint
CREATE TABLE "app_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"actor_ip" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_key" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"import_id" integer
);
--> statement-breakpoint
CREATE TABLE "framework_nodes" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"parent_id" integer,
	"level" smallint NOT NULL,
	"code" text NOT NULL,
	"slug" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"max_score" double precision NOT NULL,
	"weight" double precision DEFAULT 1 NOT NULL,
	"redefined" boolean DEFAULT false NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "framework_nodes_versionId_code_unique" UNIQUE("version_id","code"),
	CONSTRAINT "framework_nodes_versionId_slug_unique" UNIQUE("version_id","slug")
);
--> statement-breakpoint
CREATE TABLE "framework_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"index_code" text NOT NULL,
	"code" text NOT NULL,
	"from_year" integer NOT NULL,
	"to_year" integer,
	"aggregation" text NOT NULL,
	"break_from_previous" boolean DEFAULT false NOT NULL,
	"note_vi" text NOT NULL,
	"note_en" text NOT NULL,
	CONSTRAINT "framework_versions_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "indices" (
	"code" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"publisher_vi" text NOT NULL,
	"publisher_en" text NOT NULL,
	"levels" jsonb NOT NULL,
	"units_valid_on" text NOT NULL,
	"published_decimals" smallint,
	"definition_sha256" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "official_groups" (
	"year" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"index_code" text NOT NULL,
	"scope" text NOT NULL,
	"group_code" text NOT NULL,
	"source" text,
	"import_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "official_groups_index_code_year_unit_id_scope_pk" PRIMARY KEY("index_code","year","unit_id","scope")
);
--> statement-breakpoint
CREATE TABLE "result_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"index_code" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"format" text NOT NULL,
	"row_count" integer NOT NULL,
	"inserted" integer NOT NULL,
	"updated" integer NOT NULL,
	"removed" integer NOT NULL,
	"unchanged" integer NOT NULL,
	"groups_changed" integer NOT NULL,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scores" (
	"year" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"node_id" integer NOT NULL,
	"value" double precision NOT NULL,
	"import_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scores_year_unit_id_node_id_pk" PRIMARY KEY("year","unit_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "unit_successions" (
	"predecessor_id" integer NOT NULL,
	"successor_id" integer NOT NULL,
	"effective_on" date NOT NULL,
	CONSTRAINT "unit_successions_predecessor_id_successor_id_pk" PRIMARY KEY("predecessor_id","successor_id")
);
--> statement-breakpoint
ALTER TABLE "admin_units" ADD CONSTRAINT "admin_units_parent_id_admin_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."admin_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_import_id_result_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."result_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_nodes" ADD CONSTRAINT "framework_nodes_version_id_framework_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."framework_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_nodes" ADD CONSTRAINT "framework_nodes_parent_id_framework_nodes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."framework_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_versions" ADD CONSTRAINT "framework_versions_index_code_indices_code_fk" FOREIGN KEY ("index_code") REFERENCES "public"."indices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_groups" ADD CONSTRAINT "official_groups_unit_id_admin_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."admin_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_groups" ADD CONSTRAINT "official_groups_index_code_indices_code_fk" FOREIGN KEY ("index_code") REFERENCES "public"."indices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_groups" ADD CONSTRAINT "official_groups_import_id_result_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."result_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_imports" ADD CONSTRAINT "result_imports_index_code_indices_code_fk" FOREIGN KEY ("index_code") REFERENCES "public"."indices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_unit_id_admin_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."admin_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_node_id_framework_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."framework_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_import_id_result_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."result_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_successions" ADD CONSTRAINT "unit_successions_predecessor_id_admin_units_id_fk" FOREIGN KEY ("predecessor_id") REFERENCES "public"."admin_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_successions" ADD CONSTRAINT "unit_successions_successor_id_admin_units_id_fk" FOREIGN KEY ("successor_id") REFERENCES "public"."admin_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admin_units_parent_id_index" ON "admin_units" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_index" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_type_entity_key_index" ON "audit_log" USING btree ("entity_type","entity_key");