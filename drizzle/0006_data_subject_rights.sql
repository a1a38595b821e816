CREATE TYPE "public"."retrieval_ground" AS ENUM('PROVE_EXCHANGE', 'PUBLIC_INTEREST');--> statement-breakpoint
ALTER TYPE "public"."data_subject_request_route" ADD VALUE 'RECEIVING_AUTHORITY' BEFORE 'HELPDESK_WITH_INITIATOR';--> statement-breakpoint
CREATE TABLE "blocked_data_retrievals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"requesting_authority_id" uuid NOT NULL,
	"ground" "retrieval_ground" NOT NULL,
	"consent_reference" text,
	"reason" text NOT NULL,
	"retrieved_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "correction" jsonb;--> statement-breakpoint
ALTER TABLE "blocked_data_retrievals" ADD CONSTRAINT "blocked_data_retrievals_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blocked_data_retrievals" ADD CONSTRAINT "blocked_data_retrievals_requesting_authority_id_authorities_id_fk" FOREIGN KEY ("requesting_authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blocked_data_retrievals" ADD CONSTRAINT "blocked_data_retrievals_retrieved_by_user_id_users_id_fk" FOREIGN KEY ("retrieved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "blocked_data_retrievals_procedure_idx" ON "blocked_data_retrievals" USING btree ("procedure_id");--> statement-breakpoint
CREATE INDEX "blocked_data_retrievals_requesting_authority_idx" ON "blocked_data_retrievals" USING btree ("requesting_authority_id");--> statement-breakpoint
CREATE INDEX "blocked_data_retrievals_retrieved_by_idx" ON "blocked_data_retrievals" USING btree ("retrieved_by_user_id");