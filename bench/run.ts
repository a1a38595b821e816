/**
 * `npm run bench`: what the API costs, measured in one run, written to bench/results.md.
 *
 * 1. Cold start to ready of the real server process (bench/cold-start.ts).
 * 2. SQL statements per request of the nested list at 10, 50 and 200 procedures (bench/statements.ts).
 * 3. HTTP throughput and p50/p99 latency with autocannon: a small lookup, the nested list and a
 *    mutation, against the full stack, the same without authorization or row security, a hand-written
 *    graphql-js baseline and the fair baseline doing the same security work (issue 14,
 *    bench/fair-baseline.ts), side by side on the same database (bench/http.ts, bench/servers.ts);
 *    then a CPU profile of the full stack under load (bench/profile.ts).
 * 3b. Scale: the nested list at 10k and 100k procedures visible, full stack and fair baseline
 *    interleaved (bench/scale.ts; PostgreSQL only).
 * 4. The retention job against single hand-written statements (bench/retention.ts; alone:
 *    `npm run bench:retention`).
 *
 * PostgreSQL when BENCH_DATABASE_URL is set or postgres://postgres@127.0.0.1:5432/test answers (a
 * fresh database per part, dropped after), else PGlite. BENCH_QUICK=1 for short development runs;
 * BENCH_ONLY=cold,statements,http,scale,retention,… runs some parts (the report then holds only those).
 * The report replaces the whole of bench/results.md, hand-recorded sections included: BENCH_RESULTS=<path>
 * writes it elsewhere (a partial run, or one whose figures are copied into results.md by hand).
 * No numbers are asserted: the ratios are printed and reported against the issue's targets.
 */
import { appendFile, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { benchColdStart } from "./cold-start.js";
import { createServerDatabase, postgresServerUrl, serverVersion } from "./database.js";
import { benchHttp, OPERATIONS, serversFor } from "./http.js";
import { profileUnderLoad, type ProfileSummary } from "./profile.js";
import { fairRatios, fairVerdicts, machine, ratios, renderReport, TARGETS, type Report } from "./report.js";
import { benchScale } from "./scale.js";
import { benchRetention } from "./retention.js";
import { benchAttachments, renderAttachments, type AttachmentBench } from "./attachments.js";
import { SETTINGS } from "./settings.js";
import { benchStatements } from "./statements.js";
import { startBenchServers } from "./servers.js";
import { benchLive, renderLive, type LiveBench } from "./live.js";
import { benchStatistics, renderStatistics, type StatisticsBench } from "./statistics.js";

const RESULTS = process.env.BENCH_RESULTS || fileURLToPath(new URL("./results.md", import.meta.url));
const parts = new Set((process.env.BENCH_ONLY ?? "cold,statements,http,scale,retention,attachments,live,statistics").split(",").map((p) => p.trim()));
const log = (line: string) => console.log(`[bench] ${line}`);

const serverUrl = await postgresServerUrl();
const report: Report = {
  machine: machine(),
  database: serverUrl
    ? `${await serverVersion(serverUrl)} at ${new URL(serverUrl).host} (postgres.js; a fresh database per part, dropped after)`
    : `${await serverVersion(undefined)}: no PostgreSQL reachable (set BENCH_DATABASE_URL)`,
};
log(`database: ${report.database}${SETTINGS.quick ? " — BENCH_QUICK=1" : ""}`);

if (parts.has("cold")) {
  log("cold start …");
  report.coldStart = await benchColdStart(serverUrl);
  for (const c of report.coldStart.cases) log(`  ${c.case}: ready line ${c.toReadyLine.toFixed(0)} ms, /readyz ${c.toReadyz.toFixed(0)} ms`);
}

if (parts.has("statements")) {
  log("statements per request …");
  report.statements = await benchStatements(serverUrl);
  log(`  nested list: ${report.statements.rows.map((r) => `${r.procedures} procedures → ${r.statements}`).join(", ")} (${report.statements.constant ? "constant" : "NOT CONSTANT"})`);
}

if (parts.has("http")) {
  const created = serverUrl ? await createServerDatabase(serverUrl, "http") : undefined;
  const servers = await startBenchServers(created?.url);
  try {
    log(`HTTP: ${SETTINGS.rounds} rounds × ${SETTINGS.duration} s per server and operation …`);
    report.http = await benchHttp(servers, (line) => log(`  ${line}`));
    const profiles: ProfileSummary[] = [];
    for (const operation of OPERATIONS) profiles.push(await profileUnderLoad(servers, "full", operation, SETTINGS.profileSeconds));
    // Issue 14: the fair baseline's profile beside the full stack's, to tell what the framework adds.
    for (const operation of OPERATIONS) {
      if (serversFor(servers, operation).includes("fair")) profiles.push(await profileUnderLoad(servers, "fair", operation, SETTINGS.profileSeconds));
    }
    report.profiles = profiles;
  } finally {
    await servers.stop();
    await created?.drop();
  }
}

if (parts.has("scale")) {
  log("scale: the nested list at 10k and 100k procedures …");
  report.scale = await benchScale(serverUrl, (line) => log(`  ${line}`));
  if ("skipped" in report.scale) log(`  ${report.scale.skipped}`);
}

if (parts.has("retention") && !SETTINGS.skipRetention) {
  log("retention job …");
  report.retention = await benchRetention();
}

// Issue 17: attachment upload and download of 5 MiB, and the nested list with question answers.
let attachments: AttachmentBench | undefined;
if (parts.has("attachments")) {
  log("attachments and question answers …");
  attachments = await benchAttachments(serverUrl);
  for (const line of attachments.lines) log(`  ${line}`);
}

// Issue 16: deliveries per second to 200 subscribers across two replicas, and the cost of publishing.
let live: LiveBench | { skipped: string } | undefined;
if (parts.has("live")) {
  log("subscriptions across two replicas …");
  live = await benchLive(serverUrl);
  for (const line of "skipped" in live ? [live.skipped] : live.lines) log(`  ${line}`);
}

// Issue 18: the statistics statement at 1M procedures against a hand-written baseline, with its plan.
let statistics: StatisticsBench | undefined;
if (parts.has("statistics")) {
  log("statistics from the shells …");
  statistics = await benchStatistics((line) => log(`  ${line}`));
}

report.machine.loadAfter = loadavg().map((n) => n.toFixed(2)).join(", ");
await writeFile(RESULTS, renderReport(report));
if (attachments) await appendFile(RESULTS, renderAttachments(attachments));
if (live) await appendFile(RESULTS, renderLive(live));
if (statistics) await appendFile(RESULTS, renderStatistics(statistics));

console.log("");
if (report.http) {
  console.log("| operation | server | req/s | p50 ms | p99 ms | CPU ms/req |\n|---|---|---:|---:|---:|---:|");
  for (const operation of OPERATIONS) {
    for (const [name, m] of Object.entries(report.http.measures[operation])) {
      if (m) console.log(`| ${operation} | ${name} | ${m.rps.toFixed(0)} | ${m.p50} | ${m.p99} | ${m.cpuMs.toFixed(2)} |`);
    }
  }
  console.log("");
  for (const r of ratios(report.http)) {
    console.log(
      `${r.operation}: full/no-auth ${r.fullOverNoAuth.toFixed(3)}× (target ≥ ${TARGETS.fullOverNoAuth}: ${r.fullOverNoAuth >= TARGETS.fullOverNoAuth ? "pass" : "MISS"}), ` +
        `full/graphql-js ${r.fullOverGraphqlJs.toFixed(3)}× (target ≥ ${TARGETS.fullOverGraphqlJs}: ${r.fullOverGraphqlJs >= TARGETS.fullOverGraphqlJs ? "pass" : "MISS"}), ` +
        `row security off/full ${r.noRlsOverFull.toFixed(3)}× (target ≤ ${TARGETS.noRlsOverFull}: ${r.noRlsOverFull <= TARGETS.noRlsOverFull ? "pass" : "MISS"})`,
    );
  }
}
if (report.http) {
  for (const r of fairRatios(report.http)) {
    const v = fairVerdicts(r);
    console.log(
      `${r.operation}: full/fair throughput ${r.throughput.toFixed(3)}× (target ≥ ${TARGETS.fullOverFair}: ${v.throughput ? "pass" : "MISS"}), ` +
        `CPU per request ${r.cpu.toFixed(2)}× (target ≤ ${TARGETS.fullCpuOverFair}: ${v.cpu ? "pass" : "MISS"})`,
    );
  }
}
if (report.scale && "sizes" in report.scale) {
  const full = report.scale.ratio.full!;
  console.log(`nested list 100k/10k throughput: full ${full.toFixed(3)}× (target ≥ ${TARGETS.scale}: ${full >= TARGETS.scale ? "pass" : "MISS"}), fair ${report.scale.ratio.fair!.toFixed(3)}×`);
}
const postgres = report.coldStart?.cases.find((c) => c.case.startsWith("PostgreSQL"));
if (postgres) console.log(`cold start on PostgreSQL: ${postgres.toReadyz.toFixed(0)} ms to /readyz (target < ${TARGETS.coldStartPostgresMs} ms: ${postgres.toReadyz < TARGETS.coldStartPostgresMs ? "pass" : "MISS"})`);
if (report.statements) console.log(`nested list statements at ${report.statements.rows.map((r) => r.procedures).join("/")} procedures: ${report.statements.rows.map((r) => r.statements).join("/")}`);
if (report.retention) {
  console.log(`\nretention (${report.retention.driver}, ${report.retention.procedures.toLocaleString("en")} procedures):`);
  for (const line of report.retention.lines) console.log(line);
}
console.log(`\nreport written to ${RESULTS}`);
