CREATE TABLE "agency_report_figures" (
	"report_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"value" double precision,
	CONSTRAINT "agency_report_figures_report_id_indicator_id_pk" PRIMARY KEY("report_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "agency_report_tasks" (
	"report_id" integer NOT NULL,
	"task_id" integer NOT NULL,
	"status" text DEFAULT 'not-started' NOT NULL,
	"progress" smallint DEFAULT 0 NOT NULL,
	"narrative" text,
	CONSTRAINT "agency_report_tasks_report_id_task_id_pk" PRIMARY KEY("report_id","task_id")
);
--> statement-breakpoint
CREATE TABLE "agency_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"regime_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"period_key" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"sections" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"difficulties" text,
	"proposals" text,
	"next_tasks" text,
	"prefilled_from_id" integer,
	"first_submitted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"submitted_by" integer,
	"approved_at" timestamp with time zone,
	"approved_by" integer,
	"accepted_at" timestamp with time zone,
	"accepted_by" integer,
	"returned_at" timestamp with time zone,
	"returned_by" integer,
	"return_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_reports_one_per_period" UNIQUE("regime_id","organisation_id","period_key")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"report_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reporting_agencies" (
	"regime_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"level" text NOT NULL,
	CONSTRAINT "reporting_agencies_regime_id_organisation_id_pk" PRIMARY KEY("regime_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "reporting_regimes" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"period_kinds" jsonb NOT NULL,
	"cut_off_day" smallint DEFAULT 15 NOT NULL,
	"deadline_days" jsonb NOT NULL,
	"outline" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reporting_regimes_planId_unique" UNIQUE("plan_id")
);
--> statement-breakpoint
ALTER TABLE "plan_task_indicators" ADD COLUMN "value_type" text DEFAULT 'decimal' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_task_indicators" ADD COLUMN "min_value" double precision;--> statement-breakpoint
ALTER TABLE "plan_task_indicators" ADD COLUMN "max_value" double precision;--> statement-breakpoint
ALTER TABLE "plan_task_indicators" ADD COLUMN "required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_task_indicators" ADD COLUMN "not_above_position" integer;--> statement-breakpoint
ALTER TABLE "agency_report_figures" ADD CONSTRAINT "agency_report_figures_report_id_agency_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."agency_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_report_figures" ADD CONSTRAINT "agency_report_figures_indicator_id_plan_task_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."plan_task_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_report_tasks" ADD CONSTRAINT "agency_report_tasks_report_id_agency_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."agency_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_report_tasks" ADD CONSTRAINT "agency_report_tasks_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_reports" ADD CONSTRAINT "agency_reports_regime_id_reporting_regimes_id_fk" FOREIGN KEY ("regime_id") REFERENCES "public"."reporting_regimes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_reports" ADD CONSTRAINT "agency_reports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_reports" ADD CONSTRAINT "agency_reports_prefilled_from_id_agency_reports_id_fk" FOREIGN KEY ("prefilled_from_id") REFERENCES "public"."agency_reports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_reports" ADD CONSTRAINT "agency_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_reports" ADD CONSTRAINT "agency_reports_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_reports" ADD CONSTRAINT "agency_reports_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_reports" ADD CONSTRAINT "agency_reports_returned_by_users_id_fk" FOREIGN KEY ("returned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_report_id_agency_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."agency_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_agencies" ADD CONSTRAINT "reporting_agencies_regime_id_reporting_regimes_id_fk" FOREIGN KEY ("regime_id") REFERENCES "public"."reporting_regimes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_agencies" ADD CONSTRAINT "reporting_agencies_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_regimes" ADD CONSTRAINT "reporting_regimes_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_reports_regime_id_period_key_index" ON "agency_reports" USING btree ("regime_id","period_key");--> statement-breakpoint
CREATE INDEX "notifications_user_id_created_at_index" ON "notifications" USING btree ("user_id","created_at");