-- Issue 18, statistics from the shells: covering indexes, so the statement (src/modules/statistics/
-- statistics.repository.ts) reads a span of months from the indexes alone (index-only scans once
-- autovacuum has set the visibility map) instead of scanning procedures and participants whole.
-- Hand-written: drizzle's index builder has no INCLUDE.
CREATE INDEX IF NOT EXISTS "procedures_statistics_covering_idx" ON "procedures" USING btree ("sent_at")
  INCLUDE ("id", "kind", "legal_area_code", "first_answered_at", "closed_at", "blocked_at", "personal_data_deleted_at")
  WHERE "sent_at" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "participants_receiving_covering_idx" ON "participants" USING btree ("procedure_id")
  INCLUDE ("authority_id", "accepted_at")
  WHERE "forwarded_at" IS NULL AND "part" <> 'INITIATOR';
