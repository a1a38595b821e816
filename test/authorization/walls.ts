import type { TestApi } from "../helpers/api.js";

/**
 * Issue 13 item 4: the matrix test and the personal-data paths test run three ways, each a different
 * set of walls in front of the same world. What each proves (docs/authorization.md):
 *  - both walls: the answers of today, every denial explained (FORBIDDEN with its reason);
 *  - the database's alone (graphql-shield removed, as a new resolver or path that forgot to ask the
 *    policy would be): no planted personal string reaches a viewer the matrix does not allow;
 *  - graphql-shield alone (row security off: requests run as the tables' owner): the answers of today,
 *    so the shield does not lean on the database to be right.
 * test/rls/shield-removed.test.ts shows that with both off the same reads do hand the data out: the
 * second and third ways are not vacuous.
 */
export interface Walls {
  name: string;
  shield: boolean;
  rowSecurity: boolean;
  options: Parameters<typeof TestApi.create>[2];
}

export const WALLS: readonly Walls[] = [
  { name: "shield and row security", shield: true, rowSecurity: true, options: {} },
  { name: "row security alone (shield removed)", shield: false, rowSecurity: true, options: { withoutAuthorization: true } },
  { name: "shield alone (row security off)", shield: true, rowSecurity: false, options: { requestsAsOwner: true } },
];
