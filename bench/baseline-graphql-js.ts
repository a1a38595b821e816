/**
 * The baseline of the HTTP bench: a hand-written graphql-js server for the three bench operations
 * (bench/operations.ts), as a competent team would write it without a framework. A GraphQLSchema
 * built in code with the same type and field names, resolvers running hand-written SQL through the
 * same drizzle handle (so the same driver and connection pool), batched per request with DataLoader,
 * served by node:http with parse → validate → execute and a cache of parsed documents.
 *
 * Sealed personal data (R-RETAIN-3) is opened as the API's repositories open it (openRows: one key
 * lookup per result set): storage, not security work, and the bench world is sealed.
 *
 * No authentication, no authorization, no audit, no abuse limits: it answers for one authority fixed
 * at start (`viewerAuthorityId`), whose rows it scopes with the same `exists participant` predicate as
 * the API's SQL row scope, so that both return the same rows. What the full stack costs beyond this
 * is what the API adds: token check and user re-read, shield, type-graphql, Apollo, the audit insert.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import DataLoader from "dataloader";
import { sql } from "drizzle-orm";
import {
  GraphQLEnumType,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  execute,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFieldConfigMap,
  type GraphQLNullableType,
} from "graphql";
import type { Database } from "../src/db/database.js";
import { openRows } from "../src/db/personal-crypto/sealed-rows.js";
import { SEALED_DATA_SUBJECTS, SEALED_MESSAGES } from "../src/db/personal-crypto/sealed-tables.js";
import { rowsOf } from "./database.js";

interface ProcedureRow {
  id: string;
  reference: string;
  kind: string;
  status: string;
  subject: string;
  createdAt: string;
}
interface ParticipantRow {
  procedureId: string;
  authorityId: string;
  part: string;
}
interface AuthorityRow {
  id: string;
  name: string;
  memberState: string;
}
interface DataSubjectRow {
  id: string;
  procedureId: string;
  fullName: string;
  dateOfBirth: string | null;
}
interface MessageRow {
  id: string;
  procedureId: string;
  body: string;
  createdAt: string;
}

interface BaselineContext {
  participants: DataLoader<string, ParticipantRow[]>;
  authority: DataLoader<string, AuthorityRow | undefined>;
  dataSubjects: DataLoader<string, DataSubjectRow[]>;
  messages: DataLoader<string, MessageRow[]>;
}

// Timestamps leave PostgreSQL already in the API's DateTime format (ISO-8601 UTC, milliseconds).
const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
const uuids = (ids: readonly string[]) => sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;

function grouped<R extends { procedureId: string }>(keys: readonly string[], rows: R[]): R[][] {
  const groups = new Map<string, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(row.procedureId)?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

function loaders(db: Database): BaselineContext {
  return {
    participants: new DataLoader(async (ids) =>
      grouped(
        ids,
        rowsOf<ParticipantRow>(
          await db.execute(sql`select procedure_id as "procedureId", authority_id as "authorityId", part from participants
            where procedure_id = any(${uuids(ids)}) and forwarded_at is null order by seq`),
        ),
      ),
    ),
    authority: new DataLoader(async (ids) => {
      const rows = rowsOf<AuthorityRow>(
        await db.execute(sql`select id, name, member_state as "memberState" from authorities where id = any(${uuids(ids)})`),
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id));
    }),
    dataSubjects: new DataLoader(async (ids) => {
      const rows = rowsOf<DataSubjectRow>(
        await db.execute(sql`select id, procedure_id as "procedureId", full_name as "fullName", date_of_birth as "dateOfBirth"
          from data_subjects where procedure_id = any(${uuids(ids)}) order by created_at, id`),
      );
      return grouped(ids, (await openRows(db, SEALED_DATA_SUBJECTS, rows as never[])) as unknown as DataSubjectRow[]);
    }),
    messages: new DataLoader(async (ids) => {
      const rows = rowsOf<MessageRow>(
        await db.execute(sql`select id, procedure_id as "procedureId", body, ${iso("created_at")} as "createdAt"
          from messages where procedure_id = any(${uuids(ids)}) order by seq`),
      );
      return grouped(ids, (await openRows(db, SEALED_MESSAGES, rows as never[])) as unknown as MessageRow[]);
    }),
  };
}

const enumOf = (name: string, values: string[]) =>
  new GraphQLEnumType({ name, values: Object.fromEntries(values.map((value) => [value, { value }])) });

/** Already formatted by SQL; passed through as the API's DateTime scalar would print it. */
const DateTime = new GraphQLScalarType({ name: "DateTime", serialize: (value) => value });

export function baselineSchema(db: Database, viewerAuthorityId: string): GraphQLSchema {
  const nonNull = <T extends GraphQLNullableType>(type: T) => new GraphQLNonNull(type);
  const listOf = <T extends GraphQLNullableType>(type: T) => new GraphQLList(new GraphQLNonNull(type));
  const scope = sql`exists (select 1 from participants pa where pa.procedure_id = p.id and pa.forwarded_at is null
    and pa.authority_id = ${viewerAuthorityId} and (p.status <> 'DRAFT' or pa.part = 'INITIATOR'))`;
  const procedureColumns = sql`p.id, p.reference, p.kind, p.status, p.subject, ${iso("p.created_at")} as "createdAt"`;

  const Authority = new GraphQLObjectType<AuthorityRow, BaselineContext>({
    name: "Authority",
    fields: { id: { type: nonNull(GraphQLID) }, name: { type: nonNull(GraphQLString) }, memberState: { type: nonNull(GraphQLString) } },
  });
  const Participant = new GraphQLObjectType<ParticipantRow, BaselineContext>({
    name: "Participant",
    fields: {
      part: { type: nonNull(enumOf("ParticipantPart", ["INITIATOR", "RESPONDER", "RECIPIENT"])) },
      authority: { type: nonNull(Authority), resolve: (row, _args, ctx) => ctx.authority.load(row.authorityId) },
    },
  });
  const DataSubject = new GraphQLObjectType<DataSubjectRow, BaselineContext>({
    name: "DataSubject",
    fields: { id: { type: nonNull(GraphQLID) }, fullName: { type: nonNull(GraphQLString) }, dateOfBirth: { type: GraphQLString } },
  });
  const Message = new GraphQLObjectType<MessageRow, BaselineContext>({
    name: "Message",
    fields: { id: { type: nonNull(GraphQLID) }, body: { type: nonNull(GraphQLString) }, createdAt: { type: nonNull(DateTime) } },
  });
  const Procedure = new GraphQLObjectType<ProcedureRow, BaselineContext>({
    name: "Procedure",
    fields: {
      id: { type: nonNull(GraphQLID) },
      reference: { type: nonNull(GraphQLString) },
      kind: { type: nonNull(enumOf("ProcedureKind", ["REQUEST", "ALERT", "NOTIFICATION", "SOLVIT_CASE"])) },
      status: { type: nonNull(enumOf("ProcedureStatus", ["DRAFT", "SENT", "ACCEPTED", "ANSWERED", "CLOSED"])) },
      subject: { type: nonNull(GraphQLString) },
      createdAt: { type: nonNull(DateTime) },
      participants: { type: nonNull(listOf(Participant)), resolve: (row, _args, ctx) => ctx.participants.load(row.id) },
      dataSubjects: { type: listOf(DataSubject), resolve: (row, _args, ctx) => ctx.dataSubjects.load(row.id) },
      messages: { type: listOf(Message), resolve: (row, _args, ctx) => ctx.messages.load(row.id) },
    },
  });
  const ProcedureEdge = new GraphQLObjectType<{ node: ProcedureRow }, BaselineContext>({
    name: "ProcedureEdge",
    fields: { node: { type: nonNull(Procedure) } },
  });
  const ProcedureConnection = new GraphQLObjectType<{ edges: { node: ProcedureRow }[]; totalCount: number }, BaselineContext>({
    name: "ProcedureConnection",
    fields: { edges: { type: nonNull(listOf(ProcedureEdge)) }, totalCount: { type: nonNull(GraphQLInt) } },
  });

  const query: GraphQLFieldConfigMap<unknown, BaselineContext> = {
    procedures: {
      type: nonNull(ProcedureConnection),
      args: { first: { type: GraphQLInt } },
      resolve: async (_root, args: { first?: number | null }) => {
        const first = Math.min(Math.max(args.first ?? 20, 1), 100);
        const [page, total] = await Promise.all([
          db.execute(sql`select ${procedureColumns} from procedures p where ${scope} order by p.created_at desc, p.id desc limit ${first}`),
          // As the API's totalCount since issue 14: bounded at 100 + 1 ("more than 100"), in the list's order.
          db.execute(sql`select count(*)::int as n from (select 1 from procedures p where ${scope} order by p.created_at desc, p.id desc limit 101) capped`),
        ]);
        return { edges: rowsOf<ProcedureRow>(page).map((node) => ({ node })), totalCount: rowsOf<{ n: number }>(total)[0]!.n };
      },
    },
    procedure: {
      type: Procedure,
      args: { id: { type: nonNull(GraphQLID) } },
      resolve: async (_root, args: { id: string }) =>
        rowsOf<ProcedureRow>(await db.execute(sql`select ${procedureColumns} from procedures p where p.id = ${args.id} and ${scope}`))[0] ?? null,
    },
  };
  const mutation: GraphQLFieldConfigMap<unknown, BaselineContext> = {
    postMessage: {
      type: nonNull(Message),
      args: { procedureId: { type: nonNull(GraphQLID) }, body: { type: nonNull(GraphQLString) } },
      resolve: (_root, args: { procedureId: string; body: string }) =>
        db.transaction(async (tx) => {
          const [message] = rowsOf<MessageRow>(
            await tx.execute(sql`insert into messages (procedure_id, author_authority_id, body, created_at)
              values (${args.procedureId}, ${viewerAuthorityId}, ${args.body.trim()}, now())
              returning id, procedure_id as "procedureId", body, ${iso("created_at")} as "createdAt"`),
          );
          await tx.execute(sql`update procedures set last_activity_at = now() where id = ${args.procedureId}`);
          return message;
        }),
    },
  };
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: query }),
    mutation: new GraphQLObjectType({ name: "Mutation", fields: mutation }),
  });
}

async function readJson(req: IncomingMessage): Promise<{ query?: string; variables?: Record<string, unknown>; operationName?: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as { query?: string; variables?: Record<string, unknown> };
}

/** POST /graphql with a JSON body; parsed and validated documents are cached by their text. */
export function createBaselineServer(db: Database, viewerAuthorityId: string): Server {
  const schema = baselineSchema(db, viewerAuthorityId);
  const documents = new Map<string, DocumentNode>();
  return createServer((req, res) => {
    void (async () => {
      try {
        const body = await readJson(req);
        const text = body.query ?? "";
        let document = documents.get(text);
        if (!document) {
          const parsed = parse(text);
          const errors = validate(schema, parsed);
          if (errors.length > 0) {
            res.writeHead(400, { "content-type": "application/json; charset=utf-8" });
            res.end(JSON.stringify({ errors }));
            return;
          }
          document = parsed;
          documents.set(text, document);
        }
        const result = await execute({ schema, document, variableValues: body.variables, operationName: body.operationName, contextValue: loaders(db) });
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify(result));
      } catch (error) {
        res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ errors: [{ message: (error as Error).message }] }));
      }
    })();
  });
}
