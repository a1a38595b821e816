import { and, eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "../db/database.js";
import { isUniqueViolation } from "../db/pg-errors.js";
import { authorities, users } from "../db/schema/index.js";
import { AuditRepository } from "../modules/audit/audit.repository.js";
import { hashPassword, passwordProblem } from "../auth/password.js";
import { newTotpSecret, totpUri } from "../auth/totp.js";
import { COMMISSION_STATE } from "../modules/directory/member-states.js";
import { emailAddressProblem, parseEmailAddress } from "../modules/mail/mail-address.js";
import { UserRepository } from "../modules/users/user.repository.js";

/**
 * The first account of an empty production database (issue 15, `npm run admin:create`): the
 * Commission's helpdesk authority and a COMMISSION user, from which the helpdesk creates the
 * coordinators and they the authorities and users. Nobody can log in before it, so it runs outside
 * the API, as a system path with no viewer (db/rls/roles.ts SYSTEM_USES.seeding): every write is in
 * `writeFirstAccount`, one transaction, so that it can be switched to the system role as one unit.
 */
export interface BootstrapInput {
  email: string;
  name: string;
  password: string;
  /** The helpdesk authority: created when the database has none of member state "EU", else reused. */
  authority: {
    name: string;
    contactEmail: string;
    postalAddress: string;
    dpoName: string;
    dpoEmail: string;
  };
  /** Add a further Commission user even though one exists (otherwise refused: the command is idempotent). */
  addAnother: boolean;
  now: Date;
}

export interface BootstrapResult {
  userId: string;
  authorityId: string;
  /** Whether the helpdesk authority was created now (false: an existing one was used). */
  authorityCreated: boolean;
  totpSecret: string;
  totpUri: string;
}

/** A refusal the operator can act on: the command prints it as one line and exits with code 1. */
export class BootstrapRefused extends Error {}


/** Ground of the audit event: no user acted, the operator ran the bootstrap command on the database. */
export const BOOTSTRAP_GROUND = "USER_ADMINISTRATION:BOOTSTRAP";

export async function bootstrapCommissionUser(db: Database, given: BootstrapInput): Promise<BootstrapResult> {
  // The same address rule and canonical form as createUser's (mail/mail-address.ts), for the user's
  // login and the helpdesk's contact address, where account notices go (R-SEC-1, finding F1).
  const email = parseEmailAddress(given.email);
  const contactEmail = parseEmailAddress(given.authority.contactEmail);
  if (!email) throw new BootstrapRefused(lowerFirst(emailAddressProblem(given.email) ?? "the e-mail address is not a plain address."));
  if (!contactEmail) throw new BootstrapRefused(`the authority's contact address: ${lowerFirst(emailAddressProblem(given.authority.contactEmail) ?? "")}`);
  const input: BootstrapInput = { ...given, email: email.address, authority: { ...given.authority, contactEmail: contactEmail.address } };
  // The same rule as enrolUser's (auth/password.ts).
  const problem = passwordProblem(input.password);
  if (problem) throw new BootstrapRefused(lowerFirst(problem));
  // Hashed before the transaction: argon2 takes about 90 ms, no lock needs to wait for it.
  const passwordHash = await hashPassword(input.password);
  const totpSecret = newTotpSecret();
  try {
    const written = await writeFirstAccount(db, input, passwordHash, totpSecret);
    return { ...written, totpSecret, totpUri: totpUri(totpSecret, input.email) };
  } catch (error) {
    if (isUniqueViolation(error)) throw new BootstrapRefused(`a user with the e-mail address ${input.email} exists already.`);
    throw error;
  }
}

/** Every write of the bootstrap, in one transaction: the authority (if new), the user and its audit event, or nothing. */
async function writeFirstAccount(db: Database, input: BootstrapInput, passwordHash: string, totpSecret: string) {
  return db.transaction(async (tx) => {
    // Two bootstraps at once (two operators, a retried job) must not both find "no Commission user".
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('imi:admin:create'))`);
    const existing = await commissionUserCount(tx);
    if (existing > 0 && !input.addAnother) {
      throw new BootstrapRefused(
        `the database has ${existing} Commission user${existing === 1 ? "" : "s"} already; nothing changed. Log in as one of them and create users through the API, or pass --add-another to add one more Commission user.`,
      );
    }
    // One mailbox, one account, as createUser's rule (the same address but for case or a +tag).
    const taken = await new UserRepository(tx).mailboxTaken(parseEmailAddress(input.email)!);
    if (taken) throw new BootstrapRefused(`a user with the e-mail address ${input.email} (or another address of its mailbox) exists already; nothing changed.`);
    const helpdesk = await helpdeskAuthority(tx, input.authority.name);
    const authorityId = helpdesk ?? (await insertHelpdesk(tx, input));
    const [user] = await tx
      .insert(users)
      .values({
        authorityId,
        name: input.name,
        email: input.email,
        roles: ["COMMISSION"],
        passwordHash,
        totpSecret,
        createdAt: input.now,
        // No account created it (R-SEC-2): the audit event below says it was the bootstrap.
        createdByUserId: null,
      })
      .returning({ id: users.id });
    if (!user) throw new Error("insert returned no row");
    // R-SEC-2: as createUser's USER_CREATE event, by id and code only (no name or e-mail), with no actor.
    await new AuditRepository(tx).insertMany([
      {
        occurredAt: input.now,
        actorUserId: null,
        actorAuthorityId: null,
        action: "USER_CREATE",
        procedureId: null,
        dataSubjectId: null,
        fields: [`User.id:${user.id}`, `User.authority:${authorityId}`, "User.roles:COMMISSION", ...(helpdesk ? [] : [`Authority.id:${authorityId}`])],
        ground: BOOTSTRAP_GROUND,
        requestId: "admin:create",
      },
    ]);
    return { userId: user.id, authorityId, authorityCreated: !helpdesk };
  });
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

async function commissionUserCount(tx: Transaction): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`'COMMISSION' = any(${users.roles})`);
  return row?.n ?? 0;
}

/**
 * The helpdesk authority to use: the "EU" authority of that name; with none of that name, the only
 * "EU" authority there is. Two of them and none named: refused, the operator must say which.
 */
async function helpdeskAuthority(tx: Transaction, name: string): Promise<string | null> {
  const [named] = await tx
    .select({ id: authorities.id })
    .from(authorities)
    .where(and(eq(authorities.memberState, COMMISSION_STATE), eq(authorities.name, name)));
  if (named) return named.id;
  const all = await tx.select({ id: authorities.id, name: authorities.name }).from(authorities).where(eq(authorities.memberState, COMMISSION_STATE));
  if (all.length === 0) return null;
  if (all.length === 1) return all[0]!.id;
  throw new BootstrapRefused(`the database has ${all.length} Commission authorities and none is named "${name}": name one of ${all.map((a) => `"${a.name}"`).join(", ")} with --authority.`);
}

async function insertHelpdesk(tx: Transaction, input: BootstrapInput): Promise<string> {
  const [row] = await tx
    .insert(authorities)
    .values({
      name: input.authority.name,
      memberState: COMMISSION_STATE,
      contactEmail: input.authority.contactEmail,
      postalAddress: input.authority.postalAddress,
      dpoName: input.authority.dpoName,
      dpoEmail: input.authority.dpoEmail,
      createdAt: input.now,
    })
    .returning({ id: authorities.id });
  if (!row) throw new Error("insert returned no row");
  return row.id;
}
