-- R-RETAIN-3: a justification of a procedure's inactivity (R-RETAIN-5) is free text that may name
-- people. When the procedure's personal data is deleted (the 3-year deletion or an early deletion of
-- the whole procedure, which set personal_data_deleted_at), its justifications lose their text in the
-- same statement, whichever statement deletes: the deletion needs to know nothing about this table.
CREATE FUNCTION inactivity_justifications_clear() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  UPDATE inactivity_justifications SET justification = '(personal data deleted)' WHERE procedure_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER procedures_clear_inactivity_justifications AFTER UPDATE OF personal_data_deleted_at ON procedures
  FOR EACH ROW WHEN (OLD.personal_data_deleted_at IS NULL AND NEW.personal_data_deleted_at IS NOT NULL)
  EXECUTE FUNCTION inactivity_justifications_clear();
