-- Issue 13: a data-subject request's personal data (the citizen's identity and words, the notes of
-- its steps: REQUEST_PERSONAL) leaves the requests' and steps' tables (metadata, read by more viewers
-- than may read it) for tables of their own, which a row policy guards (the next row-security
-- migration). What is there moves with it.
CREATE TABLE "data_subject_request_personal" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"requester_name" text NOT NULL,
	"requester_identifier" text,
	"details" text,
	"correction" jsonb,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "data_subject_request_step_notes" (
	"step_id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"note" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "data_subject_request_personal" ADD CONSTRAINT "data_subject_request_personal_request_id_data_subject_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."data_subject_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_request_step_notes" ADD CONSTRAINT "data_subject_request_step_notes_step_id_data_subject_request_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."data_subject_request_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_request_step_notes" ADD CONSTRAINT "data_subject_request_step_notes_request_id_data_subject_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."data_subject_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dsr_step_notes_request_idx" ON "data_subject_request_step_notes" USING btree ("request_id");--> statement-breakpoint
-- The correction stays text, as 0014 made it in data_subject_requests (the values as written, keys in their order).
ALTER TABLE "data_subject_request_personal" ALTER COLUMN "correction" TYPE text;--> statement-breakpoint
INSERT INTO "data_subject_request_personal" ("request_id", "requester_name", "requester_identifier", "details", "correction", "decision_note")
  SELECT "id", "requester_name", "requester_identifier", "details", "correction", "decision_note" FROM "data_subject_requests";--> statement-breakpoint
INSERT INTO "data_subject_request_step_notes" ("step_id", "request_id", "note")
  SELECT "id", "request_id", "note" FROM "data_subject_request_steps" WHERE "note" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "data_subject_request_steps" DROP COLUMN "note";--> statement-breakpoint
ALTER TABLE "data_subject_requests" DROP COLUMN "requester_name";--> statement-breakpoint
ALTER TABLE "data_subject_requests" DROP COLUMN "requester_identifier";--> statement-breakpoint
ALTER TABLE "data_subject_requests" DROP COLUMN "details";--> statement-breakpoint
ALTER TABLE "data_subject_requests" DROP COLUMN "correction";--> statement-breakpoint
ALTER TABLE "data_subject_requests" DROP COLUMN "decision_note";--> statement-breakpoint
-- As before (0014): the citizen's words never reach pg_statistic's most-common values.
ALTER TABLE "data_subject_request_personal" ALTER COLUMN "requester_name" SET STATISTICS 0, ALTER COLUMN "requester_identifier" SET STATISTICS 0, ALTER COLUMN "details" SET STATISTICS 0, ALTER COLUMN "correction" SET STATISTICS 0, ALTER COLUMN "decision_note" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "data_subject_request_step_notes" ALTER COLUMN "note" SET STATISTICS 0;
