/**
 * A national portal acting for a citizen (R-ACCESS-1): logs in as its service account, files the
 * citizen's access request with the authority they address, waits on a subscription
 * (dataSubjectRequestEvents over WebSocket, graphql-ws) until that authority has answered, and prints
 * the access report. Against the demo world it also plays the authority's part (authority.ts), so it
 * ends by itself: IMI_PLAY_AUTHORITY=0 leaves that to a person.
 *
 *   npm run example:portal                                 # against npm start on localhost:4000
 *   IMI_API_URL=https://imi.example/graphql IMI_EMAIL=… IMI_PASSWORD=… IMI_TOTP_SECRET=… npx tsx examples/portal/portal.ts
 *
 * Every setting comes from the environment; the defaults are the demo world's (README: Demo
 * accounts). The operations are the typed documents generated from examples/operations/*.graphql
 * by `npm run codegen`: a wrong field or variable name is a compile error here, not a runtime one.
 *
 * Exit codes: 0 report printed, 1 error (login, network, GraphQL error), 2 request rejected,
 * 3 no answer before IMI_TIMEOUT_MS.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { Kind, print } from "graphql";
import { createClient } from "graphql-ws";
import { Secret, TOTP } from "otpauth";
import WebSocket from "ws";
import { answerAsAuthority } from "./authority.js";
import {
  AccessReportDocument,
  DataSubjectRequestDocument,
  DataSubjectRequestEventsDocument,
  FileDataSubjectRequestDocument,
  LoginDocument,
  type AccessReportQuery,
  type DataSubjectRequestSummaryFragment,
} from "../generated/graphql.js";

const env = process.env;
const settings = {
  apiUrl: env.IMI_API_URL ?? "http://localhost:4000/graphql",
  email: env.IMI_EMAIL ?? "portal.dk@imi.example",
  password: env.IMI_PASSWORD ?? "demo-password",
  /** The service account's TOTP secret (RFC 6238: SHA-1, 6 digits, 30 s), or a code in IMI_SECURITY_CODE. */
  totpSecret: env.IMI_TOTP_SECRET ?? "JBSWY3DPEHPK3PXP",
  securityCode: env.IMI_SECURITY_CODE,
  /** The authority the citizen addresses: by default the demo world's Danish Business Authority. */
  authorityId: env.IMI_AUTHORITY_ID ?? "00000000-0000-4000-a000-000000000003",
  citizenName: env.IMI_CITIZEN_NAME ?? "Jens Hansen",
  citizenIdentifier: env.IMI_CITIZEN_IDENTIFIER ?? "300975-1234",
  details: env.IMI_REQUEST_DETAILS ?? "Which personal data about me do you process in IMI, and who received it?",
  /** Play the receiving authority's part with the demo world's Danish case handler (authority.ts). */
  playAuthority: (env.IMI_PLAY_AUTHORITY ?? "1") !== "0",
  authorityEmail: env.IMI_AUTHORITY_EMAIL ?? "handler.dk@imi.example",
  authorityPassword: env.IMI_AUTHORITY_PASSWORD ?? "demo-password",
  authorityTotpSecret: env.IMI_AUTHORITY_TOTP_SECRET ?? "JBSWY3DPEHPK3PXP",
  timeoutMs: positive("IMI_TIMEOUT_MS", env.IMI_TIMEOUT_MS, 10 * 60_000),
};

/** A GraphQL error as the API reports it: `extensions.code` is UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT or CONFLICT. */
class ApiError extends Error {
  constructor(
    readonly operation: string,
    readonly errors: { message: string; extensions?: { code?: string; reason?: string } }[],
  ) {
    super(`${operation}: ${errors.map((e) => `${e.message} [${e.extensions?.code ?? "?"}${e.extensions?.reason ? `/${e.extensions.reason}` : ""}]`).join("; ")}`);
  }
}

/** Sends one typed operation; the result's type follows from the document. */
async function execute<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, token?: string): Promise<TData> {
  const query = print(document);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)?.name?.value ?? "operation";
  const response = await fetch(settings.apiUrl, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables, operationName: operation }),
  });
  const body = (await response.json().catch(() => null)) as { data?: TData | null; errors?: ApiError["errors"] } | null;
  if (body?.errors?.length) throw new ApiError(operation, body.errors);
  if (!body?.data) throw new Error(`${operation}: HTTP ${response.status} without data`);
  return body.data;
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (Number.isInteger(value) && value > 0) return value;
  console.error(`portal: ${name} must be a positive integer (milliseconds), got "${raw}".`);
  process.exit(1);
}

function securityCode(): string {
  if (settings.securityCode) return settings.securityCode;
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(settings.totpSecret) });
  return totp.generate();
}

const FINAL = new Set(["COMPLETED", "REJECTED"]);

/**
 * Waits on the request's events (graphql-ws, the token at connection_init) until its authority has
 * answered it (COMPLETED or REJECTED), or the time is up. `started` runs once the server holds the
 * subscription; the request is read once then too, so an answer given before that is not missed.
 */
async function awaitAnswer(token: string, id: string, started: () => Promise<void>): Promise<DataSubjectRequestSummaryFragment | null> {
  const client = createClient({
    url: settings.apiUrl.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 3,
  });
  let last = "";
  const show = (status: string, route: string | null | undefined) => {
    const state = `${status}${route ? ` (route ${route})` : ""}`;
    if (state !== last) console.log(`status: ${state}`);
    last = state;
  };
  try {
    const events = client.iterate({ query: print(DataSubjectRequestEventsDocument), variables: { requestId: id } });
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), settings.timeoutMs).unref());
    const answered = (async () => {
      await new Promise<void>((resolve) => client.on("connected", () => resolve()));
      await started();
      // Read once after subscribing: an answer given before the server held the subscription is not missed.
      const { dataSubjectRequest: now } = await execute(DataSubjectRequestDocument, { id }, token);
      if (!now) throw new Error(`request ${id} is no longer visible`);
      show(now.status, now.route);
      if (FINAL.has(now.status)) return now;
      for await (const event of events) {
        if (event.errors?.length) throw new ApiError("DataSubjectRequestEvents", event.errors as ApiError["errors"]);
        const request = (event.data as { dataSubjectRequestEvents?: { request: { status: string; route?: string | null } } } | undefined)?.dataSubjectRequestEvents?.request;
        if (!request) continue;
        show(request.status, request.route);
        if (FINAL.has(request.status)) break;
      }
      const { dataSubjectRequest: final } = await execute(DataSubjectRequestDocument, { id }, token);
      return final ?? null;
    })();
    return await Promise.race([answered, timeout]);
  } finally {
    await client.dispose();
  }
}

function printReport(report: AccessReportQuery["accessReport"]): void {
  console.log(`Access report for request ${report.requestId}, produced ${report.producedAt}:`);
  if (report.noDataHeld) {
    console.log("  No personal data is held: it was deleted 3 years after the procedure's closure.");
    return;
  }
  if (report.items.length === 0) console.log("  The authority holds no personal data about the citizen in IMI.");
  for (const item of report.items) {
    const facts = [
      item.dateOfBirth && `born ${item.dateOfBirth}`,
      item.nationalIdentifier && `national identifier ${item.nationalIdentifier}`,
      item.address && `address ${item.address}`,
      item.email && `e-mail ${item.email}`,
    ].filter(Boolean);
    console.log(`- ${item.fullName}${facts.length ? `, ${facts.join(", ")}` : ""} — procedure ${item.procedureReference}`);
    for (const record of item.sensitiveRecords) {
      console.log(`  ${record.category.toLowerCase().replace("_", " ")} record: ${record.details} (legal basis: ${record.legalBasis ?? "consent"})`);
    }
    const recipients = item.recipients.map((authority) => `${authority.name} (${authority.memberState})`);
    // AccessReportItem.recipients: who read this data, per the audit log (the authority holding it included).
    console.log(`  read by (per the audit log): ${recipients.length ? recipients.join(", ") : "no authority"}`);
  }
}

async function main(): Promise<number> {
  console.log(`portal: ${settings.email} at ${settings.apiUrl}`);
  const { login } = await execute(LoginDocument, { email: settings.email, password: settings.password, securityCode: securityCode() });
  const token = login.token;
  console.log(`logged in as ${login.user.name} (${login.user.roles.join(", ")}, ${login.user.authority.name}); token valid until ${login.expiresAt}`);

  const { fileDataSubjectRequest: filed } = await execute(
    FileDataSubjectRequestDocument,
    {
      input: {
        kind: "ACCESS",
        receivingAuthorityId: settings.authorityId,
        requesterName: settings.citizenName,
        requesterIdentifier: settings.citizenIdentifier,
        details: settings.details,
      },
    },
    token,
  );
  console.log(`filed ACCESS request ${filed.id} for ${settings.citizenName} with ${filed.receivingAuthority.name}; answer due by ${filed.dueAt}`);

  const answered = await awaitAnswer(token, filed.id, async () => {
    if (!settings.playAuthority) return;
    const code = () => new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(settings.authorityTotpSecret) }).generate();
    await answerAsAuthority(execute, { email: settings.authorityEmail, password: settings.authorityPassword, securityCode: code }, filed.id, settings.citizenIdentifier);
  });
  if (!answered) {
    console.error(`no answer within ${settings.timeoutMs} ms; the request stays filed (id ${filed.id}): look it up again later.`);
    return 3;
  }
  if (answered.status === "REJECTED") {
    console.log(`rejected on ${answered.decidedAt}: ${answered.decisionNote ?? "no reason given"}`);
    return 2;
  }
  const { accessReport } = await execute(AccessReportDocument, { requestId: filed.id }, token);
  printReport(accessReport);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`portal: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
