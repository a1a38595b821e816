import { graphql } from "./generated/gql.js";

/** The operations the tests send, type-checked against schema/schema.graphql by codegen. */

export const VIEWER = graphql(`
  query Viewer {
    viewer {
      id
      name
      email
      roles
      active
      authority {
        id
        memberState
      }
    }
  }
`);

export const LOGIN = graphql(`
  mutation Login($email: String!, $password: String!, $securityCode: String!) {
    login(email: $email, password: $password, securityCode: $securityCode) {
      token
      expiresAt
      user {
        id
        email
      }
    }
  }
`);

export const CREATE_PROCEDURE = graphql(`
  mutation CreateProcedure($input: CreateProcedureInput!) {
    createProcedure(input: $input) {
      id
      reference
      kind
      status
      legalArea {
        code
      }
      initiator {
        id
      }
      participants {
        part
        acceptedAt
        authority {
          id
        }
      }
    }
  }
`);

export const PROCEDURE_STATE = graphql(`
  fragment ProcedureState on Procedure {
    id
    status
    sentAt
    closedAt
    lastActivityAt
    participants {
      part
      acceptedAt
      authority {
        id
      }
    }
  }
`);

export const SEND = graphql(`
  mutation Send($id: ID!) {
    sendProcedure(id: $id) {
      ...ProcedureState
    }
  }
`);

export const ACCEPT = graphql(`
  mutation Accept($id: ID!) {
    acceptProcedure(id: $id) {
      ...ProcedureState
    }
  }
`);

export const FORWARD = graphql(`
  mutation Forward($id: ID!, $to: ID!) {
    forwardProcedure(id: $id, toAuthorityId: $to) {
      procedureId
      forwardedAt
      forwardedTo {
        id
      }
    }
  }
`);

export const CLOSE = graphql(`
  mutation Close($id: ID!) {
    closeProcedure(id: $id) {
      ...ProcedureState
    }
  }
`);

export const POST_MESSAGE = graphql(`
  mutation PostMessage($procedureId: ID!, $body: String!) {
    postMessage(procedureId: $procedureId, body: $body) {
      id
      body
      author {
        id
      }
    }
  }
`);

export const ADD_DATA_SUBJECT = graphql(`
  mutation AddDataSubject($procedureId: ID!, $input: DataSubjectInput!) {
    addDataSubject(procedureId: $procedureId, input: $input) {
      id
      fullName
      nationalIdentifier
    }
  }
`);

export const ADD_SENSITIVE_RECORD = graphql(`
  mutation AddSensitiveRecord($dataSubjectId: ID!, $input: SensitiveRecordInput!) {
    addSensitiveRecord(dataSubjectId: $dataSubjectId, input: $input) {
      id
      category
      details
      legalBasis
      necessity
    }
  }
`);

export const ADD_LEGAL_PERSON = graphql(`
  mutation AddLegalPerson($procedureId: ID!, $input: LegalPersonInput!) {
    addLegalPerson(procedureId: $procedureId, input: $input) {
      id
      name
      confidential
    }
  }
`);

export const REQUEST_CONFIDENTIALITY = graphql(`
  mutation RequestConfidentiality($input: ConfidentialityInput!) {
    requestConfidentiality(input: $input) {
      id
      itemKind
      itemId
      reason
      requestedBy {
        id
      }
    }
  }
`);

export const PROCEDURE = graphql(`
  query Procedure($id: ID!) {
    procedure(id: $id) {
      ...ProcedureState
      reference
      justification
      personalDataAccess {
        granted
        reason
      }
    }
  }
`);

export const PROCEDURE_PERSONAL_DATA = graphql(`
  query ProcedurePersonalData($id: ID!) {
    procedure(id: $id) {
      id
      personalDataAccess {
        granted
        reason
      }
      dataSubjects {
        id
        fullName
        nationalIdentifier
        sensitiveRecords {
          id
          category
          details
        }
      }
      messages {
        id
        body
        confidential
        author {
          id
        }
      }
      legalPersons {
        id
        name
        confidential
      }
    }
  }
`);

export const PROCEDURES = graphql(`
  query Procedures($filter: ProcedureFilter, $first: Int, $after: String) {
    procedures(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          status
          kind
          legalArea {
            code
          }
        }
      }
    }
  }
`);

export const PROCEDURES_WITH_PERSONAL_DATA = graphql(`
  query ProceduresWithPersonalData {
    procedures(first: 100) {
      edges {
        node {
          id
          dataSubjects {
            fullName
          }
        }
      }
    }
  }
`);
