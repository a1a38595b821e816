ALTER TABLE "retention_runs" ADD COLUMN "tick" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "retention_runs_tick_idx" ON "retention_runs" USING btree ("tick");