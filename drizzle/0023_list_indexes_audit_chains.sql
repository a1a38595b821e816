DROP INDEX "procedures_legal_area_idx";--> statement-breakpoint
DROP INDEX "procedures_created_by_idx";--> statement-breakpoint
DROP INDEX "procedures_created_at_id_idx";--> statement-breakpoint
DROP INDEX "audit_events_chain_position_idx";--> statement-breakpoint
-- Events written before are chain 0 (the one chain there was); the trigger assigns it from now on.
ALTER TABLE "audit_events" ADD COLUMN "chain_id" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "procedures_list_order_idx" ON "procedures" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "procedures_status_list_idx" ON "procedures" USING btree ("status","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "procedures_kind_list_idx" ON "procedures" USING btree ("kind","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "procedures_legal_area_list_idx" ON "procedures" USING btree ("legal_area_code","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "procedures_created_by_list_idx" ON "procedures" USING btree ("created_by_user_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_idx" ON "audit_events" USING btree ("chain_id","chain_position");