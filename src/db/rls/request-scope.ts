import { AsyncLocalStorage } from "node:async_hooks";
import { sql } from "drizzle-orm";
import type { Viewer } from "../../auth/viewer.js";
import type { Database, Transaction } from "../database.js";
import { CommitOutcomeUnknown, isDatabaseUnavailable } from "../pg-errors.js";
import { API_ROLE, SYSTEM_ROLE, SYSTEM_USES, type DatabaseRole, type SystemUse } from "./roles.js";

/**
 * The viewer in the database (issue 13): each request runs every statement in one transaction that
 * first switches to API_ROLE and sets the viewer with transaction-local settings (set_config(…, true)),
 * which the row policies read (db/rls/policies.sql.ts). Transaction-local, so a pooled connection
 * forgets them at COMMIT: the next request on it starts with no viewer (test/rls/pooled-settings).
 *
 * Services keep their one `db`: `scopedDatabase` hands each statement to the transaction of the
 * request it runs for (AsyncLocalStorage), so a service's own `db.transaction` becomes a savepoint of
 * the request's and keeps its lock order (procedures FOR UPDATE first, R-RETAIN-3).
 */
export interface ViewerSettings {
  viewer: Viewer | null;
  now: Date;
}

/**
 * The role a request's transaction runs as: API_ROLE (every request in production), SYSTEM_ROLE (the
 * named system uses), or CONNECTION_ROLE: no switch at all, the connection's own role. In tests that
 * is the tables' owner, whom the row policies let through (rls_owner): the database's wall is off
 * (server.ts ServerDeps.requestsAsOwner, tests only: graphql-shield alone, issue 13 item 4).
 */
export const CONNECTION_ROLE = null;
export type RequestRole = DatabaseRole | typeof CONNECTION_ROLE;

/** The settings the policies read; empty when there is no viewer (the policies then let nothing through). */
export function viewerSettingsSql(role: RequestRole, settings: ViewerSettings | null) {
  const viewer = settings?.viewer ?? null;
  const switchRole = role === CONNECTION_ROLE ? sql`` : sql`set_config('role', ${role}, true), `;
  return sql`select ${switchRole}set_config('imi.user_id', ${viewer?.userId ?? ""}, true),
    set_config('imi.authority_id', ${viewer?.authorityId ?? ""}, true), set_config('imi.member_state', ${viewer?.memberState ?? ""}, true),
    set_config('imi.roles', ${viewer ? viewer.roles.join(",") : ""}, true), set_config('imi.now', ${settings ? settings.now.toISOString() : ""}, true)`;
}

/** One transaction held open for a unit of work (a request), opened at `open`, committed at `close`. */
export class HeldTransaction {
  private tx: Transaction | undefined;
  private finish: (() => void) | undefined;
  private committed: Promise<void> | undefined;
  /** The transaction failed (its connection lost) before close() committed it. */
  private lostEarly = false;

  constructor(
    private readonly root: Database,
    private readonly role: RequestRole,
    private settings: ViewerSettings | null,
  ) {}

  get executor(): Transaction | undefined {
    return this.tx;
  }

  async open(): Promise<void> {
    if (this.tx) return;
    let opened!: (tx: Transaction) => void;
    let failed!: (error: unknown) => void;
    const ready = new Promise<Transaction>((resolve, reject) => ((opened = resolve), (failed = reject)));
    const released = new Promise<void>((resolve) => (this.finish = resolve));
    // Outside any scope: the root's own transaction, not a savepoint of someone else's.
    this.committed = outside(() =>
      this.root.transaction(async (tx) => {
        // Over HTTP the viewer is not known yet: setViewer sends role and viewer together, in one round trip.
        if (this.settings) await tx.execute(viewerSettingsSql(this.role, this.settings));
        opened(tx);
        await released;
      }),
    );
    this.lostEarly = false;
    this.committed.catch((error: unknown) => {
      // Failed before close() asked for the commit: nothing of it was committed.
      if (this.finish) this.lostEarly = true;
      failed(error);
    });
    this.tx = await ready;
  }

  /**
   * The viewer became known (the token was resolved inside the request): the policies see it from now
   * on. Until then the transaction runs as the connection's role (the token's user is read, nothing else).
   */
  async setViewer(settings: ViewerSettings): Promise<void> {
    this.settings = settings;
    if (this.tx) await this.tx.execute(viewerSettingsSql(this.role, settings));
  }

  private systemDepth = 0;

  /**
   * Runs `work` with this transaction switched to SYSTEM_ROLE, then back to API_ROLE (nested and
   * overlapping uses are counted). Fields of the same request resolved at that moment run under it
   * too: the service's own checks (the first wall) still guard them.
   */
  async asSystemRole<T>(work: () => Promise<T>): Promise<T> {
    const tx = this.tx;
    if (!tx || this.role !== API_ROLE) return work();
    if (this.systemDepth++ === 0) await tx.execute(sql`select set_config('role', ${SYSTEM_ROLE}, true)`);
    let failed = false;
    try {
      return await work();
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      if (--this.systemDepth === 0) {
        // After a failed statement the transaction (or savepoint) is aborted and undoes the switch itself.
        await tx.execute(sql`select set_config('role', ${API_ROLE}, true)`).catch((error: unknown) => {
          if (!failed) throw error;
        });
      }
    }
  }

  /** Commits (a GraphQL error does not undo what a mutation did, as before: only a failed statement does). */
  async close(): Promise<void> {
    if (!this.tx) return;
    this.tx = undefined;
    const lostEarly = this.lostEarly;
    this.finish?.();
    this.finish = undefined;
    try {
      await this.committed;
    } catch (error) {
      // Lost while the COMMIT was on its way: it may have been applied (CommitOutcomeUnknown).
      throw !lostEarly && isDatabaseUnavailable(error) ? new CommitOutcomeUnknown(error) : error;
    }
  }

  /**
   * Runs `work` on its own, outside this transaction: this one is committed first and a fresh one with
   * the same settings is opened after. For work that cannot run inside a transaction or must commit
   * as it goes (the retention job's batches, lease and VACUUM); on PGlite, whose one session a held
   * transaction keeps to itself, it is also the only way not to wait for ourselves.
   */
  async aside<T>(work: () => Promise<T>): Promise<T> {
    const wasOpen = this.tx !== undefined;
    await this.close();
    try {
      return await outside(work);
    } finally {
      if (wasOpen) await this.open();
    }
  }
}

const current = new AsyncLocalStorage<HeldTransaction>();

/** Runs `work` with every statement of `db` (scoped) in `held`'s transaction. */
export function within<T>(held: HeldTransaction, work: () => Promise<T>): Promise<T> {
  return current.run(held, work);
}

function outside<T>(work: () => Promise<T>): Promise<T> {
  return current.exit(work);
}

/** The held transaction of the request this code runs for, if any. */
export function currentScope(): HeldTransaction | undefined {
  return current.getStore();
}

/**
 * Runs `work` outside the current request's transaction, as a named system use (roles.ts SYSTEM_USES):
 * its statements run on the root connection under SYSTEM_ROLE transactions of their own (see asSystem).
 * Used for the retention job started by runRetention.
 */
export function asideFromRequest<T>(work: () => Promise<T>): Promise<T> {
  const held = currentScope();
  return held ? held.aside(work) : work();
}

/**
 * Runs `work` as SYSTEM_ROLE in a transaction of its own, for one named use (roles.ts). Inside a
 * request, the request's transaction is set aside for it (committed, reopened after).
 */
export async function asSystem<T>(root: Database, use: SystemUse, work: () => Promise<T>): Promise<T> {
  void SYSTEM_USES[use];
  const held = new HeldTransaction(root, SYSTEM_ROLE, null);
  return asideFromRequest(async () => {
    await held.open();
    try {
      return await within(held, work);
    } finally {
      await held.close();
    }
  });
}

/**
 * Inside a request: runs `work` as SYSTEM_ROLE within the request's own transaction (its locks and
 * savepoints stay), for one named use of roles.ts. Outside a request, `work` runs as the connection
 * does (the owner: start-up, tests' fixtures).
 */
export function withSystemRole<T>(use: SystemUse, work: () => Promise<T>): Promise<T> {
  void SYSTEM_USES[use];
  const held = currentScope();
  return held ? held.asSystemRole(work) : work();
}

/**
 * Opens a request's transaction as API_ROLE with the viewer's settings, runs `work` in it, commits.
 * `role` CONNECTION_ROLE: the same without the switch (tests only, the database's wall off).
 */
export async function inRequestTransaction<T>(
  root: Database,
  settings: ViewerSettings | null,
  work: (held: HeldTransaction) => Promise<T>,
  role: RequestRole = API_ROLE,
): Promise<T> {
  const held = new HeldTransaction(root, role, settings);
  await held.open();
  let result: T;
  try {
    result = await within(held, () => work(held));
  } catch (error) {
    await held.close().catch(() => {});
    throw error;
  }
  await held.close();
  return result;
}

/**
 * The database as services see it: each statement goes to the transaction of the request (or system
 * use) it runs for, and only outside any to the root (start-up, migrations, the scheduled job's own
 * transactions, tests' fixtures).
 */
export function scopedDatabase(root: Database): Database {
  return new Proxy(root, {
    get(target, property) {
      const executor: Database = currentScope()?.executor ?? target;
      const value: unknown = Reflect.get(executor, property, executor);
      return typeof value === "function" ? value.bind(executor) : value;
    },
  });
}
