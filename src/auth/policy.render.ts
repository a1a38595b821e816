/**
 * Renders docs/authorization.md from the policy itself (`npm run docs:authorization`), or with
 * --check fails when the committed file is stale (CI). The matrix a reader sees is the one enforced.
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { POLICY, PROCEDURE_CLASSES, RECORD_STATES, RELATIONS, REQUEST_PERSONAL, REQUEST_RELATIONS, type Access, type Cells } from "./policy.js";
import { ROLES } from "./viewer.js";
import { cellsExpression, GUARDED, readableSelect, REQUEST_PERSONAL_TABLES, REQUEST_PERSONAL_VIEW, requestReadableSelect } from "../db/rls/policies.sql.js";
import { API_ROLE, SYSTEM_ROLE, SYSTEM_USES } from "../db/rls/roles.js";

const target = fileURLToPath(new URL("../../docs/authorization.md", import.meta.url));

const CLASS_TITLES: Record<keyof typeof PROCEDURE_CLASSES, string> = {
  metadata: "Procedure metadata (reference, kind, area, status, dates, participating authorities)",
  participant: "The initiator's justification",
  personalData: "Personal data (data subjects, sensitive records, messages, consent references) and legal persons",
};

function classTable(cells: Cells): string {
  const head = `| role | ${RELATIONS.join(" | ")} |\n|---|${RELATIONS.map(() => "---").join("|")}|`;
  const rows = ROLES.map((role) => {
    const byRelation = cells[role] ?? {};
    const entries = RELATIONS.map((relation) => {
      const states = byRelation[relation] ?? [];
      if (states.length === 0) return "—";
      return states.length === RECORD_STATES.length ? "always" : states.join(", ").toLowerCase();
    });
    return `| ${role} | ${entries.join(" | ")} |`;
  });
  return [head, ...rows].join("\n");
}

function describe(access: Access): string {
  switch (access.kind) {
    case "public":
      return "anyone, without login";
    case "authenticated":
      return "any logged-in user (rows scoped in SQL)";
    case "roles":
      return `roles ${access.roles.join(", ")}`;
    case "reached":
      return "whoever reached the object";
    case "userContact":
      return "scoped users; blocked at deactivation";
    case "procedure":
      return `procedure: ${access.class}`;
    case "requestPersonal":
      return "request personal data (below): receiving authority's case handlers, filing portal, helpdesk on its route";
  }
}

function requestTable(): string {
  const head = `| role | ${REQUEST_RELATIONS.join(" | ")} |\n|---|${REQUEST_RELATIONS.map(() => "---").join("|")}|`;
  const rows = ROLES.map((role) => `| ${role} | ${REQUEST_RELATIONS.map((r) => ((REQUEST_PERSONAL[role] ?? []).includes(r) ? "yes" : "—")).join(" | ")} |`);
  return [head, ...rows].join("\n");
}

/** Issue 13: the row policies the generator emits from these cells (src/db/rls/policies.sql.ts). */
function databaseWall(): string {
  const classes = GUARDED.map(({ cls, view, tables }) => {
    const readable = (e: string) => `${e} IN ${view}`;
    const also = tables
      .filter((t) => t.alsoReadBy || t.readOnly)
      .map((t) => [t.alsoReadBy && `\`${t.table}\` also where \`${t.alsoReadBy(readable)}\``, t.readOnly && `\`${t.table}\` read, never changed, where \`${t.readOnly}\``].filter(Boolean).join("; "));
    return (
      `### \`${cls}\` → \`EXISTS (SELECT 1 FROM ${view} v WHERE v.procedure_id = <the row's procedure> OFFSET 0)\`\n\nOn ${tables.map((t) => `\`${t.table}\``).join(", ")}` +
      ` (each row's procedure${also.length ? "; " + also.join("; ") : ""}). The cells, as a condition:\n\n` +
      "```sql\n" + cellsExpression(PROCEDURE_CLASSES[cls]) + "\n```\n\nand the view the generator emits from them:\n\n" +
      "```sql\n" + readableSelect(PROCEDURE_CLASSES[cls]) + "\n```"
    );
  }).join("\n\n");
  const uses = Object.entries(SYSTEM_USES).map(([use, what]) => `| \`${use}\` | ${what} |`).join("\n");
  return `## The second wall: the database (row-level security)

graphql-shield is the first wall: it explains, field by field, why something is withheld. The
database is the second: every GraphQL operation runs in one transaction as the role \`${API_ROLE}\`
(no table of its own, no \`BYPASSRLS\`, the audit log \`SELECT\` and \`INSERT\` only) with the
viewer set transaction-locally (\`imi.user_id\`, \`imi.authority_id\`, \`imi.member_state\`,
\`imi.roles\`, \`imi.now\`; \`src/db/rls/request-scope.ts\`), and the tables below hold
\`FORCE ROW LEVEL SECURITY\` with a read policy generated from the cells above, and \`UPDATE\`
and \`DELETE\` policies that reach the same rows (R-SEC-1: PostgreSQL applies a read policy to
an \`UPDATE\` or \`DELETE\` only when it reads columns, so a bare \`DELETE FROM\` is held by its
own policy), and \`INSERT\` policies from the same conditions (a row only into a procedure whose
data the writer reads; a procedure only as its creator's, neither blocked nor deleted; a
participation only unaccepted, by an authority taking part or the procedure's creator)
(\`src/db/rls/policies.sql.ts\` writes the newest \`drizzle/*_row_level_security*.sql\`,
\`npm run db:rls:check\` and \`test/rls\` fail when they disagree). A resolver or service that
forgets to ask the policy gets no row the viewer may not read: the field comes back empty. The
viewer's relation and the record's state are computed in SQL by the same rules as
\`src/auth/procedure-situation.ts\`, one \`SELECT\` per branch of the cells, driven by the viewer's
authority: a role's participation relations (initiator, accepted, not accepted) with the same states
are one branch over its current participation, and roles with the same branch share it, which means
exactly the cells (\`test/rls/class-view-equivalence.test.ts\` compares them row by row); each row's procedure is probed in it (an index lookup per row, \`EXISTS\`), never the whole set computed.

${classes}

Beside these, the tables that decide who reads personal data, or when it is deleted, are narrowed
to what a request does (\`src/db/rls/narrowed-tables.sql.ts\`, \`accounts-audit.sql.ts\`,
\`directory-tables.sql.ts\`; \`test/rls/narrowed-tables.test.ts\`, \`test/rls/scopes-and-parties.test.ts\`):
routes (\`personal_data_grants\`) read by their own authority and written only as the system use
\`routes\`; a procedure's block, deletion and owner never changed by a request, and its state changed
only by a case handler of a participating authority, along the lifecycle of
\`procedure.state-machine.ts\` and by the party each step belongs to (a guard trigger), closures and
last activity at the request's time; a participation added only by the initiator or by forwarding
one's own (checked at commit), accepted once by its own case handler while the procedure is sent and
open, at the request's time; data-subject requests read, changed and filed within
\`visibleRequests\`' scope, never retargeted or deleted; users' contact data read in
\`visibleUsers\`' scope and the viewer's own row, without credentials, created within what the
creator's roles could ever grant, only deactivated and at the request's time; the audit log read in
\`visibleAuditEvents\`' scope, appended in the viewer's name at the request's time, its chain head
checked against the chain; rows of personal data written in the writer's own authority's name at the
request's time, changed only where and in the columns the request path changes them (a data subject's
values by the initiator or the helpdesk, R-RECTIFY-1, never its procedure or origin; contestations
only as the system use \`rights\`; an upload by its authority; an answer in its authority's name), messages,
sensitive records, keys and the rest never changed or deleted by a request; the directory's member
states, designations and periods fixed; question sets published and retired by the Commission only;
authorities' registrations read and decided by their state's coordinator; the retention job's lease,
runs, reminders and shredded partitions not writable, its runs, reminders and escalations read in
the roles' scope. A refusal of this wall answers \`FORBIDDEN\` with reason \`ROW_SECURITY\` (and is
logged as a bug: the service should have refused first).

Paths that must read across viewers switch to \`${SYSTEM_ROLE}\` by name (\`src/db/rls/roles.ts\`),
after the service's own check:

| use | what |
|---|---|
${uses}

The initiator's justification and a SOLVIT case's consent reference are not columns of
\`procedures\` (whose rows the metadata cells show) but rows of their own, keyed by the procedure
(\`procedure_justifications\`, \`procedure_consent_references\`, migration 0032): a viewer the cells
refuse finds no row and reads \`null\`.

### \`requestPersonal\` → \`request IN (SELECT request_id FROM ${REQUEST_PERSONAL_VIEW})\`

A data-subject request's personal data (requester, identifier, details, correction, decision note)
and its steps' notes are rows of their own, keyed by the request (${REQUEST_PERSONAL_TABLES.map((t) => `\`${t.table}\``).join(", ")},
migration 0034), read through a view generated from REQUEST_PERSONAL's cells, each relation of
\`src/auth/request-access.ts\` as SQL (\`REQUEST_RELATION_SQL\` in \`src/db/rls/policies.sql.ts\`):

\`\`\`sql
${requestReadableSelect()}
\`\`\`

Procedures and their participants hold the \`metadata\` policy above (migration 0036): a procedure
the viewer's cells do not show is, to the database too, a procedure that does not exist. Two paths
read past it by name: the figures of \`statistics\` (counts over every procedure's shell, never a
row) and \`imi_rls.inactivity_justified(procedure, since)\`, which answers whether an inactivity was
justified (the job, the Commission's preview and the coordinators' list need that) without the text,
which \`inactivity_justifications\`' row policy keeps to the \`participant\` cells.

Not guarded beyond the roles' privileges (documented limits): a statement that runs arbitrary SQL can
\`SET ROLE imi_system\` (the login role is a member; the wall is for a resolver that forgets the
policy, not for injection; the same holds for \`imi.now\`, the request's time, which a statement could
set back to revive an expired route), a transaction may hold locks as long as it lives, tables a later
migration adds get the API's default privileges until the row-security migration narrows them, and a
deactivated user's row stays readable in its viewers' scope (the list and the audit log name it): its
contact data is blocked field by field by the first wall (R-USER-1), not by a row policy.
`;
}

/** Issue 13 item 4: what the matrix tests prove, each of the three ways they run. */
function threeWays(): string {
  return `## The proof: both walls, each alone

\`test/authorization/matrix.test.ts\` and \`test/authorization/personal-data-paths.test.ts\` run on
each driver three ways (\`test/authorization/walls.ts\`):

- **both walls**, the API as deployed: every cell answers as the tables above say, a withheld field
  is \`null\` with \`FORBIDDEN\` and its reason, and no path shows a planted personal string to a
  viewer the matrix does not let read it;
- **row security alone**, graphql-shield removed (as a new resolver or path that forgot to ask the
  policy would be): no planted string of a class the matrix denies a viewer reaches it, on any
  field of any path; such fields come back empty or \`null\`, never with the data, and what the
  matrix allows still comes back;
- **graphql-shield alone**, row security off (requests keep their transaction and the viewer's
  settings but run as the tables' owner: \`ServerDeps.requestsAsOwner\`, for tests only, refused in
  production): the same answers as with both walls, so the first wall does not lean on the second.

With both off the same reads do hand the data out (\`test/rls/shield-removed.test.ts\`): the second
and third ways are not vacuous. Where the database has no wall yet (above), the second way finds
it: it found the justification, a SOLVIT case's consent reference (then columns of \`procedures\`)
and a data-subject request's identity and words (then columns of the request's table), which reached,
with the shield removed, viewers the matrix denies them; each is now a table of its own under a
policy generated from its cells.`;
}

export function renderAuthorizationDoc(): string {
  const classes = Object.entries(PROCEDURE_CLASSES)
    .map(([name, cells]) => `### ${CLASS_TITLES[name as keyof typeof PROCEDURE_CLASSES]} — \`${name}\`\n\n${classTable(cells)}`)
    .join("\n\n");
  const types = Object.entries(POLICY)
    .map(([type, fields]) => {
      const byAccess = new Map<string, string[]>();
      for (const [field, access] of Object.entries(fields)) {
        const key = describe(access);
        byAccess.set(key, [...(byAccess.get(key) ?? []), field]);
      }
      const rows = [...byAccess].map(([access, names]) => `| ${names.map((n) => `\`${n}\``).join(", ")} | ${access} |`);
      return `### ${type}\n\n| fields | who may read |\n|---|---|\n${rows.join("\n")}`;
    })
    .join("\n\n");
  return `# Authorization: who sees what

Generated from \`src/auth/policy.ts\` by \`npm run docs:authorization\`; CI fails when it is stale.
The same policy builds the graphql-shield rules (\`src/auth/permissions.ts\`) and drives the
matrix test (\`test/authorization/matrix.test.ts\`), so this page is what the API enforces.

Every field of the schema has an entry; a field without one is denied. Rows are scoped in SQL
(a list never fetches what the viewer may not see); fields are scoped by shield. A procedure
outside the viewer's rows is \`NOT_FOUND\`, like a missing one. A withheld field is \`null\` with a
\`FORBIDDEN\` error whose \`extensions.reason\` is \`ROLE\`, \`NOT_INVOLVED\`, \`NOT_ACCEPTED\`,
\`BLOCKED\` or \`DELETED\`.

## Procedure data: role × relation × state

The relation is the viewer's authority's relation to the procedure: \`INITIATOR\`, \`ACCEPTED\`
(a responder or recipient that accepted), \`NOT_ACCEPTED\`, \`FORWARDED_AWAY\` (forwarded it and
left), \`SAME_STATE\` (not taking part; an authority of its member state is), \`OTHER_STATE\`, and
\`COMMISSION_ROUTE\` (the Commission holds a recorded legal ground: an escalated data-subject
request or a retrieval of blocked data). Cells list the states of the personal data in which
the field is readable: open, closed, blocked, deleted ("always" = all four).

${classes}

## Data-subject requests: the citizen's identity and words, access reports

One decision (\`src/auth/request-access.ts\`) for every path: the request's personal fields, the
notes of its steps, \`accessReport\` and every mutation's payload. The relation is the viewer's to
the request: \`FILED_IT\` (it filed it), \`RECEIVED_IT\` (its authority received it) and
\`HELPDESK_ROUTE\` (the request's route makes the helpdesk act now, from the procedure's state,
or it reached the helpdesk before). Local admins and coordinators see the request's metadata only.

${requestTable()}

${databaseWall()}

${threeWays()}

## Every field

${types}
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderAuthorizationDoc();
  if (process.argv.includes("--check")) {
    const committed = await readFile(target, "utf8").catch(() => "");
    if (committed !== text) {
      console.error("docs/authorization.md is stale: run `npm run docs:authorization` and commit the result.");
      process.exit(1);
    }
    console.log("docs/authorization.md is up to date.");
  } else {
    await writeFile(target, text);
    console.log(`wrote ${target}`);
  }
}
