import type { Sql, TransactionSql } from "postgres";

/**
 * drizzle-orm's postgres-js driver sends every statement unnamed (`prepare: false` unless a query is
 * given a name), so PostgreSQL plans it again on each execution. Under the row policies that is most of
 * a statement's cost: a lookup on `procedures` planned in about 2 ms as the API's role against 0.05 ms
 * as the owner, and executed in 0.25 ms (bench/results.md section 12). Named (prepared) statements are
 * planned a few times per connection and then run on the cached generic plan, which is right under the
 * policies: their viewer functions are STABLE and read the transaction's settings at execution, and
 * PostgreSQL replans a cached plan when the role it was made for changes.
 *
 * This hands drizzle a client whose `unsafe` (how drizzle sends everything) prepares, and whose
 * transactions and savepoints hand on clients that do the same. `prepare: false` (DATABASE_PREPARE=off)
 * keeps drizzle's way, for a pooler that cannot carry prepared statements (docs/deployment.md).
 */
export function preparingStatements<T extends Sql | TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "unsafe") {
        return (query: string, parameters?: unknown[], options?: Record<string, unknown>) =>
          (value as (...args: unknown[]) => unknown).call(target, query, parameters, { ...options, prepare: true });
      }
      if (property === "begin" || property === "savepoint") {
        // (options?, work): the scoped client given to `work` prepares too.
        return (...args: unknown[]) => {
          const at = args.findIndex((arg) => typeof arg === "function");
          const work = args[at] as (sql: TransactionSql) => unknown;
          const wrapped = [...args];
          wrapped[at] = (sql: TransactionSql) => work(preparingStatements(sql));
          return (value as (...args: unknown[]) => unknown).apply(target, wrapped);
        };
      }
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
}
