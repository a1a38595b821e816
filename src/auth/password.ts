import { hash, verify } from "@node-rs/argon2";

/** Algorithm.Argon2id: a const enum, which isolatedModules cannot read. */
const ARGON2ID = 2;

// OWASP's argon2id minimum (m=19 MiB, t=2, p=1): about 90 ms per hash here.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A valid hash of nothing anyone knows: verified against when the e-mail is unknown, so both cost the same. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}`);
  return decoyHash;
}

/**
 * R-SEC-1: a password's bounds, in characters a person sees (passwordProblem), and the most bytes of
 * UTF-8 that reach the hash: a character may be many code points (a ZWJ emoji sequence is 7, a letter
 * may carry any number of combining marks), so the count of characters alone bounds nothing.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;
export const MAX_PASSWORD_BYTES = 1024;

/** The rule as the API, admin:create and the docs (api-guide.md "Users and enrolment") state it. */
export const PASSWORD_RULE =
  `A password shows ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters as a person sees them: an emoji, a flag or a letter ` +
  "with its accents counts once; spaces, invisible characters (zero-width characters, joiners, variation selectors, " +
  "control characters), combining marks on their own and blank-looking characters (such as U+2800 or U+3164) do not " +
  `count. It takes at most ${MAX_PASSWORD_BYTES} bytes in UTF-8.`;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Code points that show nothing by themselves: whitespace, control, format, unassigned, combining
 * marks, the default-ignorable ones (which take in the Hangul fillers U+115F, U+1160, U+3164, U+FFA0,
 * U+180E, variation selectors and tags), and blank-looking symbols that are none of these: U+2800
 * BRAILLE PATTERN BLANK, U+1D159 MUSICAL SYMBOL NULL NOTEHEAD.
 */
const SHOWS_NOTHING = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Cn}\p{M}\p{Default_Ignorable_Code_Point}\u2800\u{1D159}]$/u;

/** A grapheme cluster (Intl.Segmenter) that shows something: one code point of it does. */
function shows(cluster: string): boolean {
  for (const codePoint of cluster) if (!SHOWS_NOTHING.test(codePoint)) return true;
  return false;
}

/**
 * What is wrong with a chosen password, or null. Counted in grapheme clusters (what a person sees as
 * one character, Intl.Segmenter), and only those that show something. Found from outside, twice:
 * twelve zero-width spaces and six emoji each passed "at least 12 characters" counted in UTF-16
 * units; then, counted in code points, "a" with eleven combining accents, six flags (two code points
 * each), three family emoji (seven), six ❤️ (two), twelve U+3164 HANGUL FILLER or twelve U+2800
 * BRAILLE PATTERN BLANK (finding F2).
 */
export function passwordProblem(password: string): string | null {
  // An unpaired surrogate becomes U+FFFD on its way to argon2: two different passwords, one hash.
  if (/\p{Cs}/u.test(password)) return "The password is not valid Unicode text (it holds an unpaired surrogate).";
  // Checked first, and cheaply: UTF-8 takes at least a byte per UTF-16 unit, so a long text is never segmented.
  if (password.length > MAX_PASSWORD_BYTES || Buffer.byteLength(password, "utf8") > MAX_PASSWORD_BYTES) return refused();
  let counted = 0;
  for (const { segment } of graphemes.segment(password)) if (shows(segment)) counted++;
  if (counted < MIN_PASSWORD_LENGTH || counted > MAX_PASSWORD_LENGTH) return refused();
  return null;
}

function refused(): string {
  return `The password must fit the rule. ${PASSWORD_RULE}`;
}
