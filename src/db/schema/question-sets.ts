import { relations } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { authorities } from "./authorities.js";
import { attachments } from "./attachments.js";
import { legalAreas } from "./legal-areas.js";
import { procedures } from "./procedures.js";
import { users } from "./users.js";

/** The four languages of the catalogues and of every question's wording (src/i18n). */
export type Wording = { da: string; de: string; fr: string; en: string };

export const answerTypeEnum = pgEnum("answer_type", ["YES_NO", "CHOICE", "DATE", "TEXT", "DOCUMENT"]);
export const questionSetStatusEnum = pgEnum("question_set_status", ["PUBLISHED", "RETIRED"]);

/**
 * A version of a question set of a legal area (IMI's "question sets"). Reference data, not personal
 * data. Versions are never edited after publication: a change is a new version, and a retired
 * version stays readable for the procedures that were created from it.
 */
export const questionSetVersions = pgTable(
  "question_set_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stable across versions (e.g. SERVICES-ESTABLISHMENT). */
    code: text("code").notNull(),
    version: integer("version").notNull(),
    legalAreaCode: text("legal_area_code")
      .notNull()
      .references(() => legalAreas.code),
    title: jsonb("title").$type<Wording>().notNull(),
    status: questionSetStatusEnum("status").notNull().default("PUBLISHED"),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    publishedByUserId: uuid("published_by_user_id").references(() => users.id),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("question_set_versions_code_version_idx").on(t.code, t.version),
    index("question_set_versions_legal_area_idx").on(t.legalAreaCode),
    index("question_set_versions_published_by_idx").on(t.publishedByUserId),
  ],
);

/** A choice of a CHOICE question: a stable code and its label in every language. */
export type QuestionChoiceRow = { code: string; label: Wording };

export const questions = pgTable(
  "questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    questionSetVersionId: uuid("question_set_version_id")
      .notNull()
      .references(() => questionSetVersions.id),
    /** Stable across versions: answers and frontends refer to it. */
    code: text("code").notNull(),
    position: integer("position").notNull(),
    answerType: answerTypeEnum("answer_type").notNull(),
    required: boolean("required").notNull().default(true),
    /** Whether an answer may name a person; every answer is treated as personal data all the same. */
    mayContainPersonalData: boolean("may_contain_personal_data").notNull(),
    wording: jsonb("wording").$type<Wording>().notNull(),
    choices: jsonb("choices").$type<QuestionChoiceRow[]>().notNull().default([]),
  },
  (t) => [uniqueIndex("questions_version_code_idx").on(t.questionSetVersionId, t.code)],
);

/** The question set version a request was created from (one at most). Metadata, not personal data. */
export const procedureQuestionSets = pgTable(
  "procedure_question_sets",
  {
    procedureId: uuid("procedure_id")
      .primaryKey()
      .references(() => procedures.id, { onDelete: "cascade" }),
    questionSetVersionId: uuid("question_set_version_id")
      .notNull()
      .references(() => questionSetVersions.id),
  },
  (t) => [index("procedure_question_sets_version_idx").on(t.questionSetVersionId)],
);

/**
 * The responder's answer to one question of the procedure's set. Personal data (the matrix's
 * personalData class): blocked with the procedure and deleted by the retention job in the same
 * statement as its data subjects and messages (R-RETAIN-1, R-RETAIN-3).
 */
export const questionAnswers = pgTable(
  "question_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id, { onDelete: "cascade" }),
    questionId: uuid("question_id")
      .notNull()
      .references(() => questions.id),
    /** The value as stored by answer-storage.ts (YES/NO, a choice code, a date, a text); null for a document. */
    value: text("value"),
    /** A DOCUMENT answer's attachment, of the same procedure. */
    attachmentId: uuid("attachment_id").references(() => attachments.id, { onDelete: "set null" }),
    answeredByAuthorityId: uuid("answered_by_authority_id")
      .notNull()
      .references(() => authorities.id),
    answeredByUserId: uuid("answered_by_user_id").references(() => users.id),
    answeredAt: timestamp("answered_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("question_answers_procedure_question_idx").on(t.procedureId, t.questionId),
    index("question_answers_question_idx").on(t.questionId),
    index("question_answers_attachment_idx").on(t.attachmentId),
    index("question_answers_authority_idx").on(t.answeredByAuthorityId),
    index("question_answers_user_idx").on(t.answeredByUserId),
  ],
);

export const questionSetVersionsRelations = relations(questionSetVersions, ({ one, many }) => ({
  legalArea: one(legalAreas, { fields: [questionSetVersions.legalAreaCode], references: [legalAreas.code] }),
  questions: many(questions),
}));

export const questionsRelations = relations(questions, ({ one }) => ({
  questionSetVersion: one(questionSetVersions, { fields: [questions.questionSetVersionId], references: [questionSetVersions.id] }),
}));

export const questionAnswersRelations = relations(questionAnswers, ({ one }) => ({
  procedure: one(procedures, { fields: [questionAnswers.procedureId], references: [procedures.id] }),
  question: one(questions, { fields: [questionAnswers.questionId], references: [questions.id] }),
}));
