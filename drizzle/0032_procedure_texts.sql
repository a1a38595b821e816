-- Issue 13: the initiator's justification and a SOLVIT case's consent reference leave the procedures
-- table (metadata, read by more viewers than may read them) for tables of their own, which a row
-- policy guards (the row-security migration after this one). The existing texts move with them.
CREATE TABLE "procedure_consent_references" (
	"procedure_id" uuid PRIMARY KEY NOT NULL,
	"consent_reference" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedure_justifications" (
	"procedure_id" uuid PRIMARY KEY NOT NULL,
	"justification" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "procedure_consent_references" ADD CONSTRAINT "procedure_consent_references_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_justifications" ADD CONSTRAINT "procedure_justifications_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "procedure_justifications" ("procedure_id", "justification")
  SELECT "id", "justification" FROM "procedures" WHERE "justification" IS NOT NULL AND "justification" <> '';--> statement-breakpoint
INSERT INTO "procedure_consent_references" ("procedure_id", "consent_reference")
  SELECT "id", "consent_reference" FROM "procedures" WHERE "consent_reference" IS NOT NULL AND "consent_reference" <> '';--> statement-breakpoint
ALTER TABLE "procedures" DROP COLUMN "justification";--> statement-breakpoint
ALTER TABLE "procedures" DROP COLUMN "consent_reference";--> statement-breakpoint
-- As before in procedures (0014): the texts never reach pg_statistic's most-common values.
ALTER TABLE "procedure_justifications" ALTER COLUMN "justification" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "procedure_consent_references" ALTER COLUMN "consent_reference" SET STATISTICS 0;
