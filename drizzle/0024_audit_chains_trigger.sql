-- R-SEC-2, issue 14: the audit log as several hash chains, so that inserting writers never queue.
--
-- Before, one advisory lock serialised every insert of the whole log (one chain): one writer managed
-- 45 audited inserts/s and four concurrent ones no more in total (bench/results.md, section 7). Now
-- the log holds audit_chain_count() chains (chain_id 0..15). An inserting transaction takes, with a
-- non-blocking try, the lowest chain no other running transaction holds (its transaction-scoped
-- advisory lock (1229801793, chain); 1229801793 is 'IMIA' in ASCII: keep other advisory locks off
-- it), and appends all its events to that chain, positions 1, 2, 3 … without gaps within the chain,
-- each hash linked to the one before in the same chain exactly as before. A lone writer always gets
-- chain 0, the chain every earlier event is in. Only when every chain is held does a writer wait,
-- for one chain (its backend's pid modulo the count), not for all of them.
--
-- The chain's head is kept for the rest of the transaction in the transaction-local setting
-- imi.audit_head ('chain:position:hash'), so a 100-row insert reads the head once, not per row; a
-- rolled-back savepoint also rolls the setting back, so the head always matches the rows that stay.
--
-- The first link of chain 0 is 64 zeros (as before); of chain k > 0 the SHA-256 of
-- 'imi-audit-chain|k' (audit_genesis_hash), so an event cannot be moved to another chain's start.
-- The hash of an event is unchanged (audit_event_hash, migration 0004); src/modules/audit/audit-chain.ts
-- recomputes both independently. Still append-only (the triggers of 0004, and the API role holds
-- SELECT and INSERT only, migration 0019): nothing here needs UPDATE or DELETE.
CREATE FUNCTION audit_chain_count() RETURNS int
LANGUAGE sql IMMUTABLE
AS $$ SELECT 16 $$;
--> statement-breakpoint
CREATE FUNCTION audit_genesis_hash(chain int) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
  SELECT CASE WHEN chain = 0 THEN repeat('0', 64) ELSE encode(sha256(convert_to('imi-audit-chain|' || chain::text, 'UTF8')), 'hex') END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  head text := current_setting('imi.audit_head', true);
  chain int;
  last_position bigint;
  last_hash text;
BEGIN
  IF head IS NOT NULL AND head <> '' THEN
    -- This transaction holds its chain already (the lock lasts until commit).
    chain := split_part(head, ':', 1)::int;
    last_position := split_part(head, ':', 2)::bigint;
    last_hash := split_part(head, ':', 3);
  ELSE
    FOR slot IN 0 .. audit_chain_count() - 1 LOOP
      IF pg_try_advisory_xact_lock(1229801793, slot) THEN
        chain := slot;
        EXIT;
      END IF;
    END LOOP;
    IF chain IS NULL THEN
      chain := pg_backend_pid() % audit_chain_count();
      PERFORM pg_advisory_xact_lock(1229801793, chain);
    END IF;
    SELECT e.chain_position, e.hash INTO last_position, last_hash
      FROM audit_events e WHERE e.chain_id = chain ORDER BY e.chain_position DESC LIMIT 1;
    IF NOT FOUND THEN
      last_position := 0;
      last_hash := audit_genesis_hash(chain);
    END IF;
  END IF;
  NEW.chain_id := chain;
  NEW.chain_position := last_position + 1;
  NEW.prev_hash := last_hash;
  NEW.hash := audit_event_hash(NEW.prev_hash, NEW);
  PERFORM set_config('imi.audit_head', chain::text || ':' || NEW.chain_position::text || ':' || NEW.hash, true);
  RETURN NEW;
END
$$;
