CREATE TYPE "public"."authority_registration_status" AS ENUM('PENDING', 'APPROVED', 'REJECTED');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'SUPERVISOR';--> statement-breakpoint
CREATE TABLE "authority_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"member_state" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text,
	"postal_address" text NOT NULL,
	"website" text,
	"dpo_name" text NOT NULL,
	"dpo_email" text NOT NULL,
	"legal_area_codes" text[] NOT NULL,
	"status" "authority_registration_status" DEFAULT 'PENDING' NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	"decision_note" text,
	"authority_id" uuid
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_login_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "procedures" ADD COLUMN "first_answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "authority_registrations" ADD CONSTRAINT "authority_registrations_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authority_registrations" ADD CONSTRAINT "authority_registrations_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "authority_registrations_pending_idx" ON "authority_registrations" USING btree ("member_state","submitted_at") WHERE "authority_registrations"."status" = 'PENDING';--> statement-breakpoint
CREATE INDEX "procedures_statistics_idx" ON "procedures" USING btree ("sent_at","legal_area_code","kind") WHERE "procedures"."sent_at" is not null;--> statement-breakpoint
-- Issue 18, statistics from the shells: when a request first reached ANSWERED, whoever wrote the status
-- (the answers service, a responder's message, a seed's insert). Taken from the change's last activity,
-- which every writer sets from the one injectable clock, not from now(), so moved time stays consistent.
CREATE FUNCTION procedures_first_answered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'ANSWERED' AND NEW.first_answered_at IS NULL THEN
    NEW.first_answered_at := NEW.last_activity_at;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER procedures_first_answered BEFORE INSERT OR UPDATE OF status ON procedures
  FOR EACH ROW EXECUTE FUNCTION procedures_first_answered();
--> statement-breakpoint
-- Issue 18, §10-§11 (user lists kept current): an accepted login records its security code's use; the
-- account's last login follows it, so no login path has to remember to set it.
CREATE FUNCTION users_last_login() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET last_login_at = NEW.used_at
    WHERE id = NEW.user_id AND (last_login_at IS NULL OR last_login_at < NEW.used_at);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_last_login AFTER INSERT ON used_security_codes
  FOR EACH ROW EXECUTE FUNCTION users_last_login();
