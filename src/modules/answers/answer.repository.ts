import { and, asc, count, eq, inArray, isNotNull } from "drizzle-orm";
import type { Executor } from "../../db/database.js";
import { questionAnswers, questions } from "../../db/schema/index.js";

export type QuestionAnswerRow = typeof questionAnswers.$inferSelect;

export class AnswerRepository {
  constructor(private readonly db: Executor) {}

  /** One answer per question: answering again replaces it (a correction after a follow-up question). */
  async upsert(values: typeof questionAnswers.$inferInsert): Promise<{ row: QuestionAnswerRow; replaced: boolean }> {
    const [existing] = await this.db
      .select({ id: questionAnswers.id })
      .from(questionAnswers)
      .where(and(eq(questionAnswers.procedureId, values.procedureId), eq(questionAnswers.questionId, values.questionId)));
    const [row] = await this.db
      .insert(questionAnswers)
      .values(values)
      .onConflictDoUpdate({
        target: [questionAnswers.procedureId, questionAnswers.questionId],
        set: {
          value: values.value,
          attachmentId: values.attachmentId ?? null,
          answeredByAuthorityId: values.answeredByAuthorityId,
          answeredByUserId: values.answeredByUserId ?? null,
          answeredAt: values.answeredAt,
        },
      })
      .returning();
    if (!row) throw new Error("upsert returned no row");
    return { row, replaced: existing !== undefined };
  }

  /** How many of the set's required questions the procedure has answers to, of how many. */
  async requiredProgress(procedureId: string, versionId: string): Promise<{ answered: number; required: number }> {
    const [required] = await this.db
      .select({ n: count() })
      .from(questions)
      .where(and(eq(questions.questionSetVersionId, versionId), eq(questions.required, true)));
    const [answered] = await this.db
      .select({ n: count() })
      .from(questionAnswers)
      .innerJoin(questions, eq(questions.id, questionAnswers.questionId))
      .where(and(eq(questionAnswers.procedureId, procedureId), eq(questions.required, true), isNotNull(questionAnswers.id)));
    return { answered: answered?.n ?? 0, required: required?.n ?? 0 };
  }

  answersOf(procedureIds: readonly string[]): Promise<QuestionAnswerRow[]> {
    return this.db
      .select({ answer: questionAnswers })
      .from(questionAnswers)
      .innerJoin(questions, eq(questions.id, questionAnswers.questionId))
      .where(inArray(questionAnswers.procedureId, [...procedureIds]))
      .orderBy(asc(questionAnswers.procedureId), asc(questions.position))
      .then((rows) => rows.map((r) => r.answer));
  }
}
