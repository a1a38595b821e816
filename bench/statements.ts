/**
 * SQL statements per request for the nested list, at 10, 50 and 200 procedures: one world of each
 * size in one database, the list asked for with the page size maximum (100) through the full stack
 * with a case handler's token, the statements drizzle sends during that one request counted. The
 * count must not grow with the rows listed (no N+1); test/procedures/statement-count.test.ts asserts
 * the same at 10 and 50.
 */
import { MAX_PAGE_SIZE } from "../src/graphql/pagination.js";
import { TestApi } from "../test/helpers/api.js";
import { insertAcceptedRequests } from "../test/helpers/procedure-factory.js";
import { World } from "../test/helpers/world.js";
import { createServerDatabase, openCountingDatabase } from "./database.js";
import { nestedListText } from "./operations.js";

export const WORLD_SIZES = [10, 50, 200] as const;

export interface StatementRow {
  procedures: number;
  listed: number;
  statements: number;
}

export interface StatementsResult {
  rows: StatementRow[];
  constant: boolean;
}

export async function benchStatements(serverUrl: string | undefined): Promise<StatementsResult> {
  const created = serverUrl ? await createServerDatabase(serverUrl, "statements") : undefined;
  const database = await openCountingDatabase(created?.url, 5);
  try {
    await database.migrate();
    const api = await TestApi.create(database.db);
    const rows: StatementRow[] = [];
    for (const size of WORLD_SIZES) {
      const world = await World.create(database.db, api);
      await insertAcceptedRequests(database.db, world, { count: size, start: new Date("2026-05-01T09:00:00Z") });
      const token = await world.token(world.user.handlerDk);
      const query = nestedListText(MAX_PAGE_SIZE);
      await api.executeText(query, {}, token); // warm: nothing cached crosses requests, but be sure
      const before = database.statements();
      const result = await api.executeText<{ procedures: { edges: unknown[] } }>(query, {}, token);
      const statements = database.statements() - before;
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      rows.push({ procedures: size, listed: result.data!.procedures.edges.length, statements });
    }
    await api.stop();
    return { rows, constant: rows.every((row) => row.statements === rows[0]!.statements) };
  } finally {
    await database.close();
    await created?.drop();
  }
}
