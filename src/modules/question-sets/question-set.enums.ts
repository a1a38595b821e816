import { registerEnumType } from "type-graphql";

export enum AnswerType {
  YES_NO = "YES_NO",
  CHOICE = "CHOICE",
  DATE = "DATE",
  TEXT = "TEXT",
  DOCUMENT = "DOCUMENT",
}
export enum QuestionSetStatus {
  PUBLISHED = "PUBLISHED",
  RETIRED = "RETIRED",
}

registerEnumType(AnswerType, {
  name: "AnswerType",
  description: "How a question is answered. The answer's `value`: YES_NO `YES` or `NO`; CHOICE a choice's code; DATE `YYYY-MM-DD`; TEXT free text; DOCUMENT no value, an attachment.",
});
registerEnumType(QuestionSetStatus, {
  name: "QuestionSetStatus",
  description: "PUBLISHED: new requests can be created from it. RETIRED: no new requests, still readable for the procedures created from it.",
});
