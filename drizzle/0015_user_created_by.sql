ALTER TABLE "users" ADD COLUMN "created_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- R-SEC-2: who provisioned an account is written once, at createUser, and never changes, so that
-- whatever the account reads stays traceable to its creator (the audit log's USER_CREATE event, which
-- is hash-chained, says the same). Setting it on a row that has none is refused too: a seeded account
-- cannot be attributed afterwards.
CREATE FUNCTION users_created_by_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.created_by_user_id IS DISTINCT FROM OLD.created_by_user_id THEN
    RAISE EXCEPTION 'users.created_by_user_id cannot be changed' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER users_created_by_immutable BEFORE UPDATE OF created_by_user_id ON users
  FOR EACH ROW EXECUTE FUNCTION users_created_by_immutable();
