import { eq } from "drizzle-orm";
import { procedures } from "../../src/db/schema/index.js";
import { graphql } from "../generated/gql.js";
import type { Suite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";
import { ACCEPT, ADD_DATA_SUBJECT, ADD_SENSITIVE_RECORD, CLOSE, CREATE_PROCEDURE, PROCEDURE_PERSONAL_DATA, SEND } from "../operations.js";

export const FILE = graphql(`
  mutation RightsTestFile($input: FileDataSubjectRequestInput!) {
    fileDataSubjectRequest(input: $input) {
      ...RightsTestRequest
    }
  }
`);

export const REQUEST_FIELDS = graphql(`
  fragment RightsTestRequest on DataSubjectRequest {
    id
    kind
    status
    route
    routeReason
    procedureId
    dataSubjectId
    receivedAt
    dueAt
    overdue
    escalatedAt
    decidedAt
    decisionNote
    completedAt
    requesterName
    waitingFor
    allSubjectsConsented
    receivingAuthority {
      id
    }
    steps {
      kind
      actorAuthority {
        id
      }
      actorUserId
      approved
      note
      at
    }
  }
`);

export const CONFIRM = graphql(`
  mutation RightsTestConfirm($id: ID!, $note: String) {
    confirmDataSubjectRequest(id: $id, note: $note) {
      ...RightsTestRequest
    }
  }
`);

export const AGREE = graphql(`
  mutation RightsTestAgree($id: ID!, $note: String!) {
    agreeDataSubjectRequestSteps(id: $id, note: $note) {
      ...RightsTestRequest
    }
  }
`);

export const PRODUCE_REPORT = graphql(`
  mutation RightsTestProduceReport($requestId: ID!) {
    produceAccessReport(requestId: $requestId) {
      requestId
      noDataHeld
      items {
        procedureId
        fullName
        contestations {
          ground
          rectifiedValues {
            fullName
          }
        }
      }
    }
  }
`);

export const ONE_REQUEST = graphql(`
  query RightsTestOne($id: ID!) {
    dataSubjectRequest(id: $id) {
      ...RightsTestRequest
    }
  }
`);

export const LINK = graphql(`
  mutation RightsTestLink($id: ID!, $procedureId: ID!, $dataSubjectId: ID) {
    linkDataSubjectRequest(id: $id, procedureId: $procedureId, dataSubjectId: $dataSubjectId) {
      ...RightsTestRequest
    }
  }
`);

export const DECIDE = graphql(`
  mutation RightsTestDecide($id: ID!, $approve: Boolean!, $note: String) {
    decideDataSubjectRequest(id: $id, approve: $approve, note: $note) {
      ...RightsTestRequest
    }
  }
`);

export const COMPLETE = graphql(`
  mutation RightsTestComplete($id: ID!) {
    completeDataSubjectRequest(id: $id) {
      ...RightsTestRequest
    }
  }
`);

export const REQUESTS = graphql(`
  query RightsTestRequests($filter: DataSubjectRequestFilter) {
    dataSubjectRequests(filter: $filter, first: 100) {
      totalCount
      edges {
        node {
          id
          overdue
        }
      }
    }
  }
`);

export const REPORT = graphql(`
  query RightsTestReport($requestId: ID!) {
    accessReport(requestId: $requestId) {
      requestId
      noDataHeld
      items {
        procedureId
        fullName
        nationalIdentifier
        sensitiveRecords {
          category
          details
        }
        recipients {
          id
        }
      }
    }
  }
`);

export const RETRIEVE = graphql(`
  mutation RightsTestRetrieve($input: RetrieveBlockedDataInput!) {
    retrieveBlockedData(input: $input) {
      id
      ground
      validUntil
      procedure {
        id
        personalDataAccess {
          granted
          reason
        }
        dataSubjects {
          fullName
          contestations {
            ground
            statement
            rectifiedValues {
              fullName
            }
          }
        }
      }
    }
  }
`);

export const CONTEST = graphql(`
  mutation RightsTestContest($input: ContestationInput!) {
    recordContestation(input: $input) {
      id
      ground
      requestId
      rectifiedValues {
        fullName
      }
    }
  }
`);

export const EARLY_DELETION = graphql(`
  mutation RightsTestEarlyDeletion(
    $procedureId: ID!
    $consentReference: String!
    $legalBasis: String!
    $dataSubjectId: ID
    $allDataSubjectsConsented: Boolean
  ) {
    requestEarlyDeletion(
      procedureId: $procedureId
      consentReference: $consentReference
      legalBasis: $legalBasis
      dataSubjectId: $dataSubjectId
      allDataSubjectsConsented: $allDataSubjectsConsented
    ) {
      ...RightsTestRequest
    }
  }
`);

export const SUBJECT_IDENTIFIER = "120384-5678";

/** A request DK → DE with one data subject and a sensitive record, accepted by DE; closed on demand. */
export async function exchange(suite: Suite, world: World, options: { close?: boolean; block?: boolean; delete?: boolean; unaccepted?: boolean } = {}) {
  const dk = await world.token(world.user.handlerDk);
  const de = await world.token(world.user.handlerDe);
  const created = await suite.api.execute(
    CREATE_PROCEDURE,
    { input: { kind: "REQUEST", legalAreaCode: "SERVICES", subject: "Rights", justification: "Needed.", recipientAuthorityIds: [world.authority.de] } },
    dk,
  );
  const id = created.data!.createProcedure.id;
  const subject = await suite.api.execute(
    ADD_DATA_SUBJECT,
    { procedureId: id, input: { fullName: "Jens Jensen", nationalIdentifier: SUBJECT_IDENTIFIER } },
    dk,
  );
  const dataSubjectId = subject.data!.addDataSubject.id;
  await suite.api.execute(
    ADD_SENSITIVE_RECORD,
    { dataSubjectId, input: { category: "ADMINISTRATIVE", details: "Fine in 2025.", necessity: "Repute.", legalBasis: "Art. 33" } },
    dk,
  );
  await suite.api.execute(SEND, { id }, dk);
  if (options.unaccepted) return { id, dataSubjectId, dk, de };
  await suite.api.execute(ACCEPT, { id }, de);
  // DE reads the data: the audit log then names DE as a recipient.
  await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id }, de);
  if (options.close || options.block || options.delete) await suite.api.execute(CLOSE, { id }, dk);
  const now = suite.api.clock.now();
  if (options.block || options.delete) await suite.db.db.update(procedures).set({ blockedAt: now }).where(eq(procedures.id, id));
  if (options.delete) await suite.db.db.update(procedures).set({ personalDataDeletedAt: now }).where(eq(procedures.id, id));
  return { id, dataSubjectId, dk, de };
}
