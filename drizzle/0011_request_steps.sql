CREATE TYPE "public"."data_subject_request_step_kind" AS ENUM('RECEIVED', 'LINKED', 'ESCALATED_TO_HELPDESK', 'DECIDED', 'INITIATOR_CONFIRMED', 'STEPS_AGREED', 'CARRIED_OUT', 'CONTESTATION_RECORDED', 'REPORT_PRODUCED', 'ANSWERED');--> statement-breakpoint
CREATE TYPE "public"."escalation_resolution" AS ENUM('ACTIVITY', 'JUSTIFIED', 'CLOSED');--> statement-breakpoint
ALTER TYPE "public"."data_subject_request_route" ADD VALUE 'HELPDESK_REPORT';--> statement-breakpoint
ALTER TYPE "public"."data_subject_request_route" ADD VALUE 'CONTESTATION';--> statement-breakpoint
CREATE TABLE "data_subject_request_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" "data_subject_request_step_kind" NOT NULL,
	"actor_user_id" uuid,
	"actor_authority_id" uuid,
	"approved" boolean,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inactivity_justifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"authority_id" uuid NOT NULL,
	"user_id" uuid,
	"justification" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedure_escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"member_state" text NOT NULL,
	"inactive_since" timestamp with time zone NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolution" "escalation_resolution"
);
--> statement-breakpoint
ALTER TABLE "legal_areas" ADD COLUMN "inactivity_period_months" integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "procedures" ADD COLUMN "closed_by_system" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "procedures" ADD COLUMN "closure_reason" text;--> statement-breakpoint
ALTER TABLE "contestations" ADD COLUMN "rectified_values" jsonb;--> statement-breakpoint
ALTER TABLE "contestations" ADD COLUMN "request_id" uuid;--> statement-breakpoint
ALTER TABLE "retention_runs" ADD COLUMN "procedures_escalated" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "retention_runs" ADD COLUMN "escalations_resolved" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "retention_runs" ADD COLUMN "procedures_closed_for_inactivity" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "data_subject_request_steps" ADD CONSTRAINT "data_subject_request_steps_request_id_data_subject_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."data_subject_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_request_steps" ADD CONSTRAINT "data_subject_request_steps_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_request_steps" ADD CONSTRAINT "data_subject_request_steps_actor_authority_id_authorities_id_fk" FOREIGN KEY ("actor_authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inactivity_justifications" ADD CONSTRAINT "inactivity_justifications_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inactivity_justifications" ADD CONSTRAINT "inactivity_justifications_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inactivity_justifications" ADD CONSTRAINT "inactivity_justifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_escalations" ADD CONSTRAINT "procedure_escalations_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dsr_steps_request_idx" ON "data_subject_request_steps" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "dsr_steps_actor_user_idx" ON "data_subject_request_steps" USING btree ("actor_user_id");--> statement-breakpoint
CREATE INDEX "dsr_steps_actor_authority_idx" ON "data_subject_request_steps" USING btree ("actor_authority_id");--> statement-breakpoint
CREATE INDEX "inactivity_justifications_procedure_idx" ON "inactivity_justifications" USING btree ("procedure_id","recorded_at");--> statement-breakpoint
CREATE INDEX "inactivity_justifications_authority_idx" ON "inactivity_justifications" USING btree ("authority_id");--> statement-breakpoint
CREATE INDEX "inactivity_justifications_user_idx" ON "inactivity_justifications" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "procedure_escalations_procedure_idx" ON "procedure_escalations" USING btree ("procedure_id");--> statement-breakpoint
CREATE INDEX "procedure_escalations_state_idx" ON "procedure_escalations" USING btree ("member_state","raised_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_escalations_open_idx" ON "procedure_escalations" USING btree ("procedure_id","member_state") WHERE "procedure_escalations"."resolved_at" is null;--> statement-breakpoint
ALTER TABLE "contestations" ADD CONSTRAINT "contestations_request_id_data_subject_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."data_subject_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contestations_request_idx" ON "contestations" USING btree ("request_id");