import { eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Database } from "../../src/db/database.js";
import { procedureConsentReferences, procedureJustifications, procedures } from "../../src/db/schema/index.js";
import { RightsRepository } from "../../src/modules/rights/rights.repository.js";
import { graphql } from "../generated/gql.js";
import type { RetentionTestRunMutation } from "../generated/graphql.js";
import { codes } from "../helpers/api.js";
import type { Suite } from "../helpers/suite.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET, type TestUser, type World } from "../helpers/world.js";
import {
  ACCEPT,
  ADD_DATA_SUBJECT,
  ADD_LEGAL_PERSON,
  ADD_SENSITIVE_RECORD,
  CLOSE,
  CREATE_PROCEDURE,
  POST_MESSAGE,
  REQUEST_CONFIDENTIALITY,
  SEND,
} from "../operations.js";

export const SECOND = 1000;
export const DAY = 24 * 3600 * SECOND;

/** `months` calendar months after `date`, in UTC (as the job computes them). */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

export const RUN_RETENTION = graphql(`
  mutation RetentionTestRun($dryRun: Boolean, $asOf: DateTime) {
    runRetention(dryRun: $dryRun, asOf: $asOf) {
      id
      asOf
      dryRun
      startedAt
      finishedAt
      proceduresBlocked
      proceduresDeleted
      usersBlocked
      usersDeleted
      earlyDeletions
      earlyDeletionsRefused
      remindersRaised
      remindersResolved
      durationMs
      error
      scheduled
    }
  }
`);

export type RunResult = RetentionTestRunMutation["runRetention"];

export const READ_PROCEDURE = graphql(`
  query RetentionTestProcedure($id: ID!) {
    procedure(id: $id) {
      id
      kind
      status
      subject
      closedAt
      blockedAt
      personalDataDeletedAt
      legalArea {
        code
      }
      initiator {
        id
      }
      participants {
        part
        authority {
          id
        }
      }
      personalDataAccess {
        granted
        reason
      }
      dataSubjects {
        fullName
        nationalIdentifier
        sensitiveRecords {
          details
        }
      }
      messages {
        body
      }
      legalPersons {
        name
      }
    }
  }
`);

/** A token valid at the clock's current time (cached tokens expire when the clock moves by years). */
export function tokenNow(suite: Suite, user: TestUser): Promise<string> {
  return suite.api.login(user.email, TEST_PASSWORD, TEST_TOTP_SECRET);
}

/** Runs the job through the API as the world's Commission user, as of the clock's now unless told otherwise. */
export async function runRetention(suite: Suite, world: World, variables: { dryRun?: boolean; asOf?: string } = {}): Promise<RunResult> {
  const result = await suite.api.execute(RUN_RETENTION, variables, await tokenNow(suite, world.user.helpdesk));
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  const run = result.data!.runRetention;
  expect(run.error).toBeNull();
  return run;
}

export interface Case {
  id: string;
  name: string;
  nationalIdentifier: string;
  dataSubjectId: string;
}

export interface CaseOptions {
  kind?: "REQUEST" | "ALERT" | "NOTIFICATION" | "SOLVIT_CASE";
  legalAreaCode?: string;
  /** Close it at the clock's current time (default true). */
  close?: boolean;
  /** Leave it a draft. */
  draft?: boolean;
}

/**
 * A procedure from DK to DE built through the API at the clock's current time, with the data
 * subject's name and identifier written into every free-text place a case handler can type them:
 * subject line, justification, data subject, sensitive record, message, legal person, a
 * confidentiality reason and a contestation. Accepted by DE, then closed (unless told otherwise).
 */
export async function personalCase(suite: Suite, world: World, options: CaseOptions = {}): Promise<Case> {
  const kind = options.kind ?? "REQUEST";
  const suffix = Math.random().toString(36).slice(2, 8);
  const name = `Karen Blixen-Retention ${world.tag}${suffix}`;
  const nationalIdentifier = `NID-${world.tag}-${suffix}`;
  const dk = await tokenNow(suite, world.user.handlerDk);
  const de = await tokenNow(suite, world.user.handlerDe);
  const ok = <T extends { errors?: unknown }>(result: T): T => {
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result;
  };
  const created = ok(
    await suite.api.execute(
      CREATE_PROCEDURE,
      {
        input: {
          kind,
          legalAreaCode: options.legalAreaCode ?? (kind === "SOLVIT_CASE" ? "SOLVIT" : "PROFESSIONAL_QUALIFICATIONS"),
          subject: `Case of ${name}`,
          justification: `We need to check ${name} (${nationalIdentifier}).`,
          recipientAuthorityIds: [world.authority.de],
          consentReference: kind === "SOLVIT_CASE" ? `Complaint form of ${name}` : null,
        },
      },
      dk,
    ),
  );
  const id = created.data!.createProcedure.id;
  const subject = ok(
    await suite.api.execute(
      ADD_DATA_SUBJECT,
      { procedureId: id, input: { fullName: name, nationalIdentifier, address: `Rungstedlund, home of ${name}`, email: "karen@example.dk" } },
      dk,
    ),
  );
  const dataSubjectId = subject.data!.addDataSubject.id;
  ok(
    await suite.api.execute(
      ADD_SENSITIVE_RECORD,
      {
        dataSubjectId,
        input: { category: "DISCIPLINARY", details: `${name} was suspended in 2024.`, necessity: "Good repute check.", legalBasis: "Art. 33" },
      },
      dk,
    ),
  );
  const company = ok(await suite.api.execute(ADD_LEGAL_PERSON, { procedureId: id, input: { name: `${name} ApS`, address: nationalIdentifier } }, dk));
  if (options.draft) return { id, name, nationalIdentifier, dataSubjectId };
  ok(await suite.api.execute(SEND, { id }, dk));
  ok(await suite.api.execute(ACCEPT, { id }, de));
  ok(await suite.api.execute(POST_MESSAGE, { procedureId: id, body: `Is ${name} (${nationalIdentifier}) of good repute?` }, dk));
  ok(
    await suite.api.execute(
      REQUEST_CONFIDENTIALITY,
      { input: { itemKind: "LEGAL_PERSON", itemId: company.data!.addLegalPerson.id, reason: `Trade secret of ${name}` } },
      dk,
    ),
  );
  // R-RECTIFY-3 contestations are recorded by the Commission (rights module): inserted directly here,
  // through the repository, so that it is sealed as the rights module stores it (R-RETAIN-3).
  await new RightsRepository(suite.db.db).insertContestation({
    procedureId: id,
    dataSubjectId,
    ground: "ACCURACY",
    statement: `${name} contests the record.`,
    createdAt: suite.api.clock.now(),
  });
  if (options.close ?? true) ok(await suite.api.execute(CLOSE, { id }, dk));
  return { id, name, nationalIdentifier, dataSubjectId };
}

/** The procedure's row with its justification and consent reference (issue 13: tables of their own; null when none). */
export async function procedureRow(db: Database, id: string) {
  const [row] = await db
    .select({ procedure: procedures, justification: procedureJustifications.justification, consentReference: procedureConsentReferences.consentReference })
    .from(procedures)
    .leftJoin(procedureJustifications, eq(procedureJustifications.procedureId, procedures.id))
    .leftJoin(procedureConsentReferences, eq(procedureConsentReferences.procedureId, procedures.id))
    .where(eq(procedures.id, id));
  return { ...row!.procedure, justification: row!.justification, consentReference: row!.consentReference };
}

/**
 * Every place in the database that holds `needle`: each text-like column of every table (from
 * information_schema: text, varchar, char, json, jsonb and arrays of them), plus each whole row cast
 * to text as a backstop for any other type. Answers `schema.table.column` per hit.
 */
export async function findEverywhere(db: Database, needle: string): Promise<string[]> {
  const rowsOf = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
  const columns = rowsOf<{ table_schema: string; table_name: string; column_name: string }>(
    await db.execute(sql`
      select c.table_schema, c.table_name, c.column_name
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema not in ('pg_catalog', 'information_schema')
        and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
             or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar', '_bpchar')))
      order by 1, 2, 3`),
  );
  expect(columns.length).toBeGreaterThan(40);
  const hits: string[] = [];
  const pattern = `%${needle}%`;
  for (const c of columns) {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from ${sql.identifier(c.table_schema)}.${sql.identifier(c.table_name)} where ${sql.identifier(c.column_name)}::text like ${pattern}`,
      ),
    );
    if (Number(row!.n) > 0) hits.push(`${c.table_schema}.${c.table_name}.${c.column_name}`);
  }
  const tables = rowsOf<{ table_schema: string; table_name: string }>(
    await db.execute(sql`select table_schema, table_name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`),
  );
  expect(tables.length).toBeGreaterThan(15);
  for (const { table_schema: schema, table_name: name } of tables) {
    const table = `${schema}.${name}`;
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from ${sql.identifier(schema)}.${sql.identifier(name)} t where t::text like ${pattern}`),
    );
    if (Number(row!.n) > 0 && !hits.some((hit) => hit.startsWith(`${table}.`))) hits.push(`${table}.(row)`);
  }
  return hits;
}

/** The error codes and reasons of a result's errors, by field. */
export function denials(result: { errors?: readonly { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] }) {
  return (result.errors ?? []).map((e) => [e.path?.at(-1), e.extensions?.code, e.extensions?.reason]);
}

export { codes };
