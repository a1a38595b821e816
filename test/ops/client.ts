import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { expect } from "vitest";
import { LoginDocument } from "../../examples/generated/graphql.js";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../src/db/seed/demo-ids.js";
import { unusedSecurityCode } from "../helpers/security-codes.js";

/**
 * A GraphQL client for the operations tests, on the frontends' typed documents
 * (examples/generated): the tests drive real server processes from outside, as a portal would.
 */
export async function call<TData, TVariables>(base: string, document: TypedDocumentNode<TData, TVariables>, variables: TVariables, token?: string): Promise<TData> {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: TData; errors?: unknown[] };
  expect(body.errors, `${print(document).split("\n")[0]} answered ${JSON.stringify(body.errors)}`).toBeUndefined();
  expect(response.status).toBe(200);
  return body.data!;
}

/** Logs a demo user in (password and a code of the demo TOTP secret not sent before: R-SEC-1); returns the session token. */
export async function login(base: string, email: string): Promise<string> {
  const data = await call(base, LoginDocument, { email, password: DEMO_PASSWORD, securityCode: await unusedSecurityCode(DEMO_TOTP_SECRET, "demo", email) });
  expect(data.login.user.email).toBe(email);
  return data.login.token;
}

/** A login with the given code, whatever its outcome: the error codes and messages, or the token. */
export async function tryLogin(base: string, email: string, securityCode: string): Promise<{ token: string | null; errors: { message: string; code: unknown }[] }> {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: print(LoginDocument), variables: { email, password: DEMO_PASSWORD, securityCode } }),
  });
  const body = (await response.json()) as { data?: { login: { token: string } } | null; errors?: { message: string; extensions?: { code?: unknown } }[] };
  return { token: body.data?.login.token ?? null, errors: (body.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code })) };
}

/** A line of a Node stack trace, or pino's serialized `stack`: a clean stop or refusal prints none. */
export function hasStackTrace(lines: string[]): boolean {
  return lines.some((line) => /^\s+at /.test(line) || line.includes('"stack"'));
}
