import { sql, type SQL } from "drizzle-orm";
import type { Role, Viewer } from "../../src/auth/viewer.js";
import { systemClock } from "../../src/clock.js";
import type { Database } from "../../src/db/database.js";
import { viewerSettingsSql } from "../../src/db/rls/request-scope.js";
import { API_ROLE } from "../../src/db/rls/roles.js";
import { rowsOf } from "../../src/db/rows.js";
import { DEMO_USERS } from "../../src/db/seed/demo-ids.js";

/**
 * Plain SQL as the API's role under a viewer's own settings, as a resolver beside the services would
 * send it (issue 13's outside attacks): the statement runs as a request does (API_ROLE, the viewer's
 * settings transaction-locally, the request's time) and is rolled back, or committed when asked (a
 * deferred check runs at commit).
 */
export type Outcome = { refused: string } | { rows: number };

export const REFUSAL = /permission denied|row-level security|violates row-level/;

class Undo extends Error {
  constructor(readonly outcome: Outcome) {
    super("undo");
  }
}

/** `statement` as a request of `viewer` would send it: the rows it returned or changed, or the refusal; undone unless `commit`. */
export async function attemptAsApi(db: Database, viewer: Viewer | null, statement: SQL | SQL[], options: { commit?: boolean; now?: Date } = {}): Promise<Outcome> {
  const statements = Array.isArray(statement) ? statement : [statement];
  const run = async (): Promise<Outcome> => {
    let last: Outcome = { rows: 0 };
    await db.transaction(async (tx) => {
      await tx.execute(viewerSettingsSql(API_ROLE, { viewer, now: options.now ?? systemClock.now() }));
      for (const one of statements) {
        const answer = (await tx.execute(one)) as unknown as { count?: number; affectedRows?: number };
        last = { rows: rowsOf(answer as never).length || (answer.count ?? answer.affectedRows ?? 0) };
      }
      if (!options.commit) throw new Undo(last);
    });
    return last;
  };
  try {
    return await run();
  } catch (error) {
    if (error instanceof Undo) return error.outcome;
    const message = String((error as { cause?: unknown }).cause ?? error);
    if (REFUSAL.test(message)) return { refused: message };
    throw error;
  }
}

/** The demo world's users as viewers, by e-mail (seeded first). */
export async function demoViewers(db: Database): Promise<Map<string, Viewer>> {
  const users = rowsOf<{ id: string; email: string; authority_id: string; member_state: string }>(
    await db.execute(sql`select u.id, u.email, u.authority_id, a.member_state from users u join authorities a on a.id = u.authority_id`),
  );
  const viewers = new Map<string, Viewer>();
  for (const demo of DEMO_USERS) {
    const user = users.find((u) => u.email === demo.email)!;
    viewers.set(demo.email, { userId: user.id, authorityId: user.authority_id, memberState: user.member_state, roles: [...demo.roles] as Role[] });
  }
  return viewers;
}

/** The rows `query` returns to a request of `viewer` (read, then rolled back). */
export async function readAsApi<T>(db: Database, viewer: Viewer | null, query: SQL): Promise<T[]> {
  let rows: T[] = [];
  await db
    .transaction(async (tx) => {
      await tx.execute(viewerSettingsSql(API_ROLE, { viewer, now: systemClock.now() }));
      rows = rowsOf<T>(await tx.execute(query));
      throw new Undo({ rows: rows.length });
    })
    .catch((error: unknown) => {
      if (!(error instanceof Undo)) throw error;
    });
  return rows;
}
