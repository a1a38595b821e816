import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachmentChunks, attachments, auditEvents, questionAnswers } from "../../src/db/schema/index.js";
import { codes } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { addMonths, runRetention } from "../retention/retention-fixtures.js";
import { pdfBytes, startHttp, upload, type HttpFront } from "../attachments/attachment-fixtures.js";
import { answer, publishSet, READ_ANSWERS, requestFromSet, type ReadAnswers } from "./question-set-fixtures.js";

describe.each(DRIVERS)("question sets on %s", (driver) => {
  const suite = useSuite(driver);
  let front: HttpFront;
  beforeAll(async () => {
    front = await startHttp(suite.api.api);
  });
  afterAll(() => front?.close());

  it("a request built from a set version is answered question by question, read in Danish, followed up, blocked and deleted (R-RETAIN-1, R-RETAIN-3)", async () => {
    const world = await suite.world();
    const set = await publishSet(suite, world);
    expect(set.version).toBe(1);
    const id = await requestFromSet(suite, world, set.id);
    const dk = await world.token(world.user.handlerDk);
    const de = await world.token(world.user.handlerDe);

    // The initiator does not answer its own questions; wrong values are refused with the reason, nothing stored.
    expect(codes(await answer(suite, dk, id, { questionCode: "AUTHENTIC", value: "YES" }))).toEqual(["FORBIDDEN"]);
    const wrong = await answer(suite, de, id, { questionCode: "AUTHENTIC", value: "MAYBE" });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "value" });
    expect(codes(await answer(suite, de, id, { questionCode: "ISSUED", value: "2023-02-30" }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await answer(suite, de, id, { questionCode: "RIGHT", value: "SOME" }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await answer(suite, de, id, { questionCode: "NOPE", value: "YES" }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await answer(suite, de, id, { questionCode: "COPY", value: "text" }))).toEqual(["BAD_USER_INPUT"]);
    const [none] = await suite.db.db.select({ n: count() }).from(questionAnswers).where(eq(questionAnswers.procedureId, id));
    expect(none!.n).toBe(0);

    // Answered one by one; the request is ANSWERED once every required question is.
    expect((await answer(suite, de, id, { questionCode: "AUTHENTIC", value: "YES" })).errors).toBeUndefined();
    expect((await answer(suite, de, id, { questionCode: "ISSUED", value: "2019-06-28" })).errors).toBeUndefined();
    const before = await suite.api.executeText<ReadAnswers>(READ_ANSWERS, { id }, dk);
    expect(before.data!.procedure!.status).toBe("ACCEPTED");
    expect((await answer(suite, de, id, { questionCode: "RIGHT", value: "FULL" })).errors).toBeUndefined();
    const pdf = pdfBytes(3000, "copy");
    const uploaded = await upload(front, de, id, pdf, { name: "Diplom Jürgen.pdf" });
    expect(uploaded.status, JSON.stringify(uploaded)).toBe(201);
    const withDoc = await answer(suite, de, id, { questionCode: "COPY", attachmentId: uploaded.attachment!.id });
    expect(withDoc.errors).toBeUndefined();
    expect(withDoc.data!.answerQuestion.attachment!.id).toBe(uploaded.attachment!.id);

    const read = await suite.api.executeText<ReadAnswers>(READ_ANSWERS, { id, language: "DA" }, dk);
    expect(read.errors).toBeUndefined();
    const procedure = read.data!.procedure!;
    expect(procedure.status).toBe("ANSWERED");
    expect(procedure.questionSet).toMatchObject({ id: set.id, version: 1, status: "PUBLISHED", title: "Diploma check (da)" });
    expect(procedure.answers!.map((a) => [a.questionCode, a.value, a.question.text])).toEqual([
      ["AUTHENTIC", "YES", "Is the diploma authentic? (da)"],
      ["ISSUED", "2019-06-28", "When was it issued? (da)"],
      ["RIGHT", "FULL", "Right to practise? (da)"],
      ["COPY", null, "Attach a copy. (da)"],
    ]);
    expect(procedure.attachments!.map((a) => a.fileName)).toEqual(["Diplom Jürgen.pdf"]);

    // R-SEC-2: the reads are audited, by field names only.
    const reads = await suite.db.db
      .select({ fields: auditEvents.fields })
      .from(auditEvents)
      .where(and(eq(auditEvents.procedureId, id), eq(auditEvents.action, "READ"), eq(auditEvents.actorUserId, world.user.handlerDk.id)));
    expect(reads.flatMap((r) => r.fields)).toEqual(expect.arrayContaining(["QuestionAnswer.value", "Attachment.fileName"]));

    // A follow-up question takes it back to ACCEPTED; an answer given again replaces the first.
    expect((await suite.api.executeText(`mutation($id: ID!) { postMessage(procedureId: $id, body: "Which university?") { id } }`, { id }, dk)).errors).toBeUndefined();
    expect((await suite.api.executeText<ReadAnswers>(READ_ANSWERS, { id }, de)).data!.procedure!.status).toBe("ACCEPTED");
    expect((await answer(suite, de, id, { questionCode: "NOTES", value: "Københavns Universitet, 2019." })).errors).toBeUndefined();
    expect((await answer(suite, de, id, { questionCode: "RIGHT", value: "NONE" })).errors).toBeUndefined();
    const again = (await suite.api.executeText<ReadAnswers>(READ_ANSWERS, { id }, dk)).data!.procedure!;
    expect(again.status).toBe("ANSWERED");
    expect(again.answers!.find((a) => a.questionCode === "RIGHT")!.value).toBe("NONE");
    expect(again.answers).toHaveLength(5);

    // Others: the local admin sees the metadata and the set, never the answers; another state's handler nothing.
    const admin = await suite.api.executeText<ReadAnswers>(READ_ANSWERS, { id }, await world.token(world.user.adminDk));
    expect(admin.data!.procedure!.questionSet!.id).toBe(set.id);
    expect(admin.data!.procedure!.answers).toBeNull();
    expect(admin.errors!.find((e) => e.path?.includes("answers"))?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "ROLE" });
    expect(codes(await suite.api.executeText(READ_ANSWERS, { id }, await world.token(world.user.handlerFr)))).toEqual(["NOT_FOUND"]);

    // Closed, then blocked (R-RETAIN-1): unreadable for everyone through the normal API.
    expect((await suite.api.executeText(`mutation($id: ID!) { closeProcedure(id: $id) { id } }`, { id }, dk)).errors).toBeUndefined();
    const closedAt = suite.api.clock.now();
    suite.api.clock.set(addMonths(closedAt, 7));
    await runRetention(suite, world);
    const blocked = await suite.api.executeText<ReadAnswers>(READ_ANSWERS, { id }, await suite.api.login(world.user.handlerDk.email, "test-password-123", "JBSWY3DPEHPK3PXP"));
    expect(blocked.data!.procedure!.answers).toBeNull();
    expect(blocked.data!.procedure!.attachments).toBeNull();
    expect(blocked.errors!.map((e) => e.extensions?.reason)).toEqual(["BLOCKED", "BLOCKED"]);

    // Deleted 3 years after closure (R-RETAIN-3), answers and attachment bytes with the rest, in the job's statement.
    suite.api.clock.set(addMonths(closedAt, 37));
    await runRetention(suite, world);
    const left = async (table: typeof questionAnswers | typeof attachments) =>
      (await suite.db.db.select({ n: count() }).from(table).where(eq(table.procedureId, id)))[0]!.n;
    expect(await left(questionAnswers)).toBe(0);
    expect(await left(attachments)).toBe(0);
    const [chunks] = await suite.db.db.select({ n: count() }).from(attachmentChunks).where(eq(attachmentChunks.attachmentId, uploaded.attachment!.id));
    expect(chunks!.n).toBe(0);
    const deleted = await suite.api.executeText<ReadAnswers>(READ_ANSWERS, { id }, await suite.api.login(world.user.handlerDk.email, "test-password-123", "JBSWY3DPEHPK3PXP"));
    expect(deleted.errors!.map((e) => e.extensions?.reason)).toEqual(["DELETED", "DELETED"]);
    // The set it was built from is reference data and stays readable with the shell.
    expect(deleted.data!.procedure!.questionSet!.id).toBe(set.id);
  });

  it("the Commission publishes and retires versions; a retired version stays readable for the procedures created from it", async () => {
    const world = await suite.world();
    const v1 = await publishSet(suite, world);
    const id = await requestFromSet(suite, world, v1.id, { accept: false });
    const dk = await world.token(world.user.handlerDk);
    // Only the Commission publishes.
    const byHandler = await suite.api.executeText(`mutation($id: ID!) { retireQuestionSetVersion(id: $id) { id } }`, { id: v1.id }, dk);
    expect(byHandler.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "ROLE" });

    const v2 = await publishSet(suite, world);
    expect(v2.version).toBe(2);
    const listed = await suite.api.executeText<{ questionSets: { id: string; status: string }[] }>(
      `query($area: String) { questionSets(legalAreaCode: $area) { id status } }`,
      { area: "PROFESSIONAL_QUALIFICATIONS" },
      dk,
    );
    const ids = listed.data!.questionSets.map((s) => s.id);
    expect(ids).toContain(v2.id);
    expect(ids).not.toContain(v1.id);
    // A retired version makes no new requests, in the viewer's language too ...
    const refused = await suite.api.executeText(
      `mutation($input: CreateProcedureInput!) { createProcedure(input: $input) { id } }`,
      { input: { kind: "REQUEST", legalAreaCode: "PROFESSIONAL_QUALIFICATIONS", subject: "Again", justification: "Again.", recipientAuthorityIds: [world.authority.de], questionSetVersionId: v1.id } },
      dk,
    );
    expect(codes(refused)).toEqual(["CONFLICT"]);
    // ... nor in another legal area.
    const otherArea = await suite.api.executeText(
      `mutation($input: CreateProcedureInput!) { createProcedure(input: $input) { id } }`,
      { input: { kind: "REQUEST", legalAreaCode: "SERVICES", subject: "Area", justification: "Area.", recipientAuthorityIds: [world.authority.de], questionSetVersionId: v2.id } },
      dk,
    );
    expect(otherArea.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "questionSetVersionId" });
    // ... but the procedure created from it still reads it, questions and all.
    const read = await suite.api.executeText<ReadAnswers>(READ_ANSWERS, { id }, dk);
    expect(read.data!.procedure!.questionSet).toMatchObject({ id: v1.id, status: "RETIRED" });
    expect(read.data!.procedure!.questionSet!.questions.map((q) => q.code)).toEqual(["AUTHENTIC", "ISSUED", "RIGHT", "NOTES", "COPY"]);
    const retired = await suite.api.executeText<{ retireQuestionSetVersion: { status: string } }>(
      `mutation($id: ID!) { retireQuestionSetVersion(id: $id) { status } }`,
      { id: v2.id },
      await world.token(world.user.helpdesk),
    );
    expect(retired.data!.retireQuestionSetVersion.status).toBe("RETIRED");
    expect(codes(await suite.api.executeText(`mutation($id: ID!) { retireQuestionSetVersion(id: $id) { id } }`, { id: v2.id }, await world.token(world.user.helpdesk)))).toEqual(["CONFLICT"]);
  });

  it("refuses a set without wording in every language, with duplicate codes, or with choices on a non-choice question", async () => {
    const world = await suite.world();
    const helpdesk = await world.token(world.user.helpdesk);
    const w = { da: "a", de: "b", fr: "c", en: "d" };
    const publish = (questions: unknown[], title: unknown = w) =>
      suite.api.executeText(`mutation($input: PublishQuestionSetInput!) { publishQuestionSet(input: $input) { id } }`, {
        input: { code: `BAD-${world.tag.toUpperCase()}`, legalAreaCode: "SERVICES", title, questions },
      }, helpdesk);
    const q = { code: "A", answerType: "YES_NO", mayContainPersonalData: false, wording: w };
    expect(codes(await publish([q], { ...w, fr: " " }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await publish([q, q]))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await publish([{ ...q, choices: [{ code: "X", label: w }, { code: "Y", label: w }] }]))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await publish([{ ...q, answerType: "CHOICE", choices: [{ code: "X", label: w }] }]))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await publish([]))).toEqual(["BAD_USER_INPUT"]);
  });
});
