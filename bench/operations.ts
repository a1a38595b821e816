/**
 * The operations the bench sends. NESTED_LIST stays a typed document (test/generated holds it: keep
 * its text as it is, or run `npm run codegen`); the other two are plain text, sent over HTTP only.
 */
import { print } from "graphql";
import { graphql } from "../test/generated/gql.js";

/** What a case-handling screen asks for: 50 procedures with participants, data subjects and messages. */
export const NESTED_LIST = graphql(`
  query BenchNestedList {
    procedures(first: 50) {
      totalCount
      edges {
        node {
          id
          reference
          status
          participants {
            part
            authority {
              name
            }
          }
          dataSubjects {
            fullName
            dateOfBirth
          }
          messages {
            body
          }
        }
      }
    }
  }
`);

/** The same selection with another page size (the statement count at 10, 50 and 100 rows listed). */
export function nestedListText(first: number): string {
  return print(NESTED_LIST).replace("procedures(first: 50)", `procedures(first: ${first})`);
}

/** A small lookup: one procedure's metadata. */
export const LOOKUP = `query BenchLookup($id: ID!) {
  procedure(id: $id) {
    id
    reference
    kind
    status
    subject
    createdAt
  }
}`;

/** A mutation that repeats without conflicts: a question in one of many accepted requests. */
export const POST_MESSAGE = `mutation BenchPostMessage($procedureId: ID!, $body: String!) {
  postMessage(procedureId: $procedureId, body: $body) {
    id
    body
    createdAt
  }
}`;

export type OperationName = "lookup" | "nestedList" | "mutation";

export const OPERATION_LABELS: Record<OperationName, string> = {
  lookup: "small lookup: procedure(id), 6 fields",
  nestedList: "nested list: 50 procedures × participants (authority), data subjects, messages",
  mutation: "mutation: postMessage",
};
