import { DEMO_AUTHORITY as A } from "./demo-ids.js";

type Kind = "REQUEST" | "ALERT" | "NOTIFICATION" | "SOLVIT_CASE";
type Status = "DRAFT" | "SENT" | "ACCEPTED" | "ANSWERED" | "CLOSED";

interface DemoProcedure {
  kind: Kind;
  legalAreaCode: string;
  status: Status;
  subject: string;
  justification: string;
  consentReference?: string;
  initiator: string;
  recipients: { authority: string; acceptedDaysAgo?: number }[];
  createdDaysAgo: number;
  closedDaysAgo?: number;
  blockedDaysAgo?: number;
  deletedDaysAgo?: number;
  subjects: {
    person: { fullName: string; dateOfBirth?: string; nationalIdentifier?: string; address?: string; email?: string };
    sensitive?: { category: "DISCIPLINARY" | "ADMINISTRATIVE" | "CRIMINAL" | "GOOD_REPUTE"; details: string; necessity: string; legalBasis: string };
  }[];
  messages: { author: string; body: string }[];
  legalPersons?: { name: string; registrationNumber?: string; country?: string; address?: string }[];
}

/** A few procedures in each state, so that every screen of a frontend has something to show. */
export const DEMO_PROCEDURES: DemoProcedure[] = [
  {
    kind: "REQUEST", legalAreaCode: "SERVICES", status: "DRAFT",
    subject: "Verification of a craftsman's registration",
    justification: "The provider applied to work in Denmark; we need to confirm the registration in Berlin.",
    initiator: A.businessAuthorityDk, recipients: [{ authority: A.chamberOfCraftsDe }], createdDaysAgo: 1,
    subjects: [{ person: { fullName: "Lars Nielsen", dateOfBirth: "1980-04-12", email: "lars.nielsen@example.dk" } }],
    messages: [],
  },
  {
    kind: "REQUEST", legalAreaCode: "PROFESSIONAL_QUALIFICATIONS", status: "SENT",
    subject: "Authenticity of a master craftsman diploma",
    justification: "Recognition of qualifications under Directive 2005/36/EC needs the diploma confirmed.",
    initiator: A.businessAuthorityDk, recipients: [{ authority: A.chamberOfCraftsDe }], createdDaysAgo: 6,
    subjects: [{ person: { fullName: "Jens Hansen", dateOfBirth: "1975-09-30", nationalIdentifier: "300975-1234", address: "Vesterbrogade 1, 1620 København V" } }],
    messages: [{ author: A.businessAuthorityDk, body: "Please confirm that the attached diploma of Jens Hansen was issued by your chamber." }],
  },
  {
    kind: "REQUEST", legalAreaCode: "SERVICES", status: "ACCEPTED",
    subject: "Good repute of a Danish electrician working in Berlin",
    justification: "The electrician declared no sanctions; we need confirmation from the home authority.",
    initiator: A.chamberOfCraftsDe, recipients: [{ authority: A.businessAuthorityDk, acceptedDaysAgo: 8 }], createdDaysAgo: 10,
    subjects: [{
      person: { fullName: "Mette Kristensen", dateOfBirth: "1988-02-03", email: "mette.k@example.dk" },
      sensitive: { category: "GOOD_REPUTE", details: "Declared no disciplinary sanctions.", necessity: "Needed to assess good repute before registration.", legalBasis: "Directive 2006/123/EC Art. 33" },
    }],
    messages: [{ author: A.chamberOfCraftsDe, body: "Can you confirm that Mette Kristensen has no disciplinary sanctions?" }],
    legalPersons: [{ name: "Kristensen El ApS", registrationNumber: "DK-38123456", country: "DK", address: "Nørrebrogade 20, 2200 København N" }],
  },
  {
    kind: "REQUEST", legalAreaCode: "PATIENTS_RIGHTS", status: "ANSWERED",
    subject: "Right to practise of a French nurse",
    justification: "The nurse applied for authorisation in Denmark; we need to verify the right to practise.",
    initiator: A.businessAuthorityDk, recipients: [{ authority: A.healthAuthorityFr, acceptedDaysAgo: 18 }], createdDaysAgo: 20,
    subjects: [{
      person: { fullName: "Marie Dubois", dateOfBirth: "1990-11-05", address: "12 rue de Rivoli, 75004 Paris" },
      sensitive: { category: "DISCIPLINARY", details: "Warning issued in 2021 for record-keeping; no suspension.", necessity: "Relevant to the right to practise.", legalBasis: "Directive 2005/36/EC Art. 56" },
    }],
    messages: [
      { author: A.businessAuthorityDk, body: "Does Marie Dubois hold an unrestricted right to practise as a nurse?" },
      { author: A.healthAuthorityFr, body: "Yes; one warning in 2021, no suspension." },
    ],
  },
  {
    kind: "REQUEST", legalAreaCode: "SERVICES", status: "CLOSED",
    subject: "Insurance cover of a construction company",
    justification: "Checking professional liability insurance declared by the provider.",
    initiator: A.businessAuthorityDk, recipients: [{ authority: A.chamberOfCraftsDe, acceptedDaysAgo: 85 }], createdDaysAgo: 90, closedDaysAgo: 60,
    subjects: [{ person: { fullName: "Klaus Becker", dateOfBirth: "1969-07-21" } }],
    messages: [
      { author: A.businessAuthorityDk, body: "Is Klaus Becker's company insured for professional liability?" },
      { author: A.chamberOfCraftsDe, body: "Yes, cover confirmed until 2027." },
    ],
    legalPersons: [{ name: "Becker Bau GmbH", registrationNumber: "HRB 123456 B", country: "DE" }],
  },
  {
    kind: "REQUEST", legalAreaCode: "PROFESSIONAL_QUALIFICATIONS", status: "CLOSED",
    subject: "Qualification of an architect (closed, blocked)",
    justification: "Recognition of an architect's diploma.",
    initiator: A.businessAuthorityDk, recipients: [{ authority: A.healthAuthorityFr, acceptedDaysAgo: 290 }], createdDaysAgo: 300, closedDaysAgo: 270, blockedDaysAgo: 87,
    subjects: [{ person: { fullName: "Sophie Martin", dateOfBirth: "1985-01-15" } }],
    messages: [{ author: A.healthAuthorityFr, body: "Diploma of Sophie Martin confirmed." }],
  },
  {
    kind: "ALERT", legalAreaCode: "SERVICES", status: "SENT",
    subject: "Alert: rogue roofing services offered across borders",
    justification: "A provider continues to offer services after being banned in Denmark.",
    initiator: A.businessAuthorityDk,
    recipients: [{ authority: A.chamberOfCraftsDe, acceptedDaysAgo: 3 }, { authority: A.healthAuthorityFr }], createdDaysAgo: 4,
    subjects: [{ person: { fullName: "Peter Jensen", dateOfBirth: "1972-03-08" } }],
    messages: [{ author: A.businessAuthorityDk, body: "Peter Jensen was banned from providing roofing services in Denmark." }],
  },
  {
    kind: "SOLVIT_CASE", legalAreaCode: "SOLVIT", status: "SENT", consentReference: "SOLVIT-COMPLAINT-2026-0147",
    subject: "Refused recognition of a driving instructor licence",
    justification: "A citizen complains that the licence was refused without reasons.",
    initiator: A.businessAuthorityDk, recipients: [{ authority: A.healthAuthorityFr }], createdDaysAgo: 2,
    subjects: [{ person: { fullName: "Anna Larsen", email: "anna.larsen@example.dk" } }],
    messages: [],
  },
  {
    kind: "NOTIFICATION", legalAreaCode: "SERVICES", status: "CLOSED",
    subject: "Notification of a new authorisation scheme",
    justification: "Informing the other member states of a new scheme.",
    initiator: A.chamberOfCraftsDe, recipients: [{ authority: A.businessAuthorityDk, acceptedDaysAgo: 40 }], createdDaysAgo: 45, closedDaysAgo: 30,
    subjects: [],
    messages: [],
  },
  {
    kind: "REQUEST", legalAreaCode: "SERVICES", status: "CLOSED",
    subject: "Old exchange, personal data deleted",
    justification: "Registration check.",
    initiator: A.businessAuthorityDk, recipients: [{ authority: A.chamberOfCraftsDe, acceptedDaysAgo: 1500 }], createdDaysAgo: 1510, closedDaysAgo: 1490, blockedDaysAgo: 1307, deletedDaysAgo: 394,
    subjects: [],
    messages: [],
  },
];
