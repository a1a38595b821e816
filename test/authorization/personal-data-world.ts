import { eq } from "drizzle-orm";
import { hashPassword } from "../../src/auth/password.js";
import type { Role } from "../../src/auth/viewer.js";
import type { Database } from "../../src/db/database.js";
import {
  attachments,
  questionAnswers,
  authorities,
  dataSubjectRequests,
  dataSubjects,
  legalPersons,
  messages,
  participants,
  personalDataGrants,
  procedures,
  users,
} from "../../src/db/schema/index.js";
import type { TestApi } from "../helpers/api.js";
import { pdfBytes } from "../attachments/attachment-fixtures.js";
import { publishSet } from "../question-sets/question-set-fixtures.js";
import { setProcedureTexts } from "../helpers/procedure-texts.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET, World, type WorldAuthorityKey } from "../helpers/world.js";

/**
 * The world of the personal-data path test (personal-data-paths.test.ts): the matrix test's twelve
 * viewers, procedures in every situation the need-to-know matrix distinguishes, data-subject
 * requests on every route, and a unique planted string in every personal field. The oracle
 * (`mayRead`) is SPEC's need-to-know matrix read off the database rows as they are after each call,
 * written here and not taken from src/auth, so that a bug there cannot hide itself.
 */

/** The twelve viewers: each role, in authorities that give it different relations (as in matrix.test.ts). */
export const VIEWERS: { key: string; role: Role; authority: WorldAuthorityKey }[] = [
  { key: "helpdesk", role: "COMMISSION", authority: "helpdesk" },
  { key: "coordinatorDk", role: "COORDINATOR", authority: "coordinatorDk" },
  { key: "coordinatorAtFr", role: "COORDINATOR", authority: "fr" },
  { key: "adminDk", role: "LOCAL_ADMIN", authority: "dk" },
  { key: "adminDe", role: "LOCAL_ADMIN", authority: "de" },
  { key: "adminDe2", role: "LOCAL_ADMIN", authority: "de2" },
  { key: "handlerDk", role: "CASE_HANDLER", authority: "dk" },
  { key: "handlerDk2", role: "CASE_HANDLER", authority: "dk2" },
  { key: "handlerDe", role: "CASE_HANDLER", authority: "de" },
  { key: "handlerDe2", role: "CASE_HANDLER", authority: "de2" },
  { key: "handlerFr", role: "CASE_HANDLER", authority: "fr" },
  { key: "portalDk", role: "PORTAL", authority: "portalDk" },
  // Issue 18: supervisory authorities (Art. 21) by the authorities whose relations they would have: a
  // national one in a Danish authority taking part in nothing, the EDPS in the EU helpdesk authority
  // (which holds a Commission route): neither reaches a procedure row or personal data by its role.
  { key: "supervisorDk", role: "SUPERVISOR", authority: "coordinatorDk" },
  { key: "supervisorEu", role: "SUPERVISOR", authority: "helpdesk" },
];

export interface Viewer {
  key: string;
  role: Role;
  userId: string;
  authorityId: string;
  memberState: string;
  token: string;
}

/** Whose a planted string is, and so who may read it. */
export type Owner =
  /** A procedure's personal data (data subjects, sensitive records, messages, legal persons, flags, consent reference). */
  | { kind: "personalData"; procedureId: string }
  /** The initiator's justification: the case handlers of current participants, accepted or not. */
  | { kind: "justification"; procedureId: string }
  /** A data-subject request's own personal data: the citizen's identity and words, correction, notes. */
  | { kind: "request"; requestId: string }
  /** A data subject's data as reported in the access report of a request about it. */
  | { kind: "report"; requestId: string; procedureId: string }
  /** The reasons the helpdesk records for a retrieval of blocked data: the Commission's own record. */
  | { kind: "commission" }
  /** A user's contact data. */
  | { kind: "contact"; userId: string }
  /** A procedure's metadata (its subject): the row scope of the matrix. */
  | { kind: "metadata"; procedureId: string }
  /** Public information (the directory, national restrictions): anyone. */
  | { kind: "public" };

export interface Secret {
  value: string;
  label: string;
  owners: Owner[];
}

export interface ProcedureSituation {
  key: string;
  procedureId: string;
  dataSubjectId: string;
  sensitiveRecordId: string;
  legalPersonId: string;
  messageIds: string[];
}

export interface RequestSituation {
  key: string;
  requestId: string;
  kind: "ACCESS" | "RECTIFICATION" | "ERASURE";
  procedureId: string | null;
  dataSubjectId: string | null;
}

/** The database rows the oracle reads, loaded at once (the world is small). */
interface State {
  now: Date;
  procedures: Map<string, typeof procedures.$inferSelect>;
  participants: Map<string, (typeof participants.$inferSelect)[]>;
  grants: (typeof personalDataGrants.$inferSelect)[];
  requests: Map<string, typeof dataSubjectRequests.$inferSelect>;
  users: Map<string, typeof users.$inferSelect>;
  memberState: Map<string, string>;
}

const HELPDESK_ROUTES = new Set(["COMMISSION", "HELPDESK_WITH_INITIATOR", "HELPDESK_REPORT", "CONTESTATION"]);
const DAY = 24 * 3600 * 1000;

export class PersonalDataWorld {
  readonly secrets: Secret[] = [];
  private readonly byValue = new Map<string, Secret>();
  readonly viewers: Viewer[] = [];
  readonly situations: ProcedureSituation[] = [];
  readonly requests: RequestSituation[] = [];
  /** Problems met while building the world (a step the server refused): printed, not fatal. */
  readonly setupNotes: string[] = [];
  private counter = 0;
  private state: State | undefined;

  private constructor(
    readonly db: Database,
    readonly api: TestApi,
    readonly world: World,
  ) {}

  static async create(db: Database, api: TestApi): Promise<PersonalDataWorld> {
    const pd = new PersonalDataWorld(db, api, await World.create(db, api));
    await pd.createViewers();
    await pd.createSituations();
    await pd.createRequests();
    return pd;
  }

  get tag(): string {
    return this.world.tag;
  }

  /**
   * A new planted string: lower-case ASCII with a fixed-width counter between fixed ends, so that no
   * marker is part of another and JSON, HTML or case changes leave it findable.
   */
  marker(label: string, ...owners: Owner[]): string {
    const value = `pdp${this.tag}n${String(++this.counter).padStart(5, "0")}x`;
    this.remember({ value, label, owners });
    return value;
  }

  /** A date of birth nothing else in this world holds, planted as a secret. */
  dateOfBirth(label: string, ...owners: Owner[]): string {
    const n = ++this.counter;
    const value = `${1901 + (n % 97)}-${String(1 + (Math.floor(n / 97) % 12)).padStart(2, "0")}-${String(1 + (n % 28)).padStart(2, "0")}`;
    if (!this.byValue.has(value)) this.remember({ value, label, owners });
    return value;
  }

  private remember(secret: Secret): void {
    this.secrets.push(secret);
    this.byValue.set(secret.value, secret);
  }

  /** The planted strings in a text: markers and dates of birth, found by their shapes, then looked up. */
  secretsIn(text: string): Secret[] {
    const lower = text.toLowerCase();
    const found = new Set<Secret>();
    for (const match of lower.matchAll(new RegExp(`pdp${this.tag}n\\d{5}x|\\d{4}-\\d{2}-\\d{2}`, "g"))) {
      const secret = this.byValue.get(match[0]);
      if (secret) found.add(secret);
    }
    return [...found];
  }

  addOwners(predicate: (secret: Secret) => boolean, ...owners: Owner[]): void {
    for (const secret of this.secrets) if (predicate(secret)) secret.owners.push(...owners);
  }

  /** The state changed (a mutation went through): read the rows again before the next decision. */
  invalidate(): void {
    this.state = undefined;
  }

  private async createViewers(): Promise<void> {
    const hash = await hashPassword(TEST_PASSWORD);
    const memberStates = new Map((await this.db.select().from(authorities)).map((a) => [a.id, a.memberState]));
    for (const v of VIEWERS) {
      const authorityId = this.world.authority[v.authority];
      const [row] = await this.db
        .insert(users)
        .values({ authorityId, name: "pending", email: `pending.${v.key}.${this.tag}@imi.test`, roles: [v.role], passwordHash: hash, totpSecret: TEST_TOTP_SECRET, createdAt: this.api.clock.now() })
        .returning();
      const contact: Owner = { kind: "contact", userId: row!.id };
      const name = this.marker(`${v.key} User.name`, contact);
      const email = `${this.marker(`${v.key} User.email`, contact)}@imi.test`;
      await this.db.update(users).set({ name, email }).where(eq(users.id, row!.id));
      const token = await this.api.login(email, TEST_PASSWORD, TEST_TOTP_SECRET);
      this.viewers.push({ key: v.key, role: v.role, userId: row!.id, authorityId, memberState: memberStates.get(authorityId)!, token });
    }
  }

  /** A case handler of the world at the authority (not one of the viewers): who builds the situations. */
  actor(authority: WorldAuthorityKey): Promise<string> {
    const key = ({ dk: "handlerDk", dk2: "handlerDk2", de: "handlerDe", de2: "handlerDe2", fr: "handlerFr", helpdesk: "helpdesk", portalDk: "portalDk" } as const)[
      authority as "dk"
    ];
    if (!key) throw new Error(`no actor at ${authority}`);
    return this.world.token(this.world.user[key]);
  }

  /** One step of building the world: its data, or null with a note when the server refused it. */
  async step<T = Record<string, any>>(label: string, query: string, variables: Record<string, unknown>, token: string): Promise<T | null> {
    const result = await this.api.executeText<T>(query, variables, token);
    if (result.errors?.length || !result.data) {
      this.setupNotes.push(`${label}: ${JSON.stringify(result.errors?.map((e) => `${e.extensions?.code} ${e.message}`))}`);
      return null;
    }
    return result.data;
  }

  private async must<T = Record<string, any>>(label: string, query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const data = await this.step<T>(label, query, variables, token);
    if (!data) throw new Error(`personal-data world: ${label} failed: ${this.setupNotes.at(-1)}`);
    return data;
  }

  private async createSituations(): Promise<void> {
    type Step = "send" | "accept" | "answer" | "flag" | "forward" | "close" | "block" | "delete" | "retrieve" | "expire" | "age";
    const plans: { key: string; kind?: "REQUEST" | "ALERT" | "SOLVIT_CASE"; area?: string; from?: WorldAuthorityKey; to?: WorldAuthorityKey[]; steps: Step[] }[] = [
      { key: "draft", steps: [] },
      { key: "sent", steps: ["send"] },
      { key: "accepted", steps: ["send", "accept", "answer", "flag"] },
      { key: "forwarded", steps: ["send", "accept", "forward"] },
      { key: "closed", steps: ["send", "accept", "answer", "close"] },
      { key: "blocked", steps: ["send", "accept", "close", "block"] },
      { key: "deleted", steps: ["send", "accept", "close", "block", "delete"] },
      { key: "route-open", steps: ["send", "accept", "close", "block", "retrieve"] },
      { key: "route-expired", steps: ["send", "accept", "close", "block", "retrieve", "expire"] },
      // R-RETAIN-2: a closed Services Directive alert, past the blocking period: the job leaves it readable.
      { key: "sd-alert-closed", kind: "ALERT", from: "de", to: ["fr", "dk"], steps: ["send", "accept", "close", "age"] },
      { key: "solvit", kind: "SOLVIT_CASE", area: "SOLVIT", steps: ["send", "accept", "answer"] },
      // No Danish authority takes part: the Danish coordinator does not even see it.
      { key: "other-state", from: "fr", to: ["de2"], steps: ["send", "accept", "answer"] },
    ];
    // Issue 17: Services Directive requests are built from a question set; their answers and attachments are personal data.
    const questionSet = await publishSet({ api: this.api } as never, this.world, { legalAreaCode: "SERVICES" });
    for (const plan of plans) {
      const from = plan.from ?? "dk";
      const to = plan.to ?? ["de"];
      const kind = plan.kind ?? "REQUEST";
      const initiator = await this.actor(from);
      const label = (field: string) => `${plan.key} ${field}`;
      const justification = `${plan.key} justification`;
      const created = await this.must<{ createProcedure: { id: string } }>(
        label("create"),
        `mutation($input: CreateProcedureInput!) { createProcedure(input: $input) { id } }`,
        {
          input: {
            kind,
            legalAreaCode: plan.area ?? "SERVICES",
            subject: `Paths ${plan.key} ${this.tag}`,
            justification,
            recipientAuthorityIds: to.map((a) => this.world.authority[a]),
            ...(kind === "SOLVIT_CASE" ? { consentReference: `${plan.key} consent` } : {}),
            ...(kind === "REQUEST" && !plan.area ? { questionSetVersionId: questionSet.id } : {}),
          },
        },
        initiator,
      );
      const procedureId = created.createProcedure.id;
      const pdOwner: Owner = { kind: "personalData", procedureId };
      // The texts given at creation get their markers now that the procedure's id is known.
      await setProcedureTexts(this.db, procedureId, {
        justification: this.marker(label("Procedure.justification"), { kind: "justification", procedureId }),
        ...(kind === "SOLVIT_CASE" ? { consentReference: this.marker(label("Procedure.consentReference"), pdOwner) } : {}),
      });
      const subject = await this.must<{ addDataSubject: { id: string } }>(
        label("data subject"),
        `mutation($procedureId: ID!, $input: DataSubjectInput!) { addDataSubject(procedureId: $procedureId, input: $input) { id } }`,
        {
          procedureId,
          input: {
            fullName: this.marker(label("DataSubject.fullName"), pdOwner),
            dateOfBirth: this.dateOfBirth(label("DataSubject.dateOfBirth"), pdOwner),
            nationalIdentifier: this.marker(label("DataSubject.nationalIdentifier"), pdOwner),
            address: this.marker(label("DataSubject.address"), pdOwner),
            email: `${this.marker(label("DataSubject.email"), pdOwner)}@subject.example`,
          },
        },
        initiator,
      );
      const record = await this.must<{ addSensitiveRecord: { id: string } }>(
        label("sensitive record"),
        `mutation($dataSubjectId: ID!, $input: SensitiveRecordInput!) { addSensitiveRecord(dataSubjectId: $dataSubjectId, input: $input) { id } }`,
        {
          dataSubjectId: subject.addDataSubject.id,
          input: {
            category: "CRIMINAL",
            details: this.marker(label("SensitiveRecord.details"), pdOwner),
            necessity: this.marker(label("SensitiveRecord.necessity"), pdOwner),
            legalBasis: this.marker(label("SensitiveRecord.legalBasis"), pdOwner),
            consentReference: this.marker(label("SensitiveRecord.consentReference"), pdOwner),
          },
        },
        initiator,
      );
      const company = await this.must<{ addLegalPerson: { id: string } }>(
        label("legal person"),
        `mutation($procedureId: ID!, $input: LegalPersonInput!) { addLegalPerson(procedureId: $procedureId, input: $input) { id } }`,
        {
          procedureId,
          input: {
            name: this.marker(label("LegalPerson.name"), pdOwner),
            registrationNumber: this.marker(label("LegalPerson.registrationNumber"), pdOwner),
            address: this.marker(label("LegalPerson.address"), pdOwner),
            country: "DK",
          },
        },
        initiator,
      );
      // Issue 17: a document whose name is planted (its bytes go over HTTP, test/attachments).
      const uploader = await this.api.api.createContext({ authorization: `Bearer ${initiator}` });
      await this.api.api.services.attachments.upload(uploader.viewer!, uploader.audit, {
        procedureId,
        name: this.marker(label("Attachment.fileName"), pdOwner),
        contentType: "application/pdf",
        contentLength: undefined,
        body: (async function* () {
          yield pdfBytes(700);
        })(),
      });
      const situation: ProcedureSituation = {
        key: plan.key,
        procedureId,
        dataSubjectId: subject.addDataSubject.id,
        sensitiveRecordId: record.addSensitiveRecord.id,
        legalPersonId: company.addLegalPerson.id,
        messageIds: [],
      };
      const post = async (token: string, who: string) => {
        const message = await this.step<{ postMessage: { id: string } }>(
          label(`message by ${who}`),
          `mutation($procedureId: ID!, $body: String!) { postMessage(procedureId: $procedureId, body: $body) { id } }`,
          { procedureId, body: this.marker(label(`Message.body (${who})`), pdOwner) },
          token,
        );
        if (message) situation.messageIds.push(message.postMessage.id);
      };
      const recipient = await this.actor(to[0]!);
      const now = this.api.clock.now();
      for (const step of plan.steps) {
        if (step === "send") {
          await this.must(label("send"), `mutation($id: ID!) { sendProcedure(id: $id) { id } }`, { id: procedureId }, initiator);
          await post(initiator, "initiator");
        }
        if (step === "accept") await this.must(label("accept"), `mutation($id: ID!) { acceptProcedure(id: $id) { id } }`, { id: procedureId }, recipient);
        if (step === "answer") {
          await post(recipient, "recipient");
          if (kind === "REQUEST" && !plan.area) {
            await this.must(
              label("answer"),
              `mutation($procedureId: ID!, $input: AnswerQuestionInput!) { answerQuestion(procedureId: $procedureId, input: $input) { id } }`,
              { procedureId, input: { questionCode: "NOTES", value: this.marker(label("QuestionAnswer.value"), pdOwner) } },
              recipient,
            );
          }
        }
        if (step === "flag") {
          await this.must(
            label("confidentiality"),
            `mutation($input: ConfidentialityInput!) { requestConfidentiality(input: $input) { id } }`,
            { input: { itemKind: "LEGAL_PERSON", itemId: situation.legalPersonId, reason: this.marker(label("ConfidentialityFlag.reason"), pdOwner) } },
            initiator,
          );
        }
        if (step === "forward") {
          await this.must(
            label("forward"),
            `mutation($id: ID!, $to: ID!) { forwardProcedure(id: $id, toAuthorityId: $to) { procedureId } }`,
            { id: procedureId, to: this.world.authority.de2 },
            recipient,
          );
        }
        if (step === "close") await this.must(label("close"), `mutation($id: ID!) { closeProcedure(id: $id) { id } }`, { id: procedureId }, initiator);
        // Blocking and deletion are the retention job's, months and years on: their end states are set
        // directly, as in the matrix test.
        if (step === "block") await this.db.update(procedures).set({ blockedAt: now }).where(eq(procedures.id, procedureId));
        if (step === "delete") {
          await this.db.delete(dataSubjects).where(eq(dataSubjects.procedureId, procedureId));
          await this.db.delete(messages).where(eq(messages.procedureId, procedureId));
          await this.db.delete(legalPersons).where(eq(legalPersons.procedureId, procedureId));
          await this.db.delete(questionAnswers).where(eq(questionAnswers.procedureId, procedureId));
          await this.db.delete(attachments).where(eq(attachments.procedureId, procedureId));
          await this.db.update(procedures).set({ personalDataDeletedAt: now }).where(eq(procedures.id, procedureId));
        }
        if (step === "retrieve") {
          // R-RETAIN-4: the helpdesk retrieves blocked data on the initiator's request; a live route.
          await this.must(
            label("retrieve"),
            `mutation($input: RetrieveBlockedDataInput!) { retrieveBlockedData(input: $input) { id } }`,
            {
              input: {
                procedureId,
                requestingAuthorityId: this.world.authority.dk,
                ground: "PROVE_EXCHANGE",
                consentReference: this.marker(label("BlockedDataRetrieval.consentReference"), { kind: "commission" }),
                reason: this.marker(label("BlockedDataRetrieval.reason"), { kind: "commission" }),
              },
            },
            await this.actor("helpdesk"),
          );
        }
        if (step === "expire") {
          await this.db.update(personalDataGrants).set({ grantedAt: new Date(now.getTime() - 10 * DAY), expiresAt: new Date(now.getTime() - DAY) }).where(eq(personalDataGrants.procedureId, procedureId));
        }
        if (step === "age") {
          // Closed seven months ago; the retention job then runs and, by R-RETAIN-2, does not block it.
          await this.db.update(procedures).set({ closedAt: new Date(now.getTime() - 214 * DAY) }).where(eq(procedures.id, procedureId));
        }
      }
      this.situations.push(situation);
    }
    await this.must("retention run", `mutation { runRetention(dryRun: false) { id } }`, {}, await this.actor("helpdesk"));
  }

  situation(key: string): ProcedureSituation {
    const found = this.situations.find((s) => s.key === key);
    if (!found) throw new Error(`no situation ${key}`);
    return found;
  }

  /** Data-subject requests on every route; the steps the rights workflow refuses are noted, not fatal. */
  private async createRequests(): Promise<void> {
    const file = `mutation($input: FileDataSubjectRequestInput!) { fileDataSubjectRequest(input: $input) { id } }`;
    const plans: {
      key: string;
      by: WorldAuthorityKey;
      kind: "ACCESS" | "RECTIFICATION" | "ERASURE";
      on?: string;
      receiving?: WorldAuthorityKey;
      linkBy?: WorldAuthorityKey;
      linkTo?: string;
      answer?: boolean;
    }[] = [
      // R-RECTIFY-1 (a): received by the initiator of an open procedure.
      { key: "rect-initiator", by: "dk", kind: "RECTIFICATION", on: "accepted" },
      // R-RECTIFY-1 (b): received by an accepted responder: the helpdesk acts with the initiator.
      { key: "rect-responder", by: "de", kind: "RECTIFICATION", on: "accepted" },
      // R-RECTIFY-1 (c): the procedure is closed.
      { key: "erase-closed", by: "dk", kind: "ERASURE", on: "closed" },
      // R-ACCESS-2: blocked data, through the helpdesk.
      { key: "access-blocked", by: "de", kind: "ACCESS", on: "blocked" },
      // R-ACCESS-1: answered by the receiving authority itself, with an access report.
      { key: "access-answered", by: "dk", kind: "ACCESS", on: "accepted", answer: true },
      // A portal's filing for a citizen, linked by the authority it names, answered.
      { key: "portal-linked", by: "portalDk", kind: "ACCESS", receiving: "dk", linkBy: "dk", linkTo: "closed", answer: true },
      // A portal's filing not yet linked to any procedure.
      { key: "portal-unlinked", by: "portalDk", kind: "ACCESS", receiving: "dk2" },
      // After deletion: no data is held.
      { key: "access-deleted", by: "dk", kind: "ACCESS", on: "deleted" },
    ];
    for (const plan of plans) {
      const token = await this.actor(plan.by);
      const on = plan.on ? this.situation(plan.on) : undefined;
      const placeholder: Owner = { kind: "request", requestId: "" };
      const r = (field: string) => this.marker(`${plan.key} DataSubjectRequest.${field}`, placeholder);
      const correction =
        plan.kind === "RECTIFICATION"
          ? { fullName: this.marker(`${plan.key} Correction.fullName`, placeholder, { kind: "personalData", procedureId: on!.procedureId }) }
          : undefined;
      const filed = await this.step<{ fileDataSubjectRequest: { id: string } }>(
        `${plan.key} file`,
        file,
        {
          input: {
            kind: plan.kind,
            ...(on ? { procedureId: on.procedureId, ...(plan.on === "deleted" ? {} : { dataSubjectId: on.dataSubjectId }) } : {}),
            ...(plan.receiving ? { receivingAuthorityId: this.world.authority[plan.receiving] } : {}),
            requesterName: r("requesterName"),
            requesterIdentifier: r("requesterIdentifier"),
            details: r("details"),
            ...(correction ? { correction } : {}),
          },
        },
        token,
      );
      if (!filed) continue;
      const requestId = filed.fileDataSubjectRequest.id;
      for (const secret of this.secrets) secret.owners = secret.owners.map((o) => (o === placeholder ? { kind: "request", requestId } : o));
      const receiver = await this.actor(plan.receiving ?? plan.by);
      let procedureId = on?.procedureId ?? null;
      if (plan.linkBy && plan.linkTo) {
        const target = this.situation(plan.linkTo);
        procedureId = target.procedureId;
        await this.step(
          `${plan.key} link`,
          `mutation($id: ID!, $procedureId: ID!, $dataSubjectId: ID) { linkDataSubjectRequest(id: $id, procedureId: $procedureId, dataSubjectId: $dataSubjectId) { id } }`,
          { id: requestId, procedureId: target.procedureId, dataSubjectId: target.dataSubjectId },
          await this.actor(plan.linkBy),
        );
      }
      if (plan.answer) {
        await this.step(
          `${plan.key} decide`,
          `mutation($id: ID!, $note: String) { decideDataSubjectRequest(id: $id, approve: true, note: $note) { id } }`,
          { id: requestId, note: this.marker(`${plan.key} DataSubjectRequest.decisionNote`, { kind: "request", requestId }) },
          receiver,
        );
        await this.step(`${plan.key} complete`, `mutation($id: ID!) { completeDataSubjectRequest(id: $id) { id } }`, { id: requestId }, receiver);
      }
      const linkedSubject = plan.linkTo ? this.situation(plan.linkTo).dataSubjectId : plan.on && plan.on !== "deleted" ? on!.dataSubjectId : null;
      this.requests.push({ key: plan.key, requestId, kind: plan.kind, procedureId, dataSubjectId: linkedSubject });
    }
    // An access report reports the data subject's data to whoever may read the request (R-ACCESS-1, R-ACCESS-2).
    for (const request of this.requests) {
      const row = (await this.db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, request.requestId)))[0];
      if (row?.kind !== "ACCESS" || !row.procedureId) continue;
      const situation = this.situations.find((s) => s.procedureId === row.procedureId);
      if (!situation) continue;
      const prefix = `${situation.key} `;
      const reported = /DataSubject\.|SensitiveRecord\.(details|legalBasis|necessity)|Contestation\./;
      this.addOwners(
        (s) => s.label.startsWith(prefix) && reported.test(s.label),
        { kind: "report", requestId: request.requestId, procedureId: row.procedureId },
      );
    }
  }

  private async load(): Promise<State> {
    if (this.state) return this.state;
    const [procedureRows, participantRows, grants, requestRows, userRows, authorityRows] = await Promise.all([
      this.db.select().from(procedures),
      this.db.select().from(participants),
      this.db.select().from(personalDataGrants),
      this.db.select().from(dataSubjectRequests),
      this.db.select().from(users),
      this.db.select().from(authorities),
    ]);
    const byProcedure = new Map<string, (typeof participants.$inferSelect)[]>();
    for (const row of participantRows) byProcedure.set(row.procedureId, [...(byProcedure.get(row.procedureId) ?? []), row]);
    this.state = {
      now: this.api.clock.now(),
      procedures: new Map(procedureRows.map((p) => [p.id, p])),
      participants: byProcedure,
      grants,
      requests: new Map(requestRows.map((r) => [r.id, r])),
      users: new Map(userRows.map((u) => [u.id, u])),
      memberState: new Map(authorityRows.map((a) => [a.id, a.memberState])),
    };
    return this.state;
  }

  /** The planted strings a response holds, each with whether the viewer may read it (now). */
  async exposures(viewer: Viewer, text: string, sent: ReadonlySet<string>): Promise<{ secret: Secret; allowed: boolean }[]> {
    const found = this.secretsIn(text).filter((s) => !sent.has(s.value));
    if (found.length === 0) return [];
    const state = await this.load();
    return found.map((secret) => ({ secret, allowed: secret.owners.some((owner) => this.mayRead(state, viewer, owner)) }));
  }

  /** Whether the viewer may read the owner's data now: SPEC's need-to-know matrix, from the rows alone. */
  async allows(viewer: Viewer, owner: Owner): Promise<boolean> {
    return this.mayRead(await this.load(), viewer, owner);
  }

  /** The authorities taking part now: not forwarded away, and a draft's recipients not yet. */
  private current(state: State, procedureId: string) {
    const procedure = state.procedures.get(procedureId);
    if (!procedure) return [];
    return (state.participants.get(procedureId) ?? []).filter((row) => row.forwardedAt === null && (procedure.status !== "DRAFT" || row.part === "INITIATOR"));
  }

  /** Whether the helpdesk acts on the request (R-RECTIFY-1 b and c, R-RECTIFY-3, R-ACCESS-2, R-RETAIN-6), now or did. */
  private helpdeskActs(state: State, request: typeof dataSubjectRequests.$inferSelect): boolean {
    if (request.escalatedAt || (request.route && HELPDESK_ROUTES.has(request.route))) return true;
    if (request.kind === "EARLY_DELETION") return true;
    const procedure = request.procedureId ? state.procedures.get(request.procedureId) : undefined;
    if (!procedure || procedure.personalDataDeletedAt) return false;
    if (request.kind === "ACCESS") return procedure.blockedAt !== null;
    if (procedure.blockedAt || procedure.status === "CLOSED") return true;
    const initiator = this.current(state, procedure.id).find((row) => row.part === "INITIATOR");
    return initiator?.authorityId !== request.receivingAuthorityId;
  }

  private mayRead(state: State, viewer: Viewer, owner: Owner): boolean {
    const role = viewer.role;
    switch (owner.kind) {
      case "contact": {
        if (owner.userId === viewer.userId) return true;
        const user = state.users.get(owner.userId);
        if (!user || !user.active) return false;
        if (role === "COMMISSION") return true;
        if (role === "COORDINATOR") return state.memberState.get(user.authorityId) === viewer.memberState;
        if (role === "LOCAL_ADMIN") return user.authorityId === viewer.authorityId;
        if (role !== "CASE_HANDLER" || !user.roles.includes("CASE_HANDLER")) return false;
        // The case handlers of the authorities of procedures the viewer's authority takes part in.
        for (const procedureId of state.procedures.keys()) {
          const current = this.current(state, procedureId).map((row) => row.authorityId);
          if (current.includes(viewer.authorityId) && current.includes(user.authorityId)) return true;
        }
        return false;
      }
      case "commission":
        return role === "COMMISSION";
      case "public":
        return true;
      case "metadata": {
        const procedure = state.procedures.get(owner.procedureId);
        if (!procedure) return false;
        if (role === "COMMISSION") return true;
        const current = this.current(state, procedure.id);
        if (role === "COORDINATOR") return current.some((row) => state.memberState.get(row.authorityId) === viewer.memberState);
        if (role === "LOCAL_ADMIN" || role === "CASE_HANDLER") return current.some((row) => row.authorityId === viewer.authorityId);
        return role === "PORTAL" && procedure.createdByUserId === viewer.userId;
      }
      case "request": {
        const request = state.requests.get(owner.requestId);
        if (!request) return false;
        // LOCAL_ADMIN and COORDINATOR: never (the matrix's two rows on data-subject requests).
        if (role === "CASE_HANDLER") return request.receivingAuthorityId === viewer.authorityId;
        if (role === "PORTAL") return request.filedByUserId === viewer.userId;
        if (role === "COMMISSION") return this.helpdeskActs(state, request);
        return false;
      }
      case "report": {
        if (!this.mayRead(state, viewer, { kind: "request", requestId: owner.requestId })) return false;
        const request = state.requests.get(owner.requestId)!;
        const procedure = state.procedures.get(owner.procedureId);
        if (!procedure || procedure.personalDataDeletedAt) return false;
        if (this.helpdeskActs(state, request)) return true;
        // The receiving authority answering itself reports what it may read: it initiated or accepted, not blocked.
        const mine = this.current(state, procedure.id).find((row) => row.authorityId === request.receivingAuthorityId);
        return !procedure.blockedAt && !!mine && (mine.part === "INITIATOR" || mine.acceptedAt !== null);
      }
      case "justification": {
        const procedure = state.procedures.get(owner.procedureId);
        if (!procedure || procedure.blockedAt || procedure.personalDataDeletedAt) return false;
        return role === "CASE_HANDLER" && this.current(state, procedure.id).some((row) => row.authorityId === viewer.authorityId);
      }
      case "personalData": {
        const procedure = state.procedures.get(owner.procedureId);
        if (!procedure || procedure.personalDataDeletedAt) return false;
        if (role === "CASE_HANDLER") {
          const mine = this.current(state, procedure.id).find((row) => row.authorityId === viewer.authorityId);
          // Never once blocked; a closed Services Directive alert is not blocked at all (R-RETAIN-2).
          return !!mine && (mine.part === "INITIATOR" || mine.acceptedAt !== null) && !procedure.blockedAt;
        }
        if (role === "COMMISSION") {
          // Only through a recorded route that holds now (R-ACCESS-2, R-RECTIFY-1, R-RETAIN-4).
          return state.grants.some((g) => g.procedureId === procedure.id && g.authorityId === viewer.authorityId && g.grantedAt <= state.now && g.expiresAt > state.now);
        }
        return false;
      }
    }
  }
}
