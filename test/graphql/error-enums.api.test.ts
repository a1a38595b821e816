import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/config.js";
import { users } from "../../src/db/schema/index.js";
import { MANIFEST_FORMAT, sha256Hex, trustedDocumentsFrom } from "../../src/graphql/trusted-documents.js";
import { buildApi, type Api } from "../../src/server.js";
import { download, pdfBytes, PNG_MAGIC, startHttp, upload, type HttpFront } from "../attachments/attachment-fixtures.js";
import { TEST_SECRET } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { ROOT } from "../helpers/server-process.js";
import { useSuite } from "../helpers/suite.js";
import { testLogger } from "../helpers/test-logs.js";
import { TEST_TOTP_SECRET } from "../helpers/world.js";
import { publishSet, requestFromSet } from "../question-sets/question-set-fixtures.js";
import { sdlEnum } from "./sdl-enums.js";

/**
 * Issue 16 item 5: every `extensions.code` and `extensions.reason` the API answers is a value of the
 * committed SDL's ErrorCode and ErrorReason enums. Real requests over HTTP, one or more of each error
 * family (authentication and its token reasons, authorization, input, state, malformed documents and
 * bodies, trusted documents, introspection and rate limits in production, attachment refusals), on a
 * real database; each error's code and reason are looked up in the enums read from schema/schema.graphql.
 * The WebSocket refusals take their codes as the ErrorCode type (websocket.ts), checked by the compiler.
 */

const SDL = readFileSync(join(ROOT, "schema/schema.graphql"), "utf8");
const CODES = new Set(sdlEnum(SDL, "ErrorCode").values);
const REASONS = new Set(sdlEnum(SDL, "ErrorReason").values);

const LOGIN = "mutation ErrorEnumsLogin($email: String!, $password: String!, $securityCode: String!) { login(email: $email, password: $password, securityCode: $securityCode) { token } }";
const INTROSPECTION = '{ __type(name: "Query") { name } }';
const LEGAL_AREAS = "{ legalAreas { code } }";

interface Seen {
  via: string;
  code: unknown;
  reason: unknown;
}

describe.each(DRIVERS)("the codes and reasons the API answers are the SDL enums' values (%s)", (driver) => {
  const suite = useSuite(driver);
  const logger = testLogger();
  let front: HttpFront;
  let production: Api;
  let productionFront: HttpFront;
  const seen: Seen[] = [];

  beforeAll(async () => {
    front = await startHttp(suite.api.api);
    const manifest = {
      format: MANIFEST_FORMAT,
      version: 1,
      operations: [LOGIN, INTROSPECTION].map((body, i) => ({ id: sha256Hex(body), name: `Op${i}`, type: i === 0 ? "mutation" : "query", body })),
    };
    production = await buildApi({
      db: suite.db.db,
      clock: suite.api.clock,
      logger,
      config: { jwtSecret: TEST_SECRET, tokenTtlSeconds: 1800, production: true, limits: { ...DEFAULT_LIMITS, loginFailuresPerEmail: 1 } },
      trustedDocuments: trustedDocumentsFrom([{ source: "test manifest", json: manifest }]),
    });
    productionFront = await startHttp(production);
  }, 60_000);

  afterAll(async () => {
    await front?.close();
    await productionFront?.close();
    await production?.apollo.stop();
  });

  function record(via: string, json: { errors?: { extensions?: Record<string, unknown> }[] } | undefined): void {
    expect(json?.errors?.length, via).toBeGreaterThan(0);
    for (const error of json?.errors ?? []) seen.push({ via, code: error.extensions?.code, reason: error.extensions?.reason });
  }

  async function post(at: HttpFront, body: unknown, headers: Record<string, string> = {}, via = JSON.stringify(body).slice(0, 80)): Promise<void> {
    const response = await fetch(`${at.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    record(via, (await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] });
  }

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it("each error family answers only ErrorCode and ErrorReason values, and the families are all reached", async () => {
    const world = await suite.world();
    const versionId = (await publishSet(suite, world)).id;
    const procedureId = await requestFromSet(suite, world, versionId);
    const dk = await world.token(world.user.handlerDk);

    // Authentication, and why a token was refused (issue 15).
    await post(front, { query: LEGAL_AREAS });
    await post(front, { query: LEGAL_AREAS }, { authorization: "Bearer not.a.token" });
    await post(front, { query: LEGAL_AREAS }, { authorization: `Token ${dk}` });
    const deactivated = await world.token(world.user.handlerDe2);
    await suite.db.db.update(users).set({ active: false }).where(eq(users.id, world.user.handlerDe2.id));
    await post(front, { query: LEGAL_AREAS }, bearer(deactivated), "deactivated user");

    // Malformed documents and bodies.
    await post(front, { query: "{ legalAreas { code " });
    await post(front, { query: "{ legalAreas { code noSuchField } }" });
    await post(front, { query: "query A { legalAreas { code } }", operationName: "B" });
    await post(front, { extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } });
    await post(front, "{ not json", {}, "invalid JSON");
    await post(front, { query: "query($id: ID!) { authority(id: $id) { name } }", variables: { id: { not: "an id" } } }, bearer(dk));

    // Not found, not allowed, wrong moment.
    await post(front, { query: "query($id: ID!) { procedure(id: $id) { id } }", variables: { id: randomUUID() } }, bearer(dk));
    await post(front, { query: "query($id: ID!) { procedure(id: $id) { dataSubjects { fullName } } }", variables: { id: procedureId } }, bearer(await world.token(world.user.coordinatorDk)));
    await post(front, { query: "mutation($id: ID!) { sendProcedure(id: $id) { id } }", variables: { id: procedureId } }, bearer(dk));

    // Attachments over plain HTTP: the same shape, codes and reasons.
    const max = suite.api.api.services.attachments.limits.maxBytes;
    for (const [via, body, contentType] of [
      ["too large", pdfBytes(max + 1), "application/pdf"],
      ["type mismatch", Buffer.concat([PNG_MAGIC, Buffer.alloc(100)]), "application/pdf"],
      ["type not allowed", pdfBytes(100), "text/html"],
      ["empty", Buffer.alloc(0), "application/pdf"],
    ] as const) {
      record(`upload: ${via}`, await upload(front, dk, procedureId, body, { contentType }));
    }
    record("upload without a token", await upload(front, null, procedureId, pdfBytes(100)));
    const missing = await download(front, dk, randomUUID());
    record("download of no attachment", JSON.parse(missing.bytes.toString("utf8")) as { errors?: { extensions?: Record<string, unknown> }[] });

    // Production: trusted documents only, introspection refused, failed logins limited.
    await post(productionFront, { query: LEGAL_AREAS });
    await post(productionFront, { query: INTROSPECTION });
    await post(productionFront, { extensions: { persistedQuery: { version: 1, sha256Hash: "1".repeat(64) } } });
    const email = world.user.handlerFr.email;
    for (const attempt of ["wrong password", "rate limited"]) {
      await post(productionFront, { query: LOGIN, variables: { email, password: "wrong-password-123", securityCode: suite.api.freshSecurityCode(email, TEST_TOTP_SECRET)! } }, {}, attempt);
    }

    // Last, as it moves the clock past every token's expiry.
    const expiring = await world.token(world.user.handlerDk2);
    suite.api.clock.advance(31 * 60_000);
    await post(front, { query: LEGAL_AREAS }, bearer(expiring), "expired token");

    expect(seen.filter((s) => typeof s.code !== "string" || !CODES.has(s.code))).toEqual([]);
    expect(seen.filter((s) => s.reason !== undefined && (typeof s.reason !== "string" || !REASONS.has(s.reason)))).toEqual([]);
    // The requests reach what they are meant to: a code or reason left out of the enum would be seen.
    expect(new Set(seen.map((s) => s.code))).toEqual(
      new Set([
        "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "BAD_USER_INPUT", "CONFLICT", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED",
        "OPERATION_RESOLUTION_FAILURE", "PERSISTED_QUERY_NOT_FOUND", "BAD_REQUEST", "UNTRUSTED_DOCUMENT",
      ]),
    );
    expect(new Set(seen.flatMap((s) => (s.reason === undefined ? [] : [s.reason])))).toEqual(
      new Set([
        "TOKEN_INVALID", "MALFORMED_AUTHORIZATION", "USER_DEACTIVATED", "TOKEN_EXPIRED", "ROLE", "INTROSPECTION_DISABLED", "RATE_LIMITED",
        "TOO_LARGE", "TYPE_MISMATCH", "TYPE_NOT_ALLOWED", "EMPTY",
      ]),
    );
  }, 180_000);
});
