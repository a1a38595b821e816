import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/database.js";
import { dataSubjects, messages, participants, procedures } from "../../src/db/schema/index.js";
import { insertProcedureTexts } from "./procedure-texts.js";
import type { World } from "./world.js";

export interface AcceptedRequests {
  /** Ids of the procedures, oldest first. */
  ids: string[];
}

/**
 * Accepted requests between two authorities of a world, inserted in bulk (a few statements per 100
 * procedures, not five API calls each): initiator `from`, responder `to` (accepted), one data subject,
 * a question by the initiator and an answer by the responder. The rows the lifecycle would leave;
 * for lists, statement counts and benchmarks, where building through the API would take minutes.
 * `createdAt` rises by one second per procedure from `start`, so that the last one is the newest.
 */
export async function insertAcceptedRequests(
  db: Database,
  world: World,
  options: { count: number; start: Date; label?: string; from?: "dk" | "de"; to?: "dk" | "de" },
): Promise<AcceptedRequests> {
  const from = world.authority[options.from ?? "dk"];
  const to = world.authority[options.to ?? "de"];
  const fromUser = options.from === "de" ? world.user.handlerDe : world.user.handlerDk;
  const label = options.label ?? "Request";
  const ids: string[] = [];
  for (let offset = 0; offset < options.count; offset += 100) {
    const batch = Array.from({ length: Math.min(100, options.count - offset) }, (_, j) => {
      const i = offset + j;
      return { i, at: new Date(options.start.getTime() + i * 1000) };
    });
    const rows = await db
      .insert(procedures)
      .values(
        batch.map(({ i, at }) => ({
          kind: "REQUEST" as const,
          legalAreaCode: "SERVICES",
          subject: `${label} ${i}`,
          status: "ACCEPTED" as const,
          initiatorAuthorityId: from,
          createdByUserId: fromUser.id,
          createdAt: at,
          sentAt: at,
          lastActivityAt: at,
          reference: sql`'IMI-' || ${String(at.getUTCFullYear())} || '-' || lpad(nextval('procedure_reference_seq')::text, 6, '0')`,
        })),
      )
      .returning({ id: procedures.id, createdAt: procedures.createdAt });
    // Matched by their distinct creation times: RETURNING promises no order.
    const byTime = new Map(batch.map((entry) => [entry.at.getTime(), entry]));
    const created = rows
      .map((row) => ({ id: row.id, ...byTime.get(row.createdAt.getTime())! }))
      .sort((a, b) => a.i - b.i);
    await db.insert(participants).values(
      created.flatMap(({ id, at }) => [
        { procedureId: id, authorityId: from, part: "INITIATOR" as const, addedAt: at },
        { procedureId: id, authorityId: to, part: "RESPONDER" as const, addedAt: at, acceptedAt: at },
      ]),
    );
    await insertProcedureTexts(
      db,
      created.map(({ id, i }) => ({ procedureId: id, justification: `Checking the registration of provider ${i}.` })),
    );
    await db.insert(dataSubjects).values(
      created.map(({ id, i, at }) => ({
        procedureId: id,
        fullName: `Person ${i}`,
        dateOfBirth: "1980-01-01",
        addedByAuthorityId: from,
        createdAt: at,
      })),
    );
    await db.insert(messages).values(
      created.flatMap(({ id, i, at }) => [
        { procedureId: id, authorAuthorityId: from, authorUserId: fromUser.id, body: `Is provider ${i} registered?`, createdAt: at },
        { procedureId: id, authorAuthorityId: to, body: `Provider ${i} is registered.`, createdAt: at },
      ]),
    );
    ids.push(...created.map((row) => row.id));
  }
  return { ids };
}
