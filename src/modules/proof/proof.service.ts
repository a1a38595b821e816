import { createPrivateKey, createPublicKey, randomUUID, type KeyObject } from "node:crypto";
import { CompactSign, compactVerify } from "jose";
import { DENIAL_MESSAGES } from "../../auth/policy.js";
import { groundOf, procedureDecision, situationOf } from "../../auth/procedure-situation.js";
import { requireViewer, type Context } from "../../context.js";
import type { Database } from "../../db/database.js";
import { ForbiddenError, NotFoundError } from "../../errors.js";
import { attachmentSha256 } from "../attachments/attachment-digest.js";
import { ProcedureRepository, type ProcedureRow } from "../procedures/procedure.repository.js";
import { renderExchangeReportHtml } from "./exchange-report.html.js";
import {
  contentOf,
  parsePayload,
  PayloadShapeError,
  REPORT_ISSUER,
  REPORT_TYPE,
  REPORT_VERSION,
  type AuthorityJson,
  type ExchangeReportContentData,
  type ExchangeReportPayload,
} from "./exchange-report.payload.js";
import { publicJwk, type Ed25519PublicJwk, type ExchangeKeys } from "./proof.keys.js";

export const JWS_ALGORITHM = "EdDSA";
/** Larger than any report this server issues within its 1 MB request limit; a bound before any decoding. */
const MAX_REPORT_LENGTH = 4 * 1024 * 1024;
const MAX_ECHOED_KID = 200;

export interface IssuedExchangeReport {
  jws: string;
  keyId: string;
  issuedAt: Date;
  content: ExchangeReportContentData;
  html: string;
}

export interface ExchangeReportCheck {
  valid: boolean;
  keyId: string | null;
  content: ExchangeReportContentData | null;
  problem: string | null;
}

/** A published key: the public part only, with its algorithm and use (RFC 7517). */
export type PublishedJwk = Ed25519PublicJwk & { alg: typeof JWS_ALGORITHM; use: "sig" };

function invalid(problem: string, keyId: string | null = null): ExchangeReportCheck {
  return { valid: false, keyId, content: null, problem };
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * R-PROOF-1: signs a procedure's exchange for a participant, and verifies any report against the
 * current and the still-trusted keys.
 */
export class ProofService {
  private readonly procedures: ProcedureRepository;
  private readonly signingKey: KeyObject;
  private readonly verifiers: ReadonlyMap<string, KeyObject>;
  private readonly published: readonly PublishedJwk[];

  constructor(
    private readonly db: Database,
    private readonly keys: ExchangeKeys,
  ) {
    this.procedures = new ProcedureRepository(db);
    const { kty, crv, x, d } = keys.signing;
    this.signingKey = createPrivateKey({ key: { kty, crv, x, d }, format: "jwk" });
    const trusted = [publicJwk(keys.signing), ...keys.trusted.map(publicJwk)];
    this.verifiers = new Map(trusted.map((k) => [k.kid, createPublicKey({ key: { kty: k.kty, crv: k.crv, x: k.x }, format: "jwk" })]));
    this.published = Object.freeze(trusted.map((k) => Object.freeze({ ...k, alg: JWS_ALGORITHM, use: "sig" as const })));
  }

  /** The id of the key signing new reports. */
  get keyId(): string {
    return this.keys.signing.kid;
  }

  /** The JWKS served at /.well-known/jwks.json: the signing key's public part first, then the other trusted keys. */
  jwks(): { keys: readonly PublishedJwk[] } {
    return { keys: this.published };
  }

  /**
   * The procedure's exchange, signed, for a viewer who may read its personal data: the same cells as
   * the policy's `personalData` class (the case handlers of the initiator and of participants that
   * accepted; the Commission only on a recorded route). Missing and invisible are one NOT_FOUND;
   * visible but not readable is FORBIDDEN with the policy's reason. The read is audited (R-SEC-2).
   */
  async issue(ctx: Context, procedureId: string): Promise<IssuedExchangeReport> {
    const viewer = requireViewer(ctx);
    const procedure = await this.procedures.findVisible(viewer, procedureId);
    if (!procedure) throw new NotFoundError("Procedure", procedureId);
    const decision = await procedureDecision(ctx, procedure, "personalData");
    if (!decision.granted) throw new ForbiddenError(DENIAL_MESSAGES[decision.reason], decision.reason);

    const payload = await this.payloadOf(ctx, procedure, viewer.authorityId);
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: JWS_ALGORITHM, kid: this.keyId, typ: REPORT_TYPE })
      .sign(this.signingKey);

    const ground = groundOf(await situationOf(ctx, procedure));
    ctx.audit.read({
      procedureId: procedure.id,
      fields: [
        "ExchangeReport.jws",
        "ExchangeReport.html",
        ...(payload.messages.length > 0 ? ["ExchangeReportMessage.author", "ExchangeReportMessage.createdAt", "ExchangeReportMessage.body"] : []),
        // Issue 17: answers and documents are the procedure's personal data, read like its messages.
        ...(payload.answers!.length > 0 ? ["ExchangeReportAnswer.value", "ExchangeReportAnswer.answeredBy", "ExchangeReportAnswer.answeredAt"] : []),
        ...(payload.attachments!.length > 0
          ? ["ExchangeReportAttachment.fileName", "ExchangeReportAttachment.contentType", "ExchangeReportAttachment.sizeBytes", "ExchangeReportAttachment.sha256"]
          : []),
      ],
      ground,
    });
    for (const subject of payload.dataSubjects) {
      ctx.audit.read({
        procedureId: procedure.id,
        dataSubjectId: subject.id,
        fields: [
          "ExchangeReportDataSubject.fullName",
          "ExchangeReportDataSubject.dateOfBirth",
          "ExchangeReportDataSubject.nationalIdentifier",
          "ExchangeReportDataSubject.address",
          "ExchangeReportDataSubject.email",
          // R-SENSITIVE-1: a sensitive record in a report is a read of it like any other.
          ...(subject.sensitiveRecords.length > 0
            ? [
                "ExchangeReportSensitiveRecord.category",
                "ExchangeReportSensitiveRecord.details",
                "ExchangeReportSensitiveRecord.legalBasis",
                "ExchangeReportSensitiveRecord.consentReference",
                "ExchangeReportSensitiveRecord.necessity",
              ]
            : []),
        ],
        ground,
      });
    }
    const content = contentOf(payload);
    return { jws, keyId: this.keyId, issuedAt: content.issuedAt, content, html: renderExchangeReportHtml(content, jws, this.keyId) };
  }

  private async payloadOf(ctx: Context, procedure: ProcedureRow, viewerAuthorityId: string): Promise<ExchangeReportPayload> {
    const { loaders } = ctx;
    const [area, participants, messages, subjects, answers, attachments, setLink] = await Promise.all([
      loaders.legalArea.load(procedure.legalAreaCode),
      loaders.participants.load(procedure.id),
      loaders.messages.load(procedure.id),
      loaders.dataSubjects.load(procedure.id),
      loaders.answers.load(procedure.id),
      loaders.attachments.load(procedure.id),
      loaders.procedureQuestionSet.load(procedure.id),
    ]);
    if (!area) throw new Error(`legal area ${procedure.legalAreaCode} of procedure ${procedure.id} is missing`);
    const authorityIds = [
      ...new Set([
        viewerAuthorityId,
        ...participants.map((p) => p.authorityId),
        ...messages.map((m) => m.authorAuthorityId),
        ...answers.map((a) => a.answeredByAuthorityId),
        ...attachments.map((a) => a.uploadedByAuthorityId),
      ]),
    ];
    const authorities = new Map<string, AuthorityJson>();
    for (const row of await loaders.authority.loadMany(authorityIds)) {
      if (row && !(row instanceof Error)) authorities.set(row.id, { id: row.id, name: row.name, memberState: row.memberState });
    }
    const authority = (id: string): AuthorityJson => {
      const found = authorities.get(id);
      if (!found) throw new Error(`authority ${id} is missing`);
      return found;
    };
    const [records, flags, questions, questionSet, digests] = await Promise.all([
      loaders.sensitiveRecords.loadMany(subjects.map((s) => s.id)),
      loaders.confidentialityFlag.loadMany(messages.map((m) => m.id)),
      loaders.question.loadMany(answers.map((a) => a.questionId)),
      setLink ? loaders.questionSetVersion.load(setLink.questionSetVersionId) : undefined,
      Promise.all(attachments.map((a) => attachmentSha256(this.db, a))),
    ]);
    const iso = (d: Date) => d.toISOString();
    const states: ExchangeReportPayload["states"] = [{ status: "DRAFT", at: iso(procedure.createdAt) }];
    if (procedure.sentAt) states.push({ status: "SENT", at: iso(procedure.sentAt) });
    if (procedure.closedAt) states.push({ status: "CLOSED", at: iso(procedure.closedAt) });
    return {
      iss: REPORT_ISSUER,
      iat: Math.floor(ctx.now.getTime() / 1000),
      jti: randomUUID(),
      ver: REPORT_VERSION,
      issuedTo: authority(viewerAuthorityId),
      procedure: {
        id: procedure.id,
        reference: procedure.reference,
        kind: procedure.kind,
        legalArea: { code: area.code, name: area.name, actReference: area.actReference },
        subject: procedure.subject,
        status: procedure.status,
      },
      participants: participants.map((p) => ({
        authority: authority(p.authorityId),
        part: p.part,
        acceptedAt: p.acceptedAt ? iso(p.acceptedAt) : null,
      })),
      states,
      messages: messages.map((m, i) => ({
        id: m.id,
        author: authority(m.authorAuthorityId),
        createdAt: iso(m.createdAt),
        body: m.body,
        confidential: flags[i] !== undefined && !(flags[i] instanceof Error),
      })),
      dataSubjects: subjects.map((s, i) => {
        const own = records[i];
        if (own instanceof Error) throw own;
        return {
          id: s.id,
          fullName: s.fullName,
          dateOfBirth: s.dateOfBirth,
          nationalIdentifier: s.nationalIdentifier,
          address: s.address,
          email: s.email,
          sensitiveRecords: (own ?? []).map((r) => ({
            id: r.id,
            category: r.category,
            details: r.details,
            legalBasis: r.legalBasis,
            consentReference: r.consentReference,
            necessity: r.necessity,
            createdAt: iso(r.createdAt),
          })),
        };
      }),
      questionSet: questionSet ? { id: questionSet.id, code: questionSet.code, version: questionSet.version } : null,
      answers: answers.map((a, i) => {
        const question = questions[i];
        if (!question || question instanceof Error) throw new Error(`question ${a.questionId} of answer ${a.id} is missing`);
        const { da, de, fr, en } = question.wording;
        return {
          id: a.id,
          questionCode: question.code,
          answerType: question.answerType,
          question: { da, de, fr, en },
          value: a.value,
          attachmentId: a.attachmentId,
          answeredBy: authority(a.answeredByAuthorityId),
          answeredAt: iso(a.answeredAt),
        };
      }),
      // Metadata and digest only: the bytes never enter a report (they are downloaded, audited, on their own).
      attachments: attachments.map((a, i) => {
        const sha256 = digests[i];
        // Never a signed record that leaves a document out: no digest means its bytes went meanwhile.
        if (!sha256) throw new Error(`attachment ${a.id} of procedure ${procedure.id} has no readable bytes`);
        return {
          id: a.id,
          fileName: a.fileName,
          contentType: a.contentType,
          sizeBytes: a.sizeBytes,
          sha256,
          uploadedBy: authority(a.uploadedByAuthorityId),
          uploadedAt: iso(a.createdAt),
        };
      }),
    };
  }

  /**
   * Whether a report is intact and signed by a trusted key, and what it says. Every failure is an
   * answer with a problem, never an exception: the input is anyone's.
   */
  async verify(report: string): Promise<ExchangeReportCheck> {
    try {
      return await this.check(report);
    } catch {
      return invalid("The report could not be verified.");
    }
  }

  private async check(report: string): Promise<ExchangeReportCheck> {
    const jws = report.trim();
    if (jws.length > MAX_REPORT_LENGTH) return invalid("The report is larger than any exchange report.");
    const parts = jws.split(".");
    if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) {
      return invalid("This is not a compact JWS: expected three base64url parts separated by dots.");
    }
    // Base64url leaves spare bits in a part's last character; a decoder ignores them. Only the
    // canonical encoding is accepted, so that no changed byte of a report goes unnoticed.
    if (!parts.every((part) => Buffer.from(part, "base64url").toString("base64url") === part)) {
      return invalid("The report has been altered: a part is not canonically encoded.");
    }
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(parts[0]!, "base64url").toString("utf8")) as Record<string, unknown>;
      if (typeof header !== "object" || header === null || Array.isArray(header)) throw new Error("not an object");
    } catch {
      return invalid("The report's header is unreadable: it has been altered or is not a JWS.");
    }
    const keyId = typeof header.kid === "string" ? header.kid.slice(0, MAX_ECHOED_KID) : null;
    if (header.typ !== REPORT_TYPE) return invalid(`This JWS is not an exchange report (its typ is not ${REPORT_TYPE}).`, keyId);
    if (header.alg !== JWS_ALGORITHM) return invalid(`Exchange reports are signed with ${JWS_ALGORITHM}; this one names another algorithm.`, keyId);
    if (keyId === null) return invalid("The report names no signing key (kid).");
    const key = this.verifiers.get(header.kid as string);
    if (!key) {
      return invalid(`The report was signed with key "${keyId}", which this server does not trust (see /.well-known/jwks.json).`, keyId);
    }
    let payloadBytes: Uint8Array;
    try {
      ({ payload: payloadBytes } = await compactVerify(jws, key, { algorithms: [JWS_ALGORITHM] }));
    } catch {
      return invalid("The signature does not match the report: it has been altered since it was signed.", keyId);
    }
    let payload: ExchangeReportPayload;
    try {
      payload = parsePayload(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payloadBytes)));
    } catch (error) {
      const detail = error instanceof PayloadShapeError ? `: ${error.message}` : "";
      return invalid(`The signature is intact, but the payload is not an exchange report this server knows${detail}.`, keyId);
    }
    if (payload.iss !== REPORT_ISSUER) return invalid(`The report was issued by "${payload.iss.slice(0, 100)}", not by ${REPORT_ISSUER}.`, keyId);
    return { valid: true, keyId, content: contentOf(payload), problem: null };
  }
}
