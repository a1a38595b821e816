-- Issue 16: live events for subscriptions. Each change a subscriber must hear of announces itself
-- with pg_notify on channel imi_events, from a trigger, so in the same transaction as the change:
-- PostgreSQL delivers a notification only when its transaction commits (a rolled-back change is
-- never announced), to every listening replica, and no writer (a mutation, the retention job) can
-- forget to publish. The payload holds kinds and ids only, never personal data: each replica decides
-- per subscriber who may see the row and resolves it through the schema (src/modules/subscriptions).
CREATE OR REPLACE FUNCTION imi_announce(payload jsonb) RETURNS void LANGUAGE sql AS $$
  SELECT pg_notify('imi_events', payload::text)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION imi_announce_procedure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM imi_announce(jsonb_build_object(
    'topic', 'PROCEDURE',
    'kind', CASE WHEN OLD.status = 'DRAFT' THEN 'SENT' ELSE 'STATUS_CHANGED' END,
    'procedureId', NEW.id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER procedures_announce AFTER UPDATE OF status ON procedures
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION imi_announce_procedure();
--> statement-breakpoint
-- A participant added to a procedure already sent is a forwarding: the procedure reached that authority.
CREATE OR REPLACE FUNCTION imi_announce_participant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM procedures p WHERE p.id = NEW.procedure_id AND p.status <> 'DRAFT') THEN
    PERFORM imi_announce(jsonb_build_object(
      'topic', 'PROCEDURE', 'kind', 'FORWARDED', 'procedureId', NEW.procedure_id, 'authorityId', NEW.authority_id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER participants_announce AFTER INSERT ON participants
  FOR EACH ROW EXECUTE FUNCTION imi_announce_participant();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION imi_announce_message() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM imi_announce(jsonb_build_object(
    'topic', 'PROCEDURE', 'kind', 'MESSAGE_POSTED', 'procedureId', NEW.procedure_id, 'messageId', NEW.id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER messages_announce AFTER INSERT ON messages
  FOR EACH ROW EXECUTE FUNCTION imi_announce_message();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION imi_announce_request() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM imi_announce(jsonb_build_object(
    'topic', 'DATA_SUBJECT_REQUEST',
    'kind', CASE WHEN TG_OP = 'INSERT' THEN 'FILED'
                 WHEN OLD.status IS DISTINCT FROM NEW.status THEN 'STATUS_CHANGED'
                 ELSE 'ROUTED' END,
    'requestId', NEW.id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER data_subject_requests_announce_insert AFTER INSERT ON data_subject_requests
  FOR EACH ROW EXECUTE FUNCTION imi_announce_request();
--> statement-breakpoint
CREATE TRIGGER data_subject_requests_announce_update AFTER UPDATE OF status, route, receiving_authority_id, escalated_at ON data_subject_requests
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.route IS DISTINCT FROM NEW.route
    OR OLD.receiving_authority_id IS DISTINCT FROM NEW.receiving_authority_id OR OLD.escalated_at IS DISTINCT FROM NEW.escalated_at)
  EXECUTE FUNCTION imi_announce_request();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION imi_announce_reminder() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM imi_announce(jsonb_build_object(
    'topic', 'REMINDER', 'kind', TG_ARGV[0], 'id', NEW.id, 'procedureId', NEW.procedure_id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reminders_announce AFTER INSERT ON reminders
  FOR EACH ROW EXECUTE FUNCTION imi_announce_reminder('REMINDER');
--> statement-breakpoint
CREATE TRIGGER procedure_escalations_announce AFTER INSERT ON procedure_escalations
  FOR EACH ROW EXECUTE FUNCTION imi_announce_reminder('ESCALATION');
--> statement-breakpoint
-- R-USER-2 for open subscriptions: a deactivated user's connections end at once, on every replica.
CREATE OR REPLACE FUNCTION imi_announce_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM imi_announce(jsonb_build_object('topic', 'USER', 'kind', 'DEACTIVATED', 'userId', NEW.id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_announce AFTER UPDATE OF active ON users
  FOR EACH ROW WHEN (OLD.active AND NOT NEW.active) EXECUTE FUNCTION imi_announce_user();
