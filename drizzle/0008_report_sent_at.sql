ALTER TABLE "agency_reports" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
-- Reports sent before this column existed: their last approval is the best date known.
UPDATE "agency_reports" SET "sent_at" = "approved_at" WHERE "approved_at" IS NOT NULL;
