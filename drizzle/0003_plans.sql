CREATE TABLE "plan_targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"position" integer NOT NULL,
	"node" text NOT NULL,
	"kind" text NOT NULL,
	"value" double precision,
	"comparator" text DEFAULT '=' NOT NULL,
	"stated_increase" double precision,
	"group_code" text,
	"rank_top" integer,
	"rank_gain" integer,
	"stated_text" text
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"province_unit_id" integer NOT NULL,
	"organisation_id" integer,
	"parent_plan_id" integer,
	"index_code" text NOT NULL,
	"year" integer NOT NULL,
	"baseline_year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"number" text,
	"issued_on" date,
	"place" text,
	"issuing_body" text NOT NULL,
	"parent_body" text,
	"summary" text NOT NULL,
	"signer_authority" text,
	"signer_title" text,
	"signer_name" text,
	"context" text,
	"objectives" text,
	"requirements" text,
	"implementation" text,
	"sub_plan_deadline" date,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plan_targets" ADD CONSTRAINT "plan_targets_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_province_unit_id_admin_units_id_fk" FOREIGN KEY ("province_unit_id") REFERENCES "public"."admin_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_parent_plan_id_plans_id_fk" FOREIGN KEY ("parent_plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_index_code_indices_code_fk" FOREIGN KEY ("index_code") REFERENCES "public"."indices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_targets_plan_id_index" ON "plan_targets" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plans_province_unit_id_year_index" ON "plans" USING btree ("province_unit_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_number" ON "plans" USING btree ("province_unit_id","number") WHERE number is not null;