import { and, eq } from "drizzle-orm";
import { sealAnswerValue } from "../../modules/answers/answer-storage.js";
import type { Transaction } from "../database.js";
import {
  participants,
  procedureQuestionSets,
  procedures,
  questionAnswers,
  questions,
  questionSetVersions,
  type QuestionChoiceRow,
  type Wording,
} from "../schema/index.js";

type DemoQuestion = {
  code: string;
  answerType: "YES_NO" | "CHOICE" | "DATE" | "TEXT" | "DOCUMENT";
  required?: boolean;
  mayContainPersonalData: boolean;
  wording: Wording;
  choices?: QuestionChoiceRow[];
};

type DemoSet = { code: string; legalAreaCode: string; title: Wording; questions: DemoQuestion[] };


/**
 * The demo world's question sets, modelled on IMI's: a Services Directive set to check a provider's
 * establishment, and a Professional Qualifications Directive set to check a diploma and the right to
 * practise, each in Danish, German, French and English. Version 1 of each, published by the helpdesk.
 */
export const DEMO_QUESTION_SETS: DemoSet[] = [
  {
    code: "SERVICES-ESTABLISHMENT",
    legalAreaCode: "SERVICES",
    title: {
      da: "Kontrol af en tjenesteyders lovlige etablering (servicedirektivet art. 28-29)",
      de: "Prüfung der rechtmäßigen Niederlassung eines Dienstleistungserbringers (Dienstleistungsrichtlinie Art. 28-29)",
      fr: "Vérification de l'établissement légal d'un prestataire de services (directive services, art. 28-29)",
      en: "Checking a service provider's lawful establishment (Services Directive Art. 28-29)",
    },
    questions: [
      {
        code: "SD-ESTABLISHED",
        answerType: "YES_NO",
        mayContainPersonalData: false,
        wording: {
          da: "Er tjenesteyderen lovligt etableret i Deres medlemsstat?",
          de: "Ist der Dienstleistungserbringer in Ihrem Mitgliedstaat rechtmäßig niedergelassen?",
          fr: "Le prestataire est-il légalement établi dans votre État membre ?",
          en: "Is the service provider lawfully established in your member state?",
        },
      },
      {
        code: "SD-REGISTER-ENTRY",
        answerType: "DATE",
        mayContainPersonalData: false,
        wording: {
          da: "Hvornår blev tjenesteyderen optaget i det relevante register?",
          de: "Seit wann ist der Dienstleistungserbringer im einschlägigen Register eingetragen?",
          fr: "Depuis quand le prestataire est-il inscrit au registre compétent ?",
          en: "Since when has the provider been entered in the relevant register?",
        },
      },
      {
        code: "SD-AUTHORISATION",
        answerType: "CHOICE",
        mayContainPersonalData: false,
        wording: {
          da: "Hvilken status har tjenesteyderens tilladelse til at udøve aktiviteten?",
          de: "Welchen Stand hat die Genehmigung des Dienstleistungserbringers für die Tätigkeit?",
          fr: "Quel est le statut de l'autorisation du prestataire pour exercer l'activité ?",
          en: "What is the status of the provider's authorisation to carry out the activity?",
        },
        choices: [
          { code: "VALID", label: { da: "Gyldig", de: "Gültig", fr: "Valide", en: "Valid" } },
          { code: "SUSPENDED", label: { da: "Suspenderet", de: "Ausgesetzt", fr: "Suspendue", en: "Suspended" } },
          { code: "WITHDRAWN", label: { da: "Tilbagekaldt", de: "Widerrufen", fr: "Retirée", en: "Withdrawn" } },
          { code: "NOT_REQUIRED", label: { da: "Ikke påkrævet", de: "Nicht erforderlich", fr: "Non requise", en: "Not required" } },
        ],
      },
      {
        code: "SD-SANCTIONS",
        answerType: "TEXT",
        required: false,
        mayContainPersonalData: true,
        wording: {
          da: "Beskriv eventuelle disciplinære eller administrative sanktioner over for tjenesteyderen eller dennes ledelse.",
          de: "Beschreiben Sie etwaige disziplinarische oder verwaltungsrechtliche Sanktionen gegen den Dienstleistungserbringer oder seine Geschäftsleitung.",
          fr: "Décrivez les éventuelles sanctions disciplinaires ou administratives prises à l'encontre du prestataire ou de ses dirigeants.",
          en: "Describe any disciplinary or administrative sanctions against the provider or its managers.",
        },
      },
      {
        code: "SD-CERTIFICATE",
        answerType: "DOCUMENT",
        required: false,
        mayContainPersonalData: true,
        wording: {
          da: "Vedlæg en registerudskrift eller et certifikat for etableringen.",
          de: "Fügen Sie einen Registerauszug oder eine Bescheinigung über die Niederlassung bei.",
          fr: "Joignez un extrait du registre ou une attestation d'établissement.",
          en: "Attach a register extract or a certificate of establishment.",
        },
      },
    ],
  },
  {
    code: "PQ-RECOGNITION",
    legalAreaCode: "PROFESSIONAL_QUALIFICATIONS",
    title: {
      da: "Kontrol af et eksamensbevis og retten til at udøve erhvervet (direktiv 2005/36/EF)",
      de: "Prüfung eines Befähigungsnachweises und der Berufsausübungsberechtigung (Richtlinie 2005/36/EG)",
      fr: "Vérification d'un titre de formation et du droit d'exercer (directive 2005/36/CE)",
      en: "Checking a diploma and the right to practise (Directive 2005/36/EC)",
    },
    questions: [
      {
        code: "PQ-DIPLOMA-AUTHENTIC",
        answerType: "YES_NO",
        mayContainPersonalData: false,
        wording: {
          da: "Er det vedlagte eksamensbevis ægte og udstedt af den angivne institution?",
          de: "Ist der beigefügte Befähigungsnachweis echt und von der angegebenen Einrichtung ausgestellt?",
          fr: "Le titre de formation joint est-il authentique et délivré par l'établissement indiqué ?",
          en: "Is the attached diploma authentic and issued by the institution named?",
        },
      },
      {
        code: "PQ-DIPLOMA-DATE",
        answerType: "DATE",
        mayContainPersonalData: true,
        wording: {
          da: "Hvornår blev eksamensbeviset udstedt?",
          de: "Wann wurde der Befähigungsnachweis ausgestellt?",
          fr: "À quelle date le titre de formation a-t-il été délivré ?",
          en: "When was the diploma issued?",
        },
      },
      {
        code: "PQ-RIGHT-TO-PRACTISE",
        answerType: "CHOICE",
        mayContainPersonalData: true,
        wording: {
          da: "Har personen ret til at udøve erhvervet i Deres medlemsstat?",
          de: "Ist die Person berechtigt, den Beruf in Ihrem Mitgliedstaat auszuüben?",
          fr: "La personne a-t-elle le droit d'exercer la profession dans votre État membre ?",
          en: "Does the person have the right to practise the profession in your member state?",
        },
        choices: [
          { code: "FULL", label: { da: "Ja, uden begrænsninger", de: "Ja, ohne Einschränkungen", fr: "Oui, sans restriction", en: "Yes, without restrictions" } },
          { code: "RESTRICTED", label: { da: "Ja, med begrænsninger", de: "Ja, mit Einschränkungen", fr: "Oui, avec des restrictions", en: "Yes, with restrictions" } },
          { code: "SUSPENDED", label: { da: "Nej, midlertidigt frakendt", de: "Nein, vorübergehend untersagt", fr: "Non, suspendu temporairement", en: "No, temporarily suspended" } },
          { code: "NONE", label: { da: "Nej", de: "Nein", fr: "Non", en: "No" } },
        ],
      },
      {
        code: "PQ-RESTRICTIONS",
        answerType: "TEXT",
        required: false,
        mayContainPersonalData: true,
        wording: {
          da: "Hvis retten er begrænset eller frakendt: hvilke begrænsninger, og på hvilket grundlag?",
          de: "Falls die Berechtigung eingeschränkt oder untersagt ist: welche Einschränkungen, und aus welchem Grund?",
          fr: "Si le droit est restreint ou suspendu : quelles restrictions, et pour quel motif ?",
          en: "If the right is restricted or suspended: which restrictions, and on what grounds?",
        },
      },
      {
        code: "PQ-CERTIFICATE-OF-CONFORMITY",
        answerType: "DOCUMENT",
        required: false,
        mayContainPersonalData: true,
        wording: {
          da: "Vedlæg et overensstemmelsescertifikat eller en attest for god anseelse.",
          de: "Fügen Sie eine Konformitätsbescheinigung oder einen Nachweis der Zuverlässigkeit bei.",
          fr: "Joignez un certificat de conformité ou une attestation d'honorabilité.",
          en: "Attach a certificate of conformity or a certificate of good standing.",
        },
      },
    ],
  },
];


/** Publishes the demo sets (version 1) in the seeding transaction; returns their version ids by code. */
export async function insertDemoQuestionSets(tx: Transaction, publishedAt: Date, publishedByUserId: string | null): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const set of DEMO_QUESTION_SETS) {
    const [version] = await tx
      .insert(questionSetVersions)
      .values({ code: set.code, version: 1, legalAreaCode: set.legalAreaCode, title: set.title, status: "PUBLISHED", publishedAt, publishedByUserId })
      .returning();
    await tx.insert(questions).values(
      set.questions.map((q, i) => ({
        questionSetVersionId: version!.id,
        code: q.code,
        position: i + 1,
        answerType: q.answerType,
        required: q.required ?? true,
        mayContainPersonalData: q.mayContainPersonalData,
        wording: q.wording,
        choices: q.choices ?? [],
      })),
    );
    ids.set(set.code, version!.id);
  }
  return ids;
}

/** Demo answers: the accepted Services Directive request of the demo world, answered by the Danish Business Authority. */
const DEMO_ANSWERED = {
  subject: "Good repute of a Danish electrician working in Berlin",
  set: "SERVICES-ESTABLISHMENT",
  answers: {
    "SD-ESTABLISHED": "YES",
    "SD-REGISTER-ENTRY": "2014-03-01",
    "SD-AUTHORISATION": "VALID",
  } as Record<string, string>,
};

/**
 * Links the demo world's accepted Services request to its set and answers it (issue 17), so that the
 * answers screens have something to show. Values sealed as the API seals them (answer-storage.ts).
 */
export async function answerDemoRequest(tx: Transaction, setIds: Map<string, string>, answeredAt: Date): Promise<void> {
  const versionId = setIds.get(DEMO_ANSWERED.set);
  const [procedure] = await tx.select().from(procedures).where(eq(procedures.subject, DEMO_ANSWERED.subject));
  if (!versionId || !procedure) return;
  const [responder] = await tx
    .select()
    .from(participants)
    .where(and(eq(participants.procedureId, procedure.id), eq(participants.part, "RESPONDER")));
  if (!responder) return;
  await tx.insert(procedureQuestionSets).values({ procedureId: procedure.id, questionSetVersionId: versionId });
  const rows = await tx.select().from(questions).where(eq(questions.questionSetVersionId, versionId));
  for (const question of rows) {
    const value = DEMO_ANSWERED.answers[question.code];
    if (value === undefined) continue;
    await tx.insert(questionAnswers).values({
      procedureId: procedure.id,
      questionId: question.id,
      value: await sealAnswerValue(tx, procedure.id, value),
      answeredByAuthorityId: responder.authorityId,
      answeredAt,
    });
  }
}
