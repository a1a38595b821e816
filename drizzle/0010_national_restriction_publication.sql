CREATE TABLE "used_security_codes" (
	"user_id" uuid NOT NULL,
	"time_step" bigint NOT NULL,
	"used_at" timestamp with time zone NOT NULL,
	CONSTRAINT "used_security_codes_user_id_time_step_pk" PRIMARY KEY("user_id","time_step")
);
--> statement-breakpoint
ALTER TABLE "national_restrictions" ADD COLUMN "legal_area_code" text;--> statement-breakpoint
ALTER TABLE "national_restrictions" ADD COLUMN "procedure_kind" "procedure_kind";--> statement-breakpoint
ALTER TABLE "national_restrictions" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "national_restrictions" ADD COLUMN "published_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "used_security_codes" ADD CONSTRAINT "used_security_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "used_security_codes_step_idx" ON "used_security_codes" USING btree ("time_step");--> statement-breakpoint
ALTER TABLE "national_restrictions" ADD CONSTRAINT "national_restrictions_legal_area_code_legal_areas_code_fk" FOREIGN KEY ("legal_area_code") REFERENCES "public"."legal_areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_restrictions" ADD CONSTRAINT "national_restrictions_published_by_user_id_users_id_fk" FOREIGN KEY ("published_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "national_restrictions_published_by_idx" ON "national_restrictions" USING btree ("published_by_user_id");--> statement-breakpoint
CREATE INDEX "national_restrictions_legal_area_idx" ON "national_restrictions" USING btree ("legal_area_code");--> statement-breakpoint
-- R-NOTICE-2: restrictions recorded before publication existed were public at once: they stay published.
UPDATE "national_restrictions" SET "published_at" = "created_at" WHERE "published_at" IS NULL;
