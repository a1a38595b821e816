import type { Executor } from "../../db/database.js";
import type { QuestionRow } from "../question-sets/question-set.repository.js";
import { QuestionSetRepository } from "../question-sets/question-set.repository.js";
import { BadUserInputError } from "../../errors.js";
import { english } from "../../i18n/i18n.js";
import { isUuid } from "../../db/ids.js";
import type { Viewer } from "../../auth/viewer.js";
import type { AuditRecorder } from "../audit/audit.recorder.js";
import { AttachmentRepository } from "../attachments/attachment.repository.js";
import { ProcedureRepository } from "../procedures/procedure.repository.js";
import type { ProcedureService } from "../procedures/procedure.service.js";
import { sealAnswerValue } from "./answer-storage.js";
import type { AnswerQuestionInput } from "./answer.input.js";
import { AnswerRepository, type QuestionAnswerRow } from "./answer.repository.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The stored value of an answer to `question`, or a BAD_USER_INPUT saying what the question takes. */
async function checkedValue(tx: Executor, procedureId: string, question: QuestionRow, input: AnswerQuestionInput): Promise<{ value: string | null; attachmentId: string | null }> {
  const code = question.code;
  const value = input.value ?? null;
  if (question.answerType === "DOCUMENT") {
    if (value !== null || !input.attachmentId) throw new BadUserInputError(english("questionSet.needsDocument", { code }), "attachmentId");
    const [attachment] = isUuid(input.attachmentId) ? await new AttachmentRepository(tx).completeByIds([input.attachmentId]) : [];
    if (!attachment || attachment.procedureId !== procedureId) {
      throw new BadUserInputError(english("questionSet.unknownAttachment", { id: input.attachmentId }), "attachmentId");
    }
    return { value: null, attachmentId: attachment.id };
  }
  if (input.attachmentId) throw new BadUserInputError(english("questionSet.noDocument", { code }), "attachmentId");
  switch (question.answerType) {
    case "YES_NO":
      if (value !== "YES" && value !== "NO") throw new BadUserInputError(english("questionSet.badYesNo", { code }), "value");
      return { value, attachmentId: null };
    case "CHOICE": {
      const codes = question.choices.map((c) => c.code);
      if (value === null || !codes.includes(value)) throw new BadUserInputError(english("questionSet.badChoice", { code, choices: codes.join(", ") }), "value");
      return { value, attachmentId: null };
    }
    case "DATE": {
      const real = value !== null && DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
      if (!real) throw new BadUserInputError(english("questionSet.badDate", { code }), "value");
      return { value, attachmentId: null };
    }
    case "TEXT": {
      const text = value?.trim() ?? "";
      if (text.length < 1 || text.length > 20000) throw new BadUserInputError(english("questionSet.badText", { code }), "value");
      return { value: text, attachmentId: null };
    }
  }
}

/**
 * Answers to a request's question set (issue 17). Answering is adding personal data to the procedure:
 * through ProcedureService.act ("ANSWER_QUESTION": the responder that accepted, while ACCEPTED or
 * ANSWERED, never once blocked), audited in its transaction. The request moves to ANSWERED when every
 * required question has an answer; a follow-up question of the initiator (postMessage) takes it back
 * to ACCEPTED, and an answer given again replaces the earlier one.
 */
export class AnswerService {
  constructor(private readonly procedures: ProcedureService) {}

  answer(viewer: Viewer, procedureId: string, input: AnswerQuestionInput, audit: AuditRecorder): Promise<QuestionAnswerRow> {
    return this.procedures.act(viewer, procedureId, "ANSWER_QUESTION", async ({ tx, procedure, participation, now }) => {
      const sets = new QuestionSetRepository(tx);
      const [link] = await sets.setsOfProcedures([procedure.id]);
      if (!link) throw new BadUserInputError(english("questionSet.none"), "procedureId");
      const question = (await sets.questionsOf([link.questionSetVersionId])).find((q) => q.code === input.questionCode);
      if (!question) throw new BadUserInputError(english("questionSet.unknownQuestion", { code: input.questionCode }), "questionCode");
      const checked = await checkedValue(tx, procedure.id, question, input);
      const answers = new AnswerRepository(tx);
      const { row, replaced } = await answers.upsert({
        procedureId: procedure.id,
        questionId: question.id,
        value: await sealAnswerValue(tx, procedure.id, checked.value),
        attachmentId: checked.attachmentId,
        answeredByAuthorityId: viewer.authorityId,
        answeredByUserId: viewer.userId,
        answeredAt: now,
      });
      const progress = await answers.requiredProgress(procedure.id, link.questionSetVersionId);
      const complete = progress.answered >= progress.required;
      await new ProcedureRepository(tx).update(procedure.id, {
        status: complete && procedure.status === "ACCEPTED" ? "ANSWERED" : procedure.status,
        lastActivityAt: now,
      });
      await audit.writeNow(tx, [
        {
          action: replaced ? "UPDATE" : "CREATE",
          procedureId: procedure.id,
          fields: [checked.attachmentId ? "QuestionAnswer.attachment" : "QuestionAnswer.value"],
          ground: `PARTICIPANT:${participation.part}`,
        },
      ]);
      return { ...row, value: checked.value };
    });
  }
}
