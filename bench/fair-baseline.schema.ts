/**
 * The fair baseline's schema (issue 14, part 5): graphql-js built in code, hand-written resolvers, the
 * same type and field names as the API for the bench's lookup and nested list (bench/operations.ts),
 * doing the same security work the API does for them:
 *
 * - rows scoped in SQL by the viewer's roles, as auth/procedure-scope.ts scopes them;
 * - every field gated by its cell of src/auth/policy.ts (POLICY, PROCEDURE_CLASSES, `decide`): the
 *   viewer's relation to each procedure (initiator, accepted, …, forwarded away, Commission route,
 *   same or other state) from all its participant rows, as auth/procedure-situation.ts computes it;
 * - sealed personal data opened with the key of its owner (src/db/personal-crypto: unwrapKey,
 *   openText, the same additional data), one key lookup per result set;
 * - an audit event per read of personal data, with the fields selected and the ground, as
 *   modules/procedures/procedure-fields.resolver.ts records them (written by fair-baseline.ts).
 *
 * What it does not copy is the framework: no type-graphql, no shield, no Apollo, no drizzle. The
 * situations of a page are computed with the page (one statement), so each field's gate is a
 * synchronous lookup instead of a promise; the participants field reuses those rows.
 */
import DataLoader from "dataloader";
import {
  GraphQLEnumType,
  GraphQLError,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  type FieldNode,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigMap,
  type GraphQLNullableType,
  type GraphQLResolveInfo,
} from "graphql";
import type { PendingQuery, Row, TransactionSql } from "postgres";
import { DENIAL_MESSAGES, POLICY, PROCEDURE_CLASSES, decide, type ProcedureClass, type RecordState, type Relation } from "../src/auth/policy.js";
import type { Role } from "../src/auth/viewer.js";
import { isSealed, openText, unwrapKey } from "../src/db/personal-crypto/cipher.js";
import { masterKeys } from "../src/db/personal-crypto/master-keys.js";
import { SEALED_DATA_SUBJECTS, SEALED_MESSAGES } from "../src/db/personal-crypto/sealed-tables.js";

export interface FairViewer {
  userId: string;
  authorityId: string;
  memberState: string;
  roles: Role[];
}

export interface FairAuditEvent {
  occurredAt: string;
  actorUserId: string;
  actorAuthorityId: string;
  action: "READ";
  procedureId: string;
  dataSubjectId: string | null;
  fields: string[];
  ground: string;
  requestId: string;
}

interface ProcedureRow {
  id: string;
  procedureId: string;
  reference: string;
  kind: string;
  status: string;
  subject: string;
  createdAt: string;
  blockedAt: Date | null;
  personalDataDeletedAt: Date | null;
}
interface ParticipantRow {
  procedureId: string;
  authorityId: string;
  part: string;
  acceptedAt: Date | null;
  forwardedAt: Date | null;
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
}

interface Situation {
  relation: Relation;
  state: RecordState;
  ground: string;
  /** Current participants (not forwarded), in order: what the participants field shows. */
  current: ParticipantRow[];
}

export interface FairContext {
  tx: TransactionSql;
  viewer: FairViewer;
  now: Date;
  requestId: string;
  situations: Map<string, Situation>;
  audit: FairAuditEvent[];
  authority: DataLoader<string, { id: string; name: string } | undefined>;
  dataSubjects: DataLoader<string, DataSubjectRow[]>;
  messages: DataLoader<string, MessageRow[]>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function recordState(row: Pick<ProcedureRow, "status" | "blockedAt" | "personalDataDeletedAt">): RecordState {
  if (row.personalDataDeletedAt) return "DELETED";
  if (row.blockedAt) return "BLOCKED";
  return row.status === "CLOSED" ? "CLOSED" : "OPEN";
}

/** The viewer's rows of procedures, as auth/procedure-scope.ts's visibleProcedures (table alias p). */
function scope(tx: TransactionSql, viewer: FairViewer): PendingQuery<Row[]> {
  if (viewer.roles.includes("COMMISSION")) return tx`true`;
  const scopes: PendingQuery<Row[]>[] = [];
  if (viewer.roles.includes("COORDINATOR")) {
    scopes.push(tx`exists (select 1 from participants pa join authorities au on au.id = pa.authority_id
      where pa.procedure_id = p.id and pa.forwarded_at is null and au.member_state = ${viewer.memberState}
        and (p.status <> 'DRAFT' or pa.part = 'INITIATOR'))`);
  }
  if (viewer.roles.includes("LOCAL_ADMIN") || viewer.roles.includes("CASE_HANDLER")) {
    scopes.push(tx`exists (select 1 from participants pa
      where pa.procedure_id = p.id and pa.forwarded_at is null and pa.authority_id = ${viewer.authorityId}
        and (p.status <> 'DRAFT' or pa.part = 'INITIATOR'))`);
  }
  if (viewer.roles.includes("PORTAL")) scopes.push(tx`p.created_by_user_id = ${viewer.userId}`);
  if (scopes.length === 0) return tx`false`;
  return tx`(${scopes.reduce((all, next) => tx`${all} or ${next}`)})`;
}

const PROCEDURE_COLUMNS = (tx: TransactionSql) => tx`p.id, p.id as "procedureId", p.reference, p.kind, p.status, p.subject,
  p.created_at as "createdAt", p.blocked_at as "blockedAt", p.personal_data_deleted_at as "personalDataDeletedAt"`;

/**
 * The viewer's situation towards each procedure, from all its participant rows (forwarded ones too),
 * and only where the viewer takes no part its live grants and the member states of those who do: the
 * cells' coordinates, as auth/procedure-situation.ts computeSituation. One statement for a page.
 */
async function situate(ctx: FairContext, rows: ProcedureRow[]): Promise<void> {
  const pending = rows.filter((row) => !ctx.situations.has(row.id));
  if (pending.length === 0) return;
  const { tx, viewer } = ctx;
  const participants = await tx<ParticipantRow[]>`select procedure_id as "procedureId", authority_id as "authorityId", part,
      accepted_at as "acceptedAt", forwarded_at as "forwardedAt"
    from participants where procedure_id = any(${pending.map((row) => row.id)}::uuid[]) order by seq`;
  const byProcedure = new Map<string, ParticipantRow[]>(pending.map((row) => [row.id, []]));
  for (const participant of participants) byProcedure.get(participant.procedureId)!.push(participant);
  const outsiders: { row: ProcedureRow; current: ParticipantRow[]; state: RecordState }[] = [];
  for (const row of pending) {
    const all = byProcedure.get(row.id)!;
    const current = all.filter((p) => p.forwardedAt === null);
    const state = recordState(row);
    const mine = current.find((p) => p.authorityId === viewer.authorityId && (row.status !== "DRAFT" || p.part === "INITIATOR"));
    if (mine) {
      const relation: Relation = mine.part === "INITIATOR" ? "INITIATOR" : mine.acceptedAt ? "ACCEPTED" : "NOT_ACCEPTED";
      ctx.situations.set(row.id, { relation, state, ground: `PARTICIPANT:${relation}`, current });
    } else if (all.some((p) => p.authorityId === viewer.authorityId && p.forwardedAt !== null)) {
      ctx.situations.set(row.id, { relation: "FORWARDED_AWAY", state, ground: "PARTICIPANT:FORWARDED_AWAY", current });
    } else {
      outsiders.push({ row, current, state });
    }
  }
  if (outsiders.length === 0) return;
  const ids = outsiders.map((o) => o.row.id);
  const grants = await tx<{ procedureId: string; ground: string; reference: string }[]>`select procedure_id as "procedureId", ground, reference
    from personal_data_grants where procedure_id = any(${ids}::uuid[]) and authority_id = ${viewer.authorityId}
      and granted_at <= ${ctx.now} and expires_at > ${ctx.now}`;
  // The member states of those taking part (a draft's recipients do not yet), for SAME_STATE.
  const taking = new Map(outsiders.map((o) => [o.row.id, o.current.filter((p) => o.row.status !== "DRAFT" || p.part === "INITIATOR")]));
  const authorityIds = [...new Set([...taking.values()].flat().map((p) => p.authorityId))];
  const states = authorityIds.length
    ? await tx<{ id: string; memberState: string }[]>`select id, member_state as "memberState" from authorities where id = any(${authorityIds}::uuid[])`
    : [];
  const stateOf = new Map(states.map((a) => [a.id, a.memberState]));
  for (const { row, current, state } of outsiders) {
    const grant = grants.find((g) => g.procedureId === row.id);
    if (grant) ctx.situations.set(row.id, { relation: "COMMISSION_ROUTE", state, ground: `${grant.ground}:${grant.reference}`, current });
    else {
      const sameState = taking.get(row.id)!.some((p) => stateOf.get(p.authorityId) === viewer.memberState);
      const relation: Relation = sameState ? "SAME_STATE" : "OTHER_STATE";
      ctx.situations.set(row.id, { relation, state, ground: `PARTICIPANT:${relation}`, current });
    }
  }
}

function forbidden(reason: keyof typeof DENIAL_MESSAGES): GraphQLError {
  return new GraphQLError(DENIAL_MESSAGES[reason], { extensions: { code: "FORBIDDEN", reason } });
}

/** The policy's answer for one class of a procedure's data; the situation was computed with its rows. */
function gate(ctx: FairContext, procedureId: string, cls: ProcedureClass): void {
  const situation = ctx.situations.get(procedureId);
  if (!situation) throw forbidden("DELETED");
  const decision = decide(PROCEDURE_CLASSES[cls], ctx.viewer.roles, situation.relation, situation.state);
  if (!decision.granted) throw forbidden(decision.reason);
}

type Resolve<S> = (source: S, args: Record<string, unknown>, ctx: FairContext, info: GraphQLResolveInfo) => unknown;

/**
 * A field with its policy entry (POLICY[type][field]) applied before its resolver: the procedure
 * classes through `gate`, authenticated fields through the viewer (always set here: the request was
 * refused before otherwise), public and reached ones as they are. A field without an entry is denied.
 */
function guarded<S>(typeName: string, field: string, config: GraphQLFieldConfig<S, FairContext>): GraphQLFieldConfig<S, FairContext> {
  const access = POLICY[typeName]?.[field];
  if (!access) return { ...config, resolve: () => { throw forbidden("ROLE"); } };
  if (access.kind === "roles") {
    const roles = access.roles;
    const inner: Resolve<S> = (config.resolve as Resolve<S> | undefined) ?? ((source) => (source as Record<string, unknown>)[field]);
    return {
      ...config,
      resolve: (source, args, ctx, info) => {
        if (!roles.some((role) => ctx.viewer.roles.includes(role))) throw forbidden("ROLE");
        return inner(source, args, ctx, info);
      },
    };
  }
  if (access.kind !== "procedure") return config;
  const cls = access.class;
  const inner: Resolve<S> = (config.resolve as Resolve<S> | undefined) ?? ((source) => (source as Record<string, unknown>)[field]);
  return {
    ...config,
    resolve: (source, args, ctx, info) => {
      gate(ctx, (source as { procedureId: string }).procedureId, cls);
      return inner(source, args, ctx, info);
    },
  };
}

function guardedFields<S>(typeName: string, fields: GraphQLFieldConfigMap<S, FairContext>): () => GraphQLFieldConfigMap<S, FairContext> {
  return () => Object.fromEntries(Object.entries(fields).map(([name, config]) => [name, guarded(typeName, name, config)]));
}

/** The names selected under a field, for the audit event (as graphql/selection.ts; the bench sends no fragments). */
const selections = new WeakMap<FieldNode, string[]>();
function selected(info: GraphQLResolveInfo, typeName: string): string[] {
  const node = info.fieldNodes[0]!;
  let names = selections.get(node);
  if (!names) {
    const found = new Set<string>();
    for (const fieldNode of info.fieldNodes) {
      for (const selection of fieldNode.selectionSet?.selections ?? []) {
        if (selection.kind === "Field" && !selection.name.value.startsWith("__")) found.add(selection.name.value);
      }
    }
    names = [...found].map((name) => `${typeName}.${name}`);
    selections.set(node, names);
  }
  return names;
}

function read(ctx: FairContext, procedureId: string, dataSubjectId: string | null, fields: string[]): void {
  ctx.audit.push({
    occurredAt: new Date().toISOString(),
    actorUserId: ctx.viewer.userId,
    actorAuthorityId: ctx.viewer.authorityId,
    action: "READ",
    procedureId,
    dataSubjectId,
    fields,
    ground: ctx.situations.get(procedureId)!.ground,
    requestId: ctx.requestId,
  });
}

/**
 * Opens the sealed columns of rows (R-RETAIN-3) as sealed-rows.ts openRows does: one key lookup for
 * the result set, each key unwrapped with the master key, each value with its table.column:owner.
 */
async function openSealed<R extends Record<string, unknown>>(tx: TransactionSql, table: string, columns: readonly (keyof R & string)[], ownerOf: (row: R) => string, rows: R[]): Promise<R[]> {
  const owners = [...new Set(rows.filter((row) => columns.some((column) => isSealed(row[column]))).map(ownerOf))];
  if (owners.length === 0) return rows;
  const wrapped = await tx<{ ownerId: string; wrapped: string }[]>`select owner_id::text as "ownerId", wrapped from personal_data_keys where owner_id = any(${owners}::uuid[])`;
  const master = masterKeys().byId;
  const keys = new Map(wrapped.map((row) => [row.ownerId, unwrapKey(master, row.ownerId, row.wrapped)]));
  for (const row of rows) {
    const owner = ownerOf(row);
    for (const column of columns) {
      const value = row[column];
      if (!isSealed(value)) continue;
      const key = keys.get(owner);
      if (!key) throw new Error(`a sealed ${table}.${column} has no key`);
      (row as Record<string, unknown>)[column] = openText(key, `${table}.${column}:${owner}`, value);
    }
  }
  return rows;
}

function grouped<R extends { procedureId: string }>(keys: readonly string[], rows: R[]): R[][] {
  const groups = new Map<string, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(row.procedureId)?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

export function fairLoaders(tx: TransactionSql): Pick<FairContext, "authority" | "dataSubjects" | "messages"> {
  return {
    authority: new DataLoader(async (ids) => {
      const rows = await tx<{ id: string; name: string }[]>`select id, name from authorities where id = any(${[...ids]}::uuid[])`;
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id));
    }),
    dataSubjects: new DataLoader(async (ids) => {
      const rows = await tx<DataSubjectRow[]>`select id, procedure_id as "procedureId", full_name as "fullName", date_of_birth as "dateOfBirth"
        from data_subjects where procedure_id = any(${[...ids]}::uuid[]) order by created_at, id`;
      const opened = await openSealed(tx, SEALED_DATA_SUBJECTS.table, ["fullName", "dateOfBirth"], (row) => String(row.id), rows as unknown as Record<string, unknown>[]);
      return grouped(ids, opened as unknown as DataSubjectRow[]);
    }),
    messages: new DataLoader(async (ids) => {
      const rows = await tx<MessageRow[]>`select id, procedure_id as "procedureId", body from messages where procedure_id = any(${[...ids]}::uuid[]) order by seq`;
      const opened = await openSealed(tx, SEALED_MESSAGES.table, ["body"], (row) => String(row.procedureId), rows as unknown as Record<string, unknown>[]);
      return grouped(ids, opened as unknown as MessageRow[]);
    }),
  };
}

const enumOf = (name: string, values: string[]) => new GraphQLEnumType({ name, values: Object.fromEntries(values.map((value) => [value, { value }])) });
/** ISO-8601 UTC with milliseconds, as the API's DateTime. */
const DateTime = new GraphQLScalarType({ name: "DateTime", serialize: (value) => (value instanceof Date ? value.toISOString() : value) });
const TOTAL_COUNT_LIMIT = 100;

export function fairSchema(): GraphQLSchema {
  const nonNull = <T extends GraphQLNullableType>(type: T) => new GraphQLNonNull(type);
  const listOf = <T extends GraphQLNullableType>(type: T) => new GraphQLList(new GraphQLNonNull(type));

  const Authority = new GraphQLObjectType<{ id: string; name: string }, FairContext>({
    name: "Authority",
    fields: guardedFields("Authority", { id: { type: nonNull(GraphQLID) }, name: { type: nonNull(GraphQLString) } }),
  });
  const Participant = new GraphQLObjectType<ParticipantRow, FairContext>({
    name: "Participant",
    fields: guardedFields("Participant", {
      part: { type: nonNull(enumOf("ParticipantPart", ["INITIATOR", "RESPONDER", "RECIPIENT"])) },
      authority: { type: nonNull(Authority), resolve: (row, _args, ctx) => ctx.authority.load(row.authorityId) },
    }),
  });
  const DataSubject = new GraphQLObjectType<DataSubjectRow, FairContext>({
    name: "DataSubject",
    fields: guardedFields("DataSubject", { id: { type: nonNull(GraphQLID) }, fullName: { type: nonNull(GraphQLString) }, dateOfBirth: { type: GraphQLString } }),
  });
  const Message = new GraphQLObjectType<MessageRow, FairContext>({
    name: "Message",
    fields: guardedFields("Message", { id: { type: nonNull(GraphQLID) }, body: { type: nonNull(GraphQLString) } }),
  });
  const Procedure = new GraphQLObjectType<ProcedureRow, FairContext>({
    name: "Procedure",
    fields: guardedFields("Procedure", {
      id: { type: nonNull(GraphQLID) },
      reference: { type: nonNull(GraphQLString) },
      kind: { type: nonNull(enumOf("ProcedureKind", ["REQUEST", "ALERT", "NOTIFICATION", "SOLVIT_CASE"])) },
      status: { type: nonNull(enumOf("ProcedureStatus", ["DRAFT", "SENT", "ACCEPTED", "ANSWERED", "CLOSED"])) },
      subject: { type: nonNull(GraphQLString) },
      createdAt: { type: nonNull(DateTime) },
      participants: { type: nonNull(listOf(Participant)), resolve: (row, _args, ctx) => ctx.situations.get(row.id)!.current },
      dataSubjects: {
        type: listOf(DataSubject),
        resolve: async (row, _args, ctx, info) => {
          const subjects = await ctx.dataSubjects.load(row.id);
          const fields = selected(info, "DataSubject");
          for (const subject of subjects) read(ctx, row.id, subject.id, fields);
          return subjects;
        },
      },
      messages: {
        type: listOf(Message),
        resolve: async (row, _args, ctx, info) => {
          const messages = await ctx.messages.load(row.id);
          if (messages.length > 0) read(ctx, row.id, null, selected(info, "Message"));
          return messages;
        },
      },
    }),
  });
  const ProcedureEdge = new GraphQLObjectType<{ node: ProcedureRow }, FairContext>({
    name: "ProcedureEdge",
    fields: guardedFields("ProcedureEdge", { node: { type: nonNull(Procedure) } }),
  });
  const ProcedureConnection = new GraphQLObjectType<{ edges: { node: ProcedureRow }[]; where: PendingQuery<Row[]> }, FairContext>({
    name: "ProcedureConnection",
    fields: guardedFields("ProcedureConnection", {
      edges: { type: nonNull(listOf(ProcedureEdge)) },
      // Asked only when selected; bounded at 100 + 1 ("more than 100") and walked in the list's order, as the API's.
      totalCount: {
        type: nonNull(GraphQLInt),
        resolve: async (connection, _args, ctx) => {
          const [row] = await ctx.tx<{ n: number }[]>`select count(*)::int as n from (select 1 from procedures p where ${connection.where}
            order by p.created_at desc, p.id desc limit ${TOTAL_COUNT_LIMIT + 1}) capped`;
          return row!.n;
        },
      },
    }),
  });

  const query: GraphQLFieldConfigMap<unknown, FairContext> = {
    procedures: {
      type: nonNull(ProcedureConnection),
      args: { first: { type: GraphQLInt } },
      resolve: async (_root, args: { first?: number | null }, ctx) => {
        const first = args.first ?? 20;
        if (!Number.isInteger(first) || first < 1 || first > 100) throw new GraphQLError("`first` must be between 1 and 100.", { extensions: { code: "BAD_USER_INPUT" } });
        const where = scope(ctx.tx, ctx.viewer);
        const rows = await ctx.tx<ProcedureRow[]>`select ${PROCEDURE_COLUMNS(ctx.tx)} from procedures p where ${where}
          order by p.created_at desc, p.id desc limit ${first + 1}`;
        const page = rows.slice(0, first);
        await situate(ctx, page);
        return { edges: page.map((node) => ({ node })), where };
      },
    },
    procedure: {
      type: Procedure,
      args: { id: { type: nonNull(GraphQLID) } },
      resolve: async (_root, args: { id: string }, ctx) => {
        const [row] = UUID.test(args.id) ? await ctx.tx<ProcedureRow[]>`select ${PROCEDURE_COLUMNS(ctx.tx)} from procedures p where p.id = ${args.id} and ${scope(ctx.tx, ctx.viewer)}` : [];
        if (!row) throw new GraphQLError(`Procedure ${args.id} was not found.`, { extensions: { code: "NOT_FOUND" } });
        await situate(ctx, [row]);
        return row;
      },
    },
  };
  // Query's own fields are "authenticated" in the policy: the server refused the request before without a viewer.
  for (const name of Object.keys(query)) if (POLICY.Query?.[name]?.kind !== "authenticated") throw new Error(`Query.${name}: the policy changed; check the fair baseline`);
  return new GraphQLSchema({ query: new GraphQLObjectType({ name: "Query", fields: query }) });
}
