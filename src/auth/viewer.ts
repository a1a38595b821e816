export const ROLES = ["COMMISSION", "COORDINATOR", "LOCAL_ADMIN", "CASE_HANDLER", "PORTAL", "SUPERVISOR"] as const;
export type Role = (typeof ROLES)[number];

/** The logged-in user as every rule sees them: re-read from the database on each request (R-USER-2). */
export interface Viewer {
  readonly userId: string;
  readonly authorityId: string;
  readonly memberState: string;
  readonly roles: readonly Role[];
}

export function hasRole(viewer: Viewer, ...roles: Role[]): boolean {
  return roles.some((role) => viewer.roles.includes(role));
}
