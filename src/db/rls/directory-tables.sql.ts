import { authorities, authorityRegistrations, legalAreas, nationalRestrictions, questionSetVersions } from "../schema/index.js";
import { API_ROLE } from "./roles.js";
import { atRequestTime, DIRECTORY_OF, holds, policy, rowSecurityOn, statementList, updateOnly } from "./sql-helpers.js";

/**
 * Issue 13, the second wall for what every viewer reads but few change: the directory (who takes part,
 * how long data is kept), the question sets requests are answered with, and authorities' own
 * registrations (found from outside: a coordinator moved an authority into its member state; the
 * question tables and the registrations were open to every write). Generated into the row-security
 * migration with the policies (policies.sql.ts rowSecuritySql).
 */

/** The columns a coordinator's decision writes (oversight.service.ts decide). */
const REGISTRATION_DECISION = [
  authorityRegistrations.status,
  authorityRegistrations.decidedAt,
  authorityRegistrations.decidedByUserId,
  authorityRegistrations.decisionNote,
  authorityRegistrations.authorityId,
];

/** Art. 6, R-COORD-1: a registration is validated by the coordinator of its member state only (oversight.service.ts decide). */
const REGISTRATION_DECIDER = `${holds("COORDINATOR")} AND "authority_registrations".member_state = imi_rls.viewer_member_state()`;

/**
 * Art. 6: anyone, signed in or not, asks for an authority to be registered: pending, undecided, at the
 * request's time (oversight.repository.ts insertRegistration, which reads nothing back: the asker does
 * not read the queue).
 */
const REGISTRATION_SUBMITTED = `"authority_registrations".status::text = 'PENDING' AND "authority_registrations".decided_at IS NULL
      AND "authority_registrations".decided_by_user_id IS NULL AND "authority_registrations".decision_note IS NULL
      AND "authority_registrations".authority_id IS NULL AND ${atRequestTime('"authority_registrations".submitted_at')}`;

export function directoryTablesSql(): string {
  return statementList([
    // The directory (R-COORD-1): read by all; an authority created or its alert role set within the
    // Commission's or its coordinator's reach, only the Commission designating a coordinating one; its
    // member state, name and designation never changed by a request; nothing deleted.
    ...rowSecurityOn("authorities"),
    ...policy("authorities", "rls_read", "SELECT", "true", null),
    ...policy("authorities", "rls_insert", "INSERT", null, `${DIRECTORY_OF('"authorities".member_state')} AND (NOT "authorities".coordinating OR ${holds("COMMISSION")})`),
    ...policy("authorities", "rls_update", "UPDATE", DIRECTORY_OF('"authorities".member_state'), DIRECTORY_OF('"authorities".member_state')),
    `REVOKE DELETE ON authorities FROM ${API_ROLE}`,
    ...updateOnly("authorities", [authorities.alertCoordinator]),
    ...rowSecurityOn("authority_legal_areas"),
    ...policy("authority_legal_areas", "rls_read", "SELECT", "true", null),
    ...policy(
      "authority_legal_areas",
      "rls_insert",
      "INSERT",
      null,
      DIRECTORY_OF(`(SELECT au.member_state FROM authorities au WHERE au.id = "authority_legal_areas".authority_id)`),
    ),
    `REVOKE UPDATE, DELETE ON authority_legal_areas FROM ${API_ROLE}`,
    // R-RETAIN-1..3: a legal area's periods are the migrations'; the Commission only enables or disables one.
    ...rowSecurityOn("legal_areas"),
    ...policy("legal_areas", "rls_read", "SELECT", "true", null),
    ...policy("legal_areas", "rls_update", "UPDATE", holds("COMMISSION"), holds("COMMISSION")),
    `REVOKE INSERT, DELETE ON legal_areas FROM ${API_ROLE}`,
    ...updateOnly("legal_areas", [legalAreas.enabled]),
    // R-NOTICE-2: a coordinator notifies its own state's restrictions, the Commission publishes them.
    ...rowSecurityOn("national_restrictions"),
    ...policy("national_restrictions", "rls_read", "SELECT", "true", null),
    ...policy("national_restrictions", "rls_insert", "INSERT", null, `${DIRECTORY_OF('"national_restrictions".member_state')} AND "national_restrictions".published_at IS NULL`),
    ...policy("national_restrictions", "rls_update", "UPDATE", holds("COMMISSION"), holds("COMMISSION")),
    `REVOKE DELETE ON national_restrictions FROM ${API_ROLE}`,
    ...updateOnly("national_restrictions", [nationalRestrictions.publishedAt, nationalRestrictions.publishedByUserId]),
    // Issue 17: question sets are read by all and published and retired by the Commission only
    // (question-set.service.ts); a published version's questions are never changed, nothing deleted.
    ...rowSecurityOn("question_set_versions"),
    ...policy("question_set_versions", "rls_read", "SELECT", "true", null),
    ...policy("question_set_versions", "rls_insert", "INSERT", null, `${holds("COMMISSION")} AND "question_set_versions".published_by_user_id = imi_rls.viewer_user()`),
    // Its lock (latestVersion, SELECT … FOR UPDATE) is held to this policy too.
    ...policy("question_set_versions", "rls_update", "UPDATE", holds("COMMISSION"), holds("COMMISSION")),
    `REVOKE DELETE ON question_set_versions FROM ${API_ROLE}`,
    ...updateOnly("question_set_versions", [questionSetVersions.status, questionSetVersions.retiredAt]),
    ...rowSecurityOn("questions"),
    ...policy("questions", "rls_read", "SELECT", "true", null),
    ...policy("questions", "rls_insert", "INSERT", null, holds("COMMISSION")),
    `REVOKE UPDATE, DELETE ON questions FROM ${API_ROLE}`,
    // Art. 6: the queue of registrations is its coordinators' and the Commission's (oversight.resolver.ts).
    ...rowSecurityOn("authority_registrations"),
    ...policy("authority_registrations", "rls_read", "SELECT", `${holds("COMMISSION")} OR (${REGISTRATION_DECIDER})`, null),
    ...policy("authority_registrations", "rls_insert", "INSERT", null, REGISTRATION_SUBMITTED),
    ...policy(
      "authority_registrations",
      "rls_update",
      "UPDATE",
      REGISTRATION_DECIDER,
      `${REGISTRATION_DECIDER} AND "authority_registrations".decided_by_user_id = imi_rls.viewer_user()`,
    ),
    `REVOKE DELETE ON authority_registrations FROM ${API_ROLE}`,
    ...updateOnly("authority_registrations", REGISTRATION_DECISION),
  ]);
}
