import { expect } from "vitest";
import type { Suite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";

const w = (text: string) => ({ da: `${text} (da)`, de: `${text} (de)`, fr: `${text} (fr)`, en: text });

/** A set of every answer type, published by the world's Commission user; the code is the world's own. */
export async function publishSet(suite: Suite, world: World, { legalAreaCode = "PROFESSIONAL_QUALIFICATIONS", code = `QS-${world.tag.toUpperCase()}` } = {}) {
  const result = await suite.api.executeText<{ publishQuestionSet: { id: string; version: number; code: string } }>(
    `mutation Publish($input: PublishQuestionSetInput!) { publishQuestionSet(input: $input) { id version code } }`,
    {
      input: {
        code,
        legalAreaCode,
        title: w("Diploma check"),
        questions: [
          { code: "AUTHENTIC", answerType: "YES_NO", mayContainPersonalData: false, wording: w("Is the diploma authentic?") },
          { code: "ISSUED", answerType: "DATE", mayContainPersonalData: true, wording: w("When was it issued?") },
          {
            code: "RIGHT",
            answerType: "CHOICE",
            mayContainPersonalData: true,
            wording: w("Right to practise?"),
            choices: [
              { code: "FULL", label: w("Full") },
              { code: "NONE", label: w("None") },
            ],
          },
          { code: "NOTES", answerType: "TEXT", required: false, mayContainPersonalData: true, wording: w("Anything else?") },
          { code: "COPY", answerType: "DOCUMENT", required: false, mayContainPersonalData: true, wording: w("Attach a copy.") },
        ],
      },
    },
    await world.token(world.user.helpdesk),
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.publishQuestionSet;
}

/** A request from the set, sent by DK to DE and accepted by DE. */
export async function requestFromSet(suite: Suite, world: World, versionId: string, { accept = true, legalAreaCode = "PROFESSIONAL_QUALIFICATIONS" } = {}) {
  const dk = await world.token(world.user.handlerDk);
  const created = await suite.api.executeText<{ createProcedure: { id: string } }>(
    `mutation Create($input: CreateProcedureInput!) { createProcedure(input: $input) { id } }`,
    {
      input: {
        kind: "REQUEST",
        legalAreaCode,
        subject: "Diploma check",
        justification: "Recognition of a diploma.",
        recipientAuthorityIds: [world.authority.de],
        questionSetVersionId: versionId,
      },
    },
    dk,
  );
  expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
  const id = created.data!.createProcedure.id;
  expect((await suite.api.executeText(`mutation($id: ID!) { sendProcedure(id: $id) { id } }`, { id }, dk)).errors).toBeUndefined();
  if (accept) {
    const de = await world.token(world.user.handlerDe);
    expect((await suite.api.executeText(`mutation($id: ID!) { acceptProcedure(id: $id) { id } }`, { id }, de)).errors).toBeUndefined();
  }
  return id;
}

export const ANSWER = `mutation Answer($procedureId: ID!, $input: AnswerQuestionInput!) {
  answerQuestion(procedureId: $procedureId, input: $input) { id questionCode value attachment { id } answeredAt }
}`;

export function answer(suite: Suite, token: string, procedureId: string, input: { questionCode: string; value?: string; attachmentId?: string }) {
  return suite.api.executeText<{ answerQuestion: { id: string; questionCode: string; value: string | null; attachment: { id: string } | null } }>(
    ANSWER,
    { procedureId, input },
    token,
  );
}

export const READ_ANSWERS = `query Answers($id: ID!, $language: Language) {
  procedure(id: $id) {
    id status
    questionSet { id code version status title(language: $language) questions { code text(language: $language) choices { code label(language: $language) } } }
    answers { questionCode value question { text(language: $language) } attachment { id fileName contentType sizeBytes sha256 downloadPath } answeredBy { id } }
    attachments { id fileName contentType sizeBytes sha256 downloadPath uploadedBy { id } }
    personalDataAccess { granted reason }
  }
}`;

export type ReadAnswers = {
  procedure: {
    id: string;
    status: string;
    questionSet: { id: string; code: string; version: number; status: string; title: string; questions: { code: string; text: string }[] } | null;
    answers: { questionCode: string; value: string | null; question: { text: string }; attachment: { id: string } | null }[] | null;
    attachments: { id: string; fileName: string; contentType: string; sizeBytes: number; sha256: string; downloadPath: string }[] | null;
    personalDataAccess: { granted: boolean; reason: string | null };
  } | null;
};
