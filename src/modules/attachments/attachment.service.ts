import { createHash } from "node:crypto";
import type { Clock } from "../../clock.js";
import type { Context } from "../../context.js";
import type { Database } from "../../db/database.js";
import { isUuid } from "../../db/ids.js";
import { ConflictError, DomainError, ErrorCode, ForbiddenError, NotFoundError, BadUserInputError, type AttachmentRefusalReason } from "../../errors.js";
import { english } from "../../i18n/i18n.js";
import { DENIAL_MESSAGES } from "../../auth/policy.js";
import { groundOf, procedureDecision, situationOf } from "../../auth/procedure-situation.js";
import { requireViewer } from "../../context.js";
import type { Viewer } from "../../auth/viewer.js";
import type { AuditRecorder } from "../audit/audit.recorder.js";
import type { ProcedureService } from "../procedures/procedure.service.js";
import { declaredType, detectType, SNIFF_BYTES } from "./attachment-content.js";
import { sanitiseFileName } from "./attachment-name.js";
import { chunkKeyForReading, chunkKeyForWriting, openAttachments, openChunk, sealChunk, sealFileName } from "./attachment-storage.js";
import { AttachmentRepository, type AttachmentRow } from "./attachment.repository.js";

/** Defaults: 10 MiB per document, stored and sent in chunks of 256 KiB (the per-request memory bound). */
export const DEFAULT_ATTACHMENT_LIMITS = { maxBytes: 10 * 1024 * 1024, chunkBytes: 256 * 1024 };
export type AttachmentLimits = typeof DEFAULT_ATTACHMENT_LIMITS;

/** An upload left unfinished this long ago (a client or server that died) is removed at the procedure's next upload. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;
/** Chunks read per query on download: 4 x 256 KiB in memory at most. */
const CHUNKS_PER_READ = 4;

/** errors.ts ATTACHMENT_REFUSAL_REASONS: the SDL enum ErrorReason lists them (issue 16 item 5). */
export type RefusalReason = AttachmentRefusalReason;

/** A refused upload: BAD_USER_INPUT with a reason a client can act on (the HTTP status follows it, attachment.route.ts). */
export class AttachmentRefusedError extends DomainError {
  constructor(message: string, reason: RefusalReason) {
    super(ErrorCode.BAD_USER_INPUT, message, { reason });
  }
}

export interface Upload {
  procedureId: string;
  /** The file's name as the client gave it: sanitised before it is stored. */
  name: string;
  /** The Content-Type header: must be an accepted type, and the content's. */
  contentType: string | undefined;
  /** The Content-Length header, when sent: refused at once when over the limit. */
  contentLength: number | undefined;
  body: AsyncIterable<Buffer>;
}

/**
 * Runs one unit of database work in the viewer's request scope (issue 13: a transaction as the API's
 * role with the viewer set, so the row policies apply as in GraphQL). Each step of a transfer is its
 * own unit: no transaction stays open while a client sends or reads.
 */
export type Scope = <T>(work: () => Promise<T>) => Promise<T>;
const unscoped: Scope = (work) => work();

export interface Download {
  attachment: AttachmentRow;
  /** The bytes, a few chunks at a time. */
  chunks(): AsyncGenerator<Buffer>;
}

/**
 * Documents of a procedure (issue 17). Uploading is adding personal data to the procedure: the same
 * check as any other (ProcedureService.act, "ADD_DATA": a case handler of the initiator or of a
 * participant that accepted, never once blocked or closed), audited in its transaction. Reading is
 * reading personal data: the policy's personalData cells for the viewer's situation, audited before a
 * byte goes out (R-SEC-2), exactly as `Procedure.attachments` in GraphQL.
 *
 * The bytes stream in and out in chunks of `chunkBytes`: no request holds a whole file. Each chunk is
 * its own short statement, so a slow client never holds a transaction (nor PGlite's one connection)
 * open; the attachment is listed and served only once complete, and an upload whose procedure's
 * personal data was deleted meanwhile writes nothing more and is refused (CONFLICT).
 */
/** No procedure has this id (ids are random v4 UUIDs). */
const NO_PROCEDURE = "00000000-0000-0000-0000-000000000000";

export class AttachmentService {
  private readonly repo: AttachmentRepository;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly procedures: ProcedureService,
    readonly limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS,
  ) {
    this.repo = new AttachmentRepository(db);
  }

  async upload(viewer: Viewer, audit: AuditRecorder, upload: Upload, scope: Scope = unscoped): Promise<AttachmentRow> {
    if (!isUuid(upload.procedureId)) throw new NotFoundError("Procedure", upload.procedureId);
    const rawName = upload.name.trim();
    if (rawName.length < 1 || rawName.length > 255) throw new BadUserInputError(english("attachment.name"), "name");
    const declared = declaredType(upload.contentType);
    if (!declared) throw new AttachmentRefusedError(english("attachment.declaredType"), "TYPE_NOT_ALLOWED");
    const tooLarge = () => new AttachmentRefusedError(english("attachment.tooLarge", { max: this.limits.maxBytes }), "TOO_LARGE");
    if (upload.contentLength !== undefined && upload.contentLength > this.limits.maxBytes) throw tooLarge();

    const hash = createHash("sha256");
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let total = 0;
    let seq = 0;
    let attachment: AttachmentRow | undefined;
    let key: Buffer | undefined;

    const checkType = (head: Buffer) => {
      const detected = detectType(head);
      if (!detected) throw new AttachmentRefusedError(english("attachment.typeNotAllowed"), "TYPE_NOT_ALLOWED");
      if (detected !== declared) {
        throw new AttachmentRefusedError(english("attachment.typeMismatch", { detected: detected.contentType, declared: declared.contentType }), "TYPE_MISMATCH");
      }
      return detected;
    };
    let typeChecked = false;

    const begin = async (head: Buffer) => {
      const detected = checkType(head);
      const fileName = sanitiseFileName(rawName, detected);
      return scope(() => this.procedures.act(viewer, upload.procedureId, "ADD_DATA", async ({ tx, procedure, participation, now }) => {
        const repo = new AttachmentRepository(tx);
        await repo.removeAbandoned(procedure.id, new Date(now.getTime() - ABANDONED_AFTER_MS));
        // The key now, under the procedure's lock: never one for a procedure whose deletion committed first.
        key = await chunkKeyForWriting(tx, procedure.id);
        const row = await repo.insert({
          procedureId: procedure.id,
          fileName: await sealFileName(tx, procedure.id, fileName),
          contentType: detected.contentType,
          uploadedByAuthorityId: viewer.authorityId,
          uploadedByUserId: viewer.userId,
          createdAt: now,
        });
        await audit.writeNow(tx, [
          { action: "CREATE", procedureId: procedure.id, fields: ["Attachment.fileName", "Attachment.content"], ground: `PARTICIPANT:${participation.part}` },
        ]);
        return row;
      }));
    };

    const flush = async (final: boolean) => {
      while (pendingBytes >= this.limits.chunkBytes || (final && pendingBytes > 0)) {
        const all = Buffer.concat(pending, pendingBytes);
        const chunk = all.subarray(0, Math.min(this.limits.chunkBytes, all.length));
        const rest = all.subarray(chunk.length);
        pending = rest.length > 0 ? [Buffer.from(rest)] : [];
        pendingBytes = rest.length;
        attachment ??= await begin(chunk);
        const stored = sealChunk(key!, attachment.id, seq, chunk);
        const id = attachment.id;
        if (!(await scope(() => this.repo.insertChunk(id, seq, stored)))) throw new ConflictError(english("error.noLongerAvailable"));
        seq++;
      }
    };

    try {
      for await (const piece of upload.body) {
        total += piece.length;
        if (total > this.limits.maxBytes) throw tooLarge();
        hash.update(piece);
        pending.push(piece);
        pendingBytes += piece.length;
        // The type is checked as soon as its bytes are in, before anything is stored.
        if (!typeChecked && pendingBytes >= SNIFF_BYTES) {
          checkType(Buffer.concat(pending, pendingBytes).subarray(0, SNIFF_BYTES));
          typeChecked = true;
        }
        await flush(false);
      }
      if (total === 0) throw new AttachmentRefusedError(english("attachment.empty"), "EMPTY");
      await flush(true);
      const started = attachment!;
      const sha256 = hash.digest("hex");
      return await scope(async () => {
        const done = await this.procedures.act(viewer, upload.procedureId, "ADD_DATA", ({ tx }) =>
          new AttachmentRepository(tx).complete(started.id, { sizeBytes: total, sha256, completedAt: this.clock.now() }),
        );
        if (!done) throw new ConflictError(english("error.noLongerAvailable"));
        return (await openAttachments(this.db, [done]))[0]!;
      });
    } catch (err) {
      // Nothing half-uploaded stays behind (what a deletion already removed is simply gone).
      const started = attachment;
      if (started) await scope(() => this.repo.remove(started.id)).catch(() => undefined);
      throw err;
    }
  }

  /** The attachment and its bytes, for a viewer the policy lets read the procedure's personal data; the read is audited first. */
  async download(ctx: Context, id: string, scope: Scope = unscoped): Promise<Download> {
    const { attachment, key } = await scope(() => this.openForDownload(ctx, id));
    const repo = this.repo;
    return {
      attachment,
      async *chunks() {
        for (let from = 0; ; from += CHUNKS_PER_READ) {
          const rows = await scope(() => repo.chunks(attachment.id, from, CHUNKS_PER_READ));
          for (const row of rows) yield openChunk(key, attachment.id, row.seq, row.data);
          if (rows.length < CHUNKS_PER_READ) return;
        }
      },
    };
  }

  private async openForDownload(ctx: Context, id: string): Promise<{ attachment: AttachmentRow; key: Buffer }> {
    const viewer = requireViewer(ctx);
    // Under row security (issue 17) the attachment's row is read only once the policy allowed it; its
    // procedure first, so a refusal answers 403 with its reason as the metadata does.
    // A missing id is looked up as an invisible one is (the nil id matches no procedure): the same
    // statements, so the answer's time does not tell them apart (outside attack on issue 13, F3).
    const procedureId = (await this.repo.procedureOfComplete(id)) ?? NO_PROCEDURE;
    // Outside the viewer's rows: not found, exactly like a missing one.
    const procedure = await this.procedures.get(viewer, procedureId).catch(() => {
      throw new NotFoundError("Attachment", id);
    });
    const decision = await procedureDecision(ctx, procedure, "personalData");
    if (!decision.granted) throw new ForbiddenError(DENIAL_MESSAGES[decision.reason], decision.reason);
    ctx.audit.read({ procedureId: procedure.id, fields: ["Attachment.content"], ground: groundOf(await situationOf(ctx, procedure)) });
    await ctx.audit.flush();
    const found = await this.repo.findComplete(id);
    if (!found) throw new NotFoundError("Attachment", id);
    // Only now, the read allowed, its name and key are opened (under row security, issue 13, the key
    // is not even readable to a viewer the policy refuses).
    const key = await chunkKeyForReading(this.db, procedure.id);
    // Deleted meanwhile: its bytes are gone with its key.
    if (!key) throw new NotFoundError("Attachment", id);
    const [attachment] = await openAttachments(this.db, [found]);
    return { attachment: attachment!, key };
  }
}
