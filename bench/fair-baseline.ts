/**
 * The fair baseline of the HTTP bench (issue 14, part 5): what a competent team would write by hand to
 * answer the bench's lookup and nested list with the *same security work* as the API, so that the
 * ratio against it measures the framework (type-graphql, shield, Apollo, drizzle), not the work.
 *
 * node:http + graphql-js `execute` with hand-written resolvers (bench/fair-baseline.schema.ts), not
 * plain JSON: the answer is then the same GraphQL document, field for field, and the bench can check
 * it equal to the API's. Plain postgres.js with a pool of its own (as large as the API's), no drizzle.
 *
 * Per request, as the API (src/server.ts, src/db/rls/request-scope.ts, src/modules/session):
 * 1. the bearer token verified as src/auth/token.ts does (HS256, issuer and audience "imi-api", the
 *    same secret; the HMAC key imported once);
 * 2. one transaction: the user re-read with its authority's member state (findViewerOf, R-USER-2),
 *    refused when missing or inactive; then the API's role and the viewer's transaction-local settings
 *    (viewerSettingsSql: the row policies of issue 13 apply to every statement after it);
 * 3. the operation, rows scoped in SQL, fields gated by the policy's cells, sealed values opened;
 * 4. the audit events of the reads (R-SEC-2) in one insert, before the response leaves, in the
 *    transaction (as auditFlushPlugin: no personal data leaves unaudited); then COMMIT.
 *
 * Not copied: abuse limits (armor), the request log line and metrics, persisted queries, CSRF and
 * CORS checks, localized errors: no security cell depends on them for these two operations.
 */
import { randomUUID, webcrypto } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { parse, validate, execute, type DocumentNode } from "graphql";
import { jwtVerify } from "jose";
import type { Sql, TransactionSql } from "postgres";
import type { Role } from "../src/auth/viewer.js";
import { API_ROLE } from "../src/db/rls/roles.js";
import { fairLoaders, fairSchema, type FairAuditEvent, type FairContext, type FairViewer } from "./fair-baseline.schema.js";

/** As src/server.ts accepts a client's request id (the bench matches audit rows by it). */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

class Refused extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<{ query?: string; variables?: Record<string, unknown>; operationName?: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as { query?: string; variables?: Record<string, unknown>; operationName?: string };
}

/** The user, re-read on every request (R-USER-2), as users/user.repository.ts findViewerOf: five columns. */
async function viewerOf(tx: TransactionSql, userId: string): Promise<FairViewer> {
  const [row] = await tx<{ id: string; authorityId: string; roles: string[]; active: boolean; memberState: string }[]>`select u.id,
      u.authority_id as "authorityId", u.roles::text[] as roles, u.active, a.member_state as "memberState"
    from users u join authorities a on a.id = u.authority_id where u.id = ${userId}`;
  if (!row || !row.active) throw new Refused("Your session is no longer valid: your account is deactivated.", "UNAUTHENTICATED");
  return { userId: row.id, authorityId: row.authorityId, memberState: row.memberState, roles: row.roles as Role[] };
}

/** The viewer for the row policies, transaction-local (request-scope.ts viewerSettingsSql, role API_ROLE). */
async function setViewer(tx: TransactionSql, viewer: FairViewer, now: Date): Promise<void> {
  await tx`select set_config('role', ${API_ROLE}, true), set_config('imi.user_id', ${viewer.userId}, true),
    set_config('imi.authority_id', ${viewer.authorityId}, true), set_config('imi.member_state', ${viewer.memberState}, true),
    set_config('imi.roles', ${viewer.roles.join(",")}, true), set_config('imi.now', ${now.toISOString()}, true)`;
}

/** R-SEC-2: the request's reads in one statement, in order (as audit.repository.ts insertStatement). */
async function writeAudit(tx: TransactionSql, events: FairAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((e) => ({
    occurred_at: e.occurredAt,
    actor_user_id: e.actorUserId,
    actor_authority_id: e.actorAuthorityId,
    action: e.action,
    procedure_id: e.procedureId,
    data_subject_id: e.dataSubjectId,
    fields: e.fields,
    ground: e.ground,
    request_id: e.requestId,
  }));
  await tx`insert into audit_events (occurred_at, actor_user_id, actor_authority_id, action, procedure_id, data_subject_id, fields, ground, request_id)
    select occurred_at, actor_user_id, actor_authority_id, action, procedure_id, data_subject_id, fields, ground, request_id
    from rows from (jsonb_to_recordset(${tx.json(rows)}::jsonb) as (occurred_at timestamptz, actor_user_id uuid, actor_authority_id uuid,
      action text, procedure_id uuid, data_subject_id uuid, fields text[], ground text, request_id text)) with ordinality as e
    order by e.ordinality`;
}

export function createFairBaselineServer(client: Sql, jwtSecret: Uint8Array): Server {
  const schema = fairSchema();
  const documents = new Map<string, DocumentNode>();
  const key = webcrypto.subtle.importKey("raw", jwtSecret, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);

  async function userIdOf(header: string | undefined): Promise<string> {
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new Refused("You must be logged in.", "UNAUTHENTICATED");
    try {
      const { payload } = await jwtVerify(token, await key, { issuer: "imi-api", audience: "imi-api", algorithms: ["HS256"] });
      if (typeof payload.sub === "string") return payload.sub;
    } catch {
      // forged, expired or malformed: refused below
    }
    throw new Refused("Your token is invalid or expired: log in again.", "UNAUTHENTICATED");
  }

  return createServer((req, res) => {
    void (async () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
        res.end(JSON.stringify(body));
      };
      try {
        const body = await readJson(req);
        const text = body.query ?? "";
        let document = documents.get(text);
        if (!document) {
          const parsed = parse(text);
          const errors = validate(schema, parsed);
          if (errors.length > 0) return send(400, { errors });
          document = parsed;
          documents.set(text, document);
        }
        const userId = await userIdOf(req.headers.authorization);
        const offered = req.headers["x-request-id"];
        const requestId = typeof offered === "string" && REQUEST_ID.test(offered) ? offered : randomUUID();
        const result = await client.begin(async (tx) => {
          const now = new Date();
          const viewer = await viewerOf(tx, userId);
          await setViewer(tx, viewer, now);
          const ctx: FairContext = { tx, viewer, now, requestId, situations: new Map(), audit: [], ...fairLoaders(tx) };
          const answer = await execute({ schema, document, variableValues: body.variables, operationName: body.operationName, contextValue: ctx });
          await writeAudit(tx, ctx.audit);
          return answer;
        });
        send(200, result);
      } catch (error) {
        if (error instanceof Refused) return send(200, { errors: [{ message: error.message, extensions: { code: error.code } }] });
        send(500, { errors: [{ message: (error as Error).message, extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
      }
    })();
  });
}
