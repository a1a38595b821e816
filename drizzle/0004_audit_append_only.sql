-- R-SEC-2: the audit log is append-only and tamper-evident.
--
-- Every event is chained to the one before it: hash = sha256(prev_hash || '|' || canonical text of
-- the event), and chain_position numbers the chain without gaps. Both are assigned here, by the
-- BEFORE INSERT trigger, under a transaction-scoped advisory lock, so that concurrent inserts
-- queue and the chain never forks: positions follow commit order (the bigserial id need not), and a
-- rolled-back insert leaves no gap because the next one reads the last committed event. Row-level
-- BEFORE triggers see the rows inserted earlier by the same statement, so one multi-row insert
-- chains row by row. audit_event_hash() is the one place the hash is computed in SQL;
-- src/modules/audit/audit-chain.ts recomputes it independently to verify the chain.
--
-- Canonical text: one token per value, joined by '|'. A token is '-' for NULL, else the value's
-- length in UTF-8 bytes, ':' and the value, so no value can shift into its neighbour. The values:
-- chain_position, occurred_at as UTC ISO-8601 with microseconds, actor_user_id,
-- actor_authority_id, action, procedure_id, data_subject_id, the number of fields, each field,
-- ground, request_id. Works alike on PostgreSQL 15 and PGlite (sha256() is core since PG 11).
--
-- Advisory lock key 5281958482927700308 is 'IMIAUDIT' in ASCII: keep other advisory locks off it.
CREATE FUNCTION audit_token(value text) RETURNS text
LANGUAGE sql STABLE
AS $$
  SELECT CASE WHEN value IS NULL THEN '-' ELSE octet_length(convert_to(value, 'UTF8'))::text || ':' || value END
$$;
--> statement-breakpoint
CREATE FUNCTION audit_event_hash(prev_hash text, e audit_events) RETURNS text
LANGUAGE sql STABLE
AS $$
  SELECT encode(sha256(convert_to(prev_hash || '|' || array_to_string(
    ARRAY[
      audit_token(e.chain_position::text),
      audit_token(to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
      audit_token(e.actor_user_id::text),
      audit_token(e.actor_authority_id::text),
      audit_token(e.action),
      audit_token(e.procedure_id::text),
      audit_token(e.data_subject_id::text),
      audit_token(cardinality(e.fields)::text)
    ]
    || ARRAY(SELECT audit_token(f.name) FROM unnest(e.fields) WITH ORDINALITY AS f(name, n) ORDER BY f.n)
    || ARRAY[audit_token(e.ground), audit_token(e.request_id)],
    '|'), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Events written before this migration are chained once, in id order, with the same function.
DO $$
DECLARE
  e audit_events;
  next_position bigint := 0;
  prev text := repeat('0', 64);
  next_hash text;
BEGIN
  FOR e IN SELECT * FROM audit_events ORDER BY id LOOP
    next_position := next_position + 1;
    e.chain_position := next_position;
    next_hash := audit_event_hash(prev, e);
    UPDATE audit_events SET chain_position = next_position, prev_hash = prev, hash = next_hash WHERE id = e.id;
    prev := next_hash;
  END LOOP;
END $$;
--> statement-breakpoint
CREATE FUNCTION audit_events_chain() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  last_position bigint;
  last_hash text;
BEGIN
  -- Held until commit: the next insert waits, then reads this event as the last one.
  PERFORM pg_advisory_xact_lock(5281958482927700308);
  SELECT chain_position, hash INTO last_position, last_hash
    FROM audit_events ORDER BY chain_position DESC LIMIT 1;
  NEW.chain_position := coalesce(last_position, 0) + 1;
  -- The genesis link: 64 zeros.
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.hash := audit_event_hash(NEW.prev_hash, NEW);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused (R-SEC-2)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
