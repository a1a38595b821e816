import { createHash } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachmentChunks, attachments, auditEvents, users } from "../../src/db/schema/index.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { publishSet, requestFromSet } from "../question-sets/question-set-fixtures.js";
import { download, pdfBytes, PNG_MAGIC, startHttp, upload, type HttpFront } from "./attachment-fixtures.js";

describe.each(DRIVERS)("attachments over HTTP on %s", (driver) => {
  const suite = useSuite(driver);
  let front: HttpFront;
  beforeAll(async () => {
    front = await startHttp(suite.api.api);
  });
  afterAll(() => front?.close());

  async function acceptedRequest() {
    const world = await suite.world();
    const set = await publishSet(suite, world);
    const id = await requestFromSet(suite, world, set.id);
    return { world, id, dk: await world.token(world.user.handlerDk), de: await world.token(world.user.handlerDe) };
  }

  it("round-trips a 1 MiB document byte for byte, in chunks, as a download that is audited (R-SEC-2)", async () => {
    const { world, id, dk, de } = await acceptedRequest();
    const body = pdfBytes(1024 * 1024 + 12345, "roundtrip");
    const sent = await upload(front, dk, id, body, { name: "../../etc/Übersetzung\u202Egnp.exe\u0007.pdf" });
    expect(sent.status, JSON.stringify(sent)).toBe(201);
    expect(sent.attachment).toMatchObject({ contentType: "application/pdf", sizeBytes: body.length, sha256: createHash("sha256").update(body).digest("hex") });
    // Sanitised: no path, no bidirectional override, no control character.
    expect(sent.attachment!.fileName).toBe("Übersetzunggnp.exe.pdf");
    const [chunks] = await suite.db.db.select({ n: count() }).from(attachmentChunks).where(eq(attachmentChunks.attachmentId, sent.attachment!.id));
    expect(chunks!.n).toBe(Math.ceil(body.length / (256 * 1024)));

    const got = await download(front, de, sent.attachment!.id);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(body)).toBe(true);
    expect(got.headers.get("content-disposition")).toBe(`attachment; filename="_bersetzunggnp.exe.pdf"; filename*=UTF-8''%C3%9Cbersetzunggnp.exe.pdf`);
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(got.headers.get("content-type")).toBe("application/pdf");
    expect(got.headers.get("cache-control")).toBe("no-store");
    const events = await suite.db.db
      .select({ action: auditEvents.action, fields: auditEvents.fields, ground: auditEvents.ground })
      .from(auditEvents)
      .where(and(eq(auditEvents.procedureId, id), eq(auditEvents.actorUserId, world.user.handlerDe.id)));
    expect(events).toContainEqual({ action: "READ", fields: ["Attachment.content"], ground: "PARTICIPANT:ACCEPTED" });
    const created = await suite.db.db
      .select({ fields: auditEvents.fields })
      .from(auditEvents)
      .where(and(eq(auditEvents.procedureId, id), eq(auditEvents.action, "CREATE"), eq(auditEvents.actorUserId, world.user.handlerDk.id)));
    expect(created.flatMap((e) => e.fields)).toContain("Attachment.content");
  });

  it("refuses an upload over the limit, one whose content is not its declared type, and one of no accepted type, with coded errors and nothing stored", async () => {
    const { id, dk } = await acceptedRequest();
    const max = suite.api.api.services.attachments.limits.maxBytes;
    const tooLarge = await upload(front, dk, id, pdfBytes(max + 1));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.errors![0]!.extensions).toEqual({ code: "BAD_USER_INPUT", reason: "TOO_LARGE" });
    const mismatch = await upload(front, dk, id, Buffer.concat([PNG_MAGIC, Buffer.alloc(100)]), { contentType: "application/pdf" });
    expect(mismatch.status).toBe(415);
    expect(mismatch.errors![0]!.extensions).toEqual({ code: "BAD_USER_INPUT", reason: "TYPE_MISMATCH" });
    expect(mismatch.errors![0]!.message).toBe("The content is image/png, not the declared application/pdf.");
    const html = await upload(front, dk, id, Buffer.from("<html><script>alert(1)</script></html>"), { contentType: "application/pdf", name: "x.pdf" });
    expect(html.status).toBe(415);
    expect(html.errors![0]!.extensions).toEqual({ code: "BAD_USER_INPUT", reason: "TYPE_NOT_ALLOWED" });
    const declaredHtml = await upload(front, dk, id, pdfBytes(100), { contentType: "text/html" });
    expect(declaredHtml.errors![0]!.extensions).toEqual({ code: "BAD_USER_INPUT", reason: "TYPE_NOT_ALLOWED" });
    const empty = await upload(front, dk, id, Buffer.alloc(0));
    expect(empty.errors![0]!.extensions).toEqual({ code: "BAD_USER_INPUT", reason: "EMPTY" });
    // The message in the viewer's language; the code and reason the same.
    const german = await upload(front, dk, id, Buffer.concat([PNG_MAGIC, Buffer.alloc(100)]), { contentType: "application/pdf", language: "de-AT,de;q=0.9" });
    expect(german.errors![0]).toEqual({
      message: "Der Inhalt ist image/png, nicht das angegebene application/pdf.",
      extensions: { code: "BAD_USER_INPUT", reason: "TYPE_MISMATCH" },
    });
    const [left] = await suite.db.db.select({ n: count() }).from(attachments).where(eq(attachments.procedureId, id));
    expect(left!.n).toBe(0);
  });

  it("R-SEC-1: the bytes follow the same policy as the metadata: 401 without a token, 404 outside the rows, 403 with the reason otherwise", async () => {
    const { world, id, dk } = await acceptedRequest();
    const sent = await upload(front, dk, id, pdfBytes(5000));
    expect(sent.status).toBe(201);
    const attachmentId = sent.attachment!.id;
    expect((await download(front, null, attachmentId)).status).toBe(401);
    expect((await upload(front, null, id, pdfBytes(100))).status).toBe(401);
    // Another state's case handler: not found, exactly like a missing one.
    const fr = await world.token(world.user.handlerFr);
    const hidden = await download(front, fr, attachmentId);
    const missing = await download(front, fr, "00000000-0000-4000-8000-000000000000");
    // Found from outside: a malformed percent-escape in the path answered 500 (a URIError).
    const malformed = await Promise.all(["%ZZ", "%E0%A4%A"].map((bad) => download(front, fr, bad)));
    expect([hidden.status, missing.status, ...malformed.map((m) => m.status)]).toEqual([404, 404, 404, 404]);
    expect(JSON.parse(hidden.bytes.toString()).errors[0].extensions.code).toBe("NOT_FOUND");
    for (const m of malformed) expect(JSON.parse(m.bytes.toString()).errors[0].extensions.code).toBe("NOT_FOUND");
    expect((await upload(front, fr, id, pdfBytes(100))).status).toBe(404);
    // The initiator's local admin sees the procedure, never its documents.
    const admin = await download(front, await world.token(world.user.adminDk), attachmentId);
    expect(admin.status).toBe(403);
    expect(JSON.parse(admin.bytes.toString()).errors[0].extensions).toEqual({ code: "FORBIDDEN", reason: "ROLE" });
    // The Commission without a recorded route: not involved.
    const helpdesk = await download(front, await world.token(world.user.helpdesk), attachmentId);
    expect(helpdesk.status).toBe(403);
    expect(JSON.parse(helpdesk.bytes.toString()).errors[0].extensions.reason).toBe("NOT_INVOLVED");
  });

  it("pentest G5 R-USER-2: a refused token is UNAUTHENTICATED with the same reason as over GraphQL (malformed, invalid, expired, user deactivated)", async () => {
    const { world, id, dk } = await acceptedRequest();
    const attachmentId = (await upload(front, dk, id, pdfBytes(1000))).attachment!.id;
    const reasons = async (authorization: string) => {
      const file = await fetch(`${front.url}/attachments/${attachmentId}`, { headers: { authorization } });
      const graphql = await fetch(`${front.url}/graphql`, {
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify({ query: "{ viewer { id } }" }),
      });
      const fileError = ((await file.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0]!.extensions;
      const graphqlError = ((await graphql.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0]!.extensions;
      expect(file.status).toBe(401);
      expect(fileError.code).toBe("UNAUTHENTICATED");
      expect(fileError.reason).toBe(graphqlError.reason);
      return fileError.reason;
    };
    expect(await reasons(`Basic ${dk}`)).toBe("MALFORMED_AUTHORIZATION");
    expect(await reasons("Bearer not-a-token")).toBe("TOKEN_INVALID");
    const de = await world.token(world.user.handlerDe);
    await suite.db.db.update(users).set({ active: false, deactivatedAt: suite.api.clock.now() }).where(eq(users.id, world.user.handlerDe.id));
    expect(await reasons(`Bearer ${de}`)).toBe("USER_DEACTIVATED");
    suite.api.clock.advance(31 * 60 * 1000);
    expect(await reasons(`Bearer ${dk}`)).toBe("TOKEN_EXPIRED");
  });

  it("a responder that has not accepted neither uploads nor downloads (NOT_ACCEPTED)", async () => {
    const world = await suite.world();
    const set = await publishSet(suite, world);
    const id = await requestFromSet(suite, world, set.id, { accept: false });
    const dk = await world.token(world.user.handlerDk);
    const de = await world.token(world.user.handlerDe);
    const sent = await upload(front, dk, id, pdfBytes(2000));
    expect(sent.status).toBe(201);
    const refused = await upload(front, de, id, pdfBytes(2000));
    expect(refused.status).toBe(403);
    expect(refused.errors![0]!.extensions.reason).toBe("NOT_ACCEPTED");
    const read = await download(front, de, sent.attachment!.id);
    expect(read.status).toBe(403);
    expect(JSON.parse(read.bytes.toString()).errors[0].extensions.reason).toBe("NOT_ACCEPTED");
  });
});
