import fc from "fast-check";
import type { GraphQLArgument, GraphQLField, GraphQLInputField, GraphQLNamedType, GraphQLSchema, GraphQLType } from "graphql";
import { POLICY } from "../../src/auth/policy.js";
import { selectAll } from "../authorization/schema-walk.js";
import { VIEWER_KEYS, VIEWER_ROLE, type IdPool, type ViewerKey } from "./fuzz-world.js";

/**
 * Random GraphQL requests drawn from the schema itself: operations over its real root fields, arguments
 * and variables of its real input types (valid ones and wrong ones), random selections over its real
 * object types, and the abuse shapes a client can send (huge strings, deep nesting, many aliases,
 * broken syntax, unknown ids, malformed HTTP bodies). A new field is fuzzed without anyone listing it.
 */

export interface FuzzRequest {
  viewer: ViewerKey;
  /** What kind of case this is (for the run's statistics and failure messages). */
  label: string;
  /** The operation's type as generated; the rules for the database depend on it. */
  operation: "query" | "mutation";
  /** Response keys of the root fields, in document order. */
  rootKeys: string[];
  /** Names of the root fields. */
  rootFields: string[];
  method: string;
  /** Path and query string. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The document and variables, for failure messages. */
  document?: string;
  variables?: unknown;
  /** Every string the client sent: an error message may quote them back, which is no leak. */
  sent: string[];
}

export interface Pools {
  ids: IdPool;
  /** Cursors of real pages (and the server's own cursor formats), to reach the keyset decoders. */
  cursors: string[];
}

type G = fc.GeneratorValue;

// By constructor name: vitest may load graphql twice (ESM and CJS), which breaks instanceof checks.
const kind = (t: GraphQLType | GraphQLNamedType) => t.constructor.name;
const ofType = (t: GraphQLType) => (t as unknown as { ofType: GraphQLType }).ofType;
function named(type: GraphQLType): GraphQLNamedType {
  let t = type;
  while (kind(t) === "GraphQLNonNull" || kind(t) === "GraphQLList") t = ofType(t);
  return t as GraphQLNamedType;
}
const fieldsOf = <T>(type: GraphQLNamedType) => Object.values((type as unknown as { getFields(): Record<string, T> }).getFields());
const enumValues = (type: GraphQLNamedType) => (type as unknown as { getValues(): { name: string }[] }).getValues().map((v) => v.name);
const isLeaf = (type: GraphQLNamedType) => kind(type) === "GraphQLScalarType" || kind(type) === "GraphQLEnumType";

const HUGE = [300, 10_001, 120_000, 700_000];

/** Strings that have broken servers: control and non-BMP characters, injection shapes, format strings. */
const HOSTILE = [
  "",
  " ",
  "\t\n",
  "a",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFF\uD800",
  "\u202Egnp.exe",
  "🙂👩‍👩‍👧 漢字 ÆØÅ ß é",
  "\\",
  '"',
  "'",
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  "1; select pg_sleep(5)",
  "$1",
  "%s%n%x",
  "${jndi:ldap://x/a}",
  "{{7*7}}",
  "<script>alert(1)</script>",
  "../../../../etc/passwd",
  "null",
  "undefined",
  "NaN",
  "-0",
  "1e309",
  "__proto__",
  "constructor",
];

const MALFORMED_IDS = [
  "",
  " ",
  "0",
  "-1",
  "1e9",
  "null",
  "not-an-id",
  "00000000-0000-0000-0000-000000000000",
  "00000000-0000-4000-a000-00000000000g",
  "00000000-0000-4000-a000-0000000000001",
  "{00000000-0000-4000-a000-000000000001}",
  "00000000000040000a000000000000001",
  "' OR 1=1 --",
  "\u0000",
  "x".repeat(5000),
];

const DATE_TIMES: unknown[] = [
  "2026-06-01T09:00:00Z",
  "2026-06-01T09:00:00.000+02:00",
  "2026-05-01T00:00:00Z",
  "2026-07-01T00:00:00Z",
  "2100-01-01T00:00:00Z",
  "1970-01-01T00:00:00Z",
  "0001-01-01T00:00:00Z",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999Z",
  "2016-12-31T23:59:60Z",
  "2026-02-30T00:00:00Z",
  "2026-06-01",
  "2026-06-01T09:00:00",
  "yesterday",
  "",
  0,
  1_780_000_000_000,
  -62_198_755_200_000,
];

const INTS: unknown[] = [0, 1, 2, 5, 20, 99, 100, 101, -1, 2_147_483_647, 2_147_483_648, -2_147_483_649, 1.5, "10", 1e21, true];

const STRING_BY_NAME: [RegExp, unknown[]][] = [
  [/memberState/i, ["DK", "DE", "FR", "EU", "XX", "dk", "", "DNK", "ÆØ"]],
  [/securityCode/i, ["000000", "123456", "12345", "1234567", "abcdef", "", " 000000 "]],
  [/password/i, ["test-password-123", "demo-password", "", "x".repeat(1000)]],
  [/email/i, ["someone@imi.test", "helpdesk@imi.example", "not-an-email", "a@b", "", "@", "a@b.c".padStart(320, "a")]],
  [/dateOfBirth/i, ["1975-09-30", "2026-99-99", "0000-00-00", "1975/09/30", "19750930", ""]],
  [/website|url/i, ["https://authority.example", "javascript:alert(1)", "not a url", ""]],
  [/(^|\.)report$/i, ["a.b.c", "eyJhbGciOiJFZERTQSJ9.e30.AAAA", "....", "x".repeat(4000)]],
  [/rightsAffected/i, ["ACCESS", "RECTIFICATION", "ERASURE", ""]],
];

/** Plausible values by argument name, for clean documents (those meant to get through to the services). */
const CLEAN_BY_NAME: [RegExp, unknown[]][] = [
  [/memberState/i, ["DK", "DE", "FR"]],
  [/securityCode/i, ["123456"]],
  [/password/i, ["a-long-enough-password-1"]],
  [/email/i, ["someone.new@imi.test", "office@authority.example"]],
  [/dateOfBirth/i, ["1975-09-30"]],
  [/website|url/i, ["https://authority.example"]],
  [/rightsAffected/i, ["ACCESS", "RECTIFICATION"]],
  [/country/i, ["DK", "DE"]],
];

export class DocumentFuzzer {
  /** The request being built is clean: plausible values only, no breakage (set per request). */
  private clean = false;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly pools: Pools,
  ) {}

  // -- random primitives -------------------------------------------------------------------------

  /** Unbiased: fast-check leans integers towards small and extreme values, which would skew every weight below (edge values come from the pools instead). */
  private int(g: G, min: number, max: number): number {
    return g((lo: number, hi: number) => fc.noBias(fc.integer({ min: lo, max: hi })), min, max);
  }

  private chance(g: G, p: number): boolean {
    return this.int(g, 0, 9999) < p * 10000;
  }

  private pick<T>(g: G, items: readonly T[]): T {
    return items[this.int(g, 0, items.length - 1)]!;
  }

  private weighted<T>(g: G, items: readonly [number, T][]): T {
    const total = items.reduce((sum, [w]) => sum + w, 0);
    let n = this.int(g, 0, total - 1);
    for (const [w, value] of items) {
      if (n < w) return value;
      n -= w;
    }
    return items.at(-1)![1];
  }

  private huge(g: G): string {
    const size = this.pick(g, HUGE);
    return this.chance(g, 0.5) ? "x".repeat(size) : "漢".repeat(Math.floor(size / 3));
  }

  // -- values of input types ---------------------------------------------------------------------

  /** The world's ids an argument most likely takes: by its own name, and a plain `id` by its field's. */
  private idsFor(hint: string): string[] {
    const p = this.pools.ids;
    const [field = "", arg = field] = hint.split(".");
    if (/^procedureId$/i.test(arg)) return p.procedures;
    if (/^dataSubjectId$/i.test(arg)) return p.dataSubjects;
    if (/authorityIds?$/i.test(arg)) return p.authorities;
    if (/userId$/i.test(arg)) return p.users;
    if (/^requestId$/i.test(arg)) return p.requests;
    if (/^itemId$/i.test(arg)) return [...p.messages, ...p.legalPersons];
    if (/user/i.test(field)) return p.users;
    if (/request/i.test(field)) return p.requests;
    if (/authority/i.test(field)) return p.authorities;
    if (/procedure/i.test(field)) return p.procedures;
    return [...p.procedures, ...p.authorities, ...p.users, ...p.requests, ...p.dataSubjects, ...p.sensitiveRecords];
  }

  private id(g: G, hint: string): unknown {
    const p = this.pools.ids;
    const pool = this.idsFor(hint);
    if (this.clean) return this.chance(g, 0.95) ? this.pick(g, pool.length > 0 ? pool : p.procedures) : g(fc.uuid, {});
    return this.weighted<() => unknown>(g, [
      [70, () => this.pick(g, pool.length > 0 ? pool : p.procedures)],
      [8, () => this.pick(g, [...p.procedures, ...p.authorities, ...p.users, ...p.requests, ...p.dataSubjects, ...p.messages, ...p.legalPersons])],
      [10, () => g(fc.uuid, {})],
      [10, () => this.pick(g, MALFORMED_IDS)],
      [2, () => this.pick(g, [1, 0, -1, 1.5, true, {}])],
    ])();
  }

  private string(g: G, hint: string): unknown {
    if (this.clean) {
      if (/(^|\.)after$/.test(hint)) return this.pick(g, this.pools.cursors.slice(0, 3));
      if (/legalAreaCode|(^|\.)code$|legalAreaCodes/i.test(hint)) return this.pick(g, this.pools.ids.legalAreaCodes);
      for (const [pattern, values] of CLEAN_BY_NAME) if (pattern.test(hint)) return this.pick(g, values);
      return this.pick(g, ["Registration check", "The provider applied to work in Denmark.", "Art. 33 of Directive 2005/36/EC", "REF-2026-1", "Jens Hansen"]);
    }
    if (this.chance(g, 0.03)) return this.huge(g);
    if (this.chance(g, 0.1)) return this.pick(g, HOSTILE);
    if (/(^|\.)after$/.test(hint)) return this.pick(g, this.pools.cursors);
    if (/legalAreaCode|(^|\.)code$|legalAreaCodes/i.test(hint)) return this.pick(g, [...this.pools.ids.legalAreaCodes, "UNKNOWN", "services", ""]);
    for (const [pattern, values] of STRING_BY_NAME) if (pattern.test(hint)) return this.pick(g, values);
    return this.weighted<() => unknown>(g, [
      [40, () => this.pick(g, ["Registration check", "The provider applied to work in Denmark.", "Art. 33", "REF-1", "Jens Hansen", "ok"])],
      [30, () => g(fc.string, { maxLength: 40 })],
      [15, () => g(fc.string, { unit: "binary", maxLength: 20 })],
      [10, () => g(fc.lorem, { maxCount: 30 })],
      [5, () => this.pick(g, [0, true, ["a"], { a: 1 }])],
    ])();
  }

  private scalar(g: G, typeName: string, hint: string): unknown {
    switch (typeName) {
      case "ID":
        return this.id(g, hint);
      case "String":
        return this.string(g, hint);
      case "Int":
        return this.pick(g, this.clean ? [1, 5, 20, 100] : INTS);
      case "Float":
        return this.pick(g, [0, 1.5, -1, 1e308, "1"]);
      case "Boolean":
        if (this.clean) return this.chance(g, 0.5);
        return this.weighted<unknown>(g, [
          [45, true],
          [45, false],
          [10, this.pick(g, ["true", 0, 1, null])],
        ]);
      case "DateTime":
        return this.pick(g, this.clean ? DATE_TIMES.slice(0, 3) : DATE_TIMES);
      default:
        return this.string(g, hint);
    }
  }

  private value(g: G, type: GraphQLType, hint: string, depth = 0): unknown {
    if (this.clean) return this.cleanValue(g, type, hint);
    if (kind(type) === "GraphQLNonNull") return this.chance(g, 0.01) ? null : this.value(g, ofType(type), hint, depth);
    if (this.chance(g, 0.03)) return null;
    if (kind(type) === "GraphQLList") {
      // A lone value stands for a list of one (input coercion); deeply nested lists must be refused cleanly.
      if (this.chance(g, 0.05)) return this.value(g, ofType(type), hint, depth);
      if (this.chance(g, 0.02)) return this.nestedList(this.int(g, 2, 400), this.value(g, ofType(type), hint, depth));
      return Array.from(
        {
          length: this.weighted(g, [
            [30, 0],
            [50, 1],
            [15, 3],
            [5, 60],
          ]),
        },
        () => this.value(g, ofType(type), hint, depth),
      );
    }
    const t = type as GraphQLNamedType;
    if (kind(t) === "GraphQLEnumType") {
      return this.chance(g, 0.93) ? this.pick(g, enumValues(t)) : this.pick(g, ["NOPE", "request", "", 1]);
    }
    if (kind(t) === "GraphQLInputObjectType") {
      if (depth > 3 || this.chance(g, 0.03)) return this.pick(g, ["not an object", 1, [], true]);
      const out: Record<string, unknown> = {};
      for (const field of fieldsOf<GraphQLInputField>(t)) {
        const required = kind(field.type) === "GraphQLNonNull" && field.defaultValue === undefined;
        if (required ? this.chance(g, 0.96) : this.chance(g, 0.5)) out[field.name] = this.value(g, field.type, field.name, depth + 1);
      }
      if (this.chance(g, 0.04)) out[this.pick(g, ["unknownField", "__proto__", "id"])] = "x";
      return out;
    }
    return this.scalar(g, t.name, hint);
  }

  /** A value of the type that validation and input checks accept, as far as the schema tells. */
  private cleanValue(g: G, type: GraphQLType, hint: string): unknown {
    if (kind(type) === "GraphQLNonNull") return this.cleanValue(g, ofType(type), hint);
    if (kind(type) === "GraphQLList") return [this.cleanValue(g, ofType(type), hint)];
    const t = type as GraphQLNamedType;
    if (kind(t) === "GraphQLEnumType") return this.pick(g, enumValues(t));
    if (kind(t) === "GraphQLInputObjectType") {
      const out: Record<string, unknown> = {};
      for (const field of fieldsOf<GraphQLInputField>(t)) {
        const required = kind(field.type) === "GraphQLNonNull" && field.defaultValue === undefined;
        if (required || this.chance(g, 0.5)) out[field.name] = this.cleanValue(g, field.type, field.name);
      }
      return out;
    }
    return this.scalar(g, t.name, hint);
  }

  private nestedList(depth: number, inner: unknown): unknown {
    let value = inner;
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  }

  /** A value written into the document: enums bare, strings quoted, objects and lists as literals. */
  private literal(value: unknown, type: GraphQLType | undefined): string {
    const inner = type && (kind(type) === "GraphQLNonNull" ? ofType(type) : type);
    if (value === null || value === undefined) return "null";
    if (Array.isArray(value)) {
      const item = inner && kind(inner) === "GraphQLList" ? ofType(inner) : inner;
      return `[${value.map((v) => this.literal(v, item)).join(", ")}]`;
    }
    if (typeof value === "object") {
      const fields =
        inner && kind(inner) === "GraphQLInputObjectType" ? (inner as unknown as { getFields(): Record<string, GraphQLInputField> }).getFields() : {};
      const entries = Object.entries(value as Record<string, unknown>).map(
        ([k, v]) => `${/^[_A-Za-z][_0-9A-Za-z]*$/.test(k) ? k : "bad_name"}: ${this.literal(v, fields[k]?.type)}`,
      );
      return `{${entries.join(", ")}}`;
    }
    if (typeof value === "string") {
      if (inner && kind(inner) === "GraphQLEnumType" && enumValues(inner as GraphQLNamedType).includes(value)) return value;
      return JSON.stringify(value);
    }
    return String(value);
  }

  // -- documents ---------------------------------------------------------------------------------

  private anyViewer(g: G): ViewerKey {
    return this.weighted<ViewerKey>(g, [
      [10, "anonymous"],
      [4, "badToken"],
      ...VIEWER_KEYS.filter((k) => k !== "anonymous" && k !== "badToken").map((k) => [12, k] as [number, ViewerKey]),
    ]);
  }

  /** A viewer the policy lets call the root field (src/auth/policy.ts), so that documents get past the shield. */
  private viewerFor(g: G, operation: "query" | "mutation", field: string | undefined): ViewerKey {
    const access = POLICY[operation === "query" ? "Query" : "Mutation"]?.[field ?? ""];
    const allowed = VIEWER_KEYS.filter((key) => {
      const role = VIEWER_ROLE[key];
      if (!access || access.kind === "public") return true;
      if (access.kind === "roles") return role !== null && access.roles.includes(role);
      return role !== null;
    });
    return this.pick(g, allowed.length > 0 ? allowed : VIEWER_KEYS);
  }

  /** One random request, from any viewer or (mostly) one the policy lets call its root field. */
  request(g: G): FuzzRequest {
    const shape = this.weighted<"graphql" | "get" | "raw">(g, [
      [88, "graphql"],
      [5, "get"],
      [7, "raw"],
    ]);
    this.clean = false;
    if (shape === "raw") return this.rawRequest(g, this.anyViewer(g));
    const operation = this.weighted<"query" | "mutation">(g, [
      [62, "query"],
      [38, "mutation"],
    ]);
    this.clean = this.chance(g, 0.35);
    const built = this.document(g, operation);
    const viewer = this.chance(g, 0.6) ? this.viewerFor(g, operation, built.rootFields[0]) : this.anyViewer(g);
    if (shape === "get") {
      const search = new URLSearchParams({ query: built.document });
      if (built.variables !== undefined) search.set("variables", JSON.stringify(built.variables));
      return {
        viewer,
        operation,
        ...built,
        label: `GET ${built.label}`,
        method: "GET",
        path: `/graphql?${search}`,
        headers: { "apollo-require-preflight": "1" },
      };
    }
    const body = JSON.stringify({ query: built.document, variables: built.variables, ...(built.operationName ? { operationName: built.operationName } : {}) });
    return { viewer, operation, ...built, method: "POST", path: "/graphql", headers: { "content-type": "application/json" }, body };
  }

  private document(g: G, operation: "query" | "mutation") {
    const queryType = this.schema.getQueryType()!;
    const root = operation === "query" ? queryType : this.schema.getMutationType()!;
    const all = fieldsOf<GraphQLField<unknown, unknown>>(root);
    // Focused cases read everything a root field can reach (the personal data included); the others
    // pick random fields. Both run on the fields the schema has now.
    const focused = this.chance(g, 0.35);
    const reaching = [
      "procedure",
      "procedures",
      "exchangeReport",
      "dataSubjectRequests",
      "dataSubjectRequest",
      "accessReport",
      "auditEvents",
      "users",
      "viewer",
      "reminders",
    ];
    const candidates = operation === "query" && focused ? all.filter((f) => reaching.includes(f.name)) : all;
    const count =
      operation === "mutation"
        ? 1
        : this.weighted(g, [
            [70, 1],
            [20, 2],
            [10, 3],
          ]);
    const vars = new Variables();
    const fields: { key: string; name: string; args: string; selection: string }[] = [];
    for (let i = 0; i < count; i++) {
      const field = this.pick(g, candidates);
      const key = i === 0 && this.chance(g, 0.8) ? field.name : `r${i}`;
      const args = this.arguments(g, field, field.name, vars);
      const type = named(field.type);
      const selection = isLeaf(type)
        ? ""
        : `{ ${focused ? selectAll(this.schema, type.name, 4) || "__typename" : this.selection(g, type, this.int(g, 1, 5))} }`;
      fields.push({ key, name: field.name, args, selection });
    }
    const print = (f: (typeof fields)[number], key = f.key, directives = "") =>
      `${key === f.name ? "" : `${key}: `}${f.name}${f.args}${directives} ${f.selection}`.trim();
    let label = `${operation}${this.clean ? " clean" : ""}${focused ? " focused" : ""} ${fields.map((f) => f.name).join("+")}`;
    let rootKeys = fields.map((f) => f.key);
    let rootFields = fields.map((f) => f.name);
    let body = fields.map((f) => print(f)).join(" ");
    let fragments = "";
    let opType: string = operation;
    let operationName: string | undefined;
    let varDefs = vars.definitions();
    let variables: Record<string, unknown> | undefined = vars.values;

    // Broken and abusive variants of the same document.
    const breakage = this.clean
      ? "none"
      : this.weighted<string>(g, [
          [62, "none"],
          [3, "many aliases"],
          [3, "deep fragments"],
          [2, "deep list literal"],
          [2, "many directives"],
          [3, "truncated"],
          [3, "garbage"],
          [2, "unknown field"],
          [4, "wrong variable type"],
          [3, "missing variable"],
          [2, "extra variable"],
          [2, "variables not an object"],
          [2, "introspection"],
          [2, "two operations"],
          [1, "fragment cycle"],
          [1, "many tokens"],
          [1, "subscription"],
          [2, "costly"],
        ]);
    switch (breakage) {
      case "many aliases": {
        const n = this.int(g, 16, 60);
        rootKeys = Array.from({ length: n }, (_, i) => `a${i}`);
        body = rootKeys.map((key) => print(fields[0]!, key)).join(" ");
        break;
      }
      case "deep fragments": {
        const n = this.pick(g, [12, 60, 300, 1600]);
        body = `${`... on ${root.name} { `.repeat(n)}${body}${" }".repeat(n)}`;
        break;
      }
      case "deep list literal": {
        // An argument's value nested hundreds of lists deep: parser and validator recursion.
        const n = this.pick(g, [50, 600, 2400]);
        const first = all.find((f) => f.name === fields[0]!.name)!.args[0];
        if (first) body = print({ ...fields[0]!, args: `(${first.name}: ${"[".repeat(n)}"x"${"]".repeat(n)})` });
        break;
      }
      case "many directives":
        body = [
          print(fields[0]!, fields[0]!.key, ` ${"@include(if: true) ".repeat(this.int(g, 2, 40))}${this.chance(g, 0.3) ? "@nope" : ""}`),
          ...fields.slice(1).map((f) => print(f)),
        ].join(" ");
        break;
      case "unknown field":
        body += ` ${this.pick(g, ["nonexistentField", "password", "passwordHash", "totpSecret", "__proto__"])}`;
        break;
      case "wrong variable type":
        if (vars.count > 0)
          varDefs = vars.definitions(this.pick(g, ["Int", "String!", "[ID!]!", "Boolean", "Nope", "DateTime!", "ProcedureFilter", "[[String]]"]));
        else variables = { v0: 1 };
        break;
      case "missing variable":
        if (variables && Object.keys(variables).length > 0) delete variables[this.pick(g, Object.keys(variables))];
        else varDefs = "($undefinedVar: ID!)";
        break;
      case "extra variable":
        variables = { ...variables, extra: this.pick(g, HOSTILE) };
        break;
      case "variables not an object":
        variables = this.pick(g, ["{}", [1, 2], 1, "x"] as unknown[]) as Record<string, unknown>;
        break;
      case "introspection":
        if (operation === "query") {
          body += this.pick(g, [
            " __schema { queryType { name } types { name fields { name args { name } } } }",
            ' __type(name: "Procedure") { fields { name type { name } } }',
          ]);
        }
        break;
      case "two operations":
        fragments += ` ${operation} Other { __typename }`;
        operationName = this.pick(g, [undefined, "Missing", "Other", "Fuzz"]);
        break;
      case "fragment cycle":
        fragments += ` fragment A on ${root.name} { ...B } fragment B on ${root.name} { ...A }`;
        body += " ...A";
        break;
      case "many tokens":
        body += " __typename".repeat(this.int(g, 5001, 6000));
        break;
      case "subscription":
        opType = "subscription";
        break;
      case "costly":
        if (operation === "query") {
          rootKeys = Array.from({ length: 15 }, (_, i) => `c${i}`);
          body = rootKeys
            .map(
              (key) =>
                `${key}: procedures(first: 100) { edges { node { participants { authority { legalAreas { code name actReference } } } initiator { legalAreas { code } } } } }`,
            )
            .join(" ");
          varDefs = "";
          variables = undefined;
        }
        break;
    }
    if (breakage !== "none") label += ` [${breakage}]`;
    const withName = this.chance(g, 0.5) || breakage === "two operations";
    let document = `${opType}${withName ? " Fuzz" : ""}${varDefs} { ${body} }${fragments}`;
    if (breakage === "truncated") document = document.slice(0, this.int(g, 0, document.length - 1));
    if (breakage === "garbage") {
      const at = this.int(g, 0, document.length);
      document =
        document.slice(0, at) +
        this.pick(g, ["{", "}", "(", ")", "$", "@", '"', "\\", "...", "#", "\u0000", "\uFEFF", "}}}}", "query", ":", "!"]) +
        document.slice(at);
    }
    const sent = [...vars.sent, ...collectStrings(variables)];
    return { document, variables, operationName, label, rootKeys, rootFields, sent };
  }

  private arguments(g: G, field: GraphQLField<unknown, unknown>, hint: string, vars: Variables): string {
    const parts: string[] = [];
    for (const arg of field.args as GraphQLArgument[]) {
      const required = kind(arg.type) === "GraphQLNonNull" && arg.defaultValue === undefined;
      if (!(required ? this.clean || this.chance(g, 0.97) : this.chance(g, 0.45))) continue;
      const value = this.value(g, arg.type, `${hint}.${arg.name}`);
      vars.sent.push(...collectStrings(value));
      parts.push(`${arg.name}: ${this.chance(g, 0.55) ? vars.add(arg.type, value) : this.literal(value, arg.type)}`);
    }
    if (!this.clean && this.chance(g, 0.02)) parts.push(`unknownArg: 1`);
    return parts.length > 0 ? `(${parts.join(", ")})` : "";
  }

  /** A random selection over an object type's real fields, nested `depth` levels at most. */
  private selection(g: G, type: GraphQLNamedType, depth: number): string {
    if (kind(type) !== "GraphQLObjectType") return "__typename";
    const fields = fieldsOf<GraphQLField<unknown, unknown>>(type);
    const n = this.int(g, 1, Math.min(fields.length, 6));
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const field = this.pick(g, fields);
      const inner = named(field.type);
      const alias = this.chance(g, 0.08) ? `x${i}: ` : "";
      if (isLeaf(inner)) {
        parts.push(`${alias}${field.name}`);
        continue;
      }
      const sub = depth > 0 ? this.selection(g, inner, depth - 1) : "__typename";
      parts.push(`${alias}${field.name} { ${sub} }`);
    }
    if (this.chance(g, 0.05)) parts.push("__typename");
    if (this.chance(g, 0.05)) parts.push(`... on ${type.name} { ${this.selection(g, type, Math.max(0, depth - 1))} }`);
    // Duplicate names with different shapes are a validation error; aliases keep the rest valid.
    const seen = new Map<string, number>();
    return parts
      .map((p) => {
        if (p.startsWith("...")) return p;
        const name = p.match(/^(\w+)/)![1]!;
        const k = (seen.get(name) ?? 0) + 1;
        seen.set(name, k);
        return k > 1 ? `d${k}_${name}: ${p.replace(/^\w+: /, "")}` : p;
      })
      .join(" ");
  }

  // -- the sweep: every root query, on every row of the world ---------------------------------------

  /**
   * Every Query root field with everything it reaches selected, once for each way the world's ids
   * fill its ID arguments (other required arguments get one plausible value, lists ask for 100). Not
   * random: each viewer is asked every one of these, so that a broken rule cannot go unseen. Each
   * comes selected 4 levels deep down to 1: the caller keeps the deepest the abuse limits accept.
   */
  sweep(): { field: string; label: string; byDepth: string[] }[] {
    const out: { field: string; label: string; byDepth: string[] }[] = [];
    for (const field of fieldsOf<GraphQLField<unknown, unknown>>(this.schema.getQueryType()!)) {
      const type = named(field.type);
      let combos: string[][] = [[]];
      for (const arg of field.args as GraphQLArgument[]) {
        const required = kind(arg.type) === "GraphQLNonNull" && arg.defaultValue === undefined;
        const argType = named(arg.type).name;
        let values: string[];
        if (argType === "ID") values = this.idsFor(`${field.name}.${arg.name}`).map((id) => JSON.stringify(id));
        else if (arg.name === "first") values = ["100"];
        else if (!required) continue;
        else if (/memberState/i.test(arg.name)) values = ['"DK"', '"DE"'];
        else values = ['"x"'];
        combos = combos.flatMap((combo) => values.map((v) => [...combo, `${arg.name}: ${v}`]));
      }
      for (const args of combos) {
        const head = `query Sweep { ${field.name}${args.length ? `(${args.join(", ")})` : ""}`;
        const byDepth = [4, 3, 2, 1].map((depth) => `${head}${isLeaf(type) ? "" : ` { ${selectAll(this.schema, type.name, depth) || "__typename"} }`} }`);
        out.push({ field: field.name, label: `sweep ${field.name}`, byDepth });
      }
    }
    return out;
  }

  // -- HTTP-level garbage ------------------------------------------------------------------------

  private rawRequest(g: G, viewer: ViewerKey): FuzzRequest {
    const base = { viewer, operation: "query" as const, rootKeys: [], rootFields: [], sent: [] as string[] };
    const json = { "content-type": "application/json" };
    const variant = this.weighted<() => Omit<FuzzRequest, "viewer" | "operation" | "rootKeys" | "rootFields" | "sent">>(g, [
      [
        3,
        () => ({
          label: "raw invalid JSON",
          method: "POST",
          path: "/graphql",
          headers: json,
          body: this.pick(g, ["{ not json", '{"query": ', "\u0000", "[", '"unterminated']),
        }),
      ],
      [
        2,
        () => ({
          label: "raw batch",
          method: "POST",
          path: "/graphql",
          headers: json,
          body: JSON.stringify([{ query: "{ __typename }" }, { query: "{ viewer { id } }" }]),
        }),
      ],
      [
        3,
        () => ({
          label: "raw body shapes",
          method: "POST",
          path: "/graphql",
          headers: json,
          body: this.pick(g, [
            "{}",
            "null",
            '"x"',
            "1",
            '{"query": 1}',
            '{"query": null}',
            '{"query": "{ __typename }", "variables": "x"}',
            '{"query": "{ __typename }", "operationName": 5}',
            '{"query": ["{ __typename }"]}',
            '{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}',
            '{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0000000000000000000000000000000000000000000000000000000000000000"}}}',
          ]),
        }),
      ],
      [2, () => ({ label: "raw empty body", method: "POST", path: "/graphql", headers: json, body: "" })],
      [
        2,
        () => ({
          label: "raw text/plain (CSRF)",
          method: "POST",
          path: "/graphql",
          headers: { "content-type": "text/plain" },
          body: JSON.stringify({ query: "mutation { runRetention(dryRun: true) { id } }" }),
        }),
      ],
      [1, () => ({ label: "raw no content-type", method: "POST", path: "/graphql", headers: {}, body: JSON.stringify({ query: "{ __typename }" }) })],
      [
        1,
        () => ({
          label: "raw application/graphql",
          method: "POST",
          path: "/graphql",
          headers: { "content-type": "application/graphql" },
          body: "{ __typename }",
        }),
      ],
      [
        2,
        () => ({
          label: "raw over 1 MB",
          method: "POST",
          path: "/graphql",
          headers: json,
          body: JSON.stringify({ query: `{ __typename } # ${"x".repeat(1024 * 1024)}` }),
        }),
      ],
      [
        2,
        () => ({
          label: "raw method",
          method: this.pick(g, ["PUT", "DELETE", "PATCH"]),
          path: "/graphql",
          headers: json,
          body: JSON.stringify({ query: "{ __typename }" }),
        }),
      ],
      [
        2,
        () => ({
          label: "raw GET mutation",
          method: "GET",
          path: `/graphql?${new URLSearchParams({ query: "mutation { runRetention(dryRun: true) { id } }" })}`,
          headers: { "apollo-require-preflight": "1" },
        }),
      ],
      [
        2,
        () => ({
          label: "raw GET garbage",
          method: "GET",
          path: `/graphql?${this.pick(g, ["query=%7B", "query=%", "variables=%7B&query=%7B__typename%7D", "query=" + "a".repeat(20000), "extensions=1&query=%7B__typename%7D"])}`,
          headers: { "apollo-require-preflight": "1" },
        }),
      ],
    ]);
    return { ...base, ...variant() };
  }
}

/** Variables of one document: `$vN` definitions typed as the argument (or, to break it, otherwise). */
class Variables {
  private readonly defs: { name: string; type: string }[] = [];
  readonly values: Record<string, unknown> = {};
  /** Every string value of the document, inline or in variables. */
  readonly sent: string[] = [];

  get count(): number {
    return this.defs.length;
  }

  add(type: GraphQLType, value: unknown): string {
    const name = `v${this.defs.length}`;
    this.defs.push({ name, type: String(type) });
    if (value !== undefined) this.values[name] = value;
    return `$${name}`;
  }

  /** `($v0: ID!, …)`; `wrong` replaces the first variable's type. */
  definitions(wrong?: string): string {
    if (this.defs.length === 0) return "";
    return `(${this.defs.map((d, i) => `$${d.name}: ${i === 0 && wrong ? wrong : d.type}`).join(", ")})`;
  }
}

function collectStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) collectStrings(v, out);
  return out;
}
