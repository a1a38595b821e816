import { middleware, type IMiddleware, type IMiddlewareGenerator } from "graphql-middleware";
import { allow, rule, shield } from "graphql-shield";
import type { IRules } from "graphql-shield";

type ShieldRule = ReturnType<ReturnType<typeof rule>> | typeof allow;
import type { Context } from "../context.js";
import { ForbiddenError, UnauthenticatedError } from "../errors.js";
import type { ProcedureRow } from "../modules/procedures/procedure.repository.js";
import { DENIAL_MESSAGES, POLICY, type Access, type ProcedureClass } from "./policy.js";
import { procedureDecision } from "./procedure-situation.js";
import { hasRole, type Role } from "./viewer.js";
import { mayReadRequestPersonalIn, type RequestRecord } from "./request-access.js";

type Parent = Record<string, unknown>;

/**
 * The procedure a guarded object belongs to, by its type. A procedure row carries itself; nested
 * records name it (or, for a sensitive record, their data subject does).
 */
async function procedureOf(ctx: Context, typeName: string, parent: Parent): Promise<ProcedureRow | undefined> {
  if (typeName === "Procedure") {
    const procedure = parent as unknown as ProcedureRow;
    // Its nested records ask the loader for it next: the row at hand (every Procedure is a whole
    // row) spares a list of 50 a second read of the same 50 rows.
    ctx.loaders.procedure.prime(procedure.id, procedure);
    return procedure;
  }
  if (typeName === "SensitiveRecord") {
    const subject = await ctx.loaders.dataSubject.load(String(parent.dataSubjectId));
    return subject && ctx.loaders.procedure.load(subject.procedureId);
  }
  if (typeof parent.procedureId === "string") return ctx.loaders.procedure.load(parent.procedureId);
  return undefined;
}

const unauthenticated = (ctx: Context) =>
  new UnauthenticatedError(ctx.authFailure ?? "You must be logged in: call `login` and send its token as `Authorization: Bearer <token>`.", ctx.authFailureReason ?? undefined);

// Rules that only look at the viewer are cached per request ("contextual"); rules that read the
// parent are never cached ("no_cache"): a contextual cache keys on the rule name alone and would
// hand the first object's answer to every object (a leak).
const authenticated = rule("authenticated", { cache: "contextual" })((_parent, _args, ctx: Context) =>
  ctx.viewer ? true : unauthenticated(ctx),
);

const roleRules = new Map<string, ShieldRule>();
function withRoles(roles: readonly Role[]): ShieldRule {
  const name = `roles:${[...roles].sort().join("|")}`;
  let guard = roleRules.get(name);
  if (!guard) {
    guard = rule(name, { cache: "contextual" })((_parent, _args, ctx: Context) => {
      if (!ctx.viewer) return unauthenticated(ctx);
      return hasRole(ctx.viewer, ...roles) ? true : new ForbiddenError(`This needs one of the roles ${roles.join(", ")}.`, "ROLE");
    });
    roleRules.set(name, guard);
  }
  return guard;
}

const procedureRules = new Map<ProcedureClass, ShieldRule>();
function procedureClass(cls: ProcedureClass): ShieldRule {
  let guard = procedureRules.get(cls);
  if (!guard) {
    guard = rule(`procedure:${cls}`, { cache: "no_cache" })(async (parent: Parent, _args, ctx: Context, info) => {
      if (!ctx.viewer) return unauthenticated(ctx);
      const procedure = await procedureOf(ctx, info.parentType.name, parent);
      if (!procedure) return new ForbiddenError(DENIAL_MESSAGES.DELETED, "DELETED");
      const decision = await procedureDecision(ctx, procedure, cls);
      return decision.granted ? true : new ForbiddenError(DENIAL_MESSAGES[decision.reason], decision.reason);
    });
    procedureRules.set(cls, guard);
  }
  return guard;
}

/** The citizen's identity and words in a data-subject request: the one decision in auth/request-access.ts. */
const requestPersonal = rule("request:personal", { cache: "no_cache" })(async (parent: Parent, _args, ctx: Context, info) => {
  const viewer = ctx.viewer;
  if (!viewer) return unauthenticated(ctx);
  // A step's note is its request's personal data: the step carries its request.
  const request = (info.parentType.name === "DataSubjectRequestStep" ? parent.request : parent) as RequestRecord;
  return (await mayReadRequestPersonalIn(ctx, viewer, request))
    ? true
    : new ForbiddenError("Only the receiving authority's case handlers, the filing portal and the helpdesk on its route see who asked and what.", "ROLE");
});

function ruleFor(access: Access): ShieldRule {
  switch (access.kind) {
    case "public":
    case "reached":
    // Contact data: its rows are scoped in SQL and blocked values replaced by the resolver (R-USER-1).
    case "userContact":
      return allow;
    case "authenticated":
      return authenticated;
    case "roles":
      return withRoles(access.roles);
    case "procedure":
      return procedureClass(access.class);
    case "requestPersonal":
      return requestPersonal;
  }
}

/**
 * The shield tree, read off the policy; anything the policy does not name is denied. graphql-shield
 * wraps every field in an async middleware, `allow` ones too (their rule is always true, and a
 * resolver's error is rethrown, `debug`): those fields are left unwrapped, so they resolve exactly as
 * they would through the middleware, without a promise per field (bench/results.md).
 */
export function permissions(): IMiddlewareGenerator<unknown, Context, unknown> {
  const tree: Record<string, Record<string, ShieldRule>> = {};
  for (const [typeName, fields] of Object.entries(POLICY)) {
    tree[typeName] = Object.fromEntries(Object.entries(fields).map(([field, access]) => [field, ruleFor(access)]));
  }
  const guard = shield(tree as IRules, {
    fallbackRule: rule("deny-unlisted", { cache: "contextual" })(() => new ForbiddenError("No policy allows this field.", "ROLE")),
    // Domain errors of resolvers keep their codes; formatError hides anything unexpected.
    allowExternalErrors: true,
    // A rule that throws is a bug: rethrown (so formatError logs it and answers INTERNAL_SERVER_ERROR), never an allow.
    debug: true,
  });
  return middleware((schema) => {
    const generated = guard.generate(schema) as Record<string, Record<string, unknown>>;
    for (const [typeName, fields] of Object.entries(tree)) {
      for (const [field, guardRule] of Object.entries(fields)) if (guardRule === allow) delete generated[typeName]?.[field];
    }
    return generated as IMiddleware<unknown, Context, unknown>;
  });
}
