/**
 * The cost of sealing personal data on the request path (R-RETAIN-3 crypto-shredding,
 * src/db/personal-crypto/): the same writes and reads through the repositories (sealed: a key
 * lookup or creation per write, AES-256-GCM per value, one key lookup per read of a result set)
 * and as plain drizzle statements on the same tables (unsealed), in the same run, on the same
 * database, alternating rounds so that load on a shared machine hits both alike.
 *
 *   npx tsx bench/retention-crypto-cost.ts                      # PGlite in memory
 *   BENCH_DATABASE_URL=postgres://…/postgres npx tsx bench/retention-crypto-cost.ts
 */
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { inArray, sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "../src/db/client.js";
import { rowsOf } from "../src/db/rows.js";
import { messages } from "../src/db/schema/index.js";
import { ProcedureRepository } from "../src/modules/procedures/procedure.repository.js";
import { seedRetentionWorkload } from "../test/retention/retention-seed.js";

const PROCEDURES = Number(process.env.BENCH_CRYPTO_PROCEDURES ?? 200);
const ROUNDS = Number(process.env.BENCH_CRYPTO_ROUNDS ?? 5);
const BODY = `A question about the person named here, ${"x".repeat(300)}`;

async function open(): Promise<{ handle: DatabaseHandle; drop(): Promise<void> }> {
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) {
    const handle = await openDatabase({ pgliteDir: "memory://" });
    return { handle, drop: async () => {} };
  }
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  const name = `imi_bench_crypto_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await admin.unsafe(`create database "${name}"`);
  const handle = await openDatabase({ url: Object.assign(new URL(server), { pathname: `/${name}` }).toString(), maxConnections: 2 });
  return {
    handle,
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

const { handle, drop } = await open();
try {
  await handle.migrate();
  const { initiatorId } = await seedRetentionWorkload(handle.db, { procedures: PROCEDURES, asOf: new Date("2030-01-01T00:00:00Z") });
  const ids = rowsOf<{ id: string }>(await handle.db.execute(sql`select id::text from procedures order by id limit ${PROCEDURES}`)).map((r) => r.id);
  const repo = new ProcedureRepository(handle.db);
  const times = { sealedWrite: [] as number[], plainWrite: [] as number[], sealedRead: [] as number[], plainRead: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    // Writes: one message per procedure, each in its own transaction as a request's is.
    let started = performance.now();
    for (const procedureId of ids) {
      await handle.db.transaction((tx) => new ProcedureRepository(tx).insertMessage({ procedureId, authorAuthorityId: initiatorId, body: BODY, createdAt: new Date() }));
    }
    times.sealedWrite.push((performance.now() - started) / ids.length);
    started = performance.now();
    for (const procedureId of ids) {
      await handle.db.transaction((tx) => tx.insert(messages).values({ procedureId, authorAuthorityId: initiatorId, body: BODY, createdAt: new Date() }));
    }
    times.plainWrite.push((performance.now() - started) / ids.length);
    // Reads: every message of the procedures, as a list's loader reads them (one batch), opened or not.
    started = performance.now();
    const opened = await repo.messagesOf(ids);
    times.sealedRead.push(performance.now() - started);
    started = performance.now();
    const plain = await handle.db.select().from(messages).where(inArray(messages.procedureId, ids));
    times.plainRead.push(performance.now() - started);
    if (opened.length !== plain.length) throw new Error("the two reads disagree");
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rowsRead = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from messages where procedure_id = any(${`{${ids.join(",")}}`}::uuid[])`))[0]!.n;
  console.log(`\n## Sealing cost on the request path (${handle.driver}, ${ids.length} procedures, ${ROUNDS} rounds, load average ${loadavg().map((n) => n.toFixed(2)).join(", ")})\n`);
  console.log("| measure | sealed | plain | ratio |\n|---|---|---|---|");
  console.log(`| insert one message in its own transaction (median of rounds, ms per insert) | ${median(times.sealedWrite).toFixed(2)} | ${median(times.plainWrite).toFixed(2)} | ${(median(times.sealedWrite) / median(times.plainWrite)).toFixed(2)}× |`);
  console.log(`| read the messages of ${ids.length} procedures in one batch (about ${rowsRead} rows at the end; median, ms) | ${median(times.sealedRead).toFixed(1)} | ${median(times.plainRead).toFixed(1)} | ${(median(times.sealedRead) / median(times.plainRead)).toFixed(2)}× |`);
} finally {
  await handle.close();
  await drop();
}
