import type { AuthorityRow, NationalRestrictionRow } from "./directory.repository.js";

/** R-NOTICE-1: the content Art. 18 and §5 ask a controller to give data subjects. */
export function composePrivacyNotice(authority: AuthorityRow, restrictions: NationalRestrictionRow[]) {
  const processing =
    `${authority.name} may process your personal data in the Internal Market Information System (IMI), ` +
    "the European Commission's system for administrative cooperation between public authorities of the EU " +
    "and EEA member states (Regulation (EU) No 1024/2012), to exchange information with competent " +
    "authorities of other member states under the legal acts listed for the authority. Only the authorities " +
    "taking part in a procedure see its personal data. It is blocked 6 months after the procedure is formally " +
    "closed (18 months for SOLVIT cases) and deleted 3 years after closure.";
  const recipientCategories = [
    "Competent authorities of other EU and EEA member states taking part in the same procedure",
    "Other competent authorities of the same member state to which a request is forwarded",
    "The European Commission's IMI helpdesk, only to handle requests of data subjects and for blocked data",
  ];
  const contact = `${authority.name}, ${authority.postalAddress}, ${authority.contactEmail}` +
    (authority.contactPhone ? `, ${authority.contactPhone}` : "");
  const rights = [
    {
      right: "ACCESS",
      description: `You may ask ${authority.name}, or any other authority taking part in the procedure, which data about you is processed in IMI.`,
    },
    {
      right: "RECTIFICATION",
      description: "You may ask for inaccurate or incomplete data to be corrected; an answer is due within 30 days.",
    },
    {
      right: "ERASURE",
      description: "You may ask for unlawfully processed data to be erased; an answer is due within 30 days.",
    },
  ];
  const moreInformation = [
    { title: "IMI data protection", url: "https://ec.europa.eu/internal_market/imi-net/data_protection/index_en.htm" },
    { title: "Regulation (EU) No 1024/2012", url: "https://eur-lex.europa.eu/eli/reg/2012/1024/oj" },
  ];
  const exceptions = restrictions.length
    ? restrictions.map((r) => `- ${r.title} (${r.legalReference}): ${r.description}`).join("\n")
    : "- None recorded for this member state.";
  const text = [
    `Privacy notice of ${authority.name} (${authority.memberState})`,
    "",
    processing,
    "",
    `Controller: ${contact}.`,
    `Data protection officer: ${authority.dpoName}, ${authority.dpoEmail}.`,
    "",
    "Recipients:",
    ...recipientCategories.map((c) => `- ${c}`),
    "",
    "Your rights:",
    ...rights.map((r) => `- ${r.right}: ${r.description}`),
    "",
    "National exceptions and restrictions:",
    exceptions,
    "",
    "More information:",
    ...moreInformation.map((l) => `- ${l.title}: ${l.url}`),
  ].join("\n");
  return { controller: authority, processing, recipientCategories, rights, nationalExceptions: restrictions, moreInformation, text };
}
