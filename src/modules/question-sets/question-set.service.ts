import type { Clock } from "../../clock.js";
import type { Database, Executor } from "../../db/database.js";
import type { Wording } from "../../db/schema/index.js";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from "../../errors.js";
import { english } from "../../i18n/i18n.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";
import { DirectoryRepository } from "../directory/directory.repository.js";
import type { PublishQuestionSetInput, WordingInput } from "./question-set.input.js";
import { QuestionSetRepository, type QuestionSetVersionRow } from "./question-set.repository.js";

const MAX_QUESTIONS = 200;

function wording(input: WordingInput): Wording {
  return { da: input.da.trim(), de: input.de.trim(), fr: input.fr.trim(), en: input.en.trim() };
}

/**
 * The version a new procedure is created from: published, of the procedure's legal area, for a
 * request or SOLVIT case (a conversation with one responder who answers). Asked by
 * ProcedureService.create before its transaction, and linked inside it (linkToProcedure).
 */
export async function questionSetForNewProcedure(
  db: Executor,
  versionId: string,
  legalAreaCode: string,
  kind: string,
): Promise<QuestionSetVersionRow> {
  if (kind !== "REQUEST" && kind !== "SOLVIT_CASE") throw new BadUserInputError(english("questionSet.kind"), "questionSetVersionId");
  const version = await new QuestionSetRepository(db).find(versionId);
  if (!version) throw new NotFoundError("Question set version", versionId);
  if (version.status !== "PUBLISHED") {
    throw new ConflictError(english("questionSet.retired", { code: version.code, version: version.version }));
  }
  if (version.legalAreaCode !== legalAreaCode) {
    throw new BadUserInputError(english("questionSet.otherArea", { code: version.code, setArea: version.legalAreaCode, area: legalAreaCode }), "questionSetVersionId");
  }
  return version;
}

/** Records, in the creating transaction, the version a procedure was created from. */
export function linkToProcedure(tx: Executor, procedureId: string, versionId: string): Promise<void> {
  return new QuestionSetRepository(tx).linkProcedure(procedureId, versionId);
}

/**
 * The catalogue of question sets: any logged-in user reads it (reference data, no personal data);
 * the Commission publishes and retires versions. A version is never edited: publishing a code again
 * makes its next version and retires the one before, which stays readable for the procedures created
 * from it.
 */
export class QuestionSetService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  list(legalAreaCode: string | null, includeRetired: boolean) {
    return new QuestionSetRepository(this.db).list(legalAreaCode, includeRetired);
  }

  async get(id: string): Promise<QuestionSetVersionRow> {
    const version = await new QuestionSetRepository(this.db).find(id);
    if (!version) throw new NotFoundError("Question set version", id);
    return version;
  }

  async publish(viewer: Viewer, input: PublishQuestionSetInput): Promise<QuestionSetVersionRow> {
    if (!hasRole(viewer, "COMMISSION")) throw new ForbiddenError(english("error.roles", { roles: "COMMISSION" }));
    this.validate(input);
    const area = await new DirectoryRepository(this.db).findLegalArea(input.legalAreaCode);
    if (!area) throw new BadUserInputError(english("questionSet.unknownArea", { code: input.legalAreaCode }), "legalAreaCode");
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const repo = new QuestionSetRepository(tx);
      const latest = await repo.latestVersion(input.code);
      await repo.retirePublished(input.code, now);
      const version = await repo.insertVersion({
        code: input.code,
        version: latest + 1,
        legalAreaCode: area.code,
        title: wording(input.title),
        status: "PUBLISHED",
        publishedAt: now,
        publishedByUserId: viewer.userId,
      });
      await repo.insertQuestions(
        input.questions.map((q, i) => ({
          questionSetVersionId: version.id,
          code: q.code,
          position: i + 1,
          answerType: q.answerType,
          required: q.required,
          mayContainPersonalData: q.mayContainPersonalData,
          wording: wording(q.wording),
          choices: (q.choices ?? []).map((c) => ({ code: c.code, label: wording(c.label) })),
        })),
      );
      return version;
    });
  }

  async retire(viewer: Viewer, id: string): Promise<QuestionSetVersionRow> {
    if (!hasRole(viewer, "COMMISSION")) throw new ForbiddenError(english("error.roles", { roles: "COMMISSION" }));
    const version = await this.get(id);
    const retired = await new QuestionSetRepository(this.db).retire(version.id, this.clock.now());
    if (!retired) throw new ConflictError(english("questionSet.alreadyRetired"));
    return retired;
  }

  private validate(input: PublishQuestionSetInput): void {
    if (input.questions.length < 1 || input.questions.length > MAX_QUESTIONS) {
      throw new BadUserInputError(english("questionSet.questionCount"), "questions");
    }
    const seen = new Set<string>();
    for (const question of input.questions) {
      if (seen.has(question.code)) throw new BadUserInputError(english("questionSet.duplicateCode", { code: question.code }), "questions");
      seen.add(question.code);
      const choices = question.choices ?? [];
      const distinct = new Set(choices.map((c) => c.code)).size === choices.length;
      const fits = question.answerType === "CHOICE" ? choices.length >= 2 && choices.length <= 50 && distinct : choices.length === 0;
      if (!fits) throw new BadUserInputError(english("questionSet.choices"), "questions");
    }
  }
}
