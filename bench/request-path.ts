/**
 * Issue 14, part 3: the fixed work of every authenticated request, piece by piece, in-process on
 * PostgreSQL: `tsx bench/request-path.ts` (BENCH_DATABASE_URL or the local test server).
 *
 * - the token's verification: jose given the raw secret (imports the HMAC key on every call, as
 *   before) against src/auth/token.ts (the key imported once);
 * - the user re-read (R-USER-2): the whole users row joined to its authority (findWithMemberState,
 *   as before) against the viewer's five columns (findViewerOf);
 * - issue 13's request transaction: the slim re-read alone against the same inside
 *   inRequestTransaction (BEGIN, role and viewer settings, the statement, COMMIT).
 *
 * Variants interleaved in rounds; CPU of this process (user + system) and wall time per call,
 * medians of the rounds. The database's own CPU is not in these numbers.
 */
import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { jwtVerify } from "jose";
import { checkToken, issueToken } from "../src/auth/token.js";
import { openDatabase } from "../src/db/client.js";
import { inRequestTransaction, scopedDatabase } from "../src/db/rls/request-scope.js";
import { UserRepository } from "../src/modules/users/user.repository.js";
import { createServerDatabase, postgresServerUrl, rowsOf } from "./database.js";
import { median } from "./settings.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const CALLS = Number(process.env.BENCH_CALLS ?? 1500);

const serverUrl = await postgresServerUrl();
if (!serverUrl) throw new Error("request-path needs PostgreSQL (BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test)");
const created = await createServerDatabase(serverUrl, "request_path");
const handle = await openDatabase({ url: created.url, maxConnections: 4 });
try {
  await handle.migrate();
  const [authority] = rowsOf<{ id: string }>(
    await handle.db.execute(sql`insert into authorities (name, member_state, contact_email, postal_address, dpo_name, dpo_email)
      values ('Bench authority', 'DK', 'a@example.org', 'Street 1', 'DPO', 'dpo@example.org') returning id`),
  );
  const [user] = rowsOf<{ id: string }>(
    await handle.db.execute(sql`insert into users (authority_id, name, email, password_hash, totp_secret, roles)
      values (${authority!.id}, 'Bench user', 'bench@example.org', ${"$argon2id$" + "x".repeat(90)}, ${"S".repeat(32)}, array['CASE_HANDLER']::role[])
      returning id`),
  );
  const secret = new TextEncoder().encode("a bench secret of at least thirty-two bytes!");
  const now = new Date();
  const { token } = await issueToken(secret, user!.id, now, 900);
  const root = new UserRepository(handle.db);
  const scoped = new UserRepository(scopedDatabase(handle.db));
  const viewer = { userId: user!.id, authorityId: authority!.id, memberState: "DK", roles: ["CASE_HANDLER" as const] };

  const variants: Record<string, () => Promise<unknown>> = {
    "verify: raw secret (before)": () => jwtVerify(token, secret, { issuer: "imi-api", audience: "imi-api", algorithms: ["HS256"], currentDate: now }),
    "verify: key imported once (now)": () => checkToken(secret, token, now),
    "re-read: whole row (before)": () => root.findWithMemberState(user!.id),
    "re-read: viewer's columns (now)": () => root.findViewerOf(user!.id),
    "re-read alone": () => scoped.findViewerOf(user!.id),
    "re-read in the request transaction": () => inRequestTransaction(handle.db, { viewer, now }, () => scoped.findViewerOf(user!.id)),
  };
  const samples: Record<string, { cpu: number[]; wall: number[] }> = Object.fromEntries(Object.keys(variants).map((k) => [k, { cpu: [], wall: [] }]));
  for (const run of Object.values(variants)) for (let i = 0; i < 200; i++) await run(); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    const names = Object.keys(variants);
    for (const name of round % 2 === 0 ? names : names.reverse()) {
      const run = variants[name]!;
      const cpu = process.cpuUsage();
      const start = performance.now();
      for (let i = 0; i < CALLS; i++) await run();
      const wall = performance.now() - start;
      const used = process.cpuUsage(cpu);
      samples[name]!.cpu.push((used.user + used.system) / CALLS);
      samples[name]!.wall.push((wall * 1000) / CALLS);
    }
  }
  console.log(`load average ${loadavg().map((n) => n.toFixed(2)).join(", ")}; ${ROUNDS} rounds × ${CALLS} calls, medians`);
  console.log("| variant | CPU µs/call | wall µs/call |\n|---|---:|---:|");
  for (const [name, s] of Object.entries(samples)) console.log(`| ${name} | ${median(s.cpu).toFixed(1)} | ${median(s.wall).toFixed(1)} |`);
} finally {
  await handle.close();
  await created.drop();
}
