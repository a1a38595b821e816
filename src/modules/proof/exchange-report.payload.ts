/**
 * R-PROOF-1: what an exchange report signs. The payload is JSON with JWT claims (`iss`, `iat`, `jti`)
 * around the exchange itself; `contentOf` turns a payload into the content the API returns, for a
 * report being issued and for one being verified alike, so the content always mirrors what is signed.
 */

/** The JWS `typ` header of an exchange report. */
export const REPORT_TYPE = "imi-exchange-report+jwt";
/** The `iss` claim. */
export const REPORT_ISSUER = "imi-data-protection-api";
/**
 * The payload format version (`ver`) of new reports; a verifier refuses versions it does not know.
 * 2 (issue 17): adds the question set, its answers and the attachments' metadata. Reports of
 * version 1 stay verifiable: they are read without those parts (null in their content).
 */
export const REPORT_VERSION = 2;
/** Every version a verifier reads. */
export const KNOWN_REPORT_VERSIONS = [1, 2] as const;

const KINDS = ["REQUEST", "ALERT", "NOTIFICATION", "SOLVIT_CASE"] as const;
const STATUSES = ["DRAFT", "SENT", "ACCEPTED", "ANSWERED", "CLOSED"] as const;
const PARTS = ["INITIATOR", "RESPONDER", "RECIPIENT"] as const;
const CATEGORIES = ["DISCIPLINARY", "ADMINISTRATIVE", "CRIMINAL", "GOOD_REPUTE"] as const;
const ANSWER_TYPES = ["YES_NO", "CHOICE", "DATE", "TEXT", "DOCUMENT"] as const;
const LANGUAGES = ["da", "de", "fr", "en"] as const;

export interface AuthorityJson {
  id: string;
  name: string;
  memberState: string;
}

export interface SensitiveRecordJson {
  id: string;
  category: (typeof CATEGORIES)[number];
  details: string;
  legalBasis: string | null;
  consentReference: string | null;
  necessity: string;
  createdAt: string;
}

export interface DataSubjectJson {
  id: string;
  fullName: string;
  dateOfBirth: string | null;
  nationalIdentifier: string | null;
  address: string | null;
  email: string | null;
  sensitiveRecords: SensitiveRecordJson[];
}

/** A question's wording in each language of the catalogue, as published in its (immutable) set version. */
export type WordingJson = Record<(typeof LANGUAGES)[number], string>;

/** Version 2: the set version a request was created from (reference data). */
export interface QuestionSetJson {
  id: string;
  code: string;
  version: number;
}

/** Version 2: an answer to one question, with the question's wording in every language. */
export interface AnswerJson {
  id: string;
  questionCode: string;
  answerType: (typeof ANSWER_TYPES)[number];
  question: WordingJson;
  value: string | null;
  /** A DOCUMENT answer's attachment, listed in `attachments`. */
  attachmentId: string | null;
  answeredBy: AuthorityJson;
  answeredAt: string;
}

/** Version 2: a document's metadata and digest, never its bytes. */
export interface AttachmentJson {
  id: string;
  fileName: string;
  /** Declared on upload and checked against the content's magic bytes. */
  contentType: string;
  sizeBytes: number;
  /** SHA-256 of the bytes, hex: whoever holds the file can show it is the one exchanged. */
  sha256: string;
  uploadedBy: AuthorityJson;
  uploadedAt: string;
}

export interface ExchangeReportPayload {
  iss: string;
  /** Seconds since the epoch (JWT NumericDate). */
  iat: number;
  /** The report's id. */
  jti: string;
  ver: number;
  /** The authority whose case handler downloaded it. */
  issuedTo: AuthorityJson;
  procedure: {
    id: string;
    reference: string;
    kind: (typeof KINDS)[number];
    legalArea: { code: string; name: string; actReference: string };
    subject: string;
    status: (typeof STATUSES)[number];
  };
  participants: { authority: AuthorityJson; part: (typeof PARTS)[number]; acceptedAt: string | null }[];
  /** The states the procedure entered that carry a time: created (DRAFT), SENT, CLOSED. */
  states: { status: (typeof STATUSES)[number]; at: string }[];
  messages: { id: string; author: AuthorityJson; createdAt: string; body: string; confidential: boolean }[];
  dataSubjects: DataSubjectJson[];
  /** From version 2 (absent in version 1 reports). */
  questionSet?: QuestionSetJson | null;
  answers?: AnswerJson[];
  attachments?: AttachmentJson[];
}

type Payload = ExchangeReportPayload;

/** The payload as the API returns it: claims named for people, times as Dates. */
export interface ExchangeReportContentData {
  reportId: string;
  issuer: string;
  issuedAt: Date;
  version: number;
  issuedTo: AuthorityJson;
  procedure: Payload["procedure"];
  participants: (Omit<Payload["participants"][number], "acceptedAt"> & { acceptedAt: Date | null })[];
  states: (Omit<Payload["states"][number], "at"> & { at: Date })[];
  messages: (Omit<Payload["messages"][number], "createdAt"> & { createdAt: Date })[];
  dataSubjects: (Omit<DataSubjectJson, "sensitiveRecords"> & { sensitiveRecords: (Omit<SensitiveRecordJson, "createdAt"> & { createdAt: Date })[] })[];
  /** Null in a version 1 report, which did not record them, and when the procedure has no set. */
  questionSet: QuestionSetJson | null;
  /** Null in a version 1 report, which did not record them. */
  answers: (Omit<AnswerJson, "answeredAt" | "question"> & { questionWording: WordingJson; answeredAt: Date })[] | null;
  attachments: (Omit<AttachmentJson, "uploadedAt"> & { uploadedAt: Date })[] | null;
}

export function contentOf(payload: ExchangeReportPayload): ExchangeReportContentData {
  return {
    reportId: payload.jti,
    issuer: payload.iss,
    issuedAt: new Date(payload.iat * 1000),
    version: payload.ver,
    issuedTo: payload.issuedTo,
    procedure: payload.procedure,
    participants: payload.participants.map((p) => ({ ...p, acceptedAt: p.acceptedAt === null ? null : new Date(p.acceptedAt) })),
    states: payload.states.map((s) => ({ ...s, at: new Date(s.at) })),
    messages: payload.messages.map((m) => ({ ...m, createdAt: new Date(m.createdAt) })),
    dataSubjects: payload.dataSubjects.map((d) => ({
      ...d,
      sensitiveRecords: d.sensitiveRecords.map((r) => ({ ...r, createdAt: new Date(r.createdAt) })),
    })),
    questionSet: payload.questionSet ?? null,
    answers: payload.answers?.map(({ question, ...a }) => ({ ...a, questionWording: question, answeredAt: new Date(a.answeredAt) })) ?? null,
    attachments: payload.attachments?.map((a) => ({ ...a, uploadedAt: new Date(a.uploadedAt) })) ?? null,
  };
}

/** A signed payload that is not an exchange report of a format this server knows. */
export class PayloadShapeError extends Error {}

type Json = Record<string, unknown>;

function fail(path: string, expected: string): never {
  throw new PayloadShapeError(`${path} is not ${expected}`);
}

function object(value: unknown, path: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(path, "an object");
  return value as Json;
}

function string(o: Json, key: string, path: string): string {
  const value = o[key];
  if (typeof value !== "string") fail(`${path}.${key}`, "a string");
  return value;
}

function nullableString(o: Json, key: string, path: string): string | null {
  const value = o[key];
  if (value === null) return null;
  if (typeof value !== "string") fail(`${path}.${key}`, "a string or null");
  return value;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function time(o: Json, key: string, path: string): string {
  const value = string(o, key, path);
  if (!ISO.test(value) || Number.isNaN(Date.parse(value))) fail(`${path}.${key}`, "an ISO-8601 UTC time");
  return value;
}

function nullableTime(o: Json, key: string, path: string): string | null {
  return o[key] === null ? null : time(o, key, path);
}

function nonNegativeInteger(o: Json, key: string, path: string): number {
  const value = o[key];
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) fail(`${path}.${key}`, "a non-negative integer");
  return value;
}

function oneOf<T extends string>(o: Json, key: string, values: readonly T[], path: string): T {
  const value = string(o, key, path);
  if (!values.includes(value as T)) fail(`${path}.${key}`, `one of ${values.join(", ")}`);
  return value as T;
}

function list<T>(o: Json, key: string, path: string, item: (value: Json, path: string) => T): T[] {
  const value = o[key];
  if (!Array.isArray(value)) fail(`${path}.${key}`, "a list");
  return value.map((v, i) => item(object(v, `${path}.${key}[${i}]`), `${path}.${key}[${i}]`));
}

function authority(o: Json, path: string): AuthorityJson {
  return { id: string(o, "id", path), name: string(o, "name", path), memberState: string(o, "memberState", path) };
}

/** The payload of a verified report, checked field by field (never trusted by its signature alone). */
export function parsePayload(value: unknown): ExchangeReportPayload {
  const p = object(value, "payload");
  const ver = p.ver;
  if (!KNOWN_REPORT_VERSIONS.includes(ver as (typeof KNOWN_REPORT_VERSIONS)[number])) {
    fail("payload.ver", `a known format version (${KNOWN_REPORT_VERSIONS.join(", ")})`);
  }
  const iat = p.iat;
  if (typeof iat !== "number" || !Number.isInteger(iat) || iat < 0) fail("payload.iat", "a NumericDate");
  const procedure = object(p.procedure, "payload.procedure");
  const area = object(procedure.legalArea, "payload.procedure.legalArea");
  const base: ExchangeReportPayload = {
    iss: string(p, "iss", "payload"),
    iat,
    jti: string(p, "jti", "payload"),
    ver: ver as number,
    issuedTo: authority(object(p.issuedTo, "payload.issuedTo"), "payload.issuedTo"),
    procedure: {
      id: string(procedure, "id", "payload.procedure"),
      reference: string(procedure, "reference", "payload.procedure"),
      kind: oneOf(procedure, "kind", KINDS, "payload.procedure"),
      legalArea: {
        code: string(area, "code", "payload.procedure.legalArea"),
        name: string(area, "name", "payload.procedure.legalArea"),
        actReference: string(area, "actReference", "payload.procedure.legalArea"),
      },
      subject: string(procedure, "subject", "payload.procedure"),
      status: oneOf(procedure, "status", STATUSES, "payload.procedure"),
    },
    participants: list(p, "participants", "payload", (o, path) => ({
      authority: authority(object(o.authority, `${path}.authority`), `${path}.authority`),
      part: oneOf(o, "part", PARTS, path),
      acceptedAt: nullableTime(o, "acceptedAt", path),
    })),
    states: list(p, "states", "payload", (o, path) => ({ status: oneOf(o, "status", STATUSES, path), at: time(o, "at", path) })),
    messages: list(p, "messages", "payload", (o, path) => {
      if (typeof o.confidential !== "boolean") fail(`${path}.confidential`, "a boolean");
      return {
        id: string(o, "id", path),
        author: authority(object(o.author, `${path}.author`), `${path}.author`),
        createdAt: time(o, "createdAt", path),
        body: string(o, "body", path),
        confidential: o.confidential,
      };
    }),
    dataSubjects: list(p, "dataSubjects", "payload", (o, path) => ({
      id: string(o, "id", path),
      fullName: string(o, "fullName", path),
      dateOfBirth: nullableString(o, "dateOfBirth", path),
      nationalIdentifier: nullableString(o, "nationalIdentifier", path),
      address: nullableString(o, "address", path),
      email: nullableString(o, "email", path),
      sensitiveRecords: list(o, "sensitiveRecords", path, (r, rpath) => ({
        id: string(r, "id", rpath),
        category: oneOf(r, "category", CATEGORIES, rpath),
        details: string(r, "details", rpath),
        legalBasis: nullableString(r, "legalBasis", rpath),
        consentReference: nullableString(r, "consentReference", rpath),
        necessity: string(r, "necessity", rpath),
        createdAt: time(r, "createdAt", rpath),
      })),
    })),
  };
  return ver === 1 ? base : { ...base, ...versionTwoParts(p) };
}

/** What version 2 added (issue 17): the question set, its answers and the attachments' metadata. */
function versionTwoParts(p: Json): Required<Pick<ExchangeReportPayload, "questionSet" | "answers" | "attachments">> {
  const set = p.questionSet === null ? null : object(p.questionSet, "payload.questionSet");
  return {
    questionSet: set && {
      id: string(set, "id", "payload.questionSet"),
      code: string(set, "code", "payload.questionSet"),
      version: nonNegativeInteger(set, "version", "payload.questionSet"),
    },
    answers: list(p, "answers", "payload", (o, path) => {
      const wording = object(o.question, `${path}.question`);
      return {
        id: string(o, "id", path),
        questionCode: string(o, "questionCode", path),
        answerType: oneOf(o, "answerType", ANSWER_TYPES, path),
        question: Object.fromEntries(LANGUAGES.map((l) => [l, string(wording, l, `${path}.question`)])) as WordingJson,
        value: nullableString(o, "value", path),
        attachmentId: nullableString(o, "attachmentId", path),
        answeredBy: authority(object(o.answeredBy, `${path}.answeredBy`), `${path}.answeredBy`),
        answeredAt: time(o, "answeredAt", path),
      };
    }),
    attachments: list(p, "attachments", "payload", (o, path) => {
      const sha256 = string(o, "sha256", path);
      if (!/^[0-9a-f]{64}$/.test(sha256)) fail(`${path}.sha256`, "a hex SHA-256");
      return {
        id: string(o, "id", path),
        fileName: string(o, "fileName", path),
        contentType: string(o, "contentType", path),
        sizeBytes: nonNegativeInteger(o, "sizeBytes", path),
        sha256,
        uploadedBy: authority(object(o.uploadedBy, `${path}.uploadedBy`), `${path}.uploadedBy`),
        uploadedAt: time(o, "uploadedAt", path),
      };
    }),
  };
}
