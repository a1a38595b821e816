import { eq } from "drizzle-orm";
import type { Executor } from "../../src/db/database.js";
import { procedureConsentReferences, procedureJustifications } from "../../src/db/schema/index.js";

/**
 * Issue 13: a procedure's justification and consent reference live in tables of their own
 * (src/db/schema/procedure-texts.ts). Fixtures that inserted or changed them on the procedures row
 * set them here (as the connection's role, beside the row policies), replacing what was there.
 */
export async function setProcedureTexts(
  db: Executor,
  procedureId: string,
  texts: { justification?: string | null; consentReference?: string | null },
): Promise<void> {
  if (texts.justification !== undefined) {
    await db.delete(procedureJustifications).where(eq(procedureJustifications.procedureId, procedureId));
    if (texts.justification !== null) await db.insert(procedureJustifications).values({ procedureId, justification: texts.justification });
  }
  if (texts.consentReference !== undefined) {
    await db.delete(procedureConsentReferences).where(eq(procedureConsentReferences.procedureId, procedureId));
    if (texts.consentReference !== null) await db.insert(procedureConsentReferences).values({ procedureId, consentReference: texts.consentReference });
  }
}

/** Many at once (a batch of fixtures' procedures): rows for the texts given. */
export async function insertProcedureTexts(
  db: Executor,
  rows: readonly { procedureId: string; justification?: string | null; consentReference?: string | null }[],
): Promise<void> {
  const justifications = rows.flatMap((r) => (r.justification ? [{ procedureId: r.procedureId, justification: r.justification }] : []));
  const consents = rows.flatMap((r) => (r.consentReference ? [{ procedureId: r.procedureId, consentReference: r.consentReference }] : []));
  if (justifications.length) await db.insert(procedureJustifications).values(justifications);
  if (consents.length) await db.insert(procedureConsentReferences).values(consents);
}
