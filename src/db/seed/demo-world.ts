import { sql } from "drizzle-orm";
import { hashPassword } from "../../auth/password.js";
import type { Clock } from "../../clock.js";
import type { Database, Transaction } from "../database.js";
import {
  authorities,
  authorityLegalAreas,
  dataSubjects,
  legalAreas,
  legalPersons,
  messages,
  nationalRestrictions,
  participants,
  procedureConsentReferences,
  procedureJustifications,
  procedures,
  sensitiveRecords,
  users,
} from "../schema/index.js";
import { identifierIndex, sealForInsert } from "../personal-crypto/sealed-rows.js";
import { SEALED_DATA_SUBJECTS, SEALED_LEGAL_PERSONS, SEALED_MESSAGES, SEALED_SENSITIVE_RECORDS } from "../personal-crypto/sealed-tables.js";
import { DEMO_AUTHORITY as A, DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS } from "./demo-ids.js";
import { DEMO_PROCEDURES } from "./demo-procedures.js";
import { answerDemoRequest, insertDemoQuestionSets } from "./demo-question-sets.js";

const DAY = 24 * 3600 * 1000;

export class SeedRefusedError extends Error {}

/** Whether the demo world (its helpdesk account) is already there. */
export async function hasDemoWorld(db: Database): Promise<boolean> {
  const rows = await db.execute(sql`select 1 from ${users} where lower(${users.email}) = 'helpdesk@imi.example'`);
  return (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows).length > 0;
}

/**
 * The demo world's accounts in a database: users with a demo e-mail address (@imi.example, a domain
 * no real mailbox has) or the demo TOTP secret, whose passwords and codes are printed in the README.
 * Production refuses to serve such a database (main.ts).
 */
export async function countDemoAccounts(db: Database): Promise<number> {
  const rows = await db.execute(
    sql`select count(*)::int as n from ${users} where lower(${users.email}) like '%@imi.example' or ${users.totpSecret} = ${DEMO_TOTP_SECRET}`,
  );
  const [row] = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { n: number | string }[];
  return Number(row?.n ?? 0);
}

/**
 * Loads SPEC's demo world: its authorities, the seven demo accounts (password `demo-password`, TOTP
 * secret JBSWY3DPEHPK3PXP) and a few procedures in each state. Refused in production; does nothing
 * when the world is already there. One transaction: all of it or nothing.
 */
export async function seedDemoWorld(db: Database, clock: Clock, nodeEnv: string): Promise<boolean> {
  if (nodeEnv === "production") throw new SeedRefusedError("The demo world is never loaded when NODE_ENV=production.");
  if (await hasDemoWorld(db)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = clock.now();
  await db.transaction(async (tx) => {
    await insertAuthorities(tx, now);
    await tx.insert(users).values(
      DEMO_USERS.map((u, i) => ({
        ...u,
        roles: [...u.roles],
        passwordHash,
        totpSecret: DEMO_TOTP_SECRET,
        createdAt: new Date(now.getTime() - 400 * DAY + i * 1000),
      })),
    );
    await insertRestrictions(tx, now);
    // Issue 17: the Services and Professional Qualifications question sets, in da/de/fr/en.
    const questionSets = await insertDemoQuestionSets(tx, new Date(now.getTime() - 200 * DAY), null);
    await insertProcedures(tx, now);
    await answerDemoRequest(tx, questionSets, new Date(now.getTime() - 7 * DAY));
  });
  return true;
}

async function insertAuthorities(tx: Transaction, now: Date): Promise<void> {
  const rows = [
    { id: A.helpdesk, name: "IMI helpdesk, European Commission", memberState: "EU", contactEmail: "imi-helpdesk@imi.example", postalAddress: "Rue de la Loi 200, 1049 Brussels, Belgium", dpoName: "Data Protection Officer of the European Commission", dpoEmail: "dpo@imi.example" },
    { id: A.coordinatorDk, name: "Danish IMI coordinator", coordinating: true, memberState: "DK", contactEmail: "imi-koordinator@imi.example", postalAddress: "Langelinie Allé 17, 2100 København Ø, Denmark", dpoName: "Databeskyttelsesrådgiver", dpoEmail: "dpo.dk@imi.example" },
    { id: A.businessAuthorityDk, name: "Danish Business Authority", alertCoordinator: true, memberState: "DK", contactEmail: "erst@imi.example", contactPhone: "+45 35 29 10 00", postalAddress: "Langelinie Allé 17, 2100 København Ø, Denmark", website: "https://erhvervsstyrelsen.dk", dpoName: "Databeskyttelsesrådgiver, Erhvervsstyrelsen", dpoEmail: "dpo.erst@imi.example" },
    { id: A.chamberOfCraftsDe, name: "Handwerkskammer Berlin", alertCoordinator: true, memberState: "DE", contactEmail: "hwk-berlin@imi.example", contactPhone: "+49 30 25903 01", postalAddress: "Blücherstraße 68, 10961 Berlin, Germany", dpoName: "Datenschutzbeauftragter der Handwerkskammer Berlin", dpoEmail: "dsb.hwk-berlin@imi.example" },
    { id: A.healthAuthorityFr, name: "Agence régionale de santé Île-de-France", alertCoordinator: true, memberState: "FR", contactEmail: "ars-idf@imi.example", postalAddress: "13 rue du Landy, 93200 Saint-Denis, France", dpoName: "Délégué à la protection des données, ARS Île-de-France", dpoEmail: "dpd.ars-idf@imi.example" },
    { id: A.citizensPortalDk, name: "Danish citizens' portal", memberState: "DK", contactEmail: "borgerportal@imi.example", postalAddress: "Landgreven 4, 1301 København K, Denmark", dpoName: "Databeskyttelsesrådgiver, Digitaliseringsstyrelsen", dpoEmail: "dpo.digst@imi.example" },
    { id: A.safetyAuthorityDk, name: "Danish Safety Technology Authority", memberState: "DK", contactEmail: "sik@imi.example", postalAddress: "Nørregade 63, 6700 Esbjerg, Denmark", dpoName: "Databeskyttelsesrådgiver, Sikkerhedsstyrelsen", dpoEmail: "dpo.sik@imi.example" },
    { id: A.chamberOfCraftsMunichDe, name: "Handwerkskammer für München und Oberbayern", memberState: "DE", contactEmail: "hwk-muenchen@imi.example", postalAddress: "Max-Joseph-Straße 4, 80333 München, Germany", dpoName: "Datenschutzbeauftragter der Handwerkskammer München", dpoEmail: "dsb.hwk-muenchen@imi.example" },
  ];
  // Issue 17 item 4 (Art. 12): one alert coordinator per demo member state (the first competent authority
  // of each), so that an alert to all member states (toAllMemberStates) has recipients in GraphiQL; the
  // designation holds in every area it is registered for, the Services Directive among them.
  await tx.insert(authorities).values(rows.map((row, i) => ({ ...row, createdAt: new Date(now.getTime() - 500 * DAY + i * 1000) })));
  // SPEC: the demo authorities are registered in every legal area.
  const areas = await tx.select({ code: legalAreas.code }).from(legalAreas);
  // Pentest F1: but not the coordinating authority, which takes no part in procedures.
  const competent = rows.filter((row) => row.coordinating !== true);
  await tx.insert(authorityLegalAreas).values(competent.flatMap((row) => areas.map((area) => ({ authorityId: row.id, legalAreaCode: area.code }))));
  // Issue 18: the supervisory authorities (Art. 21), in no legal area.
  await tx.insert(authorities).values([
    { id: A.dataProtectionAuthorityDk, name: "Datatilsynet", memberState: "DK", contactEmail: "dt@imi.example", postalAddress: "Carl Jacobsens Vej 35, 2500 Valby, Denmark", dpoName: "Databeskyttelsesrådgiver, Datatilsynet", dpoEmail: "dpo.dt@imi.example", createdAt: new Date(now.getTime() - 500 * DAY + 100_000) },
    { id: A.edps, name: "European Data Protection Supervisor", memberState: "EU", contactEmail: "edps@imi.example", postalAddress: "Rue Wiertz 60, 1047 Brussels, Belgium", dpoName: "Data Protection Officer of the EDPS", dpoEmail: "dpo.edps@imi.example", createdAt: new Date(now.getTime() - 500 * DAY + 101_000) },
  ]);
}

async function insertRestrictions(tx: Transaction, now: Date): Promise<void> {
  await tx.insert(nationalRestrictions).values([
    {
      memberState: "DK",
      title: "Access limited during criminal investigations",
      description: "The right of access may be postponed while disclosure would harm an ongoing criminal investigation.",
      legalReference: "Databeskyttelsesloven § 22",
      rightsAffected: ["ACCESS", "INFORMATION"],
      createdAt: new Date(now.getTime() - 300 * DAY),
      // R-NOTICE-2: notified by the coordinator, published by the Commission.
      publishedAt: new Date(now.getTime() - 290 * DAY),
    },
    {
      memberState: "DE",
      title: "Information duty restricted for professional secrecy",
      description: "No information is given where it would disclose data that must be kept secret under a legal provision.",
      legalReference: "Bundesdatenschutzgesetz § 29",
      rightsAffected: ["INFORMATION", "ACCESS"],
      createdAt: new Date(now.getTime() - 300 * DAY),
      publishedAt: new Date(now.getTime() - 290 * DAY),
    },
  ]);
}

async function insertProcedures(tx: Transaction, now: Date): Promise<void> {
  const at = (daysAgo: number) => (daysAgo === null ? null : new Date(now.getTime() - daysAgo * DAY));
  for (const [index, demo] of DEMO_PROCEDURES.entries()) {
    const created = at(demo.createdDaysAgo)!;
    const [procedure] = await tx
      .insert(procedures)
      .values({
        reference: `IMI-DEMO-${String(index + 1).padStart(4, "0")}`,
        kind: demo.kind,
        legalAreaCode: demo.legalAreaCode,
        subject: demo.subject,
        status: demo.status,
        initiatorAuthorityId: demo.initiator,
        createdAt: created,
        sentAt: demo.status === "DRAFT" ? null : new Date(created.getTime() + DAY),
        closedAt: demo.closedDaysAgo === undefined ? null : at(demo.closedDaysAgo),
        blockedAt: demo.blockedDaysAgo === undefined ? null : at(demo.blockedDaysAgo),
        personalDataDeletedAt: demo.deletedDaysAgo === undefined ? null : at(demo.deletedDaysAgo),
        lastActivityAt: at(demo.closedDaysAgo ?? demo.createdDaysAgo - 2)!,
      })
      .returning();
    const id = procedure!.id;
    await tx.insert(participants).values([
      { procedureId: id, authorityId: demo.initiator, part: "INITIATOR", addedAt: created },
      ...demo.recipients.map((r) => ({
        procedureId: id,
        authorityId: r.authority,
        part: demo.kind === "REQUEST" || demo.kind === "SOLVIT_CASE" ? ("RESPONDER" as const) : ("RECIPIENT" as const),
        addedAt: created,
        acceptedAt: r.acceptedDaysAgo === undefined ? null : at(r.acceptedDaysAgo),
      })),
    ]);
    if (demo.deletedDaysAgo !== undefined) continue; // R-RETAIN-3: a shell holds no personal data.
    // Issue 13: the justification and the consent reference in their own tables (procedure-texts.ts).
    await tx.insert(procedureJustifications).values({ procedureId: id, justification: demo.justification });
    if (demo.consentReference) await tx.insert(procedureConsentReferences).values({ procedureId: id, consentReference: demo.consentReference });
    // R-RETAIN-3: sealed as the API seals them, so that the database's files never hold the demo
    // world's personal data readable (main.ts seals legacy rows before it seeds, not after).
    for (const subject of demo.subjects) {
      const { sealed } = await sealForInsert(tx, SEALED_DATA_SUBJECTS, { procedureId: id, ...subject.person, addedByAuthorityId: demo.initiator, createdAt: created });
      const nationalIdentifierIndex = subject.person.nationalIdentifier ? await identifierIndex(tx, subject.person.nationalIdentifier) : null;
      const [row] = await tx.insert(dataSubjects).values({ ...sealed, nationalIdentifierIndex }).returning();
      if (subject.sensitive) {
        const record = await sealForInsert(tx, SEALED_SENSITIVE_RECORDS, { dataSubjectId: row!.id, ...subject.sensitive, createdAt: created });
        await tx.insert(sensitiveRecords).values(record.sealed);
      }
    }
    for (const [i, message] of demo.messages.entries()) {
      const { sealed } = await sealForInsert(tx, SEALED_MESSAGES, {
        procedureId: id,
        authorAuthorityId: message.author,
        body: message.body,
        createdAt: new Date(created.getTime() + (i + 2) * DAY),
      });
      await tx.insert(messages).values(sealed);
    }
    for (const company of demo.legalPersons ?? []) {
      const { sealed } = await sealForInsert(tx, SEALED_LEGAL_PERSONS, { procedureId: id, ...company, addedByAuthorityId: demo.initiator, createdAt: created });
      await tx.insert(legalPersons).values(sealed);
    }
  }
}
