ALTER TABLE "authorities" ADD COLUMN "coordinating" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Pentest F1: an authority whose accounts are all coordinators is taken as designated (the coordinator
-- authorities created before the designation existed); any other authority is not, and its coordinator
-- accounts no longer count as a coordinator authority for new accounts.
UPDATE "authorities" SET "coordinating" = true
WHERE EXISTS (SELECT 1 FROM "users" u WHERE u."authority_id" = "authorities"."id" AND 'COORDINATOR' = ANY(u."roles"::text[]))
  AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."authority_id" = "authorities"."id" AND u."roles"::text[] && ARRAY['COMMISSION','LOCAL_ADMIN','CASE_HANDLER','PORTAL','SUPERVISOR']::text[]);
-- (compared as text: SUPERVISOR was added to the enum by 0022 in this same migration transaction on a
-- new database, and PostgreSQL refuses a new enum value's use before it is committed, 55P04)
--> statement-breakpoint
-- A coordinating authority takes no part in procedures: it is registered for no legal area.
DELETE FROM "authority_legal_areas" WHERE "authority_id" IN (SELECT "id" FROM "authorities" WHERE "coordinating");
