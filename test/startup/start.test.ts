import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { afterAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import { freePort, killChildren, parse, runTs, stopProcess, untilReady, type Exit, type Run } from "../helpers/server-process.js";
import { unusedSecurityCode } from "../helpers/security-codes.js";

/** The newcomer's path: the real server process, as `npm start` runs it, on a fresh embedded database. */

const DEMO_PASSWORD = "demo-password";
const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP";
/** Generated: production refuses secrets published in this repository (src/published-secrets.ts). */
const PRODUCTION_SECRET = randomBytes(32).toString("base64url");

const LOGIN = graphql(`
  mutation StartTestLogin($email: String!, $password: String!, $securityCode: String!) {
    login(email: $email, password: $password, securityCode: $securityCode) {
      token
      user {
        email
        roles
      }
    }
  }
`);

const AUTHORITIES = graphql(`
  query StartTestAuthorities($filter: AuthorityFilter) {
    authorities(filter: $filter, first: 100) {
      totalCount
      edges {
        node {
          id
          name
          memberState
        }
      }
    }
  }
`);

const PROCEDURE_COUNT = graphql(`
  query StartTestProcedureCount {
    procedures(first: 1) {
      totalCount
    }
  }
`);

const CREATE_PROCEDURE = graphql(`
  mutation StartTestCreateProcedure($input: CreateProcedureInput!) {
    createProcedure(input: $input) {
      id
      reference
      status
      legalArea {
        code
      }
    }
  }
`);

const ADD_DATA_SUBJECT = graphql(`
  mutation StartTestAddDataSubject($procedureId: ID!, $input: DataSubjectInput!) {
    addDataSubject(procedureId: $procedureId, input: $input) {
      id
      fullName
    }
  }
`);

const SEND = graphql(`
  mutation StartTestSend($id: ID!) {
    sendProcedure(id: $id) {
      status
    }
  }
`);

const ACCEPT = graphql(`
  mutation StartTestAccept($id: ID!) {
    acceptProcedure(id: $id) {
      status
    }
  }
`);

const POST_MESSAGE = graphql(`
  mutation StartTestPostMessage($procedureId: ID!, $body: String!) {
    postMessage(procedureId: $procedureId, body: $body) {
      id
      body
    }
  }
`);

const CLOSE = graphql(`
  mutation StartTestClose($id: ID!) {
    closeProcedure(id: $id) {
      status
      closedAt
    }
  }
`);

const PROCEDURE = graphql(`
  query StartTestProcedure($id: ID!) {
    procedure(id: $id) {
      id
      reference
      status
      dataSubjects {
        fullName
      }
      messages {
        body
      }
    }
  }
`);

const tempDirs: string[] = [];

interface Server extends Run {
  base: string;
  startupMs: number;
}

/** Starts `src/main.ts` on the PGlite folder and waits for its "IMI API ready" log line. */
async function startServer(pgliteDir: string): Promise<Server> {
  const port = await freePort();
  const started = runTs("src/main.ts", { PORT: String(port), PGLITE_DIR: pgliteDir, LOG_LEVEL: "info" });
  const ready = await untilReady(started);
  expect(ready).toMatchObject({ port, driver: "pglite", startupMs: expect.any(Number) });
  return { ...started, base: `http://127.0.0.1:${port}`, startupMs: ready.startupMs as number };
}

/** Sends SIGTERM and waits, within a generous bound, for the process to exit by itself. */
const stopServer = stopProcess;

async function call<TData, TVars>(server: Server, document: TypedDocumentNode<TData, TVars>, variables: TVars, token?: string): Promise<TData> {
  const response = await fetch(`${server.base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: TData; errors?: unknown[] };
  expect(body.errors, `${print(document).split("\n")[0]} answered ${JSON.stringify(body.errors)}`).toBeUndefined();
  expect(response.status).toBe(200);
  return body.data!;
}

async function login(server: Server, email: string): Promise<string> {
  const data = await call(server, LOGIN, { email, password: DEMO_PASSWORD, securityCode: await unusedSecurityCode(DEMO_TOTP_SECRET, "start", email) });
  expect(data.login.user.email).toBe(email);
  return data.login.token;
}

function hasStackTrace(lines: string[]): boolean {
  return lines.some((line) => /^\s+at /.test(line) || line.includes('"stack"'));
}


// No server outlives the tests (the helper also ends them if the worker exits early).
afterAll(async () => {
  killChildren();
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("starting the server as a newcomer does (npm start, PGlite)", () => {
  /** How the restarted server of the first test ended on SIGTERM. */
  let restartStop: Exit | "still running" | undefined;

  it("starts on a fresh folder with the demo world, works a request end to end, stops on SIGTERM and restarts on the same data", { timeout: 240_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "imi-start-"));
    tempDirs.push(dir);
    const pgliteDir = join(dir, "pglite");

    const first = await startServer(pgliteDir);
    expect(first.lines.some((line) => parse(line)?.msg === "demo world loaded")).toBe(true);

    const health = await fetch(`${first.base}/healthz`);
    expect(health.status).toBe(200);

    const dk = await login(first, "handler.dk@imi.example");
    const countBefore = (await call(first, PROCEDURE_COUNT, {}, dk)).procedures.totalCount;
    expect(countBefore).toBeGreaterThan(0);
    const german = await call(first, AUTHORITIES, { filter: { memberState: "DE" } }, dk);
    const berlin = german.authorities.edges.map((edge) => edge.node).find((node) => node.name === "Handwerkskammer Berlin");
    expect(berlin).toMatchObject({ memberState: "DE" });

    const created = await call(
      first,
      CREATE_PROCEDURE,
      {
        input: {
          kind: "REQUEST",
          legalAreaCode: "SERVICES",
          subject: "Is the plumber registered in Berlin?",
          justification: "The plumber applied to provide services in Denmark.",
          recipientAuthorityIds: [berlin!.id],
        },
      },
      dk,
    );
    const procedure = created.createProcedure;
    expect(procedure).toMatchObject({ status: "DRAFT", legalArea: { code: "SERVICES" } });
    const subject = await call(first, ADD_DATA_SUBJECT, { procedureId: procedure.id, input: { fullName: "Klaus Klempner", dateOfBirth: "1980-04-12" } }, dk);
    expect(subject.addDataSubject.fullName).toBe("Klaus Klempner");
    expect((await call(first, SEND, { id: procedure.id }, dk)).sendProcedure.status).toBe("SENT");

    const de = await login(first, "handler.de@imi.example");
    expect((await call(first, ACCEPT, { id: procedure.id }, de)).acceptProcedure.status).toBe("ACCEPTED");
    const answer = await call(first, POST_MESSAGE, { procedureId: procedure.id, body: "Registered with us since 2015." }, de);
    expect(answer.postMessage.body).toBe("Registered with us since 2015.");
    expect((await call(first, PROCEDURE, { id: procedure.id }, dk)).procedure?.status).toBe("ANSWERED");

    const dkAgain = await login(first, "handler.dk@imi.example");
    const closed = await call(first, CLOSE, { id: procedure.id }, dkAgain);
    expect(closed.closeProcedure.status).toBe("CLOSED");
    expect(closed.closeProcedure.closedAt).toEqual(expect.any(String));
    expect((await call(first, PROCEDURE_COUNT, {}, dkAgain)).procedures.totalCount).toBe(countBefore + 1);
    const germanCount = german.authorities.totalCount;

    expect(await stopServer(first)).toEqual({ code: 0, signal: null });
    expect(first.lines.some((line) => parse(line)?.msg === "shutting down")).toBe(true);
    expect(hasStackTrace(first.lines)).toBe(false);

    // Second start on the same folder: the data is kept and the demo world is not loaded again.
    const second = await startServer(pgliteDir);
    expect(second.lines.some((line) => parse(line)?.msg === "demo world loaded")).toBe(false);
    const dk2 = await login(second, "handler.dk@imi.example");
    expect((await call(second, PROCEDURE_COUNT, {}, dk2)).procedures.totalCount).toBe(countBefore + 1);
    expect((await call(second, AUTHORITIES, { filter: { memberState: "DE" } }, dk2)).authorities.totalCount).toBe(germanCount);
    const kept = await call(second, PROCEDURE, { id: procedure.id }, dk2);
    expect(kept.procedure).toMatchObject({
      id: procedure.id,
      reference: procedure.reference,
      status: "CLOSED",
      dataSubjects: [{ fullName: "Klaus Klempner" }],
      messages: [{ body: "Registered with us since 2015." }],
    });

    restartStop = await stopServer(second);
    expect(second.lines.some((line) => parse(line)?.msg === "shutting down")).toBe(true);
    expect(hasStackTrace(second.lines)).toBe(false);
  });

  // Apollo would otherwise install its own SIGTERM handler and main.ts would wait on it forever.
  it("exits with code 0 on SIGTERM after a restart on the same folder", () => {
    expect(restartStop).toEqual({ code: 0, signal: null });
  });

  it("refuses to start in production without DATABASE_URL and JWT_SECRET, with a clear message and no stack trace", { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "imi-start-prod-"));
    tempDirs.push(dir);
    const noSecret = runTs("src/main.ts", { NODE_ENV: "production", PGLITE_DIR: join(dir, "pglite") });
    const noDatabase = runTs("src/main.ts", {
      NODE_ENV: "production",
      JWT_SECRET: PRODUCTION_SECRET,
      PGLITE_DIR: join(dir, "pglite"),
    });
    for (const [refused, missing] of [
      [noSecret, "JWT_SECRET"],
      [noDatabase, "DATABASE_URL"],
    ] as const) {
      const exit = await refused.exited;
      expect(exit.code).not.toBe(0);
      expect(exit.code).not.toBeNull();
      const output = refused.lines.join("\n");
      expect(output).toMatch(new RegExp(`^Configuration error: ${missing} is required when NODE_ENV=production`, "m"));
      expect(hasStackTrace(refused.lines)).toBe(false);
      expect(output).not.toContain("IMI API ready");
    }
  });

  it("refuses to load the demo world with npm run db:seed when NODE_ENV=production", { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "imi-seed-prod-"));
    tempDirs.push(dir);
    // A complete production configuration: refused for being production, before any connection.
    const configured = runTs("src/db/seed.cli.ts", {
      NODE_ENV: "production",
      JWT_SECRET: PRODUCTION_SECRET,
      DATABASE_URL: "postgres://nobody@127.0.0.1:9/nowhere",
      PGLITE_DIR: join(dir, "pglite"),
    });
    const configuredExit = await configured.exited;
    expect(configuredExit.code).toBe(1);
    expect(configured.lines.join("\n")).toMatch(/^Refused: the demo world is never loaded when NODE_ENV=production/m);
    expect(hasStackTrace(configured.lines)).toBe(false);

    // Production without its settings is refused too.
    const bare = runTs("src/db/seed.cli.ts", { NODE_ENV: "production", PGLITE_DIR: join(dir, "pglite") });
    const bareExit = await bare.exited;
    expect(bareExit.code).not.toBe(0);
    expect(bareExit.code).not.toBeNull();
    expect(bare.lines.join("\n")).not.toMatch(/Demo world (loaded|already present)/);
  });
});
