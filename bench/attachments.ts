/**
 * Issue 17 in `npm run bench` (part `attachments`):
 *
 * 1. An attachment of 5 MiB uploaded over plain HTTP (POST /attachments) and downloaded back
 *    (GET /attachments/<id>), through the real HTTP front, several rounds: throughput (MiB/s, median)
 *    and the peak memory above the idle baseline while one transfer runs (RSS, and the Buffers held:
 *    `arrayBuffers`), sampled every 2 ms. The client streams its body and reads the answer as a stream,
 *    so what is measured is the server's bound (256 KiB chunks), not a client's copy of the file.
 * 2. The nested list with question answers: procedures(first: 100) selecting each request's set, its
 *    answers with their questions' wording, and its attachments, at 10 and 50 requests of 4 answers:
 *    statements per request (must not grow with the rows) and median latency.
 *
 * Alone: `BENCH_ONLY=attachments npm run bench`, or `tsx bench/attachments.ts`.
 */
import { Readable } from "node:stream";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { TestApi } from "../test/helpers/api.js";
import { World } from "../test/helpers/world.js";
import { pdfBytes, startHttp } from "../test/attachments/attachment-fixtures.js";
import { answer, publishSet, requestFromSet } from "../test/question-sets/question-set-fixtures.js";
import type { Suite } from "../test/helpers/suite.js";
import { createServerDatabase, openCountingDatabase, postgresServerUrl } from "./database.js";
import { median, SETTINGS } from "./settings.js";

const SIZE = 5 * 1024 * 1024;
const MIB = 1024 * 1024;

export interface AttachmentBench {
  driver: string;
  rounds: number;
  uploadMiBs: number;
  downloadMiBs: number;
  uploadPeakRssMiB: number;
  downloadPeakRssMiB: number;
  uploadPeakBuffersMiB: number;
  downloadPeakBuffersMiB: number;
  nested: { requests: number; statements: number; medianMs: number }[];
  lines: string[];
}

/** Runs `work` while sampling memory; returns its duration and the peaks above the baseline before it. */
async function measured(work: () => Promise<void>) {
  global.gc?.();
  const base = process.memoryUsage();
  let rss = 0;
  let buffers = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss - base.rss);
    buffers = Math.max(buffers, m.arrayBuffers - base.arrayBuffers);
  }, 2);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return { ms: performance.now() - started, rss: rss / MIB, buffers: buffers / MIB };
}

const NESTED = `query Nested { procedures(first: 100) { edges { node { id reference status
  questionSet { code version title questions { code text answerType } }
  answers { questionCode value answeredAt question { text } attachment { fileName sizeBytes } }
  attachments { id fileName contentType sizeBytes sha256 }
} } } }`;

export async function benchAttachments(serverUrl: string | undefined): Promise<AttachmentBench> {
  const created = serverUrl ? await createServerDatabase(serverUrl, "attachments") : undefined;
  const database = await openCountingDatabase(created?.url, 5);
  const lines: string[] = [];
  try {
    await database.migrate();
    const api = await TestApi.create(database.db);
    const suite = { api, db: database } as unknown as Suite;
    const front = await startHttp(api.api);
    try {
      const world = await World.create(database.db, api);
      const set = await publishSet(suite, world);
      const id = await requestFromSet(suite, world, set.id);
      const dk = await world.token(world.user.handlerDk);
      const de = await world.token(world.user.handlerDe);
      const file = pdfBytes(SIZE, "bench");
      const rounds = SETTINGS.quick ? 2 : 5;
      const up: Awaited<ReturnType<typeof measured>>[] = [];
      const down: Awaited<ReturnType<typeof measured>>[] = [];
      for (let round = 0; round < rounds + 1; round++) {
        let attachmentId = "";
        const u = await measured(async () => {
          // The body streamed in 64 KiB pieces, as a browser or portal sends a file from disk.
          const body = Readable.toWeb(Readable.from((function* () {
            for (let i = 0; i < file.length; i += 64 * 1024) yield file.subarray(i, i + 64 * 1024);
          })()));
          const response = await fetch(`${front.url}/attachments?procedureId=${id}&name=bench.pdf`, {
            method: "POST",
            headers: { authorization: `Bearer ${dk}`, "content-type": "application/pdf", "content-length": String(file.length) },
            body: body as never,
            duplex: "half",
          } as RequestInit);
          const json = (await response.json()) as { attachment?: { id: string } };
          if (!json.attachment) throw new Error(`upload failed: ${JSON.stringify(json)}`);
          attachmentId = json.attachment.id;
        });
        const d = await measured(async () => {
          const response = await fetch(`${front.url}/attachments/${attachmentId}`, { headers: { authorization: `Bearer ${de}` } });
          let n = 0;
          for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) n += chunk.length;
          if (n !== file.length) throw new Error(`download returned ${n} bytes`);
        });
        if (round > 0) {
          up.push(u);
          down.push(d);
        } // round 0 warms up
      }
      const mibs = (ms: number) => SIZE / MIB / (ms / 1000);
      const result = {
        rounds,
        uploadMiBs: mibs(median(up.map((m) => m.ms))),
        downloadMiBs: mibs(median(down.map((m) => m.ms))),
        uploadPeakRssMiB: Math.max(...up.map((m) => m.rss)),
        downloadPeakRssMiB: Math.max(...down.map((m) => m.rss)),
        uploadPeakBuffersMiB: Math.max(...up.map((m) => m.buffers)),
        downloadPeakBuffersMiB: Math.max(...down.map((m) => m.buffers)),
      };
      lines.push(
        `5 MiB upload: ${result.uploadMiBs.toFixed(1)} MiB/s (median of ${rounds}), peak RSS +${result.uploadPeakRssMiB.toFixed(1)} MiB, peak Buffers +${result.uploadPeakBuffersMiB.toFixed(1)} MiB`,
        `5 MiB download: ${result.downloadMiBs.toFixed(1)} MiB/s (median of ${rounds}), peak RSS +${result.downloadPeakRssMiB.toFixed(1)} MiB, peak Buffers +${result.downloadPeakBuffersMiB.toFixed(1)} MiB`,
      );

      const nested: AttachmentBench["nested"] = [];
      for (const requests of [10, 50]) {
        const w = await World.create(database.db, api);
        const s = await publishSet(suite, w);
        const wde = await w.token(w.user.handlerDe);
        for (let i = 0; i < requests; i++) {
          const pid = await requestFromSet(suite, w, s.id);
          await answer(suite, wde, pid, { questionCode: "AUTHENTIC", value: "YES" });
          await answer(suite, wde, pid, { questionCode: "ISSUED", value: "2020-01-31" });
          await answer(suite, wde, pid, { questionCode: "RIGHT", value: "FULL" });
          await answer(suite, wde, pid, { questionCode: "NOTES", value: `Bench answer ${i}` });
        }
        const token = await w.token(w.user.handlerDk);
        await api.executeText(NESTED, {}, token);
        const before = database.statements();
        const check = await api.executeText<{ procedures: { edges: unknown[] } }>(NESTED, {}, token);
        const statements = database.statements() - before;
        if (check.errors) throw new Error(JSON.stringify(check.errors));
        const times: number[] = [];
        for (let i = 0; i < (SETTINGS.quick ? 5 : 20); i++) {
          const t = performance.now();
          await api.executeText(NESTED, {}, token);
          times.push(performance.now() - t);
        }
        nested.push({ requests, statements, medianMs: median(times) });
        lines.push(`nested list with answers, ${requests} requests x 4 answers: ${statements} statements, median ${median(times).toFixed(1)} ms`);
      }
      return { driver: created ? "PostgreSQL" : "PGlite", ...result, nested, lines };
    } finally {
      await front.close();
      await api.stop();
    }
  } finally {
    await database.close();
    await created?.drop();
  }
}

/** The section of bench/results.md. */
export function renderAttachments(bench: AttachmentBench): string {
  return [
    "",
    `## Attachments and question answers (issue 17, ${bench.driver})`,
    "",
    "Through the real HTTP front in the bench process; the client streams its body and reads the answer as a stream.",
    "",
    ...bench.lines.map((line) => `- ${line}`),
    "",
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bench = await benchAttachments(await postgresServerUrl());
  for (const line of bench.lines) console.log(line);
}
