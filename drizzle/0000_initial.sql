CREATE TYPE "public"."confidential_item_kind" AS ENUM('LEGAL_PERSON', 'MESSAGE');--> statement-breakpoint
CREATE TYPE "public"."contestation_ground" AS ENUM('ACCURACY', 'LAWFULNESS');--> statement-breakpoint
CREATE TYPE "public"."data_subject_request_kind" AS ENUM('ACCESS', 'RECTIFICATION', 'ERASURE', 'EARLY_DELETION');--> statement-breakpoint
CREATE TYPE "public"."data_subject_request_route" AS ENUM('INITIATOR', 'HELPDESK_WITH_INITIATOR', 'COMMISSION', 'NO_DATA_HELD');--> statement-breakpoint
CREATE TYPE "public"."data_subject_request_status" AS ENUM('RECEIVED', 'ESCALATED', 'APPROVED', 'REJECTED', 'COMPLETED');--> statement-breakpoint
CREATE TYPE "public"."participant_part" AS ENUM('INITIATOR', 'RESPONDER', 'RECIPIENT');--> statement-breakpoint
CREATE TYPE "public"."procedure_kind" AS ENUM('REQUEST', 'ALERT', 'NOTIFICATION', 'SOLVIT_CASE');--> statement-breakpoint
CREATE TYPE "public"."procedure_status" AS ENUM('DRAFT', 'SENT', 'ACCEPTED', 'ANSWERED', 'CLOSED');--> statement-breakpoint
CREATE TYPE "public"."reminder_kind" AS ENUM('LEFT_OPEN');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('COMMISSION', 'COORDINATOR', 'LOCAL_ADMIN', 'CASE_HANDLER', 'PORTAL');--> statement-breakpoint
CREATE TYPE "public"."sanction_category" AS ENUM('DISCIPLINARY', 'ADMINISTRATIVE', 'CRIMINAL', 'GOOD_REPUTE');--> statement-breakpoint
CREATE SEQUENCE "public"."procedure_reference_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "legal_areas" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"act_reference" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"blocking_period_months" integer DEFAULT 6 NOT NULL,
	"consent_required" boolean DEFAULT false NOT NULL,
	"closed_alerts_stay_visible" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "authorities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"member_state" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text,
	"postal_address" text NOT NULL,
	"website" text,
	"dpo_name" text NOT NULL,
	"dpo_email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "authority_legal_areas" (
	"authority_id" uuid NOT NULL,
	"legal_area_code" text NOT NULL,
	CONSTRAINT "authority_legal_areas_authority_id_legal_area_code_pk" PRIMARY KEY("authority_id","legal_area_code")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"authority_id" uuid NOT NULL,
	"name" text,
	"email" text,
	"password_hash" text,
	"totp_secret" text,
	"roles" "role"[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"deactivated_at" timestamp with time zone,
	"contact_blocked_at" timestamp with time zone,
	"contact_deleted_at" timestamp with time zone,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "participants_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"procedure_id" uuid NOT NULL,
	"authority_id" uuid NOT NULL,
	"part" "participant_part" NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"forwarded_at" timestamp with time zone,
	"forwarded_to_authority_id" uuid
);
--> statement-breakpoint
CREATE TABLE "procedures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"kind" "procedure_kind" NOT NULL,
	"legal_area_code" text NOT NULL,
	"subject" text NOT NULL,
	"justification" text,
	"consent_reference" text,
	"status" "procedure_status" DEFAULT 'DRAFT' NOT NULL,
	"initiator_authority_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"blocked_at" timestamp with time zone,
	"personal_data_deleted_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_subjects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"full_name" text NOT NULL,
	"date_of_birth" text,
	"national_identifier" text,
	"address" text,
	"email" text,
	"added_by_authority_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "messages_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"procedure_id" uuid NOT NULL,
	"author_authority_id" uuid NOT NULL,
	"author_user_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sensitive_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"data_subject_id" uuid NOT NULL,
	"category" "sanction_category" NOT NULL,
	"details" text NOT NULL,
	"necessity" text NOT NULL,
	"legal_basis" text,
	"consent_reference" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sensitive_records_ground_check" CHECK (coalesce("sensitive_records"."legal_basis", "sensitive_records"."consent_reference") is not null),
	CONSTRAINT "sensitive_records_necessity_check" CHECK (length(btrim("sensitive_records"."necessity")) > 0)
);
--> statement-breakpoint
CREATE TABLE "confidentiality_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"item_kind" "confidential_item_kind" NOT NULL,
	"item_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"requested_by_authority_id" uuid NOT NULL,
	"requested_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"name" text NOT NULL,
	"registration_number" text,
	"country" text,
	"address" text,
	"added_by_authority_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contestations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"data_subject_id" uuid,
	"ground" "contestation_ground" NOT NULL,
	"statement" text NOT NULL,
	"recorded_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_subject_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "data_subject_request_kind" NOT NULL,
	"status" "data_subject_request_status" DEFAULT 'RECEIVED' NOT NULL,
	"route" "data_subject_request_route",
	"route_reason" text,
	"receiving_authority_id" uuid NOT NULL,
	"procedure_id" uuid,
	"data_subject_id" uuid,
	"requester_name" text NOT NULL,
	"requester_identifier" text,
	"details" text,
	"consent_reference" text,
	"legal_basis" text,
	"filed_by_user_id" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"escalated_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	"decision_note" text,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_authority_id" uuid,
	"action" text NOT NULL,
	"procedure_id" uuid,
	"data_subject_id" uuid,
	"fields" text[] NOT NULL,
	"ground" text NOT NULL,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"authority_id" uuid NOT NULL,
	"kind" "reminder_kind" NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "retention_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"dry_run" boolean NOT NULL,
	"triggered_by_user_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"procedures_blocked" integer DEFAULT 0 NOT NULL,
	"procedures_deleted" integer DEFAULT 0 NOT NULL,
	"users_blocked" integer DEFAULT 0 NOT NULL,
	"users_deleted" integer DEFAULT 0 NOT NULL,
	"early_deletions" integer DEFAULT 0 NOT NULL,
	"reminders_raised" integer DEFAULT 0 NOT NULL,
	"duration_ms" integer,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "national_restrictions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_state" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"legal_reference" text NOT NULL,
	"rights_affected" text[] NOT NULL,
	"recorded_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "authority_legal_areas" ADD CONSTRAINT "authority_legal_areas_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authority_legal_areas" ADD CONSTRAINT "authority_legal_areas_legal_area_code_legal_areas_code_fk" FOREIGN KEY ("legal_area_code") REFERENCES "public"."legal_areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_forwarded_to_authority_id_authorities_id_fk" FOREIGN KEY ("forwarded_to_authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedures" ADD CONSTRAINT "procedures_legal_area_code_legal_areas_code_fk" FOREIGN KEY ("legal_area_code") REFERENCES "public"."legal_areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedures" ADD CONSTRAINT "procedures_initiator_authority_id_authorities_id_fk" FOREIGN KEY ("initiator_authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedures" ADD CONSTRAINT "procedures_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subjects" ADD CONSTRAINT "data_subjects_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subjects" ADD CONSTRAINT "data_subjects_added_by_authority_id_authorities_id_fk" FOREIGN KEY ("added_by_authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_author_authority_id_authorities_id_fk" FOREIGN KEY ("author_authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sensitive_records" ADD CONSTRAINT "sensitive_records_data_subject_id_data_subjects_id_fk" FOREIGN KEY ("data_subject_id") REFERENCES "public"."data_subjects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confidentiality_flags" ADD CONSTRAINT "confidentiality_flags_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confidentiality_flags" ADD CONSTRAINT "confidentiality_flags_requested_by_authority_id_authorities_id_fk" FOREIGN KEY ("requested_by_authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confidentiality_flags" ADD CONSTRAINT "confidentiality_flags_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_persons" ADD CONSTRAINT "legal_persons_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_persons" ADD CONSTRAINT "legal_persons_added_by_authority_id_authorities_id_fk" FOREIGN KEY ("added_by_authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contestations" ADD CONSTRAINT "contestations_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contestations" ADD CONSTRAINT "contestations_data_subject_id_data_subjects_id_fk" FOREIGN KEY ("data_subject_id") REFERENCES "public"."data_subjects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contestations" ADD CONSTRAINT "contestations_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_receiving_authority_id_authorities_id_fk" FOREIGN KEY ("receiving_authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_data_subject_id_data_subjects_id_fk" FOREIGN KEY ("data_subject_id") REFERENCES "public"."data_subjects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_filed_by_user_id_users_id_fk" FOREIGN KEY ("filed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_authority_id_authorities_id_fk" FOREIGN KEY ("actor_authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_runs" ADD CONSTRAINT "retention_runs_triggered_by_user_id_users_id_fk" FOREIGN KEY ("triggered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_restrictions" ADD CONSTRAINT "national_restrictions_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "authorities_member_state_idx" ON "authorities" USING btree ("member_state");--> statement-breakpoint
CREATE INDEX "authority_legal_areas_legal_area_idx" ON "authority_legal_areas" USING btree ("legal_area_code");--> statement-breakpoint
CREATE INDEX "users_authority_idx" ON "users" USING btree ("authority_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_deactivated_idx" ON "users" USING btree ("deactivated_at") WHERE "users"."active" = false and "users"."contact_deleted_at" is null;--> statement-breakpoint
CREATE INDEX "participants_procedure_idx" ON "participants" USING btree ("procedure_id");--> statement-breakpoint
CREATE INDEX "participants_authority_idx" ON "participants" USING btree ("authority_id");--> statement-breakpoint
CREATE INDEX "participants_forwarded_to_idx" ON "participants" USING btree ("forwarded_to_authority_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participants_current_idx" ON "participants" USING btree ("procedure_id","authority_id") WHERE "participants"."forwarded_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "procedures_reference_idx" ON "procedures" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "procedures_initiator_idx" ON "procedures" USING btree ("initiator_authority_id");--> statement-breakpoint
CREATE INDEX "procedures_legal_area_idx" ON "procedures" USING btree ("legal_area_code");--> statement-breakpoint
CREATE INDEX "procedures_created_by_idx" ON "procedures" USING btree ("created_by_user_id");--> statement-breakpoint
CREATE INDEX "procedures_created_at_id_idx" ON "procedures" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "procedures_to_block_idx" ON "procedures" USING btree ("closed_at") WHERE "procedures"."closed_at" is not null and "procedures"."blocked_at" is null;--> statement-breakpoint
CREATE INDEX "procedures_to_delete_idx" ON "procedures" USING btree ("closed_at") WHERE "procedures"."closed_at" is not null and "procedures"."personal_data_deleted_at" is null;--> statement-breakpoint
CREATE INDEX "procedures_open_activity_idx" ON "procedures" USING btree ("last_activity_at") WHERE "procedures"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "data_subjects_procedure_idx" ON "data_subjects" USING btree ("procedure_id");--> statement-breakpoint
CREATE INDEX "data_subjects_added_by_idx" ON "data_subjects" USING btree ("added_by_authority_id");--> statement-breakpoint
CREATE INDEX "messages_procedure_seq_idx" ON "messages" USING btree ("procedure_id","seq");--> statement-breakpoint
CREATE INDEX "messages_author_authority_idx" ON "messages" USING btree ("author_authority_id");--> statement-breakpoint
CREATE INDEX "messages_author_user_idx" ON "messages" USING btree ("author_user_id");--> statement-breakpoint
CREATE INDEX "sensitive_records_data_subject_idx" ON "sensitive_records" USING btree ("data_subject_id");--> statement-breakpoint
CREATE INDEX "confidentiality_flags_procedure_idx" ON "confidentiality_flags" USING btree ("procedure_id");--> statement-breakpoint
CREATE UNIQUE INDEX "confidentiality_flags_item_idx" ON "confidentiality_flags" USING btree ("item_kind","item_id");--> statement-breakpoint
CREATE INDEX "confidentiality_flags_requested_by_authority_idx" ON "confidentiality_flags" USING btree ("requested_by_authority_id");--> statement-breakpoint
CREATE INDEX "confidentiality_flags_requested_by_user_idx" ON "confidentiality_flags" USING btree ("requested_by_user_id");--> statement-breakpoint
CREATE INDEX "legal_persons_procedure_idx" ON "legal_persons" USING btree ("procedure_id");--> statement-breakpoint
CREATE INDEX "legal_persons_added_by_idx" ON "legal_persons" USING btree ("added_by_authority_id");--> statement-breakpoint
CREATE INDEX "contestations_procedure_idx" ON "contestations" USING btree ("procedure_id");--> statement-breakpoint
CREATE INDEX "contestations_data_subject_idx" ON "contestations" USING btree ("data_subject_id");--> statement-breakpoint
CREATE INDEX "contestations_recorded_by_idx" ON "contestations" USING btree ("recorded_by_user_id");--> statement-breakpoint
CREATE INDEX "dsr_receiving_authority_idx" ON "data_subject_requests" USING btree ("receiving_authority_id");--> statement-breakpoint
CREATE INDEX "dsr_procedure_idx" ON "data_subject_requests" USING btree ("procedure_id");--> statement-breakpoint
CREATE INDEX "dsr_data_subject_idx" ON "data_subject_requests" USING btree ("data_subject_id");--> statement-breakpoint
CREATE INDEX "dsr_filed_by_idx" ON "data_subject_requests" USING btree ("filed_by_user_id");--> statement-breakpoint
CREATE INDEX "dsr_decided_by_idx" ON "data_subject_requests" USING btree ("decided_by_user_id");--> statement-breakpoint
CREATE INDEX "dsr_status_due_idx" ON "data_subject_requests" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "audit_events_procedure_idx" ON "audit_events" USING btree ("procedure_id");--> statement-breakpoint
CREATE INDEX "audit_events_actor_user_idx" ON "audit_events" USING btree ("actor_user_id");--> statement-breakpoint
CREATE INDEX "audit_events_actor_authority_idx" ON "audit_events" USING btree ("actor_authority_id");--> statement-breakpoint
CREATE INDEX "audit_events_data_subject_idx" ON "audit_events" USING btree ("data_subject_id");--> statement-breakpoint
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "reminders_procedure_idx" ON "reminders" USING btree ("procedure_id");--> statement-breakpoint
CREATE INDEX "reminders_authority_idx" ON "reminders" USING btree ("authority_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reminders_open_idx" ON "reminders" USING btree ("procedure_id","kind") WHERE "reminders"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "retention_runs_started_at_idx" ON "retention_runs" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "retention_runs_triggered_by_idx" ON "retention_runs" USING btree ("triggered_by_user_id");--> statement-breakpoint
CREATE INDEX "national_restrictions_member_state_idx" ON "national_restrictions" USING btree ("member_state");--> statement-breakpoint
CREATE INDEX "national_restrictions_recorded_by_idx" ON "national_restrictions" USING btree ("recorded_by_user_id");