import { domainToASCII, domainToUnicode } from "node:url";
import { BadUserInputError } from "../../errors.js";

/**
 * R-SEC-1, "one mailbox, one account, the creator's own included": the one syntax accepted for an
 * address that mail is sent to (a user's e-mail, which is also its login, and an authority's contact
 * address, where account notices go), and its one canonical form.
 *
 * Outside attack (finding F1): `"admin\.dk"@imi.example`, `"admin.dk"@imi.example` and
 * `"admin.dk+y"@imi.example` passed createUser as new addresses beside `admin.dk@imi.example`; the mail
 * transport unquoted them and the enrolment code reached the local admin's own mailbox, which then
 * enrolled a case handler and read personal data. A zero-width space passed too. Comparing the many
 * spellings RFC 5321/5322 allow for one mailbox (quoted strings, quoted pairs, comments, IP literals,
 * Unicode that a mail system may fold) is a losing game, so they are refused instead: an address is
 *
 *   local@domain
 *   local:  ASCII letters, digits and . _ - ' +, in dot-separated atoms (no dot first, last or twice
 *           in a row); a "+" starts a sub-address tag (`name+tag`), and the name before it is not empty
 *   domain: two or more dot-separated labels of ASCII letters, digits and hyphens (LDH: no hyphen
 *           first or last, 1-63 each, 253 in all), the last not all digits (no IP address); an
 *           internationalised domain in its A-label form (`xn--…`), which must be a valid one
 *   at most 64 characters before the "@", 254 in all
 *
 * Non-ASCII is refused everywhere, local part included: an internationalised local part (RFC 6531)
 * has no normal form that every mail system applies alike (NFKC, case folding), so two spellings of
 * one mailbox could not be told apart. Surrounding whitespace is trimmed; letters' case does not
 * matter: the canonical form is lowercase, and the mailbox drops the sub-address tag.
 */
export interface EmailAddress {
  /** The canonical form, stored and mailed to: lowercase. */
  readonly address: string;
  /** The mailbox it delivers to: the canonical form without a `+tag` (`name+x@d` → `name@d`). */
  readonly mailbox: string;
}

/** The rule, as told to whoever gave an address that breaks it (no address is echoed: R-SEC-2). */
export const EMAIL_ADDRESS_RULE =
  "write a plain address such as name@authority.example: before the @ only ASCII letters, digits and . _ - ' + " +
  "(no dot first, last or twice in a row); after it dot-separated labels of ASCII letters, digits and hyphens " +
  "(an internationalised domain in its xn-- form, no IP address); no quotes, backslashes, comments, spaces, " +
  "invisible or non-ASCII characters; at most 254 characters.";

const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

// Explicit ranges, no /i: under the u flag case-insensitive classes fold U+212A (Kelvin sign) to k
// and U+017F (long s) to s.
const ATOM = "[A-Za-z0-9_'-]+";
const TAG_ATOM = "[A-Za-z0-9_'+-]*";
const LOCAL = new RegExp(`^${ATOM}(?:\\.${ATOM})*(?:\\+${TAG_ATOM}(?:\\.[A-Za-z0-9_'+-]+)*)?$`);
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

/** Why `value` is not an address this API accepts (a sentence, without the address), or null. */
export function emailAddressProblem(value: string): string | null {
  return check(value).problem;
}

/** The canonical address and its mailbox, or null when `value` breaks the rule (emailAddressProblem). */
export function parseEmailAddress(value: string): EmailAddress | null {
  const checked = check(value);
  return checked.problem === null ? checked.parsed : null;
}

function check(value: string): { problem: string; parsed?: undefined } | { problem: null; parsed: EmailAddress } {
  const refuse = (why: string) => ({ problem: `The e-mail address ${why}: ${EMAIL_ADDRESS_RULE}` });
  if (typeof value !== "string") return refuse("is not text");
  const trimmed = value.trim();
  if (trimmed === "") return refuse("is empty");
  if (trimmed.length > MAX_ADDRESS) return refuse(`is longer than ${MAX_ADDRESS} characters`);
  // Checked before anything else reads the text: no Unicode case mapping, normalisation or
  // invisible character is ever involved in comparing two addresses.
  if (/[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u.test(trimmed)) {
    return refuse("holds a space, or an invisible or control character");
  }
  if (!PRINTABLE_ASCII.test(trimmed)) return refuse("holds a character that is not ASCII");
  if (/["\\()[\]<>,;:]/.test(trimmed.replace(/@/g, ""))) {
    return refuse("holds a quote, backslash, comment, bracket or other character that is not part of a plain address");
  }
  const at = trimmed.indexOf("@");
  if (at < 0 || at !== trimmed.lastIndexOf("@")) return refuse("must hold exactly one @");
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1);
  if (local.length === 0 || local.length > MAX_LOCAL) return refuse(`must have 1 to ${MAX_LOCAL} characters before the @`);
  if (!LOCAL.test(local)) return refuse("has a part before the @ that is not a plain name");
  const labels = domain.split(".");
  if (domain.length > MAX_DOMAIN || labels.length < 2 || !labels.every((label) => LABEL.test(label))) {
    return refuse("has a domain that is not dot-separated labels of letters, digits and hyphens");
  }
  if (/^[0-9]+$/.test(labels.at(-1)!)) return refuse("has an IP address or a numeric top-level label as its domain");
  const lowerDomain = domain.toLowerCase();
  // An A-label must be one: its Unicode form must give it back (invalid Punycode decodes to "", and
  // `xn--imi-` to plain `imi`, which a resolver might take for the ASCII name).
  if (labels.some((label) => /^xn--/i.test(label)) && domainToASCII(domainToUnicode(lowerDomain)) !== lowerDomain) {
    return refuse("has an xn-- label that is not a valid internationalised domain name");
  }
  const lowerLocal = local.toLowerCase();
  const plus = lowerLocal.indexOf("+");
  const name = plus < 0 ? lowerLocal : lowerLocal.slice(0, plus);
  return { problem: null, parsed: { address: `${lowerLocal}@${lowerDomain}`, mailbox: `${name}@${lowerDomain}` } };
}

/** The canonical address of `value`, or BAD_USER_INPUT naming `field` and what is wrong (services' entry points). */
export function requireEmailAddress(value: string, field: string): EmailAddress {
  const checked = check(value);
  if (checked.problem !== null) throw new BadUserInputError(checked.problem, field);
  return checked.parsed;
}
