/** Fixed ids of the demo world, so that docs, examples and tests can name them. */
export const DEMO_AUTHORITY = {
  helpdesk: "00000000-0000-4000-a000-000000000001",
  coordinatorDk: "00000000-0000-4000-a000-000000000002",
  businessAuthorityDk: "00000000-0000-4000-a000-000000000003",
  chamberOfCraftsDe: "00000000-0000-4000-a000-000000000004",
  healthAuthorityFr: "00000000-0000-4000-a000-000000000005",
  citizensPortalDk: "00000000-0000-4000-a000-000000000006",
  safetyAuthorityDk: "00000000-0000-4000-a000-000000000007",
  chamberOfCraftsMunichDe: "00000000-0000-4000-a000-000000000008",
  // Issue 18: supervisory authorities (Art. 21), not registered in any legal area: they take part in nothing.
  dataProtectionAuthorityDk: "00000000-0000-4000-a000-000000000009",
  edps: "00000000-0000-4000-a000-00000000000a",
} as const;

export const DEMO_PASSWORD = "demo-password";
export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP";

export const DEMO_USERS = [
  { email: "helpdesk@imi.example", name: "Helena Helpdesk", roles: ["COMMISSION"], authorityId: DEMO_AUTHORITY.helpdesk },
  { email: "coordinator.dk@imi.example", name: "Carl Koordinator", roles: ["COORDINATOR"], authorityId: DEMO_AUTHORITY.coordinatorDk },
  { email: "admin.dk@imi.example", name: "Anne Admin", roles: ["LOCAL_ADMIN"], authorityId: DEMO_AUTHORITY.businessAuthorityDk },
  { email: "handler.dk@imi.example", name: "Henrik Sagsbehandler", roles: ["CASE_HANDLER"], authorityId: DEMO_AUTHORITY.businessAuthorityDk },
  { email: "handler.de@imi.example", name: "Hanna Sachbearbeiterin", roles: ["CASE_HANDLER"], authorityId: DEMO_AUTHORITY.chamberOfCraftsDe },
  { email: "handler.fr@imi.example", name: "Hugo Gestionnaire", roles: ["CASE_HANDLER"], authorityId: DEMO_AUTHORITY.healthAuthorityFr },
  { email: "portal.dk@imi.example", name: "Borger Portal", roles: ["PORTAL"], authorityId: DEMO_AUTHORITY.citizensPortalDk },
  // Issue 18: added after SPEC's seven (which stay as they are), in its <role>.<state> convention.
  { email: "supervisor.dk@imi.example", name: "Dorte Tilsyn", roles: ["SUPERVISOR"], authorityId: DEMO_AUTHORITY.dataProtectionAuthorityDk },
  { email: "supervisor.eu@imi.example", name: "Emil Supervisor", roles: ["SUPERVISOR"], authorityId: DEMO_AUTHORITY.edps },
] as const;
