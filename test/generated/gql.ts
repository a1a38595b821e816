/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation TestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n    }\n  }\n": typeof types.TestLoginDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      name\n      email\n      roles\n      active\n      authority {\n        id\n        memberState\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation Login($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n      expiresAt\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation CreateProcedure($input: CreateProcedureInput!) {\n    createProcedure(input: $input) {\n      id\n      reference\n      kind\n      status\n      legalArea {\n        code\n      }\n      initiator {\n        id\n      }\n      participants {\n        part\n        acceptedAt\n        authority {\n          id\n        }\n      }\n    }\n  }\n": typeof types.CreateProcedureDocument,
    "\n  fragment ProcedureState on Procedure {\n    id\n    status\n    sentAt\n    closedAt\n    lastActivityAt\n    participants {\n      part\n      acceptedAt\n      authority {\n        id\n      }\n    }\n  }\n": typeof types.ProcedureStateFragmentDoc,
    "\n  mutation Send($id: ID!) {\n    sendProcedure(id: $id) {\n      ...ProcedureState\n    }\n  }\n": typeof types.SendDocument,
    "\n  mutation Accept($id: ID!) {\n    acceptProcedure(id: $id) {\n      ...ProcedureState\n    }\n  }\n": typeof types.AcceptDocument,
    "\n  mutation Forward($id: ID!, $to: ID!) {\n    forwardProcedure(id: $id, toAuthorityId: $to) {\n      ...ProcedureState\n    }\n  }\n": typeof types.ForwardDocument,
    "\n  mutation Close($id: ID!) {\n    closeProcedure(id: $id) {\n      ...ProcedureState\n    }\n  }\n": typeof types.CloseDocument,
    "\n  mutation PostMessage($procedureId: ID!, $body: String!) {\n    postMessage(procedureId: $procedureId, body: $body) {\n      id\n      body\n      author {\n        id\n      }\n    }\n  }\n": typeof types.PostMessageDocument,
    "\n  mutation AddDataSubject($procedureId: ID!, $input: DataSubjectInput!) {\n    addDataSubject(procedureId: $procedureId, input: $input) {\n      id\n      fullName\n      nationalIdentifier\n    }\n  }\n": typeof types.AddDataSubjectDocument,
    "\n  mutation AddSensitiveRecord($dataSubjectId: ID!, $input: SensitiveRecordInput!) {\n    addSensitiveRecord(dataSubjectId: $dataSubjectId, input: $input) {\n      id\n      category\n      details\n      legalBasis\n      necessity\n    }\n  }\n": typeof types.AddSensitiveRecordDocument,
    "\n  mutation AddLegalPerson($procedureId: ID!, $input: LegalPersonInput!) {\n    addLegalPerson(procedureId: $procedureId, input: $input) {\n      id\n      name\n      confidential\n    }\n  }\n": typeof types.AddLegalPersonDocument,
    "\n  mutation RequestConfidentiality($input: ConfidentialityInput!) {\n    requestConfidentiality(input: $input) {\n      id\n      itemKind\n      itemId\n      reason\n      requestedBy {\n        id\n      }\n    }\n  }\n": typeof types.RequestConfidentialityDocument,
    "\n  query Procedure($id: ID!) {\n    procedure(id: $id) {\n      ...ProcedureState\n      reference\n      justification\n      personalDataAccess {\n        granted\n        reason\n      }\n    }\n  }\n": typeof types.ProcedureDocument,
    "\n  query ProcedurePersonalData($id: ID!) {\n    procedure(id: $id) {\n      id\n      personalDataAccess {\n        granted\n        reason\n      }\n      dataSubjects {\n        id\n        fullName\n        nationalIdentifier\n        sensitiveRecords {\n          id\n          category\n          details\n        }\n      }\n      messages {\n        id\n        body\n        confidential\n        author {\n          id\n        }\n      }\n      legalPersons {\n        id\n        name\n        confidential\n      }\n    }\n  }\n": typeof types.ProcedurePersonalDataDocument,
    "\n  query Procedures($filter: ProcedureFilter, $first: Int, $after: String) {\n    procedures(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          status\n          kind\n          legalArea {\n            code\n          }\n        }\n      }\n    }\n  }\n": typeof types.ProceduresDocument,
    "\n  query ProceduresWithPersonalData {\n    procedures(first: 100) {\n      edges {\n        node {\n          id\n          dataSubjects {\n            fullName\n          }\n        }\n      }\n    }\n  }\n": typeof types.ProceduresWithPersonalDataDocument,
};
const documents: Documents = {
    "\n  mutation TestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n    }\n  }\n": types.TestLoginDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      name\n      email\n      roles\n      active\n      authority {\n        id\n        memberState\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation Login($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n      expiresAt\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation CreateProcedure($input: CreateProcedureInput!) {\n    createProcedure(input: $input) {\n      id\n      reference\n      kind\n      status\n      legalArea {\n        code\n      }\n      initiator {\n        id\n      }\n      participants {\n        part\n        acceptedAt\n        authority {\n          id\n        }\n      }\n    }\n  }\n": types.CreateProcedureDocument,
    "\n  fragment ProcedureState on Procedure {\n    id\n    status\n    sentAt\n    closedAt\n    lastActivityAt\n    participants {\n      part\n      acceptedAt\n      authority {\n        id\n      }\n    }\n  }\n": types.ProcedureStateFragmentDoc,
    "\n  mutation Send($id: ID!) {\n    sendProcedure(id: $id) {\n      ...ProcedureState\n    }\n  }\n": types.SendDocument,
    "\n  mutation Accept($id: ID!) {\n    acceptProcedure(id: $id) {\n      ...ProcedureState\n    }\n  }\n": types.AcceptDocument,
    "\n  mutation Forward($id: ID!, $to: ID!) {\n    forwardProcedure(id: $id, toAuthorityId: $to) {\n      ...ProcedureState\n    }\n  }\n": types.ForwardDocument,
    "\n  mutation Close($id: ID!) {\n    closeProcedure(id: $id) {\n      ...ProcedureState\n    }\n  }\n": types.CloseDocument,
    "\n  mutation PostMessage($procedureId: ID!, $body: String!) {\n    postMessage(procedureId: $procedureId, body: $body) {\n      id\n      body\n      author {\n        id\n      }\n    }\n  }\n": types.PostMessageDocument,
    "\n  mutation AddDataSubject($procedureId: ID!, $input: DataSubjectInput!) {\n    addDataSubject(procedureId: $procedureId, input: $input) {\n      id\n      fullName\n      nationalIdentifier\n    }\n  }\n": types.AddDataSubjectDocument,
    "\n  mutation AddSensitiveRecord($dataSubjectId: ID!, $input: SensitiveRecordInput!) {\n    addSensitiveRecord(dataSubjectId: $dataSubjectId, input: $input) {\n      id\n      category\n      details\n      legalBasis\n      necessity\n    }\n  }\n": types.AddSensitiveRecordDocument,
    "\n  mutation AddLegalPerson($procedureId: ID!, $input: LegalPersonInput!) {\n    addLegalPerson(procedureId: $procedureId, input: $input) {\n      id\n      name\n      confidential\n    }\n  }\n": types.AddLegalPersonDocument,
    "\n  mutation RequestConfidentiality($input: ConfidentialityInput!) {\n    requestConfidentiality(input: $input) {\n      id\n      itemKind\n      itemId\n      reason\n      requestedBy {\n        id\n      }\n    }\n  }\n": types.RequestConfidentialityDocument,
    "\n  query Procedure($id: ID!) {\n    procedure(id: $id) {\n      ...ProcedureState\n      reference\n      justification\n      personalDataAccess {\n        granted\n        reason\n      }\n    }\n  }\n": types.ProcedureDocument,
    "\n  query ProcedurePersonalData($id: ID!) {\n    procedure(id: $id) {\n      id\n      personalDataAccess {\n        granted\n        reason\n      }\n      dataSubjects {\n        id\n        fullName\n        nationalIdentifier\n        sensitiveRecords {\n          id\n          category\n          details\n        }\n      }\n      messages {\n        id\n        body\n        confidential\n        author {\n          id\n        }\n      }\n      legalPersons {\n        id\n        name\n        confidential\n      }\n    }\n  }\n": types.ProcedurePersonalDataDocument,
    "\n  query Procedures($filter: ProcedureFilter, $first: Int, $after: String) {\n    procedures(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          status\n          kind\n          legalArea {\n            code\n          }\n        }\n      }\n    }\n  }\n": types.ProceduresDocument,
    "\n  query ProceduresWithPersonalData {\n    procedures(first: 100) {\n      edges {\n        node {\n          id\n          dataSubjects {\n            fullName\n          }\n        }\n      }\n    }\n  }\n": types.ProceduresWithPersonalDataDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n    }\n  }\n"): (typeof documents)["\n  mutation TestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      id\n      name\n      email\n      roles\n      active\n      authority {\n        id\n        memberState\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      id\n      name\n      email\n      roles\n      active\n      authority {\n        id\n        memberState\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n      expiresAt\n      user {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n      expiresAt\n      user {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProcedure($input: CreateProcedureInput!) {\n    createProcedure(input: $input) {\n      id\n      reference\n      kind\n      status\n      legalArea {\n        code\n      }\n      initiator {\n        id\n      }\n      participants {\n        part\n        acceptedAt\n        authority {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProcedure($input: CreateProcedureInput!) {\n    createProcedure(input: $input) {\n      id\n      reference\n      kind\n      status\n      legalArea {\n        code\n      }\n      initiator {\n        id\n      }\n      participants {\n        part\n        acceptedAt\n        authority {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProcedureState on Procedure {\n    id\n    status\n    sentAt\n    closedAt\n    lastActivityAt\n    participants {\n      part\n      acceptedAt\n      authority {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ProcedureState on Procedure {\n    id\n    status\n    sentAt\n    closedAt\n    lastActivityAt\n    participants {\n      part\n      acceptedAt\n      authority {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Send($id: ID!) {\n    sendProcedure(id: $id) {\n      ...ProcedureState\n    }\n  }\n"): (typeof documents)["\n  mutation Send($id: ID!) {\n    sendProcedure(id: $id) {\n      ...ProcedureState\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Accept($id: ID!) {\n    acceptProcedure(id: $id) {\n      ...ProcedureState\n    }\n  }\n"): (typeof documents)["\n  mutation Accept($id: ID!) {\n    acceptProcedure(id: $id) {\n      ...ProcedureState\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Forward($id: ID!, $to: ID!) {\n    forwardProcedure(id: $id, toAuthorityId: $to) {\n      ...ProcedureState\n    }\n  }\n"): (typeof documents)["\n  mutation Forward($id: ID!, $to: ID!) {\n    forwardProcedure(id: $id, toAuthorityId: $to) {\n      ...ProcedureState\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Close($id: ID!) {\n    closeProcedure(id: $id) {\n      ...ProcedureState\n    }\n  }\n"): (typeof documents)["\n  mutation Close($id: ID!) {\n    closeProcedure(id: $id) {\n      ...ProcedureState\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PostMessage($procedureId: ID!, $body: String!) {\n    postMessage(procedureId: $procedureId, body: $body) {\n      id\n      body\n      author {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PostMessage($procedureId: ID!, $body: String!) {\n    postMessage(procedureId: $procedureId, body: $body) {\n      id\n      body\n      author {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddDataSubject($procedureId: ID!, $input: DataSubjectInput!) {\n    addDataSubject(procedureId: $procedureId, input: $input) {\n      id\n      fullName\n      nationalIdentifier\n    }\n  }\n"): (typeof documents)["\n  mutation AddDataSubject($procedureId: ID!, $input: DataSubjectInput!) {\n    addDataSubject(procedureId: $procedureId, input: $input) {\n      id\n      fullName\n      nationalIdentifier\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddSensitiveRecord($dataSubjectId: ID!, $input: SensitiveRecordInput!) {\n    addSensitiveRecord(dataSubjectId: $dataSubjectId, input: $input) {\n      id\n      category\n      details\n      legalBasis\n      necessity\n    }\n  }\n"): (typeof documents)["\n  mutation AddSensitiveRecord($dataSubjectId: ID!, $input: SensitiveRecordInput!) {\n    addSensitiveRecord(dataSubjectId: $dataSubjectId, input: $input) {\n      id\n      category\n      details\n      legalBasis\n      necessity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddLegalPerson($procedureId: ID!, $input: LegalPersonInput!) {\n    addLegalPerson(procedureId: $procedureId, input: $input) {\n      id\n      name\n      confidential\n    }\n  }\n"): (typeof documents)["\n  mutation AddLegalPerson($procedureId: ID!, $input: LegalPersonInput!) {\n    addLegalPerson(procedureId: $procedureId, input: $input) {\n      id\n      name\n      confidential\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestConfidentiality($input: ConfidentialityInput!) {\n    requestConfidentiality(input: $input) {\n      id\n      itemKind\n      itemId\n      reason\n      requestedBy {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RequestConfidentiality($input: ConfidentialityInput!) {\n    requestConfidentiality(input: $input) {\n      id\n      itemKind\n      itemId\n      reason\n      requestedBy {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Procedure($id: ID!) {\n    procedure(id: $id) {\n      ...ProcedureState\n      reference\n      justification\n      personalDataAccess {\n        granted\n        reason\n      }\n    }\n  }\n"): (typeof documents)["\n  query Procedure($id: ID!) {\n    procedure(id: $id) {\n      ...ProcedureState\n      reference\n      justification\n      personalDataAccess {\n        granted\n        reason\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProcedurePersonalData($id: ID!) {\n    procedure(id: $id) {\n      id\n      personalDataAccess {\n        granted\n        reason\n      }\n      dataSubjects {\n        id\n        fullName\n        nationalIdentifier\n        sensitiveRecords {\n          id\n          category\n          details\n        }\n      }\n      messages {\n        id\n        body\n        confidential\n        author {\n          id\n        }\n      }\n      legalPersons {\n        id\n        name\n        confidential\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProcedurePersonalData($id: ID!) {\n    procedure(id: $id) {\n      id\n      personalDataAccess {\n        granted\n        reason\n      }\n      dataSubjects {\n        id\n        fullName\n        nationalIdentifier\n        sensitiveRecords {\n          id\n          category\n          details\n        }\n      }\n      messages {\n        id\n        body\n        confidential\n        author {\n          id\n        }\n      }\n      legalPersons {\n        id\n        name\n        confidential\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Procedures($filter: ProcedureFilter, $first: Int, $after: String) {\n    procedures(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          status\n          kind\n          legalArea {\n            code\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Procedures($filter: ProcedureFilter, $first: Int, $after: String) {\n    procedures(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          status\n          kind\n          legalArea {\n            code\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProceduresWithPersonalData {\n    procedures(first: 100) {\n      edges {\n        node {\n          id\n          dataSubjects {\n            fullName\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProceduresWithPersonalData {\n    procedures(first: 100) {\n      edges {\n        node {\n          id\n          dataSubjects {\n            fullName\n          }\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;