import { createHmac, randomUUID } from "node:crypto";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "../database.js";
import { isSealed, openText, sealText } from "./cipher.js";
import { PersonalDataKeys } from "./key-store.js";

/**
 * R-RETAIN-3 crypto-shredding: which columns of which tables hold sealed personal data, whose key
 * seals them (the owner), and the two operations the repositories call: seal before writing, open
 * after reading. Every read opens a whole result set with one key lookup (key-store.ts `load`), so
 * the per-request loaders (procedure.loaders.ts) stay one statement per batch, plus one for keys.
 *
 * Owners: a data subject's own rows (the data subject, its sensitive records, a contestation naming
 * it) are sealed under the data subject's key, so that the early deletion or erasure of one person
 * (R-RETAIN-6, R-RECTIFY-2) shreds that person alone; the rest of a procedure's personal data under
 * the procedure's key.
 *
 * A value without the `v1:` prefix is a row written before sealing (an upgraded database): it is
 * read as it is, and sealed at start by legacy-rows.ts.
 */
export type SealedKind = "text" | "json";

export interface SealedTable<Row> {
  readonly table: string;
  readonly columns: Readonly<Partial<Record<keyof Row & string, SealedKind>>>;
  /** The owner whose key seals the row. */
  owner(row: Partial<Row>): string;
  /** The drizzle table (legacy-rows.ts reads its SQL column names). */
  readonly drizzle: PgTable;
}

/** The owner of the national-identifier index key: never deleted (schema/personal-data-keys.ts). */
export const INDEX_KEY_OWNER = "00000000-0000-0000-0000-000000000001";

type Values = Record<string, unknown>;

function aad(table: string, column: string, owner: string): string {
  return `${table}.${column}:${owner}`;
}

function sealValue(key: Buffer, table: string, column: string, kind: SealedKind, owner: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (kind === "json") return sealText(key, aad(table, column, owner), JSON.stringify(value));
  if (typeof value !== "string" || isSealed(value)) return value; // a SQL expression or an already sealed value
  return sealText(key, aad(table, column, owner), value);
}

function openValue(key: Buffer | undefined, table: string, column: string, kind: SealedKind, owner: string, value: unknown): unknown {
  if (!isSealed(value)) return value; // null, or a legacy plaintext value (legacy-rows.ts seals it)
  if (!key) throw new Error(`a sealed ${table}.${column} has no key: its owner's personal data was deleted but the row was not`);
  const text = openText(key, aad(table, column, owner), value);
  return kind === "json" ? JSON.parse(text) : text;
}

function sealWith<Row>(spec: SealedTable<Row>, key: Buffer, owner: string, values: Values): Values {
  const out: Values = { ...values };
  for (const [column, kind] of Object.entries(spec.columns) as [string, SealedKind][]) {
    if (column in out) out[column] = sealValue(key, spec.table, column, kind, owner, out[column]);
  }
  return out;
}

function openWith<Row>(spec: SealedTable<Row>, key: Buffer | undefined, row: Row): Row {
  const owner = spec.owner(row);
  const out = { ...row } as Values;
  for (const [column, kind] of Object.entries(spec.columns) as [string, SealedKind][]) {
    out[column] = openValue(key, spec.table, column, kind, owner, out[column]);
  }
  return out as Row;
}

/**
 * Seals the values of a row about to be inserted (a data subject gets its id here: it owns its key).
 * Runs in the writer's transaction, after it locked the procedure (key-store.ts `forWriting`).
 */
export async function sealForInsert<Row, V extends Values>(db: Executor, spec: SealedTable<Row>, values: V): Promise<{ sealed: V; open(row: Row): Row }> {
  const newOwner = spec.table === "data_subjects" && !values.id;
  const withId = newOwner ? { ...values, id: randomUUID() } : values;
  const owner = spec.owner(withId as Partial<Row>);
  const keys = new PersonalDataKeys(db);
  const key = newOwner ? await keys.forNewOwner(owner) : await keys.forWriting(owner);
  return { sealed: sealWith(spec, key, owner, withId) as V, open: (row) => openWith(spec, key, row) };
}

/** Seals the changed values of an existing row of `owner`. */
export async function sealForUpdate<Row, V extends Values>(db: Executor, spec: SealedTable<Row>, owner: string, values: V): Promise<V> {
  const key = await new PersonalDataKeys(db).forWriting(owner);
  return sealWith(spec, key, owner, values) as V;
}

/**
 * Opens the sealed columns of rows read from `spec.table`: one key lookup for them all. A row whose
 * owner's personal data was deleted after the row was read (a concurrent deletion committed between
 * the two statements) is left out, as a read begun after it would not have found it; a sealed row
 * without a key whose owner still holds personal data is an error (the deletion missed it).
 */
export async function openRows<Row>(db: Executor, spec: SealedTable<Row>, rows: Row[]): Promise<Row[]> {
  const isSealedRow = (row: Row) => Object.keys(spec.columns).some((column) => isSealed((row as Values)[column]));
  const sealed = rows.filter(isSealedRow);
  if (sealed.length === 0) return rows;
  const store = new PersonalDataKeys(db);
  const keys = await store.load(sealed.map((row) => spec.owner(row)));
  const keyless = sealed.map((row) => spec.owner(row)).filter((owner) => !keys.has(owner));
  const deleted = keyless.length > 0 ? await store.deletedOwners(keyless) : new Set<string>();
  return rows.filter((row) => !(isSealedRow(row) && deleted.has(spec.owner(row)))).map((row) => openWith(spec, keys.get(spec.owner(row)), row));
}

export async function openRow<Row>(db: Executor, spec: SealedTable<Row>, row: Row | undefined): Promise<Row | undefined> {
  return row ? (await openRows(db, spec, [row]))[0] : undefined;
}

/**
 * R-ACCESS-1: the search bucket of a national identifier, so an access request finds a person by
 * identifier without the identifier being stored readable: the first 12 bits of HMAC-SHA256 under a
 * key of its own in the key table (two base64url characters). R-RETAIN-3: a whole HMAC, left in a
 * vacuumed file, the WAL or a backup after the subject's deletion, let anyone with the index key try
 * every possible identifier (a CPR number has a few hundred million) until one matched; a bucket is
 * shared by about one identifier in 4,096 and names nobody. The search reads the bucket's candidates
 * and keeps those whose opened identifier is the one asked (rights.repository.ts accessItems).
 * Migration 0039 cut the earlier whole HMACs (`h1:`) to their bucket.
 */
export async function identifierIndex(db: Executor, identifier: string): Promise<string> {
  const key = await new PersonalDataKeys(db).forWriting(INDEX_KEY_OWNER);
  return `b1:${createHmac("sha256", key).update(identifier, "utf8").digest("base64url").slice(0, IDENTIFIER_BUCKET_CHARS)}`;
}

/** 6 bits per base64url character: 12 bits, 4,096 buckets. */
const IDENTIFIER_BUCKET_CHARS = 2;
