import { and, asc, desc, eq, inArray, max } from "drizzle-orm";
import type { Executor } from "../../db/database.js";
import { isUuid } from "../../db/ids.js";
import { procedureQuestionSets, questions, questionSetVersions } from "../../db/schema/index.js";

export type QuestionSetVersionRow = typeof questionSetVersions.$inferSelect;
export type QuestionRow = typeof questions.$inferSelect;

/** Question sets are reference data: no row scope, every logged-in user reads them. */
export class QuestionSetRepository {
  constructor(private readonly db: Executor) {}

  async find(id: string): Promise<QuestionSetVersionRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db.select().from(questionSetVersions).where(eq(questionSetVersions.id, id));
    return row;
  }

  byIds(ids: readonly string[]): Promise<QuestionSetVersionRow[]> {
    return this.db.select().from(questionSetVersions).where(inArray(questionSetVersions.id, ids.filter(isUuid)));
  }

  list(legalAreaCode: string | null, includeRetired: boolean): Promise<QuestionSetVersionRow[]> {
    return this.db
      .select()
      .from(questionSetVersions)
      .where(
        and(
          legalAreaCode ? eq(questionSetVersions.legalAreaCode, legalAreaCode) : undefined,
          includeRetired ? undefined : eq(questionSetVersions.status, "PUBLISHED"),
        ),
      )
      .orderBy(asc(questionSetVersions.legalAreaCode), asc(questionSetVersions.code), desc(questionSetVersions.version));
  }

  /** Locks the code's versions, so that two publications of one code never take the same number. */
  async latestVersion(code: string): Promise<number> {
    await this.db.select({ id: questionSetVersions.id }).from(questionSetVersions).where(eq(questionSetVersions.code, code)).for("update");
    const [row] = await this.db.select({ n: max(questionSetVersions.version) }).from(questionSetVersions).where(eq(questionSetVersions.code, code));
    return row?.n ?? 0;
  }

  async insertVersion(values: typeof questionSetVersions.$inferInsert): Promise<QuestionSetVersionRow> {
    const [row] = await this.db.insert(questionSetVersions).values(values).returning();
    if (!row) throw new Error("insert returned no row");
    return row;
  }

  async insertQuestions(values: (typeof questions.$inferInsert)[]): Promise<void> {
    if (values.length > 0) await this.db.insert(questions).values(values);
  }

  /** Retires the published versions of a code (all of them, or all but one). */
  async retirePublished(code: string, at: Date): Promise<void> {
    await this.db
      .update(questionSetVersions)
      .set({ status: "RETIRED", retiredAt: at })
      .where(and(eq(questionSetVersions.code, code), eq(questionSetVersions.status, "PUBLISHED")));
  }

  async retire(id: string, at: Date): Promise<QuestionSetVersionRow | undefined> {
    const [row] = await this.db
      .update(questionSetVersions)
      .set({ status: "RETIRED", retiredAt: at })
      .where(and(eq(questionSetVersions.id, id), eq(questionSetVersions.status, "PUBLISHED")))
      .returning();
    return row;
  }

  questionsOf(versionIds: readonly string[]): Promise<QuestionRow[]> {
    return this.db
      .select()
      .from(questions)
      .where(inArray(questions.questionSetVersionId, [...versionIds]))
      .orderBy(asc(questions.position), asc(questions.code));
  }

  questionsByIds(ids: readonly string[]): Promise<QuestionRow[]> {
    return this.db.select().from(questions).where(inArray(questions.id, ids.filter(isUuid)));
  }

  /** The set version each procedure was created from. */
  setsOfProcedures(procedureIds: readonly string[]) {
    return this.db.select().from(procedureQuestionSets).where(inArray(procedureQuestionSets.procedureId, [...procedureIds]));
  }

  async linkProcedure(procedureId: string, questionSetVersionId: string): Promise<void> {
    await this.db.insert(procedureQuestionSets).values({ procedureId, questionSetVersionId });
  }
}
