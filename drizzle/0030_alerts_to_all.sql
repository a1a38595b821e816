CREATE TYPE "public"."message_kind" AS ENUM('MESSAGE', 'ALERT_UPDATE', 'ALERT_WITHDRAWAL');--> statement-breakpoint
ALTER TABLE "authorities" ADD COLUMN "alert_coordinator" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "procedures" ADD COLUMN "to_all_member_states" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "procedures" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "kind" "message_kind" DEFAULT 'MESSAGE' NOT NULL;