CREATE TYPE "public"."personal_data_ground" AS ENUM('DATA_SUBJECT_REQUEST', 'BLOCKED_DATA_RETRIEVAL');--> statement-breakpoint
CREATE TABLE "personal_data_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"authority_id" uuid NOT NULL,
	"ground" "personal_data_ground" NOT NULL,
	"reference" text NOT NULL,
	"granted_by_user_id" uuid,
	"granted_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "personal_data_grants" ADD CONSTRAINT "personal_data_grants_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_data_grants" ADD CONSTRAINT "personal_data_grants_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_data_grants" ADD CONSTRAINT "personal_data_grants_granted_by_user_id_users_id_fk" FOREIGN KEY ("granted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "personal_data_grants_procedure_idx" ON "personal_data_grants" USING btree ("procedure_id","authority_id");--> statement-breakpoint
CREATE INDEX "personal_data_grants_authority_idx" ON "personal_data_grants" USING btree ("authority_id");--> statement-breakpoint
CREATE INDEX "personal_data_grants_granted_by_idx" ON "personal_data_grants" USING btree ("granted_by_user_id");