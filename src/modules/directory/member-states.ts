/** ISO 3166 alpha-2 codes of the states that use IMI: the EU 27 and the EEA states; "EU" is the Commission. */
export const MEMBER_STATES = [
  "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT",
  "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO",
] as const;
export const COMMISSION_STATE = "EU";

export function isMemberState(code: string): boolean {
  return (MEMBER_STATES as readonly string[]).includes(code);
}
