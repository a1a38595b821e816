import { and, eq } from "drizzle-orm";
import { hashPassword } from "../../src/auth/password.js";
import { issueToken } from "../../src/auth/token.js";
import type { Role } from "../../src/auth/viewer.js";
import type { Database } from "../../src/db/database.js";
import { authorities, dataSubjectRequests, legalAreas, participants, personalDataGrants, procedures, users } from "../../src/db/schema/index.js";
import type { TestApi } from "../helpers/api.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET, World, WORLD_AUTHORITY_STATES } from "../helpers/world.js";
import {
  ACCEPT,
  ADD_DATA_SUBJECT,
  ADD_LEGAL_PERSON,
  ADD_SENSITIVE_RECORD,
  CLOSE,
  CREATE_PROCEDURE,
  FORWARD,
  POST_MESSAGE,
  REQUEST_CONFIDENTIALITY,
  SEND,
} from "../operations.js";

type AuthorityKey = keyof World["authority"];

/** Who sends the fuzzer's requests: nobody, a broken token, and one user of each role. */
export const VIEWER_KEYS = ["anonymous", "badToken", "helpdesk", "coordinatorDk", "adminDk", "handlerDk", "handlerDe", "handlerFr", "portalDk"] as const;
export type ViewerKey = (typeof VIEWER_KEYS)[number];

export interface FuzzViewer {
  key: ViewerKey;
  /** The Authorization header sent, if any. */
  authorization: string | null;
  /** The user the server sees; null for the anonymous and broken-token viewers. */
  user: { id: string; roles: Role[]; authorityId: string; memberState: string } | null;
}

const VIEWER_USERS: { key: ViewerKey; role: Role; authority: AuthorityKey }[] = [
  { key: "helpdesk", role: "COMMISSION", authority: "helpdesk" },
  { key: "coordinatorDk", role: "COORDINATOR", authority: "coordinatorDk" },
  { key: "adminDk", role: "LOCAL_ADMIN", authority: "dk" },
  { key: "handlerDk", role: "CASE_HANDLER", authority: "dk" },
  { key: "handlerDe", role: "CASE_HANDLER", authority: "de" },
  { key: "handlerFr", role: "CASE_HANDLER", authority: "fr" },
  { key: "portalDk", role: "PORTAL", authority: "portalDk" },
];

/** Each viewer's role; none for the anonymous and broken-token viewers. */
export const VIEWER_ROLE: Record<ViewerKey, Role | null> = {
  anonymous: null,
  badToken: null,
  ...(Object.fromEntries(VIEWER_USERS.map((v) => [v.key, v.role])) as Record<Exclude<ViewerKey, "anonymous" | "badToken">, Role>),
};

const STATE_OF: Record<AuthorityKey, string> = WORLD_AUTHORITY_STATES;

/**
 * Whose data a secret is, and so who may read it. The oracle answers from the database rows and the
 * SPEC's need-to-know matrix, not from the server's own policy code (src/auth), so that a bug there
 * cannot hide itself.
 */
export type Owner =
  /** Data subjects, sensitive records, messages, legal persons, confidentiality flags, consent reference. */
  | { kind: "personalData"; procedureId: string }
  /** The initiator's justification: participants' case handlers, also before accepting. */
  | { kind: "justification"; procedureId: string }
  /** Procedure metadata (its subject): the row scope of the matrix. */
  | { kind: "metadata"; procedureId: string }
  /** The citizen's identity and words in a data-subject request. */
  | { kind: "request"; requestId: string }
  /** A user's contact data (name, e-mail). */
  | { kind: "contact"; userId: string; authorityId: string; memberState: string; roles: Role[] };

export interface Secret {
  value: string;
  /** What it is, for failure messages: "s2 DataSubject.fullName". */
  label: string;
  owners: Owner[];
}

/** The procedures the fuzzer aims at: each relation and record state a viewer can stand in. */
interface ProcedureSetup {
  key: string;
  kind: "REQUEST" | "SOLVIT_CASE";
  area: string;
  initiator: AuthorityKey;
  recipient: AuthorityKey;
  steps: ("send" | "accept" | "message" | "flag" | "close" | "block" | "forward")[];
  /** Where the recipient forwards the procedure, for the "forward" step. */
  forwardTo?: AuthorityKey;
}

const SETUPS: ProcedureSetup[] = [
  // No fuzzing viewer takes part: dk2 and de2 have none of them. Its data must never reach any.
  { key: "s1", kind: "SOLVIT_CASE", area: "SOLVIT", initiator: "dk2", recipient: "de2", steps: ["send", "accept", "message", "flag"] },
  // Blocked (R-RETAIN-1): even its initiator's and responder's case handlers no longer read it.
  { key: "s2", kind: "REQUEST", area: "SERVICES", initiator: "dk", recipient: "de", steps: ["send", "accept", "message", "close", "block"] },
  // Sent to fr, not accepted: fr reads the justification, not the personal data.
  { key: "s3", kind: "REQUEST", area: "SERVICES", initiator: "dk", recipient: "fr", steps: ["send", "message"] },
  // A draft of de naming fr: fr does not take part yet.
  { key: "s4", kind: "REQUEST", area: "SERVICES", initiator: "de", recipient: "fr", steps: [] },
  // Accepted by de, then forwarded to de2: de has left it.
  { key: "s5", kind: "REQUEST", area: "SERVICES", initiator: "dk", recipient: "de", steps: ["send", "message", "accept", "forward"], forwardTo: "de2" },
];

const HANDLER_OF: Partial<Record<AuthorityKey, keyof World["user"]>> = {
  dk: "handlerDk",
  dk2: "handlerDk2",
  de: "handlerDe",
  de2: "handlerDe2",
  fr: "handlerFr",
};

/** Ids the fuzzer draws from: real rows of every kind, so that documents reach the resolvers. */
export interface IdPool {
  authorities: string[];
  procedures: string[];
  dataSubjects: string[];
  sensitiveRecords: string[];
  messages: string[];
  legalPersons: string[];
  requests: string[];
  /** Users of the world, not the fuzzing viewers (deactivating those would end the run's coverage). */
  users: string[];
  legalAreaCodes: string[];
}

export class FuzzWorld {
  readonly secrets: Secret[] = [];
  readonly viewers = new Map<ViewerKey, FuzzViewer>();
  readonly pool: IdPool = {
    authorities: [],
    procedures: [],
    dataSubjects: [],
    sensitiveRecords: [],
    messages: [],
    legalPersons: [],
    requests: [],
    users: [],
    legalAreaCodes: [],
  };
  /** Procedure id by setup key (s1 … s5). */
  readonly procedure = new Map<string, string>();

  private constructor(
    readonly db: Database,
    readonly api: TestApi,
    readonly world: World,
  ) {}

  static async create(db: Database, api: TestApi): Promise<FuzzWorld> {
    const fuzz = new FuzzWorld(db, api, await World.create(db, api));
    await fuzz.createViewers();
    for (const setup of SETUPS) await fuzz.createProcedure(setup);
    await fuzz.createRequests();
    fuzz.pool.authorities.push(...Object.values(fuzz.world.authority));
    fuzz.pool.users.push(...Object.values(fuzz.world.user).map((u) => u.id));
    fuzz.pool.legalAreaCodes.push(...(await db.select({ code: legalAreas.code }).from(legalAreas)).map((r) => r.code));
    return fuzz;
  }

  get tag(): string {
    return this.world.tag;
  }

  private secret(value: string, label: string, ...owners: Owner[]): string {
    this.secrets.push({ value, label, owners });
    return value;
  }

  /** A value unique to this world and field: lower-case ASCII, so JSON, HTML and case changes leave it findable. */
  private marker(scope: string, field: string): string {
    return `pd-${scope}-${field.toLowerCase()}-${this.tag}`;
  }

  private async createViewers(): Promise<void> {
    this.viewers.set("anonymous", { key: "anonymous", authorization: null, user: null });
    // A token the server must refuse: signed with another key. Whoever holds it is nobody.
    const forged = await issueToken(
      new TextEncoder().encode("another-secret-of-at-least-32-characters"),
      this.world.user.handlerDk.id,
      this.api.clock.now(),
      600,
    );
    this.viewers.set("badToken", { key: "badToken", authorization: `Bearer ${forged.token}`, user: null });
    const hash = await hashPassword(TEST_PASSWORD);
    for (const v of VIEWER_USERS) {
      const name = `uc-${v.key.toLowerCase()}-${this.tag}`;
      const authorityId = this.world.authority[v.authority];
      const [row] = await this.db
        .insert(users)
        .values({
          authorityId,
          name,
          email: `${name}@imi.test`,
          roles: [v.role],
          passwordHash: hash,
          totpSecret: TEST_TOTP_SECRET,
          createdAt: this.api.clock.now(),
        })
        .returning();
      const user = { id: row!.id, roles: [v.role], authorityId, memberState: STATE_OF[v.authority] };
      const contact: Owner = { kind: "contact", userId: user.id, authorityId, memberState: user.memberState, roles: user.roles };
      this.secret(name, `${v.key} User.name`, contact);
      this.secret(`${name}@imi.test`, `${v.key} User.email`, contact);
      const token = await this.api.login(`${name}@imi.test`, TEST_PASSWORD, TEST_TOTP_SECRET);
      this.viewers.set(v.key, { key: v.key, authorization: `Bearer ${token}`, user });
    }
  }

  private token(authority: AuthorityKey): Promise<string> {
    const key = HANDLER_OF[authority];
    if (!key) throw new Error(`no case handler at ${authority}`);
    return this.world.token(this.world.user[key]);
  }

  private async must<T>(label: string, result: Promise<{ data: T | null | undefined; errors: readonly unknown[] | undefined }>): Promise<T> {
    const { data, errors } = await result;
    if (errors?.length || !data) throw new Error(`fuzz world setup: ${label} failed: ${JSON.stringify(errors)}`);
    return data;
  }

  private async createProcedure(setup: ProcedureSetup): Promise<void> {
    const { key } = setup;
    const api = this.api;
    const initiator = await this.token(setup.initiator);
    const created = await this.must(
      `${key} create`,
      api.execute(
        CREATE_PROCEDURE,
        {
          input: {
            kind: setup.kind,
            legalAreaCode: setup.area,
            subject: `md-${key}-subject-${this.tag}`,
            justification: `jd-${key}-justification-${this.tag}`,
            recipientAuthorityIds: [this.world.authority[setup.recipient]],
            ...(setup.kind === "SOLVIT_CASE" ? { consentReference: `pd-${key}-consentreference-${this.tag}` } : {}),
          },
        },
        initiator,
      ),
    );
    const id = created.createProcedure.id;
    this.procedure.set(key, id);
    this.pool.procedures.push(id);
    const personal: Owner = { kind: "personalData", procedureId: id };
    this.secret(`md-${key}-subject-${this.tag}`, `${key} Procedure.subject`, { kind: "metadata", procedureId: id });
    this.secret(`jd-${key}-justification-${this.tag}`, `${key} Procedure.justification`, { kind: "justification", procedureId: id });
    if (setup.kind === "SOLVIT_CASE") this.secret(`pd-${key}-consentreference-${this.tag}`, `${key} Procedure.consentReference`, personal);

    const p = (field: string) => this.secret(this.marker(key, field), `${key} ${field}`, personal);
    // Dates of birth cannot carry a marker: one date per procedure that nothing else in the world holds
    // (1910-01-20 for s1, 1911-02-21 for s2, …).
    const n = SETUPS.indexOf(setup);
    const dateOfBirth = this.secret(`19${10 + n}-0${1 + n}-2${n}`, `${key} DataSubject.dateOfBirth`, personal);
    const subject = await this.must(
      `${key} data subject`,
      api.execute(
        ADD_DATA_SUBJECT,
        {
          procedureId: id,
          input: {
            fullName: p("DataSubject.fullName"),
            dateOfBirth,
            nationalIdentifier: p("DataSubject.nationalIdentifier"),
            address: p("DataSubject.address"),
            email: this.secret(`pd-${key}-email-${this.tag}@subject.example`, `${key} DataSubject.email`, personal),
          },
        },
        initiator,
      ),
    );
    this.pool.dataSubjects.push(subject.addDataSubject.id);
    const record = await this.must(
      `${key} sensitive record`,
      api.execute(
        ADD_SENSITIVE_RECORD,
        {
          dataSubjectId: subject.addDataSubject.id,
          input: {
            category: "CRIMINAL",
            details: p("SensitiveRecord.details"),
            necessity: p("SensitiveRecord.necessity"),
            legalBasis: p("SensitiveRecord.legalBasis"),
          },
        },
        initiator,
      ),
    );
    this.pool.sensitiveRecords.push(record.addSensitiveRecord.id);
    const company = await this.must(
      `${key} legal person`,
      api.execute(
        ADD_LEGAL_PERSON,
        {
          procedureId: id,
          input: { name: p("LegalPerson.name"), registrationNumber: p("LegalPerson.registrationNumber"), address: p("LegalPerson.address"), country: "DK" },
        },
        initiator,
      ),
    );
    this.pool.legalPersons.push(company.addLegalPerson.id);

    const recipient = setup.steps.includes("accept") ? await this.token(setup.recipient) : undefined;
    for (const step of setup.steps) {
      if (step === "send") await this.must(`${key} send`, api.execute(SEND, { id }, initiator));
      if (step === "accept") await this.must(`${key} accept`, api.execute(ACCEPT, { id }, recipient));
      if (step === "message") {
        const message = await this.must(`${key} message`, api.execute(POST_MESSAGE, { procedureId: id, body: p("Message.body") }, initiator));
        this.pool.messages.push(message.postMessage.id);
      }
      if (step === "flag") {
        await this.must(
          `${key} confidentiality`,
          api.execute(
            REQUEST_CONFIDENTIALITY,
            { input: { itemKind: "LEGAL_PERSON", itemId: company.addLegalPerson.id, reason: p("ConfidentialityFlag.reason") } },
            initiator,
          ),
        );
      }
      if (step === "close") await this.must(`${key} close`, api.execute(CLOSE, { id }, initiator));
      // Blocking is the retention job's, six months on: its end state is set directly, as in the matrix test.
      if (step === "block") await this.db.update(procedures).set({ blockedAt: api.clock.now() }).where(eq(procedures.id, id));
      if (step === "forward") await this.must(`${key} forward`, api.execute(FORWARD, { id, to: this.world.authority[setup.forwardTo!] }, recipient));
    }
  }

  /** Two data-subject requests whose citizens' identities only some viewers may read. */
  private async createRequests(): Promise<void> {
    const file = `mutation FuzzWorldFile($input: FileDataSubjectRequestInput!) { fileDataSubjectRequest(input: $input) { id } }`;
    const s3 = this.procedure.get("s3")!;
    const placeholder: Owner = { kind: "request", requestId: "" };
    const r = (scope: string, field: string) =>
      this.secret(`rq-${scope}-${field.toLowerCase()}-${this.tag}`, `${scope} DataSubjectRequest.${field}`, placeholder);
    const correctionName = this.secret(`rq-r1-correction-${this.tag}`, "r1 Correction.fullName", placeholder, { kind: "personalData", procedureId: s3 });
    // r1: received by dk (the initiator of s3) from its own case handler: a rectification it acts on itself.
    const r1 = await this.must(
      "r1",
      this.api.executeText<{ fileDataSubjectRequest: { id: string } }>(
        file,
        {
          input: {
            kind: "RECTIFICATION",
            procedureId: s3,
            dataSubjectId: this.pool.dataSubjects[SETUPS.findIndex((s) => s.key === "s3")],
            requesterName: r("r1", "requesterName"),
            requesterIdentifier: r("r1", "requesterIdentifier"),
            details: r("r1", "details"),
            correction: { fullName: correctionName },
          },
        },
        await this.token("dk"),
      ),
    );
    // r2: filed by the fuzzing portal for a citizen, addressed to dk2, not linked to a procedure yet.
    const portal = this.viewers.get("portalDk")!.authorization!.slice("Bearer ".length);
    const r2 = await this.must(
      "r2",
      this.api.executeText<{ fileDataSubjectRequest: { id: string } }>(
        file,
        {
          input: {
            kind: "ACCESS",
            receivingAuthorityId: this.world.authority.dk2,
            requesterName: r("r2", "requesterName"),
            requesterIdentifier: r("r2", "requesterIdentifier"),
            details: r("r2", "details"),
          },
        },
        portal,
      ),
    );
    const ids: Record<string, string> = { r1: r1.fileDataSubjectRequest.id, r2: r2.fileDataSubjectRequest.id };
    for (const secret of this.secrets) {
      const scope = secret.label.split(" ")[0]!;
      secret.owners = secret.owners.map((o) => (o === placeholder ? { kind: "request", requestId: ids[scope]! } : o));
    }
    this.pool.requests.push(ids.r1!, ids.r2!);
  }

  /** The secrets a response holds, each with whether the viewer may read it now. */
  async exposures(viewer: FuzzViewer, text: string): Promise<{ secret: Secret; allowed: boolean }[]> {
    const haystack = text.toLowerCase();
    const found = this.secrets.filter((s) => haystack.includes(s.value.toLowerCase()));
    const out: { secret: Secret; allowed: boolean }[] = [];
    for (const secret of found) {
      let allowed = false;
      for (const owner of secret.owners) if (!allowed) allowed = await this.mayRead(viewer, owner);
      out.push({ secret, allowed });
    }
    return out;
  }

  /**
   * SPEC's need-to-know matrix, read off the rows as they are now. Deliberately independent of
   * src/auth: a viewer's relation is derived here from participants, grants and requests.
   */
  async mayRead(viewer: FuzzViewer, owner: Owner): Promise<boolean> {
    const user = viewer.user;
    if (!user) return false; // Unauthenticated: no personal data, no metadata, no contact data at all.
    const has = (...roles: Role[]) => user.roles.some((r) => roles.includes(r));
    if (owner.kind === "contact") {
      if (owner.userId === user.id || has("COMMISSION")) return true;
      if (has("COORDINATOR") && owner.memberState === user.memberState) return true;
      if (has("LOCAL_ADMIN") && owner.authorityId === user.authorityId) return true;
      // A case handler: itself and the case handlers of procedures its authority takes part in.
      // Which procedures those are changes as the fuzzer works: any case handler is let through.
      return has("CASE_HANDLER") && owner.roles.includes("CASE_HANDLER");
    }
    if (owner.kind === "request") {
      const [request] = await this.db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, owner.requestId));
      if (!request) return false;
      return (
        // The receiving authority's case handlers; never its local admin (SPEC matrix, issue 11).
        (has("CASE_HANDLER") && request.receivingAuthorityId === user.authorityId) ||
        (has("PORTAL") && request.filedByUserId === user.id) ||
        // The helpdesk on the request's route: R-RECTIFY-1 (b) and (c), R-ACCESS-2.
        (has("COMMISSION") && (request.route === "COMMISSION" || request.route === "HELPDESK_WITH_INITIATOR"))
      );
    }
    const [procedure] = await this.db.select().from(procedures).where(eq(procedures.id, owner.procedureId));
    if (!procedure) return false;
    // Who takes part now: not forwarded away, and a draft's recipients not yet.
    const current = (await this.currentParticipants(procedure.id)).filter((row) => procedure.status !== "DRAFT" || row.part === "INITIATOR");
    const mine = current.find((row) => row.authorityId === user.authorityId);
    const readable = !procedure.blockedAt && !procedure.personalDataDeletedAt;
    if (owner.kind === "metadata") {
      if (has("COMMISSION")) return true;
      if (has("COORDINATOR") && current.some((row) => row.memberState === user.memberState)) return true;
      if (has("LOCAL_ADMIN", "CASE_HANDLER") && mine) return true;
      return has("PORTAL") && procedure.createdByUserId === user.id;
    }
    if (owner.kind === "justification") return has("CASE_HANDLER") && !!mine && readable;
    // Personal data: case handlers of the initiator and of participants that accepted, never once
    // blocked (R-RETAIN-1); the Commission only on a live recorded route (R-ACCESS-2, R-RECTIFY-1, R-RETAIN-4).
    if (procedure.personalDataDeletedAt) return false;
    if (has("CASE_HANDLER") && mine && (mine.part === "INITIATOR" || mine.acceptedAt) && readable) return true;
    if (has("COMMISSION")) {
      const now = this.api.clock.now();
      const grants = await this.db
        .select()
        .from(personalDataGrants)
        .where(and(eq(personalDataGrants.procedureId, procedure.id), eq(personalDataGrants.authorityId, user.authorityId)));
      return grants.some((g) => g.grantedAt <= now && g.expiresAt > now);
    }
    return false;
  }

  private async currentParticipants(procedureId: string) {
    const rows = await this.db
      .select({
        authorityId: participants.authorityId,
        part: participants.part,
        acceptedAt: participants.acceptedAt,
        forwardedAt: participants.forwardedAt,
        memberState: authorities.memberState,
      })
      .from(participants)
      .innerJoin(authorities, eq(authorities.id, participants.authorityId))
      .where(eq(participants.procedureId, procedureId));
    return rows.filter((row) => row.forwardedAt === null);
  }
}
