import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CompleteDataSubjectRequestDocument,
  DataSubjectRequestsDocument,
  DecideDataSubjectRequestDocument,
  LinkDataSubjectRequestDocument,
  LoginDocument,
  ProcedureDetailDocument,
  ProceduresDocument,
} from "../../examples/generated/graphql.js";
import { DEMO_AUTHORITY, DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../src/db/seed/demo-ids.js";
import { runTs, startServer, stopProcess, type Run, type ServerProcess } from "../helpers/server-process.js";
import { markStepsUsedBetween, unusedSecurityCode } from "../helpers/security-codes.js";

/**
 * The national-portal example (examples/portal/portal.ts) run for real against the server, while
 * the Danish Business Authority's case handler answers the request it files, through the same
 * typed documents a frontend would use.
 */

const CITIZEN = { name: "Jens Hansen", identifier: "300975-1234" };
const WAIT_MS = 60_000;

let server: ServerProcess;

beforeAll(async () => {
  server = await startServer();
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

async function call<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, token?: string): Promise<TData> {
  const response = await fetch(`${server.base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: TData; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, script: Run): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline || script.child.exitCode !== null) {
      throw new Error(`${what} did not happen; the portal script said:\n${script.lines.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("the national portal example (examples/portal/portal.ts)", () => {
  it("R-ACCESS-1 files a citizen's access request, plays the authority's part, waits on its subscription and prints the report, by itself", { timeout: 120_000 }, async () => {
    const started = new Date();
    const script = runTs("examples/portal/portal.ts", { IMI_API_URL: `${server.base}/graphql`, IMI_TIMEOUT_MS: String(WAIT_MS) });
    const exit = await script.exited.finally(() => stopProcess(script));
    // R-SEC-1 takes each code once: the script logged the case handler in with a code of its own.
    for (const email of ["portal.dk@imi.example", "handler.dk@imi.example"]) markStepsUsedBetween("portal", email, started, new Date());
    const output = script.lines.join("\n");
    expect(exit, output).toEqual({ code: 0, signal: null });
    const id = output.match(/filed ACCESS request (\S+) for /)?.[1];
    expect(output).toContain(`for ${CITIZEN.name} with Danish Business Authority`);
    expect(output).toContain("authority: linked, approved and completed");
    expect(output).toMatch(/^status: COMPLETED \(route RECEIVING_AUTHORITY\)$/m);
    expect(output).toContain(`Access report for request ${id}`);
    expect(output).toMatch(new RegExp(`^- ${CITIZEN.name}, born 1975-09-30, national identifier ${CITIZEN.identifier}, .* — procedure IMI-DEMO-\\d{4}$`, "m"));
    // AccessReportItem.recipients is who read the data, per the audit log: said so.
    expect(output).toMatch(/^ {2}read by \(per the audit log\): .*Danish Business Authority \(DK\)/m);
  });

  it("R-ACCESS-1 with the authority's part left to a person, waits on its subscription and prints the report once the case handler has linked, approved and completed it", { timeout: 120_000 }, async () => {
    const script = runTs("examples/portal/portal.ts", {
      IMI_API_URL: `${server.base}/graphql`,
      IMI_PLAY_AUTHORITY: "0",
      IMI_TIMEOUT_MS: String(WAIT_MS),
      IMI_SECURITY_CODE: await unusedSecurityCode(DEMO_TOTP_SECRET, "portal", "portal.dk@imi.example"),
    });
    const { login } = await call(LoginDocument, {
      email: "handler.dk@imi.example",
      password: DEMO_PASSWORD,
      securityCode: await unusedSecurityCode(DEMO_TOTP_SECRET, "portal", "handler.dk@imi.example"),
    });
    const handler = login.token;
    const request = await eventually(
      "the portal's request reaching the authority",
      async () => {
        const { dataSubjectRequests } = await call(DataSubjectRequestsDocument, { filter: { kind: "ACCESS", status: "RECEIVED" }, first: 10 }, handler);
        return dataSubjectRequests.edges.map((edge) => edge.node).find((node) => node.requesterName === CITIZEN.name);
      },
      script,
    );
    expect(request).toMatchObject({ route: null, procedureId: null, receivingAuthority: { id: DEMO_AUTHORITY.businessAuthorityDk } });

    // ...looks the citizen up in its procedures (only its case handlers see data subjects)...
    const { procedures } = await call(ProceduresDocument, { first: 100 }, handler);
    const holding: { procedureId: string; dataSubjectId: string }[] = [];
    for (const { node } of procedures.edges.filter(({ node }) => node.personalDataAccess.granted)) {
      const { procedure } = await call(ProcedureDetailDocument, { id: node.id }, handler);
      for (const subject of procedure?.dataSubjects ?? []) {
        if (subject.nationalIdentifier === CITIZEN.identifier) holding.push({ procedureId: node.id, dataSubjectId: subject.id });
      }
    }
    expect(holding).toHaveLength(1); // the demo world's diploma request to Berlin (SENT)

    // ...links the request to it, approves and completes it.
    const linked = await call(LinkDataSubjectRequestDocument, { id: request.id, ...holding[0]! }, handler);
    expect(linked.linkDataSubjectRequest).toMatchObject({ route: "RECEIVING_AUTHORITY", status: "RECEIVED" });
    const approved = await call(DecideDataSubjectRequestDocument, { id: request.id, approve: true }, handler);
    expect(approved.decideDataSubjectRequest.status).toBe("APPROVED");
    const completed = await call(CompleteDataSubjectRequestDocument, { id: request.id }, handler);
    expect(completed.completeDataSubjectRequest.status).toBe("COMPLETED");

    // The portal, still polling, sees it completed and prints the report naming the citizen.
    const exit = await script.exited.finally(() => stopProcess(script));
    const output = script.lines.join("\n");
    expect(exit, output).toEqual({ code: 0, signal: null });
    expect(output).toContain(`filed ACCESS request ${request.id} for ${CITIZEN.name} with Danish Business Authority`);
    expect(output).toMatch(/^status: COMPLETED \(route RECEIVING_AUTHORITY\)$/m);
    expect(output).toContain(`Access report for request ${request.id}`);
    expect(output).toMatch(new RegExp(`^- ${CITIZEN.name}, born 1975-09-30, national identifier ${CITIZEN.identifier}, .* — procedure IMI-DEMO-\\d{4}$`, "m"));
    expect(output).toMatch(/^ {2}read by \(per the audit log\): .*Danish Business Authority \(DK\)/m);
  });

  it("exits with code 1 and one clear line when the login fails", { timeout: 60_000 }, async () => {
    const script = runTs("examples/portal/portal.ts", { IMI_API_URL: `${server.base}/graphql`, IMI_PASSWORD: "wrong-password" });
    const exit = await script.exited;
    expect(exit).toEqual({ code: 1, signal: null });
    expect(script.lines.at(-1)).toMatch(/^portal: Login: Login failed: .* \[UNAUTHENTICATED\]$/);
    expect(script.lines.join("\n")).not.toMatch(/^\s+at /m);
  });
});
