import { relations } from "drizzle-orm";
import { bigint, customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { authorities } from "./authorities.js";
import { procedures } from "./procedures.js";
import { users } from "./users.js";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * A document in a procedure (a diploma, a certificate, a decision). Personal data: stored in
 * PostgreSQL with its procedure, so that blocking and the retention job's deletion reach it in the
 * same transaction as the rest of the procedure's personal data (R-RETAIN-1, R-RETAIN-3).
 */
export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id, { onDelete: "cascade" }),
    /** Sanitised on upload (attachment-name.ts); a name can name a person, so personal data too. */
    fileName: text("file_name").notNull(),
    /** Detected from the content (magic bytes), never taken from the name. */
    contentType: text("content_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull().default(0),
    sha256: text("sha256"),
    uploadedByAuthorityId: uuid("uploaded_by_authority_id")
      .notNull()
      .references(() => authorities.id),
    uploadedByUserId: uuid("uploaded_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** Null while the upload streams in; only completed attachments are listed or served. */
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    index("attachments_procedure_idx").on(t.procedureId),
    index("attachments_authority_idx").on(t.uploadedByAuthorityId),
    index("attachments_user_idx").on(t.uploadedByUserId),
  ],
);

/** An attachment's bytes in bounded chunks, so that neither upload nor download holds a whole file. */
export const attachmentChunks = pgTable(
  "attachment_chunks",
  {
    attachmentId: uuid("attachment_id")
      .notNull()
      .references(() => attachments.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    data: bytea("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.attachmentId, t.seq] })],
);

export const attachmentsRelations = relations(attachments, ({ one, many }) => ({
  procedure: one(procedures, { fields: [attachments.procedureId], references: [procedures.id] }),
  chunks: many(attachmentChunks),
}));

export const attachmentChunksRelations = relations(attachmentChunks, ({ one }) => ({
  attachment: one(attachments, { fields: [attachmentChunks.attachmentId], references: [attachments.id] }),
}));
