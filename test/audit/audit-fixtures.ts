import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { desc, eq, sql } from "drizzle-orm";
import { print } from "graphql";
import type { Database } from "../../src/db/database.js";
import { auditEvents } from "../../src/db/schema/index.js";
import type { Result, TestApi } from "../helpers/api.js";
import type { World } from "../helpers/world.js";
import { ACCEPT, ADD_DATA_SUBJECT, ADD_SENSITIVE_RECORD, CREATE_PROCEDURE, POST_MESSAGE, SEND } from "../operations.js";

export const SENSITIVE_RECORD = {
  category: "DISCIPLINARY" as const,
  details: "Suspended for three months in 2024.",
  necessity: "Needed to assess good repute before registration.",
  legalBasis: "Directive 2006/123/EC Art. 33",
};

/**
 * A request from `from` (a case handler) to `to`'s authority, accepted, with a data subject, a
 * sensitive record and a message: what personal-data reads are audited on.
 */
export async function exchangeWithPersonalData(world: World, from: keyof World["user"] = "handlerDk", to: keyof World["user"] = "handlerDe") {
  const initiator = await world.token(world.user[from]);
  const responder = await world.token(world.user[to]);
  const created = await world.api.execute(
    CREATE_PROCEDURE,
    {
      input: {
        kind: "REQUEST",
        legalAreaCode: "SERVICES",
        subject: "Good repute",
        justification: "Checking declared sanctions.",
        recipientAuthorityIds: [world.user[to].authorityId],
      },
    },
    initiator,
  );
  if (!created.data) throw new Error(`createProcedure failed: ${JSON.stringify(created.errors)}`);
  const id = created.data.createProcedure.id;
  const subject = await world.api.execute(
    ADD_DATA_SUBJECT,
    { procedureId: id, input: { fullName: `Mette Kristensen ${world.tag}`, nationalIdentifier: "030288-4321" } },
    initiator,
  );
  const dataSubjectId = subject.data!.addDataSubject.id;
  await world.api.execute(SEND, { id }, initiator);
  await world.api.execute(ACCEPT, { id }, responder);
  const record = await world.api.execute(ADD_SENSITIVE_RECORD, { dataSubjectId, input: SENSITIVE_RECORD }, initiator);
  if (record.errors) throw new Error(`addSensitiveRecord failed: ${JSON.stringify(record.errors)}`);
  await world.api.execute(POST_MESSAGE, { procedureId: id, body: "Can you confirm there are no sanctions?" }, initiator);
  return { id, dataSubjectId };
}

/** Like TestApi.execute, with an `X-Request-Id` header, so a test knows the request id the audit log names. */
export async function executeWithRequestId<TData, TVars extends Record<string, unknown>>(
  api: TestApi,
  document: TypedDocumentNode<TData, TVars>,
  variables: TVars,
  token: string,
  requestId: string,
): Promise<Result<TData>> {
  const contextValue = await api.api.createContext({ authorization: `Bearer ${token}`, "x-request-id": requestId });
  const response = await api.api.apollo.executeOperation<TData>({ query: print(document), variables }, { contextValue });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return JSON.parse(JSON.stringify(response.body.singleResult)) as Result<TData>;
}

/** Chain 0's last position (0 when empty): the chain a lone writer appends to. */
export async function lastPosition(db: Database): Promise<number> {
  const [row] = await db
    .select({ p: auditEvents.chainPosition })
    .from(auditEvents)
    .where(eq(auditEvents.chainId, 0))
    .orderBy(desc(auditEvents.chainPosition))
    .limit(1);
  return row?.p ?? 0;
}

/** Every row of the log, in chain order, as the database holds it: to prove a refused statement changed nothing. */
export function snapshot(db: Database) {
  return db.select().from(auditEvents).orderBy(sql`${auditEvents.chainId}, ${auditEvents.chainPosition}`);
}
