import type { NationalRestrictionRow } from "./directory.repository.js";

/** The right a data subject's request exercises, as national restrictions name it (R-NOTICE-2). */
export function rightOfRequest(kind: string): string {
  // An early deletion erases personal data before its time: a restriction of erasure covers it.
  return kind === "EARLY_DELETION" ? "ERASURE" : kind;
}

/** What decides whether a restriction applies to a request. */
export interface RequestScope {
  /** The member state of the authority that received the request. */
  memberState: string;
  right: string;
  /** The legal areas the receiving authority is registered in. */
  authorityAreas: ReadonlySet<string>;
  /** The procedure the request is linked to, when it is. */
  procedure: { legalAreaCode: string; kind: string } | null;
}

/**
 * R-NOTICE-2: a published restriction of the receiving authority's state that restricts the right
 * asked for, and whose optional narrowing fits: a legal area (the procedure's, or before linking
 * one the receiving authority is registered in) and a kind of procedure (known once linked).
 */
export function restrictionApplies(restriction: NationalRestrictionRow, scope: RequestScope): boolean {
  if (!restriction.publishedAt || restriction.memberState !== scope.memberState) return false;
  if (!restriction.rightsAffected.includes(scope.right)) return false;
  if (restriction.legalAreaCode) {
    const area = scope.procedure ? scope.procedure.legalAreaCode : null;
    if (area ? area !== restriction.legalAreaCode : !scope.authorityAreas.has(restriction.legalAreaCode)) return false;
  }
  if (restriction.procedureKind && restriction.procedureKind !== scope.procedure?.kind) return false;
  return true;
}
