-- R-SEC-1: accounts created by createUser await enrolment by the user (enrolUser) with a mailed, single-use code.
CREATE TABLE "user_enrolments" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "enrolled_at" timestamp with time zone DEFAULT now();--> statement-breakpoint
-- Every account before this migration got its password and TOTP secret when it was created.
UPDATE "users" SET "enrolled_at" = "created_at";--> statement-breakpoint
ALTER TABLE "user_enrolments" ADD CONSTRAINT "user_enrolments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_enrolments_expires_idx" ON "user_enrolments" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_unenrolled_no_credentials" CHECK ("users"."enrolled_at" is not null or ("users"."password_hash" is null and "users"."totp_secret" is null));