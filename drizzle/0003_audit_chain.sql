ALTER TABLE "audit_events" ADD COLUMN "chain_position" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_position_idx" ON "audit_events" USING btree ("chain_position");