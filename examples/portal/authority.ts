/**
 * The receiving authority's part, played by the portal example when it runs against the demo world
 * (IMI_PLAY_AUTHORITY, on by default): the Danish Business Authority's case handler links the
 * citizen's request to the procedure holding their data, approves it and carries it out, through the
 * same typed documents a case-handling frontend uses. In real life a person does this, within the
 * month the law gives (the example then waits on its subscription for as long as IMI_TIMEOUT_MS).
 */
import {
  CompleteDataSubjectRequestDocument,
  DecideDataSubjectRequestDocument,
  LinkDataSubjectRequestDocument,
  LoginDocument,
  ProcedureDetailDocument,
  ProceduresDocument,
} from "../generated/graphql.js";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";

/** The portal's typed `execute` (portal.ts). */
export type Execute = <TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, token?: string) => Promise<TData>;

export interface AuthoritySettings {
  email: string;
  password: string;
  securityCode: () => string;
}

/** Links, approves and completes request `id` for the citizen with this national identifier. */
export async function answerAsAuthority(execute: Execute, settings: AuthoritySettings, id: string, citizenIdentifier: string): Promise<void> {
  const { login } = await execute(LoginDocument, { email: settings.email, password: settings.password, securityCode: settings.securityCode() });
  const token = login.token;
  console.log(`authority: ${login.user.name} of ${login.user.authority.name} answers the request`);
  const { procedures } = await execute(ProceduresDocument, { first: 100 }, token);
  let holding: { procedureId: string; dataSubjectId: string } | undefined;
  for (const { node } of procedures.edges.filter(({ node }) => node.personalDataAccess.granted)) {
    const { procedure } = await execute(ProcedureDetailDocument, { id: node.id }, token);
    const subject = procedure?.dataSubjects?.find((s) => s.nationalIdentifier === citizenIdentifier);
    if (subject) holding = { procedureId: node.id, dataSubjectId: subject.id };
    if (holding) break;
  }
  if (holding) await execute(LinkDataSubjectRequestDocument, { id, ...holding }, token);
  await execute(DecideDataSubjectRequestDocument, { id, approve: true }, token);
  await execute(CompleteDataSubjectRequestDocument, { id }, token);
  console.log(`authority: linked${holding ? "" : " (no procedure holds the citizen)"}, approved and completed`);
}
