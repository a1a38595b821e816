import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { PROCEDURE_CLASSES } from "../../src/auth/policy.js";
import { newestRowSecurityMigration } from "../../src/db/rls/migration-file.js";
import {
  cellsExpression,
  METADATA_TABLES,
  PARTICIPANT_TABLES,
  PERSONAL_DATA_TABLES,
  readableBranches,
  readableSelect,
  REQUEST_PERSONAL_TABLES,
  REQUEST_RELATION_SQL,
  requestReadableSelect,
  rowSecuritySql,
} from "../../src/db/rls/policies.sql.js";

/**
 * Issue 13: the row policies are generated from src/auth/policy.ts, never written twice. The newest
 * row-security migration is what the generator emits from the policy now (as `npm run db:rls:check`).
 */
describe("row policies generated from the policy", () => {
  it("R-SEC-1: the newest row-security migration is what src/db/rls/policies.sql.ts emits now (else: a new migration, npm run db:rls)", async () => {
    expect(await readFile(await newestRowSecurityMigration(), "utf8")).toBe(rowSecuritySql());
  });

  it("R-SEC-1: the personal-data cells become one condition per role, every relation and state of the policy's, nothing else", () => {
    const expression = cellsExpression(PROCEDURE_CLASSES.personalData);
    expect(expression).toContain("('CASE_HANDLER' = any(roles) and ((relation = 'INITIATOR' and state in ('OPEN', 'CLOSED')) or (relation = 'ACCEPTED' and state in ('OPEN', 'CLOSED'))))");
    expect(expression).toContain("('COMMISSION' = any(roles) and ((relation = 'COMMISSION_ROUTE' and state in ('OPEN', 'CLOSED', 'BLOCKED'))))");
    expect(expression).not.toMatch(/LOCAL_ADMIN|COORDINATOR|PORTAL|NOT_ACCEPTED|DELETED/);
  });

  it("R-SEC-1: the generated personal-data view has one SELECT per branch of the cells: the case handler's initiator and accepted relations as one participation, the Commission's route whole", () => {
    const view = readableSelect(PROCEDURE_CLASSES.personalData);
    expect(view.match(/UNION ALL/g)).toHaveLength(1);
    // Issue 13: INITIATOR and ACCEPTED hold the same states, so one SELECT over the current participation.
    expect(view).toContain("-- CASE_HANDLER; INITIATOR, ACCEPTED: OPEN, CLOSED");
    expect(view).toContain("(pa.part = 'INITIATOR' OR pa.accepted_at IS NOT NULL)");
    expect(view).toContain("-- COMMISSION; COMMISSION_ROUTE: OPEN, CLOSED, BLOCKED");
    expect(view).not.toContain("p.personal_data_deleted_at IS NOT NULL");
  });

  it("R-SEC-1: the branches keep apart what the cells keep apart: a participation relation alone keeps its NOT INITIATED exclusion, different states stay different branches", () => {
    const branches = readableBranches({
      CASE_HANDLER: { ACCEPTED: ["OPEN"], NOT_ACCEPTED: ["OPEN"], INITIATOR: ["OPEN", "CLOSED"] },
      LOCAL_ADMIN: { ACCEPTED: ["OPEN"], NOT_ACCEPTED: ["OPEN"] },
    });
    expect(branches).toEqual([
      { roles: ["CASE_HANDLER"], relations: ["INITIATOR"], states: ["OPEN", "CLOSED"] },
      { roles: ["CASE_HANDLER", "LOCAL_ADMIN"], relations: ["ACCEPTED", "NOT_ACCEPTED"], states: ["OPEN"] },
    ]);
    const view = readableSelect({ CASE_HANDLER: { ACCEPTED: ["OPEN"] }, LOCAL_ADMIN: { ACCEPTED: ["OPEN"], NOT_ACCEPTED: ["OPEN"] } });
    expect(view.match(/UNION ALL/g)).toHaveLength(1);
    expect(view).toContain("pa.part <> 'INITIATOR' AND pa.accepted_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM participants i");
    expect(view).toContain("pa.part <> 'INITIATOR' AND NOT EXISTS (SELECT 1 FROM participants i");
    expect(view).toContain("'CASE_HANDLER' = ANY (imi_rls.viewer_roles())");
    expect(view).toContain("'LOCAL_ADMIN' = ANY (imi_rls.viewer_roles())");
  });

  it("every personal-data table gets forced row-level security and the read policy", () => {
    const emitted = rowSecuritySql();
    for (const { table } of PERSONAL_DATA_TABLES) {
      expect(emitted).toContain(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY;`);
      // Issue 14: a correlated probe per row (an index lookup), not the whole readable set per statement;
      // the row's procedure qualified with its table, or it would bind to the view's own column; a key
      // (owned by a procedure or a data subject) asks for either procedure in the same one probe.
      expect(emitted).toMatch(
        new RegExp(`CREATE POLICY rls_read ON "${table}" FOR SELECT TO imi_api USING \\(\\(?EXISTS \\(SELECT 1 FROM imi_rls\\.personal_data_readable v WHERE v\\.procedure_id (?:= |IN \\()[^;]*"${table}"\\.`),
      );
      expect(emitted.match(new RegExp(`CREATE POLICY rls_read ON "${table}" [^;]*`))![0].split("personal_data_readable").length - 1).toBe(1);
      expect(emitted).not.toMatch(new RegExp(`CREATE POLICY rls_read ON "${table}" [^;]* IN \\(SELECT procedure_id FROM`));
    }
  });

  // Issue 13 (found by the three-way matrix): the justification's table is read by the participant cells.
  it("R-SEC-1: the justification's table gets forced row-level security and a read policy from the participant cells: case handlers of current participants, open or closed", () => {
    const emitted = rowSecuritySql();
    expect(PARTICIPANT_TABLES.map((t) => t.table)).toEqual(["procedure_justifications", "inactivity_justifications"]);
    expect(emitted).toContain(`ALTER TABLE "inactivity_justifications" FORCE ROW LEVEL SECURITY;`);
    expect(emitted).toContain(`ALTER TABLE "procedure_justifications" FORCE ROW LEVEL SECURITY;`);
    expect(emitted).toContain(
      `CREATE POLICY rls_read ON "procedure_justifications" FOR SELECT TO imi_api USING (EXISTS (SELECT 1 FROM imi_rls.participant_readable v WHERE v.procedure_id = "procedure_justifications".procedure_id OFFSET 0));`,
    );
    const view = readableSelect(PROCEDURE_CLASSES.participant);
    // Issue 13: the three participation relations, same states: one SELECT, any current participation.
    expect(view).not.toContain("UNION ALL");
    expect(view).toContain("-- CASE_HANDLER; INITIATOR, ACCEPTED, NOT_ACCEPTED: OPEN, CLOSED");
    expect(view).not.toMatch(/accepted_at|pa\.part <> 'INITIATOR'|NOT EXISTS/);
    expect(view).not.toMatch(/COMMISSION|COORDINATOR|LOCAL_ADMIN/);
  });

  // Issue 13 item 3: procedures and participants, by the metadata cells (SPEC matrix, "procedure metadata").
  it("R-SEC-1: procedures and participants get forced row-level security and a read policy from the metadata cells: the Commission all, a coordinator its state's, an authority its own", () => {
    const emitted = rowSecuritySql();
    expect(METADATA_TABLES.map((t) => t.table)).toEqual(["procedures", "participants"]);
    for (const table of ["procedures", "participants"]) expect(emitted).toContain(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY;`);
    expect(emitted).toContain(
      `CREATE POLICY rls_read ON "procedures" FOR SELECT TO imi_api USING ((EXISTS (SELECT 1 FROM imi_rls.metadata_readable v WHERE v.procedure_id = "procedures".id OFFSET 0) OR "procedures".created_by_user_id = imi_rls.viewer_user()));`,
    );
    const view = readableSelect(PROCEDURE_CLASSES.metadata);
    expect(view).toContain(`-- COMMISSION, every relation: every state\n  SELECT p.id AS procedure_id FROM procedures p WHERE 'COMMISSION' = ANY (imi_rls.viewer_roles())`);
    expect(view).toContain("-- COORDINATOR; SAME_STATE: OPEN, CLOSED, BLOCKED, DELETED");
    // Issue 13: the coordinator's, local admin's and case handler's participation, the same cells: one SELECT for the three roles.
    expect(view).toContain("-- COORDINATOR, LOCAL_ADMIN, CASE_HANDLER; INITIATOR, ACCEPTED, NOT_ACCEPTED: OPEN, CLOSED, BLOCKED, DELETED");
    expect(view).toContain("imi_rls.viewer_roles() && ARRAY['COORDINATOR', 'LOCAL_ADMIN', 'CASE_HANDLER']");
    expect(view).toContain("au.member_state = imi_rls.viewer_member_state()");
    // Every state: no state condition at all.
    expect(view).not.toContain("personal_data_deleted_at");
    // The Commission's every procedure, the three roles' participation, the coordinator's state: 3 SELECTs (0036 had 11), no portal, no supervisor.
    expect(view.match(/UNION ALL/g)).toHaveLength(2);
    expect(view).not.toMatch(/PORTAL|SUPERVISOR/);
  });

  // Issue 13 (found by the three-way proof): a request's personal data and its steps' notes, by REQUEST_PERSONAL.
  it("R-SEC-1: a request's personal data and its steps' notes get forced row-level security and a read policy from REQUEST_PERSONAL, one SELECT per role and relation", () => {
    const emitted = rowSecuritySql();
    expect(REQUEST_PERSONAL_TABLES.map((t) => t.table)).toEqual(["data_subject_request_personal", "data_subject_request_step_notes"]);
    for (const { table } of REQUEST_PERSONAL_TABLES) {
      expect(emitted).toContain(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY;`);
      expect(emitted).toContain(`CREATE POLICY rls_read ON "${table}" FOR SELECT TO imi_api USING ("${table}".request_id IN (SELECT request_id FROM imi_rls.request_personal_readable));`);
    }
    const view = requestReadableSelect();
    expect(view.match(/UNION ALL/g)).toHaveLength(2);
    expect(view).toContain(`-- PORTAL, FILED_IT\n  SELECT r.id AS request_id FROM data_subject_requests r LEFT JOIN procedures p ON p.id = r.procedure_id WHERE ${REQUEST_RELATION_SQL.FILED_IT} AND 'PORTAL' = ANY`);
    expect(view).toContain(`-- CASE_HANDLER, RECEIVED_IT\n  SELECT r.id AS request_id FROM data_subject_requests r LEFT JOIN procedures p ON p.id = r.procedure_id WHERE ${REQUEST_RELATION_SQL.RECEIVED_IT} AND 'CASE_HANDLER' = ANY`);
    expect(view).toContain(`-- COMMISSION, HELPDESK_ROUTE\n`);
    expect(view).not.toMatch(/LOCAL_ADMIN|COORDINATOR/);
  });
});
