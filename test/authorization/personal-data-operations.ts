import type { GraphQLArgument, GraphQLField, GraphQLInputField, GraphQLInputType, GraphQLNamedType, GraphQLSchema } from "graphql";
import { isObject, namedType, selectAll } from "./schema-walk.js";

/**
 * Every root field of the schema as an operation the personal-data path test can call: its target
 * (a procedure situation, a data-subject request, or the world as a whole), a document selecting
 * everything its return type reaches, and variables generated from its arguments' names and types.
 * A field added to the schema is called without anyone listing it; one whose arguments cannot be
 * generated fails the test unless NOT_CALLED names it with the reason it carries no personal data.
 */

/** Root fields deliberately not called, each with why no personal data can come back. */
export const NOT_CALLED: Record<string, string> = {};

export type Target = "procedure" | "request" | "world";

/** What a cell's variables are drawn from. */
export interface CellContext {
  procedureId: string;
  dataSubjectId: string;
  legalPersonId: string;
  requestId: string | null;
  /** The `id` argument: whatever the field names (a procedure, a request, a user, a restriction). */
  id: string | null;
  authorities: { dk: string; de: string; de2: string };
  jws: string;
  viewerEmail: string;
  securityCode: () => string;
  password: string;
  /** A new planted string for the input at `path` (e.g. "input.fullName"). */
  plant: (path: string) => string;
  plantDate: (path: string) => string;
}

export interface Operation {
  kind: "query" | "mutation";
  field: string;
  target: Target;
  returnType: string;
  args: readonly GraphQLArgument[];
  /** The deepest selection depth the abuse limits accept (set by the test). */
  depth?: number;
}

const kindName = (type: { constructor: { name: string } }) => type.constructor.name;
const isNonNull = (type: GraphQLInputType) => kindName(type as never) === "GraphQLNonNull";
const isList = (type: GraphQLInputType) => kindName(type as never) === "GraphQLList";
const inner = (type: GraphQLInputType) => (type as unknown as { ofType: GraphQLInputType }).ofType;

function argNames(field: GraphQLField<unknown, unknown>, schema: GraphQLSchema): Set<string> {
  const names = new Set<string>();
  for (const arg of field.args) {
    names.add(arg.name);
    const type = namedType(arg.type);
    if (kindName(type) === "GraphQLInputObjectType" && arg.name !== "filter") {
      for (const f of Object.values((schema.getType(type.name) as unknown as { getFields(): Record<string, GraphQLInputField> }).getFields())) {
        if (isNonNull(f.type)) names.add(f.name);
      }
    }
  }
  return names;
}

/** What a root field works on, by its arguments: a request, a procedure, or nothing in particular. */
function targetOf(field: GraphQLField<unknown, unknown>, schema: GraphQLSchema): Target {
  const names = argNames(field, schema);
  const required = new Set(field.args.filter((a) => isNonNull(a.type)).map((a) => a.name));
  if (names.has("requestId") || (required.has("id") && /DataSubjectRequest/i.test(field.name))) return "request";
  // Issue 17 item 4: updateAlert and withdrawAlert take the alert's id.
  if (names.has("procedureId") || names.has("dataSubjectId") || (required.has("id") && /procedure|alert/i.test(field.name))) return "procedure";
  // A list filtered by procedure (the audit log) is asked per procedure.
  const filter = field.args.find((a) => a.name === "filter");
  if (filter) {
    const type = schema.getType(namedType(filter.type).name) as unknown as { getFields(): Record<string, GraphQLInputField> };
    if ("procedureId" in type.getFields()) return "procedure";
  }
  return "world";
}

export function operationsOf(schema: GraphQLSchema): Operation[] {
  const out: Operation[] = [];
  for (const kind of ["query", "mutation"] as const) {
    const root = kind === "query" ? schema.getQueryType() : schema.getMutationType();
    for (const field of Object.values(root!.getFields())) {
      if (field.name in NOT_CALLED) continue;
      out.push({ kind, field: field.name, target: targetOf(field, schema), returnType: namedType(field.type).name, args: field.args });
    }
  }
  return out;
}

/** The document of an operation, selecting everything its return type reaches `depth` object levels down. */
export function documentOf(schema: GraphQLSchema, op: Operation, variables: Record<string, unknown>, depth: number): string {
  const defs = op.args.filter((a) => a.name in variables).map((a) => `$${a.name}: ${String(a.type)}`);
  const call = op.args.filter((a) => a.name in variables).map((a) => `${a.name}: $${a.name}`);
  const type = schema.getType(op.returnType) as GraphQLNamedType;
  const selection = isObject(type) ? ` { ${selectAll(schema, op.returnType, depth)} }` : "";
  return `${op.kind} PersonalDataPath${defs.length ? `(${defs.join(", ")})` : ""} { ${op.field}${call.length ? `(${call.join(", ")})` : ""}${selection} }`;
}

/** Values by argument or input-field name; undefined leaves a nullable one out. */
function scalarFor(name: string, typeName: string, required: boolean, ctx: CellContext, path: string, inInput: boolean): unknown {
  switch (typeName) {
    case "ID": {
      const ids: Record<string, string | null> = {
        procedureId: ctx.procedureId,
        dataSubjectId: ctx.dataSubjectId,
        requestId: ctx.requestId,
        itemId: ctx.legalPersonId,
        id: ctx.id,
        toAuthorityId: ctx.authorities.de2,
        recipientAuthorityIds: ctx.authorities.de,
        receivingAuthorityId: ctx.authorities.dk,
        requestingAuthorityId: ctx.authorities.dk,
        authorityId: ctx.authorities.dk,
      };
      if (name in ids && ids[name]) return ids[name];
      return required ? ctx.procedureId : undefined;
    }
    case "String": {
      const fixed: Record<string, string> = {
        memberState: "DK",
        legalAreaCode: "SERVICES",
        legalAreaCodes: "SERVICES",
        code: "SERVICES",
        country: "DK",
        rightsAffected: "ACCESS",
        report: ctx.jws,
        password: ctx.password,
        contactPhone: "+45 1234 5678",
        website: "https://authority.example",
      };
      if (name in fixed) return fixed[name];
      if (name === "securityCode") return ctx.securityCode();
      if (name === "email" && path === "email") return ctx.viewerEmail;
      if (name === "after" || name === "action") return undefined;
      if (/email$/i.test(name)) return `${ctx.plant(path)}@planted.example`;
      if (name === "dateOfBirth") return ctx.plantDate(path);
      if (!required && !inInput && !["note", "justification", "body", "statement", "reason", "consentReference", "legalBasis"].includes(name)) return undefined;
      return ctx.plant(path);
    }
    case "Boolean": {
      const fixed: Record<string, boolean> = { approve: true, dryRun: true, enabled: true, includeResolved: true, includeUnpublished: true, allDataSubjectsConsented: false };
      if (name in fixed) return fixed[name];
      return required ? true : undefined;
    }
    case "Int":
      return name === "first" ? 100 : required ? 1 : undefined;
    case "DateTime":
      return required ? new Date("2026-06-01T09:00:00Z").toISOString() : undefined;
    default:
      return undefined;
  }
}

const ENUM_CHOICES: Record<string, string> = {
  ProcedureKind: "REQUEST",
  DataSubjectRequestKind: "RECTIFICATION",
  Role: "CASE_HANDLER",
  ConfidentialItemKind: "LEGAL_PERSON",
  RetrievalGround: "PROVE_EXCHANGE",
  ContestationGround: "ACCURACY",
  SanctionCategory: "CRIMINAL",
};

function valueFor(schema: GraphQLSchema, name: string, type: GraphQLInputType, ctx: CellContext, path: string, inInput: boolean): unknown {
  const required = isNonNull(type);
  const t = required ? inner(type) : type;
  if (isList(t)) {
    const v = valueFor(schema, name, inner(t), ctx, path, inInput);
    return v === undefined ? (required ? [] : undefined) : [v];
  }
  const named = namedType(t);
  const k = kindName(named);
  if (k === "GraphQLEnumType") {
    // Optional enums (filters, a restriction's kind of procedure) are left out.
    if (!required) return undefined;
    const values = (named as unknown as { getValues(): { name: string }[] }).getValues().map((v) => v.name);
    return ENUM_CHOICES[named.name] && values.includes(ENUM_CHOICES[named.name]!) ? ENUM_CHOICES[named.name] : values[0];
  }
  if (k === "GraphQLInputObjectType") {
    if (name === "filter") return path === "filter" && "procedureId" in (named as unknown as { getFields(): object }).getFields() ? { procedureId: ctx.procedureId } : undefined;
    const out: Record<string, unknown> = {};
    for (const f of Object.values((named as unknown as { getFields(): Record<string, GraphQLInputField> }).getFields())) {
      const v = valueFor(schema, f.name, f.type, ctx, `${path}.${f.name}`, true);
      if (v !== undefined) out[f.name] = v;
    }
    return out;
  }
  return scalarFor(name, named.name, required, ctx, path, inInput);
}

/** The variables of one call, generated from the arguments; throws when a required one has no value. */
export function variablesOf(schema: GraphQLSchema, op: Operation, ctx: CellContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const arg of op.args) {
    const v = valueFor(schema, arg.name, arg.type, ctx, arg.name, false);
    if (v === undefined || v === null) {
      if (isNonNull(arg.type)) throw new Error(`${op.field}: no value for the required argument ${arg.name}`);
      continue;
    }
    out[arg.name] = v;
  }
  return out;
}

/** Mutations that change a procedure's or a request's state run after those that only add to it. */
const LATE = [
  "sendProcedure",
  "acceptProcedure",
  "linkDataSubjectRequest",
  "decideDataSubjectRequest",
  "confirmDataSubjectRequest",
  "agreeDataSubjectRequestSteps",
  "produceAccessReport",
  "completeDataSubjectRequest",
  "recordContestation",
  "retrieveBlockedData",
  "requestEarlyDeletion",
  "forwardProcedure",
  "withdrawAlert",
  "closeProcedure",
  "deactivateUser",
];

export function mutationRank(field: string): number {
  const i = LATE.indexOf(field);
  return i === -1 ? 0 : i + 1;
}

export { isObject };
