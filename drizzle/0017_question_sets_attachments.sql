CREATE TYPE "public"."answer_type" AS ENUM('YES_NO', 'CHOICE', 'DATE', 'TEXT', 'DOCUMENT');--> statement-breakpoint
CREATE TYPE "public"."question_set_status" AS ENUM('PUBLISHED', 'RETIRED');--> statement-breakpoint
CREATE TABLE "attachment_chunks" (
	"attachment_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "attachment_chunks_attachment_id_seq_pk" PRIMARY KEY("attachment_id","seq")
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint DEFAULT 0 NOT NULL,
	"sha256" text,
	"uploaded_by_authority_id" uuid NOT NULL,
	"uploaded_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "procedure_question_sets" (
	"procedure_id" uuid PRIMARY KEY NOT NULL,
	"question_set_version_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "question_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"value" text,
	"attachment_id" uuid,
	"answered_by_authority_id" uuid NOT NULL,
	"answered_by_user_id" uuid,
	"answered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "question_set_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"legal_area_code" text NOT NULL,
	"title" jsonb NOT NULL,
	"status" "question_set_status" DEFAULT 'PUBLISHED' NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by_user_id" uuid,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question_set_version_id" uuid NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"answer_type" "answer_type" NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	"may_contain_personal_data" boolean NOT NULL,
	"wording" jsonb NOT NULL,
	"choices" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attachment_chunks" ADD CONSTRAINT "attachment_chunks_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_authority_id_authorities_id_fk" FOREIGN KEY ("uploaded_by_authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_question_sets" ADD CONSTRAINT "procedure_question_sets_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_question_sets" ADD CONSTRAINT "procedure_question_sets_question_set_version_id_question_set_versions_id_fk" FOREIGN KEY ("question_set_version_id") REFERENCES "public"."question_set_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_answers" ADD CONSTRAINT "question_answers_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_answers" ADD CONSTRAINT "question_answers_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_answers" ADD CONSTRAINT "question_answers_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_answers" ADD CONSTRAINT "question_answers_answered_by_authority_id_authorities_id_fk" FOREIGN KEY ("answered_by_authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_answers" ADD CONSTRAINT "question_answers_answered_by_user_id_users_id_fk" FOREIGN KEY ("answered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_set_versions" ADD CONSTRAINT "question_set_versions_legal_area_code_legal_areas_code_fk" FOREIGN KEY ("legal_area_code") REFERENCES "public"."legal_areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_set_versions" ADD CONSTRAINT "question_set_versions_published_by_user_id_users_id_fk" FOREIGN KEY ("published_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_question_set_version_id_question_set_versions_id_fk" FOREIGN KEY ("question_set_version_id") REFERENCES "public"."question_set_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_procedure_idx" ON "attachments" USING btree ("procedure_id");--> statement-breakpoint
CREATE INDEX "attachments_authority_idx" ON "attachments" USING btree ("uploaded_by_authority_id");--> statement-breakpoint
CREATE INDEX "attachments_user_idx" ON "attachments" USING btree ("uploaded_by_user_id");--> statement-breakpoint
CREATE INDEX "procedure_question_sets_version_idx" ON "procedure_question_sets" USING btree ("question_set_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "question_answers_procedure_question_idx" ON "question_answers" USING btree ("procedure_id","question_id");--> statement-breakpoint
CREATE INDEX "question_answers_question_idx" ON "question_answers" USING btree ("question_id");--> statement-breakpoint
CREATE INDEX "question_answers_attachment_idx" ON "question_answers" USING btree ("attachment_id");--> statement-breakpoint
CREATE INDEX "question_answers_authority_idx" ON "question_answers" USING btree ("answered_by_authority_id");--> statement-breakpoint
CREATE INDEX "question_answers_user_idx" ON "question_answers" USING btree ("answered_by_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "question_set_versions_code_version_idx" ON "question_set_versions" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "question_set_versions_legal_area_idx" ON "question_set_versions" USING btree ("legal_area_code");--> statement-breakpoint
CREATE INDEX "question_set_versions_published_by_idx" ON "question_set_versions" USING btree ("published_by_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "questions_version_code_idx" ON "questions" USING btree ("question_set_version_id","code");--> statement-breakpoint
-- R-RETAIN-3 (step 7, as migration 0014): answers, file names and file bytes are personal data; keep them out of pg_statistic.
ALTER TABLE "question_answers" ALTER COLUMN "value" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "attachments" ALTER COLUMN "file_name" SET STATISTICS 0;--> statement-breakpoint
-- Documents (PDF, JPEG, PNG) are compressed already: stored out of line without a second compression attempt.
ALTER TABLE "attachment_chunks" ALTER COLUMN "data" SET STATISTICS 0, ALTER COLUMN "data" SET STORAGE EXTERNAL;
