DROP INDEX "dsr_steps_request_idx";--> statement-breakpoint
ALTER TABLE "data_subject_request_steps" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
CREATE INDEX "dsr_steps_request_idx" ON "data_subject_request_steps" USING btree ("request_id","seq");