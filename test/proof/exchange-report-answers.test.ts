import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { CompactSign, importJWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { attachments, auditEvents, procedures } from "../../src/db/schema/index.js";
import { exchangeKeys, generateExchangeKey } from "../../src/modules/proof/proof.keys.js";
import { pdfBytes, startHttp, upload, type HttpFront } from "../attachments/attachment-fixtures.js";
import { graphql } from "../generated/gql.js";
import { codes, TestApi } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { START, useSuite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";
import { answer, publishSet, requestFromSet } from "../question-sets/question-set-fixtures.js";

/**
 * Issue 17 in the exchange report (format version 2): a request's answers and documents are part of
 * the signed exchange, the documents as metadata and digest only.
 */

const REPORT = graphql(`
  query ProofAnswersReport($procedureId: ID!) {
    exchangeReport(procedureId: $procedureId) {
      jws
      html
      content {
        ...ProofAnswersContent
      }
    }
  }
`);

const VERIFY = graphql(`
  query ProofAnswersVerify($report: String!) {
    verifyExchangeReport(report: $report) {
      valid
      problem
      content {
        ...ProofAnswersContent
      }
    }
  }
`);

const CONTENT = graphql(`
  fragment ProofAnswersContent on ExchangeReportContent {
    version
    messages {
      body
    }
    questionSet {
      id
      code
      version
    }
    answers {
      id
      questionCode
      answerType
      questionWording {
        da
        de
        fr
        en
      }
      german: questionText(language: DE)
      value
      attachmentId
      answeredBy {
        id
      }
      answeredAt
    }
    attachments {
      id
      fileName
      contentType
      sizeBytes
      sha256
      uploadedBy {
        id
      }
      uploadedAt
    }
  }
`);
void CONTENT;

/** What the viewer reads of the same answers and documents through the ordinary API. */
const VIEW = graphql(`
  query ProofAnswersView($id: ID!) {
    procedure(id: $id) {
      answers {
        id
        questionCode
        value
        answeredAt
        attachment {
          id
        }
        answeredBy {
          id
        }
      }
      attachments {
        id
        fileName
        contentType
        sizeBytes
        sha256
        createdAt
      }
      messages {
        body
      }
    }
  }
`);

const MINUTE = 60_000;

function decodePayload(jws: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jws.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

function withPayload(jws: string, payload: unknown): string {
  const [header, , signature] = jws.split(".") as [string, string, string];
  return `${header}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${signature}`;
}

describe.each(DRIVERS)("exchange reports of answers and documents on %s", (driver) => {
  const suite = useSuite(driver);
  let front: HttpFront;
  beforeAll(async () => {
    front = await startHttp(suite.api.api);
  });
  afterAll(() => front?.close());

  /** A request DK → DE from a question set, accepted; DE uploads a PDF and answers every question. */
  async function answeredRequest(world: World) {
    const set = await publishSet(suite, world);
    const id = await requestFromSet(suite, world, set.id);
    const de = await world.token(world.user.handlerDe);
    const bytes = pdfBytes(300 * 1024, `diploma-${world.tag}`);
    suite.api.clock.advance(MINUTE);
    const sent = await upload(front, de, id, bytes, { name: "diploma.pdf" });
    expect(sent.status, JSON.stringify(sent)).toBe(201);
    const attachmentId = sent.attachment!.id;
    const given: [string, { value?: string; attachmentId?: string }][] = [
      ["AUTHENTIC", { value: "YES" }],
      ["ISSUED", { value: "2019-06-30" }],
      ["RIGHT", { value: "FULL" }],
      ["NOTES", { value: `Issued to Jonas Weber ${world.tag}` }],
      ["COPY", { attachmentId }],
    ];
    for (const [questionCode, input] of given) {
      suite.api.clock.advance(MINUTE);
      const result = await answer(suite, de, id, { questionCode, ...input });
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    }
    return { set, id, bytes, attachmentId, notes: `Issued to Jonas Weber ${world.tag}` };
  }

  it("R-PROOF-1 records a request's answers (question, wording, value, who and when) and its documents' metadata and SHA-256, never the bytes, and verifies", async () => {
    const world = await suite.world();
    const { set, id, bytes, attachmentId, notes } = await answeredRequest(world);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    suite.api.clock.advance(MINUTE);

    for (const user of ["handlerDk", "handlerDe"] as const) {
      const token = await world.token(world.user[user]);
      const result = await suite.api.execute(REPORT, { procedureId: id }, token);
      expect(result.errors, user).toBeUndefined();
      const { jws, html, content } = result.data!.exchangeReport;
      expect(content.version).toBe(2);
      expect(content.questionSet).toEqual({ id: set.id, code: set.code, version: 1 });
      expect(content.answers!.map((a) => [a.questionCode, a.answerType, a.value, a.answeredBy.id])).toEqual([
        ["AUTHENTIC", "YES_NO", "YES", world.authority.de],
        ["ISSUED", "DATE", "2019-06-30", world.authority.de],
        ["RIGHT", "CHOICE", "FULL", world.authority.de],
        ["NOTES", "TEXT", notes, world.authority.de],
        ["COPY", "DOCUMENT", null, world.authority.de],
      ]);
      const authentic = content.answers![0]!;
      expect(authentic.questionWording).toEqual({
        da: "Is the diploma authentic? (da)",
        de: "Is the diploma authentic? (de)",
        fr: "Is the diploma authentic? (fr)",
        en: "Is the diploma authentic?",
      });
      expect(authentic.german).toBe("Is the diploma authentic? (de)");
      expect(authentic.answeredAt).toBe(new Date(START.getTime() + 2 * MINUTE).toISOString());
      expect(content.answers![4]!.attachmentId).toBe(attachmentId);
      expect(content.attachments).toEqual([
        {
          id: attachmentId,
          fileName: "diploma.pdf",
          contentType: "application/pdf",
          sizeBytes: bytes.length,
          sha256,
          uploadedBy: { id: world.authority.de },
          uploadedAt: new Date(START.getTime() + MINUTE).toISOString(),
        },
      ]);

      // The same as the viewer reads through the ordinary API.
      const view = (await suite.api.execute(VIEW, { id }, token)).data!.procedure!;
      expect(content.answers!.map((a) => ({ id: a.id, questionCode: a.questionCode, value: a.value, answeredAt: a.answeredAt }))).toEqual(
        view.answers!.map((a) => ({ id: a.id, questionCode: a.questionCode, value: a.value, answeredAt: a.answeredAt })),
      );
      expect(content.attachments!.map(({ uploadedBy, uploadedAt, ...a }) => ({ ...a, createdAt: uploadedAt }))).toEqual(view.attachments);

      // Never the bytes: not in the JWS, not in the page; the digest is.
      const signed = Buffer.from(jws.split(".")[1]!, "base64url").toString("utf8");
      expect(signed.length).toBeLessThan(bytes.length / 10);
      for (const trace of [`diploma-${world.tag}`, bytes.subarray(64, 96).toString("base64"), bytes.subarray(64, 96).toString("hex")]) {
        expect(signed).not.toContain(trace);
        expect(html).not.toContain(trace);
      }
      expect(html).toContain(sha256);
      expect(html).toContain("Is the diploma authentic?");
      expect(html).toContain(notes);

      const verified = await suite.api.execute(VERIFY, { report: jws });
      expect(verified.errors).toBeUndefined();
      expect(verified.data!.verifyExchangeReport).toEqual({ valid: true, problem: null, content });
    }

    // Reading the report is reading the answers and documents (R-SEC-2): named fields, never values.
    const events = await suite.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.procedureId, id), eq(auditEvents.action, "READ"), eq(auditEvents.actorUserId, world.user.handlerDk.id)));
    const fields = events.flatMap((e) => e.fields);
    expect(fields).toEqual(expect.arrayContaining(["ExchangeReport.jws", "ExchangeReportAnswer.value", "ExchangeReportAttachment.fileName", "ExchangeReportAttachment.sha256"]));
    expect(JSON.stringify(events)).not.toContain(notes);
    expect(JSON.stringify(events)).not.toContain("diploma.pdf");
  });

  it("computes a document's SHA-256 from its stored chunks when none was stored", async () => {
    const world = await suite.world();
    const { id, bytes, attachmentId } = await answeredRequest(world);
    await suite.db.db.update(attachments).set({ sha256: null }).where(eq(attachments.id, attachmentId));
    const result = await suite.api.execute(REPORT, { procedureId: id }, await world.token(world.user.handlerDk));
    expect(result.errors).toBeUndefined();
    expect(result.data!.exchangeReport.content.attachments![0]!.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("R-PROOF-1 a viewer who may not read the personal data gets no answers or documents, refused with the reason the messages are", async () => {
    const world = await suite.world();
    const { id, notes } = await answeredRequest(world);
    const blocked = await answeredRequest(world);
    await suite.db.db.update(procedures).set({ closedAt: suite.api.clock.now(), status: "CLOSED", blockedAt: suite.api.clock.now() }).where(eq(procedures.id, blocked.id));
    const cases: [keyof World["user"], string, string][] = [
      ["coordinatorDk", id, "ROLE"],
      ["adminDk", id, "ROLE"],
      ["helpdesk", id, "NOT_INVOLVED"],
      ["handlerDk", blocked.id, "BLOCKED"],
      ["handlerDe", blocked.id, "BLOCKED"],
    ];
    for (const [user, procedureId, reason] of cases) {
      const token = await world.token(world.user[user]);
      const report = await suite.api.execute(REPORT, { procedureId }, token);
      expect(report.data?.exchangeReport ?? null, user).toBeNull();
      expect(codes(report), user).toEqual(["FORBIDDEN"]);
      expect(report.errors![0]!.extensions!.reason, user).toBe(reason);
      // The ordinary API withholds the messages, the answers and the documents alike, for the same reason.
      const view = await suite.api.execute(VIEW, { id: procedureId }, token);
      expect(view.data!.procedure, user).toEqual({ answers: null, attachments: null, messages: null });
      const reasons = new Map(view.errors!.map((e) => [e.path!.at(-1), e.extensions!.reason]));
      expect(Object.fromEntries(reasons), user).toEqual({ answers: reason, attachments: reason, messages: reason });
      for (const absent of [notes, blocked.notes, "diploma.pdf"]) expect(JSON.stringify([report, view]), user).not.toContain(absent);
    }
  });

  it("R-PROOF-1 a changed answer, document digest or document list in a signed report fails verification", async () => {
    const world = await suite.world();
    const { id } = await answeredRequest(world);
    const { jws } = (await suite.api.execute(REPORT, { procedureId: id }, await world.token(world.user.handlerDk))).data!.exchangeReport;
    const payload = decodePayload(jws) as { answers: { value: string | null }[]; attachments: { sha256: string }[] };
    expect((await suite.api.api.services.proof.verify(withPayload(jws, payload))).valid).toBe(true);
    const changes: [string, (p: typeof payload) => void][] = [
      ["an answer's value", (p) => void (p.answers[0]!.value = "NO")],
      ["an answer removed", (p) => void p.answers.splice(3, 1)],
      ["a document's digest", (p) => void (p.attachments[0]!.sha256 = "0".repeat(64))],
      ["the documents removed", (p) => void (p.attachments = [])],
    ];
    for (const [what, change] of changes) {
      const altered = structuredClone(payload);
      change(altered);
      const verdict = await suite.api.execute(VERIFY, { report: withPayload(jws, altered) });
      expect(verdict.errors, what).toBeUndefined();
      expect(verdict.data!.verifyExchangeReport, what).toMatchObject({ valid: false, content: null, problem: expect.stringMatching(/signature does not match/) });
    }
  });

  it("R-PROOF-1 a report of format version 1 (before answers were recorded) still verifies, its answers and documents null; an unknown version does not", async () => {
    const world = await suite.world();
    const { id } = await answeredRequest(world);
    const key = generateExchangeKey("v1-key");
    const api = await TestApi.create(suite.db.db, new ManualClock(START), { exchangeKeys: exchangeKeys(key) });
    try {
      const { jws } = (await api.execute(REPORT, { procedureId: id }, await world.token(world.user.handlerDk))).data!.exchangeReport;
      const { questionSet: _set, answers: _answers, attachments: _attachments, ...rest } = decodePayload(jws);
      const sign = async (payload: unknown) =>
        new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
          .setProtectedHeader({ alg: "EdDSA", kid: "v1-key", typ: "imi-exchange-report+jwt" })
          .sign(await importJWK({ ...key }, "EdDSA"));

      const v1 = await api.execute(VERIFY, { report: await sign({ ...rest, ver: 1 }) });
      expect(v1.errors).toBeUndefined();
      expect(v1.data!.verifyExchangeReport).toMatchObject({ valid: true, problem: null });
      expect(v1.data!.verifyExchangeReport.content).toMatchObject({ version: 1, questionSet: null, answers: null, attachments: null });

      // Version 2 requires its parts; a version this server does not know is refused.
      for (const [what, payload] of [
        ["version 2 without its answers", { ...rest, ver: 2 }],
        ["version 3", { ...decodePayload(jws), ver: 3 }],
      ] as const) {
        const verdict = await api.execute(VERIFY, { report: await sign(payload) });
        expect(verdict.data!.verifyExchangeReport, what).toMatchObject({ valid: false, content: null, problem: expect.stringMatching(/payload is not an exchange report/) });
      }
    } finally {
      await api.stop();
    }
  });
});
