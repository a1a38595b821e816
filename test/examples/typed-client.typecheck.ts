/**
 * Type-check test of the typed client that `npm run codegen` generates for frontend teams
 * (examples/generated/ from examples/operations/*.graphql). `npm run typecheck` compiles this file:
 * each line under a `@ts-expect-error` marker must be a type error, or tsc fails with "Unused
 * '@ts-expect-error' directive". typed-client.test.ts compiles it again without the markers and
 * checks that each of those lines fails for the reason given.
 */
import type { ResultOf, VariablesOf } from "@graphql-typed-document-node/core";
import { AccessReportDocument, FileDataSubjectRequestDocument, ProcedureDetailDocument, ProceduresDocument } from "../../examples/generated/graphql.js";

export function firstSubject(result: ResultOf<typeof ProceduresDocument>): string | undefined {
  const node = result.procedures.edges[0]?.node;
  // @ts-expect-error wrong field name: Procedure has `subject`, not `subjekt`
  void node?.subjekt;
  // @ts-expect-error a schema field that the Procedures operation does not select
  void node?.dataSubjects;
  return node?.subject;
}

export function citizenNames(result: ResultOf<typeof ProcedureDetailDocument>): string[] {
  // @ts-expect-error personal data is nullable (withheld with FORBIDDEN): it must be checked first
  const withoutCheck: string[] = result.procedure.dataSubjects.map((subject) => subject.fullName);
  void withoutCheck;
  return result.procedure?.dataSubjects?.map((subject) => subject.fullName) ?? [];
}

export const reportVariables: VariablesOf<typeof AccessReportDocument> = {
  requestId: "00000000-0000-4000-a000-000000000000",
  // @ts-expect-error wrong variable name: the operation declares `requestId` only
  requestID: "00000000-0000-4000-a000-000000000000",
};

export const fileVariables: VariablesOf<typeof FileDataSubjectRequestDocument> = {
  input: {
    // @ts-expect-error not a DataSubjectRequestKind: ACCESS, RECTIFICATION, ERASURE or EARLY_DELETION
    kind: "ACCES",
    receivingAuthorityId: "00000000-0000-4000-a000-000000000003",
    requesterName: "Jens Hansen",
  },
};
