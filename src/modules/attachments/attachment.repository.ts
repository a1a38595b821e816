import { and, asc, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Executor } from "../../db/database.js";
import { isUuid } from "../../db/ids.js";
import { rowsOf } from "../../db/rows.js";
import { attachmentChunks, attachments } from "../../db/schema/index.js";

export type AttachmentRow = typeof attachments.$inferSelect;

export class AttachmentRepository {
  constructor(private readonly db: Executor) {}

  async insert(values: typeof attachments.$inferInsert): Promise<AttachmentRow> {
    const [row] = await this.db.insert(attachments).values(values).returning();
    if (!row) throw new Error("insert returned no row");
    return row;
  }

  /**
   * One chunk of an upload still in progress. Nothing is written when the attachment is gone (the
   * retention job deleted its procedure's personal data meanwhile) or complete: false then.
   */
  async insertChunk(attachmentId: string, seq: number, data: Buffer): Promise<boolean> {
    const rows = await this.db
      .insert(attachmentChunks)
      .select(
        this.db
          .select({ attachmentId: attachments.id, seq: sql<number>`${seq}::int`.as("seq"), data: sql<Buffer>`${data}::bytea`.as("data") })
          .from(attachments)
          .where(and(eq(attachments.id, attachmentId), isNull(attachments.completedAt))),
      )
      .returning({ seq: attachmentChunks.seq });
    return rows.length === 1;
  }

  async complete(id: string, values: { sizeBytes: number; sha256: string; completedAt: Date }): Promise<AttachmentRow | undefined> {
    const [row] = await this.db
      .update(attachments)
      .set(values)
      .where(and(eq(attachments.id, id), isNull(attachments.completedAt)))
      .returning();
    return row;
  }

  async remove(id: string): Promise<void> {
    await this.db.delete(attachments).where(eq(attachments.id, id));
  }

  /** Uploads of the procedure left unfinished before `before` (a client or server that died mid-upload). */
  async removeAbandoned(procedureId: string, before: Date): Promise<void> {
    await this.db
      .delete(attachments)
      .where(and(eq(attachments.procedureId, procedureId), isNull(attachments.completedAt), lt(attachments.createdAt, before)));
  }

  async findComplete(id: string): Promise<AttachmentRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db.select().from(attachments).where(and(eq(attachments.id, id), isNotNull(attachments.completedAt)));
    return row;
  }

  /** The procedure of a completed attachment, read past the wall (metadata only): the service decides who may read the row. */
  async procedureOfComplete(id: string): Promise<string | undefined> {
    if (!isUuid(id)) return undefined;
    const rows = rowsOf<{ procedure_id: string | null }>(await this.db.execute(sql`select imi_rls.complete_attachment_procedure(${id}::uuid) as procedure_id`));
    return rows[0]?.procedure_id ?? undefined;
  }

  completeOf(procedureIds: readonly string[]): Promise<AttachmentRow[]> {
    return this.db
      .select()
      .from(attachments)
      .where(and(inArray(attachments.procedureId, [...procedureIds]), isNotNull(attachments.completedAt)))
      .orderBy(asc(attachments.createdAt), asc(attachments.id));
  }

  completeByIds(ids: readonly string[]): Promise<AttachmentRow[]> {
    return this.db.select().from(attachments).where(and(inArray(attachments.id, ids.filter(isUuid)), isNotNull(attachments.completedAt)));
  }

  /** Chunks `from` .. `from + n - 1`, in order: a download reads a few at a time, never the whole file. */
  chunks(attachmentId: string, from: number, n: number): Promise<{ seq: number; data: Buffer }[]> {
    return this.db
      .select({ seq: attachmentChunks.seq, data: attachmentChunks.data })
      .from(attachmentChunks)
      .where(and(eq(attachmentChunks.attachmentId, attachmentId), sql`${attachmentChunks.seq} >= ${from}`, sql`${attachmentChunks.seq} < ${from + n}`))
      .orderBy(asc(attachmentChunks.seq));
  }
}
