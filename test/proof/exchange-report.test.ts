import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { CompactSign, compactVerify, createLocalJWKSet, decodeProtectedHeader, importJWK, type JSONWebKeySet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { auditEvents, dataSubjects, messages, personalDataGrants, procedures } from "../../src/db/schema/index.js";
import { createHttpServer } from "../../src/http.js";
import { createLogger } from "../../src/logger.js";
import { resolveExchangeKeys } from "../../src/modules/proof/proof.key-store.js";
import { exchangeKeys, generateExchangeKey, publicJwk, type Ed25519PrivateJwk } from "../../src/modules/proof/proof.keys.js";
import { graphql } from "../generated/gql.js";
import { codes, TestApi } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { START, useSuite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";
import { ACCEPT, ADD_DATA_SUBJECT, ADD_LEGAL_PERSON, ADD_SENSITIVE_RECORD, CLOSE, CREATE_PROCEDURE, FORWARD, POST_MESSAGE, SEND } from "../operations.js";

const CONTENT = graphql(`
  fragment ProofTestContent on ExchangeReportContent {
    reportId
    issuer
    issuedAt
    version
    issuedTo {
      id
      name
      memberState
    }
    procedure {
      id
      reference
      kind
      subject
      status
      legalArea {
        code
        name
        actReference
      }
    }
    participants {
      part
      acceptedAt
      authority {
        id
        name
        memberState
      }
    }
    states {
      status
      at
    }
    messages {
      id
      createdAt
      body
      confidential
      author {
        id
        name
        memberState
      }
    }
    dataSubjects {
      id
      fullName
      dateOfBirth
      nationalIdentifier
      address
      email
      sensitiveRecords {
        id
        category
        details
        legalBasis
        consentReference
        necessity
        createdAt
      }
    }
  }
`);
void CONTENT;

const EXCHANGE_REPORT = graphql(`
  query ProofTestExchangeReport($procedureId: ID!) {
    exchangeReport(procedureId: $procedureId) {
      jws
      keyId
      issuedAt
      html
      content {
        ...ProofTestContent
      }
    }
  }
`);

const VERIFY = graphql(`
  query ProofTestVerify($report: String!) {
    verifyExchangeReport(report: $report) {
      valid
      keyId
      problem
      content {
        ...ProofTestContent
      }
    }
  }
`);

/** What the viewer sees of the procedure through the ordinary API: the report must say the same. */
const PROCEDURE_VIEW = graphql(`
  query ProofTestProcedureView($id: ID!) {
    procedure(id: $id) {
      id
      reference
      kind
      subject
      status
      createdAt
      sentAt
      closedAt
      legalArea {
        code
        name
        actReference
      }
      participants {
        part
        acceptedAt
        authority {
          id
          name
          memberState
        }
      }
      messages {
        id
        createdAt
        body
        confidential
        author {
          id
          name
          memberState
        }
      }
      dataSubjects {
        id
        fullName
        dateOfBirth
        nationalIdentifier
        address
        email
        sensitiveRecords {
          id
          category
          details
          legalBasis
          consentReference
          necessity
          createdAt
        }
      }
    }
  }
`);

const MINUTE = 60_000;
/** A message that must be rendered as text, never as markup. */
const HOSTILE = `<script>alert("x")</script> & <b>bold</b> 'quoted'`;

interface Exchange {
  id: string;
  reference: string;
  dataSubjectId: string;
  subjectName: string;
}

/** A request DK → DE: a data subject with a sensitive record, a legal person, a question, optionally accepted, answered and closed. */
async function exchange(world: World, options: { accept?: boolean; close?: boolean } = {}): Promise<Exchange> {
  const { api } = world;
  const dk = await world.token(world.user.handlerDk);
  const created = await api.execute(
    CREATE_PROCEDURE,
    {
      input: {
        kind: "REQUEST",
        legalAreaCode: "SERVICES",
        subject: `Good repute ${world.tag}`,
        justification: `Justification ${world.tag}`,
        recipientAuthorityIds: [world.authority.de],
      },
    },
    dk,
  );
  expect(created.errors).toBeUndefined();
  const id = created.data!.createProcedure.id;
  const subjectName = `Mette Kristensen ${world.tag}`;
  const subject = await api.execute(
    ADD_DATA_SUBJECT,
    { procedureId: id, input: { fullName: subjectName, nationalIdentifier: "030288-4321", dateOfBirth: "1988-02-03", email: "mette@example.dk" } },
    dk,
  );
  const dataSubjectId = subject.data!.addDataSubject.id;
  await api.execute(
    ADD_SENSITIVE_RECORD,
    {
      dataSubjectId,
      input: { category: "DISCIPLINARY", details: "Suspended in 2024.", necessity: "Good repute check.", legalBasis: "Directive 2006/123/EC Art. 33" },
    },
    dk,
  );
  await api.execute(ADD_LEGAL_PERSON, { procedureId: id, input: { name: `Secret Holding ${world.tag}`, country: "DK" } }, dk);
  api.clock.advance(MINUTE);
  expect((await api.execute(SEND, { id }, dk)).errors).toBeUndefined();
  api.clock.advance(MINUTE);
  await api.execute(POST_MESSAGE, { procedureId: id, body: "Are there sanctions?" }, dk);
  if (options.accept || options.close) {
    const de = await world.token(world.user.handlerDe);
    api.clock.advance(MINUTE);
    expect((await api.execute(ACCEPT, { id }, de)).errors).toBeUndefined();
    api.clock.advance(MINUTE);
    expect((await api.execute(POST_MESSAGE, { procedureId: id, body: HOSTILE }, de)).errors).toBeUndefined();
  }
  if (options.close) {
    api.clock.advance(MINUTE);
    expect((await api.execute(CLOSE, { id }, dk)).errors).toBeUndefined();
  }
  const reference = created.data!.createProcedure.reference;
  return { id, reference, dataSubjectId, subjectName };
}

/** One byte of the JWS changed at `index` (to another base64url character, or a dot replaced). */
function changeAt(jws: string, index: number): string {
  const replacement = jws[index] === "A" ? "B" : "A";
  return jws.slice(0, index) + replacement + jws.slice(index + 1);
}

function decodePayload(jws: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jws.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server | undefined): Promise<void> {
  if (!server?.listening) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** An API over the suite's database that signs with given keys, served over HTTP for its JWKS. */
async function apiWithKeys(db: Parameters<typeof TestApi.create>[0], keys: ReturnType<typeof exchangeKeys>) {
  const api = await TestApi.create(db, new ManualClock(START), { exchangeKeys: keys });
  const server = createHttpServer(api.api, createLogger("silent"));
  const base = await listen(server);
  return {
    api,
    base,
    jwks: async () => (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as JSONWebKeySet,
    async stop() {
      await close(server);
      await api.stop();
    },
  };
}

describe.each(DRIVERS)("signed exchange reports on %s", (driver) => {
  const suite = useSuite(driver);
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createHttpServer(suite.api.api, createLogger("silent"));
    base = await listen(server);
  });

  afterAll(async () => {
    await close(server);
  });

  it("R-PROOF-1 a participant downloads a signed report of the exchange, which verifies through the API and with jose against the published JWKS", async () => {
    const world = await suite.world();
    const { id, reference, dataSubjectId, subjectName } = await exchange(world, { close: true });
    suite.api.clock.advance(MINUTE);

    for (const [user, part] of [
      ["handlerDk", "INITIATOR"],
      ["handlerDe", "RESPONDER"],
    ] as const) {
      const token = await world.token(world.user[user]);
      const result = await suite.api.execute(EXCHANGE_REPORT, { procedureId: id }, token);
      expect(result.errors, user).toBeUndefined();
      const report = result.data!.exchangeReport;
      const content = report.content;

      // The exchange: reference, kind, area, participants with parts and acceptance, states with times, messages, data subjects.
      expect(content.procedure).toMatchObject({ id, reference, kind: "REQUEST", status: "CLOSED", subject: `Good repute ${world.tag}` });
      expect(content.procedure.legalArea).toMatchObject({ code: "SERVICES", actReference: expect.stringContaining("2006/123") });
      expect(content.issuedTo.id).toBe(world.authority[user === "handlerDk" ? "dk" : "de"]);
      expect(content.participants.map((p) => [p.authority.id, p.part])).toEqual([
        [world.authority.dk, "INITIATOR"],
        [world.authority.de, "RESPONDER"],
      ]);
      expect(content.participants.find((p) => p.part === part)).toBeDefined();
      expect(content.participants[1]!.acceptedAt).toBe(new Date(START.getTime() + 3 * MINUTE).toISOString());
      expect(content.states).toEqual([
        { status: "DRAFT", at: START.toISOString() },
        { status: "SENT", at: new Date(START.getTime() + MINUTE).toISOString() },
        { status: "CLOSED", at: new Date(START.getTime() + 5 * MINUTE).toISOString() },
      ]);
      expect(content.messages.map((m) => [m.author.id, m.body, m.createdAt])).toEqual([
        [world.authority.dk, "Are there sanctions?", new Date(START.getTime() + 2 * MINUTE).toISOString()],
        [world.authority.de, HOSTILE, new Date(START.getTime() + 4 * MINUTE).toISOString()],
      ]);
      expect(content.dataSubjects).toHaveLength(1);
      expect(content.dataSubjects[0]).toMatchObject({ id: dataSubjectId, fullName: subjectName, nationalIdentifier: "030288-4321" });
      expect(content.dataSubjects[0]!.sensitiveRecords.map((r) => r.details)).toEqual(["Suspended in 2024."]);

      // A compact JWS: EdDSA, the key id, the report type; claims iss, iat, jti.
      const header = decodeProtectedHeader(report.jws);
      expect(header).toEqual({ alg: "EdDSA", kid: report.keyId, typ: "imi-exchange-report+jwt" });
      const payload = decodePayload(report.jws);
      expect(payload).toMatchObject({ iss: content.issuer, iat: Math.floor(Date.parse(report.issuedAt) / 1000), jti: content.reportId, ver: 2 });
      expect(report.issuedAt).toBe(content.issuedAt);
      expect(report.issuedAt).toBe(new Date(START.getTime() + 6 * MINUTE).toISOString());

      // Anyone holding it can verify it: no login.
      const verified = await suite.api.execute(VERIFY, { report: report.jws });
      expect(verified.errors).toBeUndefined();
      expect(verified.data!.verifyExchangeReport).toEqual({ valid: true, keyId: report.keyId, problem: null, content });

      // And independently of this API: jose against the JWKS fetched over HTTP.
      const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
      const independent = await compactVerify(report.jws, createLocalJWKSet(jwks), { algorithms: ["EdDSA"] });
      expect(independent.protectedHeader.kid).toBe(report.keyId);
      expect(JSON.parse(new TextDecoder().decode(independent.payload))).toEqual(payload);

      // The human-readable rendering: the same content, escaped, carrying the JWS.
      expect(report.html).toMatch(/^<!doctype html>/);
      expect(report.html).toContain(`<pre id="exchange-report-jws">${report.jws}</pre>`);
      expect(report.html).toContain(`data-jws="${report.jws}"`);
      expect(report.html).toContain(reference);
      expect(report.html).toContain(subjectName);
      expect(report.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; &#39;quoted&#39;");
      expect(report.html).not.toContain("<script");
      expect(report.html).not.toContain("<b>bold");
      expect(report.html).not.toMatch(/<link|src=|https?:\/\//);
    }
  });

  it("R-PROOF-1 one changed byte, in the payload or in the signature, makes verification fail with a problem, never an error", async () => {
    const world = await suite.world();
    const { id } = await exchange(world, { accept: true });
    const result = await suite.api.execute(EXCHANGE_REPORT, { procedureId: id }, await world.token(world.user.handlerDk));
    const jws = result.data!.exchangeReport.jws;
    const [header, payload, signature] = jws.split(".") as [string, string, string];
    const payloadAt = header.length + 1 + Math.floor(payload.length / 2);
    const signatureAt = header.length + 1 + payload.length + 1 + 10;
    const cases: [string, string][] = [
      ["a byte of the payload", changeAt(jws, payloadAt)],
      ["a byte of the signature", changeAt(jws, signatureAt)],
      // The last character of a base64url part carries spare bits a lenient decoder ignores.
      ["the last byte of the signature", changeAt(jws, jws.length - 1)],
      ["a byte of the header", changeAt(jws, 5)],
      ["a name in the payload", `${header}.${Buffer.from(Buffer.from(payload, "base64url").toString("utf8").replace("Mette", "Mette2")).toString("base64url")}.${signature}`],
    ];
    for (const [what, altered] of cases) {
      expect(altered, what).not.toBe(jws);
      const verified = await suite.api.execute(VERIFY, { report: altered });
      expect(verified.errors, what).toBeUndefined();
      expect(verified.data!.verifyExchangeReport, what).toMatchObject({ valid: false, content: null, problem: expect.any(String) });
    }
    // Every single position, through the service (the same code path as the query).
    const proof = suite.api.api.services.proof;
    let checked = 0;
    for (let i = 0; i < jws.length; i++) {
      const verdict = await proof.verify(changeAt(jws, i));
      if (verdict.valid) throw new Error(`a change at byte ${i} of ${jws.length} went unnoticed`);
      checked++;
    }
    expect(checked).toBe(jws.length);
    expect((await proof.verify(jws)).valid).toBe(true);
    // Whitespace around a pasted report is not part of it.
    expect((await proof.verify(`\n  ${jws}\n`)).valid).toBe(true);

    // Anything else is answered, not thrown.
    for (const junk of ["", "not a report", "a.b", "a.b.c", "..", `${jws}.${signature}`, "x".repeat(5 * 1024 * 1024)]) {
      const verdict = await proof.verify(junk);
      expect(verdict, junk.slice(0, 20)).toMatchObject({ valid: false, content: null, problem: expect.any(String) });
    }
    const junk = await suite.api.execute(VERIFY, { report: "eyJhbGciOiJub25lIn0.e30." });
    expect(junk.errors).toBeUndefined();
    expect(junk.data!.verifyExchangeReport.valid).toBe(false);
  });

  it("R-PROOF-1 refuses a report signed by a key it does not trust, even under a trusted key id, and foreign tokens signed by its own key", async () => {
    const world = await suite.world();
    const { id } = await exchange(world, { accept: true });
    const own = generateExchangeKey("own-key");
    const stranger = generateExchangeKey("own-key");
    const served = await apiWithKeys(suite.db.db, exchangeKeys(own));
    try {
      const report = await served.api.execute(EXCHANGE_REPORT, { procedureId: id }, await world.token(world.user.handlerDk));
      const payload = Buffer.from(report.data!.exchangeReport.jws.split(".")[1]!, "base64url");
      const keyOf = (key: Ed25519PrivateJwk) => importJWK({ ...key }, "EdDSA");
      const forged = await new CompactSign(payload).setProtectedHeader({ alg: "EdDSA", kid: "own-key", typ: "imi-exchange-report+jwt" }).sign(await keyOf(stranger));
      const foreignTyp = await new CompactSign(payload).setProtectedHeader({ alg: "EdDSA", kid: "own-key", typ: "JWT" }).sign(await keyOf(own));
      const notAReport = await new CompactSign(new TextEncoder().encode(JSON.stringify({ iss: "imi-data-protection-api", ver: 1, hello: "world" })))
        .setProtectedHeader({ alg: "EdDSA", kid: "own-key", typ: "imi-exchange-report+jwt" })
        .sign(await keyOf(own));
      const unknownKid = await new CompactSign(payload).setProtectedHeader({ alg: "EdDSA", kid: "who-knows", typ: "imi-exchange-report+jwt" }).sign(await keyOf(own));
      for (const [what, jws, problem] of [
        ["a stranger's key under the trusted kid", forged, /signature does not match/],
        ["another type of token", foreignTyp, /not an exchange report/],
        ["a payload that is no report", notAReport, /payload is not an exchange report/],
        ["an unknown key id", unknownKid, /does not trust/],
      ] as const) {
        const verdict = await served.api.execute(VERIFY, { report: jws });
        expect(verdict.errors, what).toBeUndefined();
        expect(verdict.data!.verifyExchangeReport, what).toMatchObject({ valid: false, content: null, problem: expect.stringMatching(problem) });
      }
    } finally {
      await served.stop();
    }
  });

  it("R-PROOF-1 serves the public keys at /.well-known/jwks.json, without private material, cacheable", async () => {
    const key = generateExchangeKey("jwks-test-key");
    const retired = generateExchangeKey("retired-key");
    const served = await apiWithKeys(suite.db.db, exchangeKeys(key, [publicJwk(retired)]));
    try {
      const response = await fetch(`${served.base}/.well-known/jwks.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/jwk-set\+json/);
      expect(response.headers.get("cache-control")).toMatch(/max-age=\d+/);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        keys: [
          { kty: "OKP", crv: "Ed25519", x: key.x, kid: "jwks-test-key", alg: "EdDSA", use: "sig" },
          { kty: "OKP", crv: "Ed25519", x: retired.x, kid: "retired-key", alg: "EdDSA", use: "sig" },
        ],
      });
      expect(text).not.toContain('"d"');
      expect(text).not.toContain(key.d);
      expect(text).not.toContain(retired.d);
      const head = await fetch(`${served.base}/.well-known/jwks.json`, { method: "HEAD" });
      expect(head.status).toBe(200);
      const post = await fetch(`${served.base}/.well-known/jwks.json`, { method: "POST", body: "{}" });
      expect(post.status).toBe(405);
    } finally {
      await served.stop();
    }
    // The suite's own server publishes its key too: the one its reports name.
    const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([suite.api.api.services.proof.keyId]);
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
  });

  it("R-PROOF-1 rotating the key keeps old reports verifiable while the old public key stays trusted, and dropping it makes them unverifiable", async () => {
    const world = await suite.world();
    const { id } = await exchange(world, { accept: true });
    const dk = await world.token(world.user.handlerDk);
    const oldKey = generateExchangeKey("2026-01");
    const newKey = generateExchangeKey("2026-06");

    const before = await apiWithKeys(suite.db.db, exchangeKeys(oldKey));
    const oldReport = (await before.api.execute(EXCHANGE_REPORT, { procedureId: id }, dk)).data!.exchangeReport;
    await before.stop();
    expect(oldReport.keyId).toBe("2026-01");

    // Rotated: a new signing key, the old public key kept among the trusted ones.
    const rotated = await apiWithKeys(suite.db.db, exchangeKeys(newKey, [publicJwk(oldKey)]));
    try {
      const newReport = (await rotated.api.execute(EXCHANGE_REPORT, { procedureId: id }, dk)).data!.exchangeReport;
      expect(newReport.keyId).toBe("2026-06");
      for (const report of [oldReport, newReport]) {
        const verdict = (await rotated.api.execute(VERIFY, { report: report.jws })).data!.verifyExchangeReport;
        expect(verdict).toMatchObject({ valid: true, keyId: report.keyId, problem: null });
        expect(verdict.content).toEqual(report.content);
        // Also independently, against the rotated server's published set.
        await expect(compactVerify(report.jws, createLocalJWKSet(await rotated.jwks()))).resolves.toBeDefined();
      }
      expect((await rotated.jwks()).keys.map((k) => k.kid)).toEqual(["2026-06", "2026-01"]);

      // The old key dropped: its reports no longer verify; the new ones still do.
      const dropped = await apiWithKeys(suite.db.db, exchangeKeys(newKey));
      try {
        const old = (await dropped.api.execute(VERIFY, { report: oldReport.jws })).data!.verifyExchangeReport;
        expect(old).toMatchObject({ valid: false, keyId: "2026-01", content: null, problem: expect.stringContaining("does not trust") });
        expect((await dropped.api.execute(VERIFY, { report: newReport.jws })).data!.verifyExchangeReport.valid).toBe(true);
        expect((await dropped.jwks()).keys.map((k) => k.kid)).toEqual(["2026-06"]);
        await expect(compactVerify(oldReport.jws, createLocalJWKSet(await dropped.jwks()))).rejects.toThrow();
      } finally {
        await dropped.stop();
      }
    } finally {
      await rotated.stop();
    }
  });

  it("R-PROOF-1 the embedded default's generated key survives a restart: a report issued before verifies after", async () => {
    const dir = await mkdtemp(join(tmpdir(), "imi-proof-"));
    try {
      const config = { exchangeSigningKey: undefined, exchangePublicKeys: [], databaseUrl: undefined, pgliteDir: join(dir, "pglite"), production: false };
      const world = await suite.world();
      const { id } = await exchange(world, { accept: true });
      const first = await apiWithKeys(suite.db.db, await resolveExchangeKeys(config, createLogger("silent")));
      const report = (await first.api.execute(EXCHANGE_REPORT, { procedureId: id }, await world.token(world.user.handlerDe))).data!.exchangeReport;
      await first.stop();
      const second = await apiWithKeys(suite.db.db, await resolveExchangeKeys(config, createLogger("silent")));
      try {
        expect((await second.api.execute(VERIFY, { report: report.jws })).data!.verifyExchangeReport).toMatchObject({ valid: true, keyId: report.keyId });
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("R-PROOF-1 gives the report only to whom the personal-data cells allow: NOT_FOUND outside the viewer's procedures, FORBIDDEN with the reason otherwise", async () => {
    const world = await suite.world();
    const { id, subjectName } = await exchange(world, { accept: false });
    const expectations: [keyof World["user"], string, string | null][] = [
      // Another state's case handler, a same-state handler not involved, the portal: not their procedure at all.
      ["handlerFr", "NOT_FOUND", null],
      ["handlerDk2", "NOT_FOUND", null],
      ["portalDk", "NOT_FOUND", null],
      // They may see the procedure, not its personal data.
      ["coordinatorDk", "FORBIDDEN", "ROLE"],
      ["adminDk", "FORBIDDEN", "ROLE"],
      ["helpdesk", "FORBIDDEN", "NOT_INVOLVED"],
      // A responder that has not accepted yet.
      ["handlerDe", "FORBIDDEN", "NOT_ACCEPTED"],
    ];
    const reads = () => suite.db.db.select().from(auditEvents).where(and(eq(auditEvents.procedureId, id), eq(auditEvents.action, "READ")));
    const readsBefore = (await reads()).length;
    for (const [user, code, reason] of expectations) {
      const result = await suite.api.execute(EXCHANGE_REPORT, { procedureId: id }, await world.token(world.user[user]));
      expect(result.data?.exchangeReport ?? null, user).toBeNull();
      expect(codes(result), user).toEqual([code]);
      if (reason) expect(result.errors?.[0]?.extensions?.reason, user).toBe(reason);
      expect(JSON.stringify(result), user).not.toContain(subjectName);
    }
    const anonymous = await suite.api.execute(EXCHANGE_REPORT, { procedureId: id });
    expect(codes(anonymous)).toEqual(["UNAUTHENTICATED"]);
    // A missing procedure and a malformed id look the same as an invisible one.
    const dk = await world.token(world.user.handlerDk);
    expect(codes(await suite.api.execute(EXCHANGE_REPORT, { procedureId: "00000000-0000-4000-8000-000000000000" }, dk))).toEqual(["NOT_FOUND"]);
    expect(codes(await suite.api.execute(EXCHANGE_REPORT, { procedureId: "not-an-id" }, dk))).toEqual(["NOT_FOUND"]);
    // No refusal read anything.
    expect((await reads()).length).toBe(readsBefore);

    // Once it accepts, the responder gets it.
    await suite.api.execute(ACCEPT, { id }, await world.token(world.user.handlerDe));
    const accepted = await suite.api.execute(EXCHANGE_REPORT, { procedureId: id }, await world.token(world.user.handlerDe));
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.exchangeReport.content.dataSubjects[0]?.fullName).toBe(subjectName);
  });

  it("R-PROOF-1 R-RETAIN-1 refuses the report once the personal data is blocked or deleted, and follows a Commission route (R-RETAIN-4) like the policy", async () => {
    const world = await suite.world();
    const blocked = await exchange(world, { close: true });
    const deleted = await exchange(world, { close: true });
    const now = suite.api.clock.now();
    await suite.db.db.update(procedures).set({ blockedAt: now }).where(eq(procedures.id, blocked.id));
    await suite.db.db.delete(dataSubjects).where(eq(dataSubjects.procedureId, deleted.id));
    await suite.db.db.delete(messages).where(eq(messages.procedureId, deleted.id));
    await suite.db.db.update(procedures).set({ blockedAt: now, personalDataDeletedAt: now }).where(eq(procedures.id, deleted.id));
    for (const [procedure, reason] of [
      [blocked, "BLOCKED"],
      [deleted, "DELETED"],
    ] as const) {
      for (const user of ["handlerDk", "handlerDe"] as const) {
        const result = await suite.api.execute(EXCHANGE_REPORT, { procedureId: procedure.id }, await world.token(world.user[user]));
        expect(codes(result), `${reason} ${user}`).toEqual(["FORBIDDEN"]);
        expect(result.errors?.[0]?.extensions?.reason).toBe(reason);
      }
    }

    // The Commission reaches blocked data only on a recorded route; the report's reads carry that ground.
    await suite.db.db.insert(personalDataGrants).values({
      procedureId: blocked.id,
      authorityId: world.authority.helpdesk,
      ground: "BLOCKED_DATA_RETRIEVAL",
      reference: `retrieval ${world.tag}`,
      grantedAt: new Date(now.getTime() - MINUTE),
      expiresAt: new Date(now.getTime() + 24 * 60 * MINUTE),
    });
    const helpdesk = await world.token(world.user.helpdesk);
    const routed = await suite.api.execute(EXCHANGE_REPORT, { procedureId: blocked.id }, helpdesk);
    expect(routed.errors).toBeUndefined();
    expect(routed.data!.exchangeReport.content.issuedTo.id).toBe(world.authority.helpdesk);
    const grounds = await suite.db.db
      .select({ ground: auditEvents.ground })
      .from(auditEvents)
      .where(and(eq(auditEvents.procedureId, blocked.id), eq(auditEvents.actorUserId, world.user.helpdesk.id)));
    expect(grounds.length).toBeGreaterThan(0);
    expect(grounds.every((g) => g.ground === `BLOCKED_DATA_RETRIEVAL:retrieval ${world.tag}`)).toBe(true);
  });

  it("R-PROOF-1 the report holds exactly what the viewer sees of the exchange, and nothing it may not", async () => {
    const world = await suite.world();
    const dk = await world.token(world.user.handlerDk);
    const de = await world.token(world.user.handlerDe);
    const de2 = await world.token(world.user.handlerDe2);
    const { id, subjectName } = await exchange(world, { accept: false });
    // DE forwards to DE2, which takes its place: DE leaves the procedure.
    expect((await suite.api.execute(FORWARD, { id, to: world.authority.de2 }, de)).errors).toBeUndefined();
    expect((await suite.api.execute(ACCEPT, { id }, de2)).errors).toBeUndefined();
    await suite.api.execute(POST_MESSAGE, { procedureId: id, body: "Answer from DE2." }, de2);
    // Another exchange between the same authorities: none of it may appear.
    const other = await exchange(world, { accept: true });

    for (const token of [dk, de2]) {
      const report = (await suite.api.execute(EXCHANGE_REPORT, { procedureId: id }, token)).data!.exchangeReport;
      const view = (await suite.api.execute(PROCEDURE_VIEW, { id }, token)).data!.procedure!;
      const content = report.content;
      expect(content.procedure).toEqual({
        id: view.id,
        reference: view.reference,
        kind: view.kind,
        subject: view.subject,
        status: view.status,
        legalArea: view.legalArea,
      });
      expect(content.participants).toEqual(view.participants);
      expect(content.participants.map((p) => p.authority.id)).toEqual([world.authority.dk, world.authority.de2]);
      expect(content.messages).toEqual(view.messages);
      expect(content.dataSubjects).toEqual(view.dataSubjects);
      expect(content.states).toEqual([
        { status: "DRAFT", at: view.createdAt },
        { status: "SENT", at: view.sentAt },
      ]);
      // The signed payload is the content, no more: nothing hidden travels in the JWS.
      const payload = decodePayload(report.jws);
      expect(Object.keys(payload).sort()).toEqual([
        "answers",
        "attachments",
        "dataSubjects",
        "iat",
        "iss",
        "issuedTo",
        "jti",
        "messages",
        "participants",
        "procedure",
        "questionSet",
        "states",
        "ver",
      ]);
      const signed = JSON.stringify(payload);
      for (const absent of [
        `Secret Holding ${world.tag}`, // legal persons: confidential (R-LEGALPERSON-1), not part of the report
        `Justification ${world.tag}`,
        world.user.handlerDk.email, // users' contact data
        world.user.handlerDe.email,
        other.id,
        other.reference,
        other.dataSubjectId,
        "test-password",
      ]) {
        expect(signed).not.toContain(absent);
        expect(report.html).not.toContain(absent);
      }
      expect(signed).toContain(subjectName);
    }
    // The authority that forwarded it away is out: no report.
    expect(codes(await suite.api.execute(EXCHANGE_REPORT, { procedureId: id }, de))).toEqual(["NOT_FOUND"]);
  });

  it("R-PROOF-1 R-SEC-2 R-SENSITIVE-1 audits the download: who, which procedure and data subjects, on what ground, never the values", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, subjectName } = await exchange(world, { accept: true });
    const events = () =>
      suite.db.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.procedureId, id), eq(auditEvents.action, "READ"), eq(auditEvents.actorUserId, world.user.handlerDe.id)));
    expect(await events()).toHaveLength(0);

    const result = await suite.api.execute(EXCHANGE_REPORT, { procedureId: id }, await world.token(world.user.handlerDe));
    expect(result.errors).toBeUndefined();
    const recorded = await events();
    expect(recorded).toHaveLength(2);
    const report = recorded.find((e) => e.dataSubjectId === null)!;
    expect(report).toMatchObject({ actorAuthorityId: world.authority.de, ground: "PARTICIPANT:ACCEPTED" });
    expect(report.fields).toEqual(expect.arrayContaining(["ExchangeReport.jws", "ExchangeReportMessage.body"]));
    const subject = recorded.find((e) => e.dataSubjectId === dataSubjectId)!;
    expect(subject.ground).toBe("PARTICIPANT:ACCEPTED");
    expect(subject.fields).toEqual(expect.arrayContaining(["ExchangeReportDataSubject.fullName", "ExchangeReportSensitiveRecord.details"]));
    expect(new Set(recorded.map((e) => e.requestId)).size).toBe(1);
    expect(JSON.stringify(recorded)).not.toContain(subjectName);
    expect(JSON.stringify(recorded)).not.toContain("Suspended in 2024.");

    // Verifying reads nothing from the database: the report is the holder's own.
    const all = async () => (await suite.db.db.select().from(auditEvents).where(eq(auditEvents.procedureId, id))).length;
    const before = await all();
    expect((await suite.api.execute(VERIFY, { report: result.data!.exchangeReport.jws })).data!.verifyExchangeReport.valid).toBe(true);
    expect(await all()).toBe(before);
  });
});
