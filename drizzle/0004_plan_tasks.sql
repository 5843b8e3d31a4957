CREATE TABLE "plan_task_agencies" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"role" text NOT NULL,
	"organisation_id" integer,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_task_indicators" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"unit" text,
	"aggregation" text NOT NULL,
	"numerator_position" integer,
	"denominator_position" integer,
	"target_value" double precision
);
--> statement-breakpoint
CREATE TABLE "plan_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"position" integer NOT NULL,
	"ref" text,
	"text" text NOT NULL,
	"nodes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"due_on" date,
	"recurrence" text,
	"output" text
);
--> statement-breakpoint
ALTER TABLE "plan_task_agencies" ADD CONSTRAINT "plan_task_agencies_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_agencies" ADD CONSTRAINT "plan_task_agencies_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_indicators" ADD CONSTRAINT "plan_task_indicators_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_task_agencies_task_id_index" ON "plan_task_agencies" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "plan_task_agencies_organisation_id_index" ON "plan_task_agencies" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "plan_task_indicators_task_id_index" ON "plan_task_indicators" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "plan_tasks_plan_id_index" ON "plan_tasks" USING btree ("plan_id");