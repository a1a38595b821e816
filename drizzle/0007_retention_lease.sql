CREATE TABLE "retention_lease" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text,
	"acquired_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "retention_runs" ADD COLUMN "early_deletions_refused" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "retention_runs" ADD COLUMN "reminders_resolved" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "retention_runs" ADD COLUMN "runner" text;--> statement-breakpoint
-- The retention job's lease row, free from the start: a runner takes it with a conditional UPDATE.
INSERT INTO "retention_lease" ("name", "holder", "acquired_at", "expires_at") VALUES ('retention', NULL, NULL, '-infinity')
ON CONFLICT ("name") DO NOTHING;
