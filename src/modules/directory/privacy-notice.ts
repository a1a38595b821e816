import { t } from "../../i18n/i18n.js";
import { DEFAULT_LANGUAGE, type Language } from "../../i18n/languages.js";
import type { AuthorityRow, NationalRestrictionRow } from "./directory.repository.js";

/**
 * R-NOTICE-1: the content Art. 18 and §5 ask a controller to give data subjects, in the citizen's
 * language (the catalogues of src/i18n). What the authority recorded (its name, address, the titles
 * of national restrictions) is shown as recorded.
 */
export function composePrivacyNotice(authority: AuthorityRow, restrictions: NationalRestrictionRow[], language: Language = DEFAULT_LANGUAGE) {
  const name = authority.name;
  const processing = t(language, "notice.processing", { name });
  const recipientCategories = [
    t(language, "notice.recipient.participants"),
    t(language, "notice.recipient.forwarded"),
    t(language, "notice.recipient.helpdesk"),
  ];
  const contact = `${authority.name}, ${authority.postalAddress}, ${authority.contactEmail}` +
    (authority.contactPhone ? `, ${authority.contactPhone}` : "");
  const rights = (["ACCESS", "RECTIFICATION", "ERASURE"] as const).map((right) => ({
    right,
    description: t(language, `notice.right.${right}`, { name }),
  }));
  const moreInformation = [
    { title: t(language, "notice.link.imi"), url: "https://ec.europa.eu/internal_market/imi-net/data_protection/index_en.htm" },
    { title: t(language, "notice.link.regulation"), url: "https://eur-lex.europa.eu/eli/reg/2012/1024/oj" },
  ];
  const exceptions = restrictions.length
    ? restrictions.map((r) => `- ${r.title} (${r.legalReference}): ${r.description}`).join("\n")
    : `- ${t(language, "notice.noExceptions")}`;
  const text = [
    t(language, "notice.title", { name, memberState: authority.memberState }),
    "",
    processing,
    "",
    t(language, "notice.controller", { contact }),
    t(language, "notice.dpo", { name: authority.dpoName, email: authority.dpoEmail }),
    "",
    t(language, "notice.heading.recipients"),
    ...recipientCategories.map((c) => `- ${c}`),
    "",
    t(language, "notice.heading.rights"),
    ...rights.map((r) => `- ${r.right}: ${r.description}`),
    "",
    t(language, "notice.heading.exceptions"),
    exceptions,
    "",
    t(language, "notice.heading.more"),
    ...moreInformation.map((l) => `- ${l.title}: ${l.url}`),
  ].join("\n");
  return { controller: authority, processing, recipientCategories, rights, nationalExceptions: restrictions, moreInformation, text, language: language.toUpperCase() };
}
