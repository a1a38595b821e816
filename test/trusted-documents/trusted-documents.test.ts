import type { Server } from "node:http";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTrustedDocuments, sha256Hex, trustedDocumentsFrom, TrustedDocumentsError, type ManifestOperation } from "../../src/graphql/trusted-documents.js";
import { closeLiveConnections, createHttpServer } from "../../src/http.js";
import { TestApi } from "../helpers/api.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";
import { testLogger } from "../helpers/test-logs.js";
import { World } from "../helpers/world.js";
import { LiveSubscriber } from "../subscriptions/live-client.js";

const MANIFEST = "examples/generated/trusted-documents.json";
const operations = (JSON.parse(readFileSync(MANIFEST, "utf8")) as { operations: ManifestOperation[] }).operations;
const byName = (name: string) => operations.find((operation) => operation.name === name)!;

/** Issue 16: TRUSTED_DOCUMENTS, the manifest `npm run codegen` writes for examples/operations. */
describe.each(DRIVERS)("trusted documents on %s", (driver) => {
  let db: TestDatabase;
  let api: TestApi;
  let server: Server;
  let base: string;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    api = await TestApi.create(db.db, undefined, { trustedDocuments: loadTrustedDocuments([MANIFEST]), listen: db.listen });
    server = createHttpServer(api.api, testLogger(), [], { graphiql: false });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `127.0.0.1:${(server.address() as { port: number }).port}`;
    // The test helpers' login is not a listed operation: the token comes from an API without a manifest.
    const open = await TestApi.create(db.db);
    const world = await World.create(db.db, open);
    token = await world.token(world.user.handlerDk);
    await open.stop();
  });
  afterAll(async () => {
    await closeLiveConnections(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await api.stop();
    await db.dispose();
  });

  async function post(body: unknown) {
    const response = await fetch(`http://${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] } };
  }

  it("executes a listed operation sent by its id alone, as Apollo's persisted-query extension or as documentId", async () => {
    const viewer = byName("Viewer");
    const byExtension = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: viewer.id } } });
    expect(byExtension.body.errors, JSON.stringify(byExtension.body)).toBeUndefined();
    expect(byExtension.body.data?.viewer).toBeTruthy();
    const byDocumentId = await post({ documentId: `sha256:${viewer.id}` });
    expect(byDocumentId.body.errors).toBeUndefined();
    expect(byDocumentId.body.data?.viewer).toBeTruthy();
  });

  it("executes a listed operation sent as its document, however it is spaced", async () => {
    const viewer = byName("Viewer");
    expect((await post({ query: viewer.body })).body.errors).toBeUndefined();
    expect((await post({ query: viewer.body.replace(/\s+/g, " ") })).body.errors).toBeUndefined();
  });

  it("refuses any other document with UNTRUSTED_DOCUMENT, and an unknown id with PERSISTED_QUERY_NOT_FOUND, before anything runs", async () => {
    const other = await post({ query: "{ viewer { id email } }" });
    expect(other.status).toBe(400);
    expect(other.body.errors?.map((e) => e.extensions?.code)).toEqual(["UNTRUSTED_DOCUMENT"]);
    expect(other.body.data).toBeUndefined();
    const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex("{ viewer { id email } }") } } });
    expect(unknown.body.errors?.map((e) => e.extensions?.code)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
    // A client cannot register a document by sending it with its hash (Apollo's default cache would learn it).
    const query = "{ viewer { id roles } }";
    const registering = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } } });
    expect(registering.body.errors?.map((e) => e.extensions?.code)).toEqual(["UNTRUSTED_DOCUMENT"]);
    const again = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } } });
    expect(again.body.errors?.map((e) => e.extensions?.code)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
  });

  it("holds over WebSocket too: a listed subscription by id runs, another is refused", async () => {
    const before = api.api.live.bus.subscriberCount;
    // graphql-ws's payload has a `query`: left empty, with the id in `extensions` (docs/api-guide.md).
    const byId = new LiveSubscriber(`ws://${base}/graphql`, token);
    byId.subscribeRaw({ query: "", extensions: { persistedQuery: { version: 1, sha256Hash: byName("ProcedureEvents").id } } });
    expect(await byId.until(() => api.api.live.bus.subscriberCount > before || byId.errors.length > 0)).toBe(true);
    expect(byId.errors).toEqual([]);
    const untrusted = new LiveSubscriber(`ws://${base}/graphql`, token);
    untrusted.subscribe("subscription { procedureEvents { kind } }");
    expect(await untrusted.until(() => untrusted.errors.length > 0)).toBe(true);
    expect(JSON.stringify(untrusted.errors[0])).toContain("UNTRUSTED_DOCUMENT");
    await Promise.all([byId.close(), untrusted.close()]);
  });

  it("refuses at start a manifest whose id is not the SHA-256 of its body", () => {
    const body = "{ viewer { id } }";
    expect(() => trustedDocumentsFrom([{ source: "m.json", json: { format: "apollo-persisted-query-manifest", version: 1, operations: [{ id: sha256Hex(body), name: "V", type: "query", body }] } }])).not.toThrow();
    expect(() => trustedDocumentsFrom([{ source: "m.json", json: { format: "apollo-persisted-query-manifest", version: 1, operations: [{ id: "00", name: "V", type: "query", body }] } }])).toThrow(TrustedDocumentsError);
    expect(() => trustedDocumentsFrom([{ source: "m.json", json: { operations: [] } }])).toThrow(TrustedDocumentsError);
  });
});
