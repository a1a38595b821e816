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
    "\n  query BenchNestedList {\n    procedures(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          reference\n          status\n          participants {\n            part\n            authority {\n              name\n            }\n          }\n          dataSubjects {\n            fullName\n            dateOfBirth\n          }\n          messages {\n            body\n          }\n        }\n      }\n    }\n  }\n": typeof types.BenchNestedListDocument,
    "\n  query AuditTestVerifyChain {\n    verifyAuditChain {\n      valid\n      eventsChecked\n      firstBrokenPosition\n      firstBrokenEventId\n      problem\n      lastPosition\n      lastHash\n    }\n  }\n": typeof types.AuditTestVerifyChainDocument,
    "\n  query AuditTestEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          chainPosition\n          occurredAt\n          action\n          procedureId\n          dataSubjectId\n          fields\n          ground\n          requestId\n          prevHash\n          hash\n          actor {\n            id\n            name\n          }\n          actorAuthority {\n            id\n            memberState\n          }\n        }\n      }\n    }\n  }\n": typeof types.AuditTestEventsDocument,
    "\n  mutation AuthTestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n      expiresAt\n      user {\n        id\n        email\n        roles\n        active\n      }\n    }\n  }\n": typeof types.AuthTestLoginDocument,
    "\n  query AuthTestViewer {\n    viewer {\n      id\n      email\n      active\n    }\n  }\n": typeof types.AuthTestViewerDocument,
    "\n  mutation AuthTestDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n    }\n  }\n": typeof types.AuthTestDeactivateDocument,
    "\n  mutation IdorDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      name\n      email\n    }\n  }\n": typeof types.IdorDeactivateDocument,
    "\n  mutation IdorCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n": typeof types.IdorCreateUserDocument,
    "\n  query DirectoryTestLegalAreas {\n    legalAreas {\n      code\n      name\n      actReference\n      enabled\n      blockingPeriodMonths\n      consentRequired\n      closedAlertsStayVisible\n    }\n  }\n": typeof types.DirectoryTestLegalAreasDocument,
    "\n  mutation DirectoryTestSetLegalAreaEnabled($code: String!, $enabled: Boolean!) {\n    setLegalAreaEnabled(code: $code, enabled: $enabled) {\n      code\n      enabled\n    }\n  }\n": typeof types.DirectoryTestSetLegalAreaEnabledDocument,
    "\n  fragment DirectoryTestAuthorityFields on Authority {\n    id\n    name\n    memberState\n    contactEmail\n    contactPhone\n    postalAddress\n    website\n    legalAreas {\n      code\n    }\n    dataProtectionOfficer {\n      name\n      email\n    }\n  }\n": typeof types.DirectoryTestAuthorityFieldsFragmentDoc,
    "\n  mutation DirectoryTestCreateAuthority($input: CreateAuthorityInput!) {\n    createAuthority(input: $input) {\n      ...DirectoryTestAuthorityFields\n    }\n  }\n": typeof types.DirectoryTestCreateAuthorityDocument,
    "\n  query DirectoryTestAuthorities($filter: AuthorityFilter, $first: Int) {\n    authorities(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          memberState\n        }\n      }\n    }\n  }\n": typeof types.DirectoryTestAuthoritiesDocument,
    "\n  query DirectoryTestAuthority($id: ID!) {\n    authority(id: $id) {\n      ...DirectoryTestAuthorityFields\n    }\n  }\n": typeof types.DirectoryTestAuthorityDocument,
    "\n  query DirectoryTestPrivacyNotice($authorityId: ID!) {\n    privacyNotice(authorityId: $authorityId) {\n      controller {\n        ...DirectoryTestAuthorityFields\n      }\n      processing\n      recipientCategories\n      rights {\n        right\n        description\n      }\n      nationalExceptions {\n        id\n        memberState\n        title\n        description\n        legalReference\n        rightsAffected\n      }\n      moreInformation {\n        title\n        url\n      }\n      text\n    }\n  }\n": typeof types.DirectoryTestPrivacyNoticeDocument,
    "\n  query DirectoryTestNationalRestrictions($memberState: String!) {\n    nationalRestrictions(memberState: $memberState) {\n      id\n      memberState\n      title\n      description\n      legalReference\n      rightsAffected\n      createdAt\n    }\n  }\n": typeof types.DirectoryTestNationalRestrictionsDocument,
    "\n  mutation DirectoryTestRecordNationalRestriction($input: NationalRestrictionInput!) {\n    recordNationalRestriction(input: $input) {\n      id\n      memberState\n      title\n      description\n      legalReference\n      rightsAffected\n      createdAt\n    }\n  }\n": typeof types.DirectoryTestRecordNationalRestrictionDocument,
    "\n  mutation DirectoryTestPublishNationalRestriction($id: ID!) {\n    publishNationalRestriction(id: $id) {\n      id\n      published\n    }\n  }\n": typeof types.DirectoryTestPublishNationalRestrictionDocument,
    "\n  mutation RestrictionsTestNotify($input: NationalRestrictionInput!) {\n    recordNationalRestriction(input: $input) {\n      id\n      memberState\n      legalAreaCode\n      procedureKind\n      published\n      publishedAt\n    }\n  }\n": typeof types.RestrictionsTestNotifyDocument,
    "\n  mutation RestrictionsTestPublish($id: ID!) {\n    publishNationalRestriction(id: $id) {\n      id\n      published\n      publishedAt\n    }\n  }\n": typeof types.RestrictionsTestPublishDocument,
    "\n  query RestrictionsTestList($memberState: String!, $includeUnpublished: Boolean) {\n    nationalRestrictions(memberState: $memberState, includeUnpublished: $includeUnpublished) {\n      id\n      published\n    }\n  }\n": typeof types.RestrictionsTestListDocument,
    "\n  mutation RestrictionsTestFile($input: FileDataSubjectRequestInput!) {\n    fileDataSubjectRequest(input: $input) {\n      id\n      nationalRestrictions {\n        id\n        title\n        legalReference\n      }\n    }\n  }\n": typeof types.RestrictionsTestFileDocument,
    "\n  query RestrictionsTestRequest($id: ID!) {\n    dataSubjectRequest(id: $id) {\n      id\n      nationalRestrictions {\n        id\n      }\n    }\n  }\n": typeof types.RestrictionsTestRequestDocument,
    "\n  mutation TestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n    }\n  }\n": typeof types.TestLoginDocument,
    "\n  mutation HttpTestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n    }\n  }\n": typeof types.HttpTestLoginDocument,
    "\n  query HttpTestLegalAreaCodes {\n    legalAreas {\n      code\n    }\n  }\n": typeof types.HttpTestLegalAreaCodesDocument,
    "\n  query HttpTestAuthorityName($id: ID!) {\n    authority(id: $id) {\n      name\n    }\n  }\n": typeof types.HttpTestAuthorityNameDocument,
    "\n  query HttpTestPrivacyNoticeText($authorityId: ID!) {\n    privacyNotice(authorityId: $authorityId) {\n      text\n    }\n  }\n": typeof types.HttpTestPrivacyNoticeTextDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      name\n      email\n      roles\n      active\n      authority {\n        id\n        memberState\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation Login($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n      expiresAt\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation CreateProcedure($input: CreateProcedureInput!) {\n    createProcedure(input: $input) {\n      id\n      reference\n      kind\n      status\n      legalArea {\n        code\n      }\n      initiator {\n        id\n      }\n      participants {\n        part\n        acceptedAt\n        authority {\n          id\n        }\n      }\n    }\n  }\n": typeof types.CreateProcedureDocument,
    "\n  fragment ProcedureState on Procedure {\n    id\n    status\n    sentAt\n    closedAt\n    lastActivityAt\n    participants {\n      part\n      acceptedAt\n      authority {\n        id\n      }\n    }\n  }\n": typeof types.ProcedureStateFragmentDoc,
    "\n  mutation Send($id: ID!) {\n    sendProcedure(id: $id) {\n      ...ProcedureState\n    }\n  }\n": typeof types.SendDocument,
    "\n  mutation Accept($id: ID!) {\n    acceptProcedure(id: $id) {\n      ...ProcedureState\n    }\n  }\n": typeof types.AcceptDocument,
    "\n  mutation Forward($id: ID!, $to: ID!) {\n    forwardProcedure(id: $id, toAuthorityId: $to) {\n      procedureId\n      forwardedAt\n      forwardedTo {\n        id\n      }\n    }\n  }\n": typeof types.ForwardDocument,
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
    "\n  fragment ProofTestContent on ExchangeReportContent {\n    reportId\n    issuer\n    issuedAt\n    version\n    issuedTo {\n      id\n      name\n      memberState\n    }\n    procedure {\n      id\n      reference\n      kind\n      subject\n      status\n      legalArea {\n        code\n        name\n        actReference\n      }\n    }\n    participants {\n      part\n      acceptedAt\n      authority {\n        id\n        name\n        memberState\n      }\n    }\n    states {\n      status\n      at\n    }\n    messages {\n      id\n      createdAt\n      body\n      confidential\n      author {\n        id\n        name\n        memberState\n      }\n    }\n    dataSubjects {\n      id\n      fullName\n      dateOfBirth\n      nationalIdentifier\n      address\n      email\n      sensitiveRecords {\n        id\n        category\n        details\n        legalBasis\n        consentReference\n        necessity\n        createdAt\n      }\n    }\n  }\n": typeof types.ProofTestContentFragmentDoc,
    "\n  query ProofTestExchangeReport($procedureId: ID!) {\n    exchangeReport(procedureId: $procedureId) {\n      jws\n      keyId\n      issuedAt\n      html\n      content {\n        ...ProofTestContent\n      }\n    }\n  }\n": typeof types.ProofTestExchangeReportDocument,
    "\n  query ProofTestVerify($report: String!) {\n    verifyExchangeReport(report: $report) {\n      valid\n      keyId\n      problem\n      content {\n        ...ProofTestContent\n      }\n    }\n  }\n": typeof types.ProofTestVerifyDocument,
    "\n  query ProofTestProcedureView($id: ID!) {\n    procedure(id: $id) {\n      id\n      reference\n      kind\n      subject\n      status\n      createdAt\n      sentAt\n      closedAt\n      legalArea {\n        code\n        name\n        actReference\n      }\n      participants {\n        part\n        acceptedAt\n        authority {\n          id\n          name\n          memberState\n        }\n      }\n      messages {\n        id\n        createdAt\n        body\n        confidential\n        author {\n          id\n          name\n          memberState\n        }\n      }\n      dataSubjects {\n        id\n        fullName\n        dateOfBirth\n        nationalIdentifier\n        address\n        email\n        sensitiveRecords {\n          id\n          category\n          details\n          legalBasis\n          consentReference\n          necessity\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.ProofTestProcedureViewDocument,
    "\n  mutation RetentionTestRun($dryRun: Boolean, $asOf: DateTime) {\n    runRetention(dryRun: $dryRun, asOf: $asOf) {\n      id\n      asOf\n      dryRun\n      startedAt\n      finishedAt\n      proceduresBlocked\n      proceduresDeleted\n      usersBlocked\n      usersDeleted\n      earlyDeletions\n      earlyDeletionsRefused\n      remindersRaised\n      remindersResolved\n      durationMs\n      error\n      scheduled\n    }\n  }\n": typeof types.RetentionTestRunDocument,
    "\n  query RetentionTestProcedure($id: ID!) {\n    procedure(id: $id) {\n      id\n      kind\n      status\n      subject\n      closedAt\n      blockedAt\n      personalDataDeletedAt\n      legalArea {\n        code\n      }\n      initiator {\n        id\n      }\n      participants {\n        part\n        authority {\n          id\n        }\n      }\n      personalDataAccess {\n        granted\n        reason\n      }\n      dataSubjects {\n        fullName\n        nationalIdentifier\n        sensitiveRecords {\n          details\n        }\n      }\n      messages {\n        body\n      }\n      legalPersons {\n        name\n      }\n    }\n  }\n": typeof types.RetentionTestProcedureDocument,
    "\n  query RetentionTestRuns($first: Int, $after: String) {\n    retentionRuns(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          asOf\n          dryRun\n          proceduresBlocked\n          scheduled\n        }\n      }\n    }\n  }\n": typeof types.RetentionTestRunsDocument,
    "\n  query RetentionTestPreview($asOf: DateTime) {\n    retentionPreview(asOf: $asOf) {\n      asOf\n      proceduresToBlock\n      proceduresToDelete\n      usersToBlock\n      usersToDelete\n      earlyDeletions\n      earlyDeletionsRefused\n      remindersToRaise\n      byLegalAreaAndAuthority {\n        legalArea {\n          code\n        }\n        authority {\n          id\n        }\n        proceduresToBlock\n        proceduresToDelete\n      }\n    }\n  }\n": typeof types.RetentionTestPreviewDocument,
    "\n  query RetentionTestReminders($includeResolved: Boolean, $first: Int, $after: String) {\n    reminders(includeResolved: $includeResolved, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          kind\n          raisedAt\n          resolvedAt\n          authority {\n            id\n          }\n          procedure {\n            id\n            status\n          }\n        }\n      }\n    }\n  }\n": typeof types.RetentionTestRemindersDocument,
    "\n  mutation RetentionTestDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n    }\n  }\n": typeof types.RetentionTestDeactivateDocument,
    "\n  query RetentionTestUsers($filter: UserFilter) {\n    users(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          name\n          email\n          active\n        }\n      }\n    }\n  }\n": typeof types.RetentionTestUsersDocument,
    "\n  query RightsVisibilityOne($id: ID!) {\n    dataSubjectRequest(id: $id) {\n      id\n      kind\n      route\n      requesterName\n      requesterIdentifier\n    }\n  }\n": typeof types.RightsVisibilityOneDocument,
    "\n  mutation RightsTestFile($input: FileDataSubjectRequestInput!) {\n    fileDataSubjectRequest(input: $input) {\n      ...RightsTestRequest\n    }\n  }\n": typeof types.RightsTestFileDocument,
    "\n  fragment RightsTestRequest on DataSubjectRequest {\n    id\n    kind\n    status\n    route\n    routeReason\n    procedureId\n    dataSubjectId\n    receivedAt\n    dueAt\n    overdue\n    escalatedAt\n    decidedAt\n    decisionNote\n    completedAt\n    requesterName\n    receivingAuthority {\n      id\n    }\n  }\n": typeof types.RightsTestRequestFragmentDoc,
    "\n  mutation RightsTestLink($id: ID!, $procedureId: ID!, $dataSubjectId: ID) {\n    linkDataSubjectRequest(id: $id, procedureId: $procedureId, dataSubjectId: $dataSubjectId) {\n      ...RightsTestRequest\n    }\n  }\n": typeof types.RightsTestLinkDocument,
    "\n  mutation RightsTestDecide($id: ID!, $approve: Boolean!, $note: String) {\n    decideDataSubjectRequest(id: $id, approve: $approve, note: $note) {\n      ...RightsTestRequest\n    }\n  }\n": typeof types.RightsTestDecideDocument,
    "\n  mutation RightsTestComplete($id: ID!) {\n    completeDataSubjectRequest(id: $id) {\n      ...RightsTestRequest\n    }\n  }\n": typeof types.RightsTestCompleteDocument,
    "\n  query RightsTestRequests($filter: DataSubjectRequestFilter) {\n    dataSubjectRequests(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          overdue\n        }\n      }\n    }\n  }\n": typeof types.RightsTestRequestsDocument,
    "\n  query RightsTestReport($requestId: ID!) {\n    accessReport(requestId: $requestId) {\n      requestId\n      noDataHeld\n      items {\n        procedureId\n        fullName\n        nationalIdentifier\n        sensitiveRecords {\n          category\n          details\n        }\n        recipients {\n          id\n        }\n      }\n    }\n  }\n": typeof types.RightsTestReportDocument,
    "\n  mutation RightsTestRetrieve($input: RetrieveBlockedDataInput!) {\n    retrieveBlockedData(input: $input) {\n      id\n      ground\n      validUntil\n      procedure {\n        id\n        personalDataAccess {\n          granted\n          reason\n        }\n        dataSubjects {\n          fullName\n          contestations {\n            ground\n            statement\n          }\n        }\n      }\n    }\n  }\n": typeof types.RightsTestRetrieveDocument,
    "\n  mutation RightsTestContest($input: ContestationInput!) {\n    recordContestation(input: $input) {\n      id\n      ground\n    }\n  }\n": typeof types.RightsTestContestDocument,
    "\n  mutation RightsTestEarlyDeletion($procedureId: ID!, $consentReference: String!, $legalBasis: String!) {\n    requestEarlyDeletion(procedureId: $procedureId, consentReference: $consentReference, legalBasis: $legalBasis) {\n      ...RightsTestRequest\n    }\n  }\n": typeof types.RightsTestEarlyDeletionDocument,
    "\n  mutation StartTestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n      user {\n        email\n        roles\n      }\n    }\n  }\n": typeof types.StartTestLoginDocument,
    "\n  query StartTestAuthorities($filter: AuthorityFilter) {\n    authorities(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          memberState\n        }\n      }\n    }\n  }\n": typeof types.StartTestAuthoritiesDocument,
    "\n  query StartTestProcedureCount {\n    procedures(first: 1) {\n      totalCount\n    }\n  }\n": typeof types.StartTestProcedureCountDocument,
    "\n  mutation StartTestCreateProcedure($input: CreateProcedureInput!) {\n    createProcedure(input: $input) {\n      id\n      reference\n      status\n      legalArea {\n        code\n      }\n    }\n  }\n": typeof types.StartTestCreateProcedureDocument,
    "\n  mutation StartTestAddDataSubject($procedureId: ID!, $input: DataSubjectInput!) {\n    addDataSubject(procedureId: $procedureId, input: $input) {\n      id\n      fullName\n    }\n  }\n": typeof types.StartTestAddDataSubjectDocument,
    "\n  mutation StartTestSend($id: ID!) {\n    sendProcedure(id: $id) {\n      status\n    }\n  }\n": typeof types.StartTestSendDocument,
    "\n  mutation StartTestAccept($id: ID!) {\n    acceptProcedure(id: $id) {\n      status\n    }\n  }\n": typeof types.StartTestAcceptDocument,
    "\n  mutation StartTestPostMessage($procedureId: ID!, $body: String!) {\n    postMessage(procedureId: $procedureId, body: $body) {\n      id\n      body\n    }\n  }\n": typeof types.StartTestPostMessageDocument,
    "\n  mutation StartTestClose($id: ID!) {\n    closeProcedure(id: $id) {\n      status\n      closedAt\n    }\n  }\n": typeof types.StartTestCloseDocument,
    "\n  query StartTestProcedure($id: ID!) {\n    procedure(id: $id) {\n      id\n      reference\n      status\n      dataSubjects {\n        fullName\n      }\n      messages {\n        body\n      }\n    }\n  }\n": typeof types.StartTestProcedureDocument,
    "\n  mutation UsersEdgeCreate($input: CreateUserInput!) {\n    createUser(input: $input) {\n      totpSecret\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.UsersEdgeCreateDocument,
    "\n  mutation UsersEdgeDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      name\n      email\n      active\n    }\n  }\n": typeof types.UsersEdgeDeactivateDocument,
    "\n  query UsersEdgeList($filter: UserFilter, $after: String) {\n    users(filter: $filter, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          email\n          active\n        }\n      }\n    }\n  }\n": typeof types.UsersEdgeListDocument,
    "\n  mutation UsersTestCreate($input: CreateUserInput!) {\n    createUser(input: $input) {\n      totpSecret\n      totpUri\n      user {\n        id\n        name\n        email\n        roles\n        active\n        authority {\n          id\n        }\n      }\n    }\n  }\n": typeof types.UsersTestCreateDocument,
    "\n  mutation UsersTestDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n      deactivatedAt\n    }\n  }\n": typeof types.UsersTestDeactivateDocument,
    "\n  query UsersTestList($filter: UserFilter, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          email\n          roles\n          authority {\n            id\n            memberState\n          }\n        }\n      }\n    }\n  }\n": typeof types.UsersTestListDocument,
    "\n  query UsersTestViewer {\n    viewer {\n      id\n      email\n      roles\n      authority {\n        id\n      }\n    }\n  }\n": typeof types.UsersTestViewerDocument,
};
const documents: Documents = {
    "\n  query BenchNestedList {\n    procedures(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          reference\n          status\n          participants {\n            part\n            authority {\n              name\n            }\n          }\n          dataSubjects {\n            fullName\n            dateOfBirth\n          }\n          messages {\n            body\n          }\n        }\n      }\n    }\n  }\n": types.BenchNestedListDocument,
    "\n  query AuditTestVerifyChain {\n    verifyAuditChain {\n      valid\n      eventsChecked\n      firstBrokenPosition\n      firstBrokenEventId\n      problem\n      lastPosition\n      lastHash\n    }\n  }\n": types.AuditTestVerifyChainDocument,
    "\n  query AuditTestEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          chainPosition\n          occurredAt\n          action\n          procedureId\n          dataSubjectId\n          fields\n          ground\n          requestId\n          prevHash\n          hash\n          actor {\n            id\n            name\n          }\n          actorAuthority {\n            id\n            memberState\n          }\n        }\n      }\n    }\n  }\n": types.AuditTestEventsDocument,
    "\n  mutation AuthTestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n      expiresAt\n      user {\n        id\n        email\n        roles\n        active\n      }\n    }\n  }\n": types.AuthTestLoginDocument,
    "\n  query AuthTestViewer {\n    viewer {\n      id\n      email\n      active\n    }\n  }\n": types.AuthTestViewerDocument,
    "\n  mutation AuthTestDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n    }\n  }\n": types.AuthTestDeactivateDocument,
    "\n  mutation IdorDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      name\n      email\n    }\n  }\n": types.IdorDeactivateDocument,
    "\n  mutation IdorCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n": types.IdorCreateUserDocument,
    "\n  query DirectoryTestLegalAreas {\n    legalAreas {\n      code\n      name\n      actReference\n      enabled\n      blockingPeriodMonths\n      consentRequired\n      closedAlertsStayVisible\n    }\n  }\n": types.DirectoryTestLegalAreasDocument,
    "\n  mutation DirectoryTestSetLegalAreaEnabled($code: String!, $enabled: Boolean!) {\n    setLegalAreaEnabled(code: $code, enabled: $enabled) {\n      code\n      enabled\n    }\n  }\n": types.DirectoryTestSetLegalAreaEnabledDocument,
    "\n  fragment DirectoryTestAuthorityFields on Authority {\n    id\n    name\n    memberState\n    contactEmail\n    contactPhone\n    postalAddress\n    website\n    legalAreas {\n      code\n    }\n    dataProtectionOfficer {\n      name\n      email\n    }\n  }\n": types.DirectoryTestAuthorityFieldsFragmentDoc,
    "\n  mutation DirectoryTestCreateAuthority($input: CreateAuthorityInput!) {\n    createAuthority(input: $input) {\n      ...DirectoryTestAuthorityFields\n    }\n  }\n": types.DirectoryTestCreateAuthorityDocument,
    "\n  query DirectoryTestAuthorities($filter: AuthorityFilter, $first: Int) {\n    authorities(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          memberState\n        }\n      }\n    }\n  }\n": types.DirectoryTestAuthoritiesDocument,
    "\n  query DirectoryTestAuthority($id: ID!) {\n    authority(id: $id) {\n      ...DirectoryTestAuthorityFields\n    }\n  }\n": types.DirectoryTestAuthorityDocument,
    "\n  query DirectoryTestPrivacyNotice($authorityId: ID!) {\n    privacyNotice(authorityId: $authorityId) {\n      controller {\n        ...DirectoryTestAuthorityFields\n      }\n      processing\n      recipientCategories\n      rights {\n        right\n        description\n      }\n      nationalExceptions {\n        id\n        memberState\n        title\n        description\n        legalReference\n        rightsAffected\n      }\n      moreInformation {\n        title\n        url\n      }\n      text\n    }\n  }\n": types.DirectoryTestPrivacyNoticeDocument,
    "\n  query DirectoryTestNationalRestrictions($memberState: String!) {\n    nationalRestrictions(memberState: $memberState) {\n      id\n      memberState\n      title\n      description\n      legalReference\n      rightsAffected\n      createdAt\n    }\n  }\n": types.DirectoryTestNationalRestrictionsDocument,
    "\n  mutation DirectoryTestRecordNationalRestriction($input: NationalRestrictionInput!) {\n    recordNationalRestriction(input: $input) {\n      id\n      memberState\n      title\n      description\n      legalReference\n      rightsAffected\n      createdAt\n    }\n  }\n": types.DirectoryTestRecordNationalRestrictionDocument,
    "\n  mutation DirectoryTestPublishNationalRestriction($id: ID!) {\n    publishNationalRestriction(id: $id) {\n      id\n      published\n    }\n  }\n": types.DirectoryTestPublishNationalRestrictionDocument,
    "\n  mutation RestrictionsTestNotify($input: NationalRestrictionInput!) {\n    recordNationalRestriction(input: $input) {\n      id\n      memberState\n      legalAreaCode\n      procedureKind\n      published\n      publishedAt\n    }\n  }\n": types.RestrictionsTestNotifyDocument,
    "\n  mutation RestrictionsTestPublish($id: ID!) {\n    publishNationalRestriction(id: $id) {\n      id\n      published\n      publishedAt\n    }\n  }\n": types.RestrictionsTestPublishDocument,
    "\n  query RestrictionsTestList($memberState: String!, $includeUnpublished: Boolean) {\n    nationalRestrictions(memberState: $memberState, includeUnpublished: $includeUnpublished) {\n      id\n      published\n    }\n  }\n": types.RestrictionsTestListDocument,
    "\n  mutation RestrictionsTestFile($input: FileDataSubjectRequestInput!) {\n    fileDataSubjectRequest(input: $input) {\n      id\n      nationalRestrictions {\n        id\n        title\n        legalReference\n      }\n    }\n  }\n": types.RestrictionsTestFileDocument,
    "\n  query RestrictionsTestRequest($id: ID!) {\n    dataSubjectRequest(id: $id) {\n      id\n      nationalRestrictions {\n        id\n      }\n    }\n  }\n": types.RestrictionsTestRequestDocument,
    "\n  mutation TestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n    }\n  }\n": types.TestLoginDocument,
    "\n  mutation HttpTestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n    }\n  }\n": types.HttpTestLoginDocument,
    "\n  query HttpTestLegalAreaCodes {\n    legalAreas {\n      code\n    }\n  }\n": types.HttpTestLegalAreaCodesDocument,
    "\n  query HttpTestAuthorityName($id: ID!) {\n    authority(id: $id) {\n      name\n    }\n  }\n": types.HttpTestAuthorityNameDocument,
    "\n  query HttpTestPrivacyNoticeText($authorityId: ID!) {\n    privacyNotice(authorityId: $authorityId) {\n      text\n    }\n  }\n": types.HttpTestPrivacyNoticeTextDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      name\n      email\n      roles\n      active\n      authority {\n        id\n        memberState\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation Login($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n      expiresAt\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation CreateProcedure($input: CreateProcedureInput!) {\n    createProcedure(input: $input) {\n      id\n      reference\n      kind\n      status\n      legalArea {\n        code\n      }\n      initiator {\n        id\n      }\n      participants {\n        part\n        acceptedAt\n        authority {\n          id\n        }\n      }\n    }\n  }\n": types.CreateProcedureDocument,
    "\n  fragment ProcedureState on Procedure {\n    id\n    status\n    sentAt\n    closedAt\n    lastActivityAt\n    participants {\n      part\n      acceptedAt\n      authority {\n        id\n      }\n    }\n  }\n": types.ProcedureStateFragmentDoc,
    "\n  mutation Send($id: ID!) {\n    sendProcedure(id: $id) {\n      ...ProcedureState\n    }\n  }\n": types.SendDocument,
    "\n  mutation Accept($id: ID!) {\n    acceptProcedure(id: $id) {\n      ...ProcedureState\n    }\n  }\n": types.AcceptDocument,
    "\n  mutation Forward($id: ID!, $to: ID!) {\n    forwardProcedure(id: $id, toAuthorityId: $to) {\n      procedureId\n      forwardedAt\n      forwardedTo {\n        id\n      }\n    }\n  }\n": types.ForwardDocument,
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
    "\n  fragment ProofTestContent on ExchangeReportContent {\n    reportId\n    issuer\n    issuedAt\n    version\n    issuedTo {\n      id\n      name\n      memberState\n    }\n    procedure {\n      id\n      reference\n      kind\n      subject\n      status\n      legalArea {\n        code\n        name\n        actReference\n      }\n    }\n    participants {\n      part\n      acceptedAt\n      authority {\n        id\n        name\n        memberState\n      }\n    }\n    states {\n      status\n      at\n    }\n    messages {\n      id\n      createdAt\n      body\n      confidential\n      author {\n        id\n        name\n        memberState\n      }\n    }\n    dataSubjects {\n      id\n      fullName\n      dateOfBirth\n      nationalIdentifier\n      address\n      email\n      sensitiveRecords {\n        id\n        category\n        details\n        legalBasis\n        consentReference\n        necessity\n        createdAt\n      }\n    }\n  }\n": types.ProofTestContentFragmentDoc,
    "\n  query ProofTestExchangeReport($procedureId: ID!) {\n    exchangeReport(procedureId: $procedureId) {\n      jws\n      keyId\n      issuedAt\n      html\n      content {\n        ...ProofTestContent\n      }\n    }\n  }\n": types.ProofTestExchangeReportDocument,
    "\n  query ProofTestVerify($report: String!) {\n    verifyExchangeReport(report: $report) {\n      valid\n      keyId\n      problem\n      content {\n        ...ProofTestContent\n      }\n    }\n  }\n": types.ProofTestVerifyDocument,
    "\n  query ProofTestProcedureView($id: ID!) {\n    procedure(id: $id) {\n      id\n      reference\n      kind\n      subject\n      status\n      createdAt\n      sentAt\n      closedAt\n      legalArea {\n        code\n        name\n        actReference\n      }\n      participants {\n        part\n        acceptedAt\n        authority {\n          id\n          name\n          memberState\n        }\n      }\n      messages {\n        id\n        createdAt\n        body\n        confidential\n        author {\n          id\n          name\n          memberState\n        }\n      }\n      dataSubjects {\n        id\n        fullName\n        dateOfBirth\n        nationalIdentifier\n        address\n        email\n        sensitiveRecords {\n          id\n          category\n          details\n          legalBasis\n          consentReference\n          necessity\n          createdAt\n        }\n      }\n    }\n  }\n": types.ProofTestProcedureViewDocument,
    "\n  mutation RetentionTestRun($dryRun: Boolean, $asOf: DateTime) {\n    runRetention(dryRun: $dryRun, asOf: $asOf) {\n      id\n      asOf\n      dryRun\n      startedAt\n      finishedAt\n      proceduresBlocked\n      proceduresDeleted\n      usersBlocked\n      usersDeleted\n      earlyDeletions\n      earlyDeletionsRefused\n      remindersRaised\n      remindersResolved\n      durationMs\n      error\n      scheduled\n    }\n  }\n": types.RetentionTestRunDocument,
    "\n  query RetentionTestProcedure($id: ID!) {\n    procedure(id: $id) {\n      id\n      kind\n      status\n      subject\n      closedAt\n      blockedAt\n      personalDataDeletedAt\n      legalArea {\n        code\n      }\n      initiator {\n        id\n      }\n      participants {\n        part\n        authority {\n          id\n        }\n      }\n      personalDataAccess {\n        granted\n        reason\n      }\n      dataSubjects {\n        fullName\n        nationalIdentifier\n        sensitiveRecords {\n          details\n        }\n      }\n      messages {\n        body\n      }\n      legalPersons {\n        name\n      }\n    }\n  }\n": types.RetentionTestProcedureDocument,
    "\n  query RetentionTestRuns($first: Int, $after: String) {\n    retentionRuns(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          asOf\n          dryRun\n          proceduresBlocked\n          scheduled\n        }\n      }\n    }\n  }\n": types.RetentionTestRunsDocument,
    "\n  query RetentionTestPreview($asOf: DateTime) {\n    retentionPreview(asOf: $asOf) {\n      asOf\n      proceduresToBlock\n      proceduresToDelete\n      usersToBlock\n      usersToDelete\n      earlyDeletions\n      earlyDeletionsRefused\n      remindersToRaise\n      byLegalAreaAndAuthority {\n        legalArea {\n          code\n        }\n        authority {\n          id\n        }\n        proceduresToBlock\n        proceduresToDelete\n      }\n    }\n  }\n": types.RetentionTestPreviewDocument,
    "\n  query RetentionTestReminders($includeResolved: Boolean, $first: Int, $after: String) {\n    reminders(includeResolved: $includeResolved, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          kind\n          raisedAt\n          resolvedAt\n          authority {\n            id\n          }\n          procedure {\n            id\n            status\n          }\n        }\n      }\n    }\n  }\n": types.RetentionTestRemindersDocument,
    "\n  mutation RetentionTestDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n    }\n  }\n": types.RetentionTestDeactivateDocument,
    "\n  query RetentionTestUsers($filter: UserFilter) {\n    users(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          name\n          email\n          active\n        }\n      }\n    }\n  }\n": types.RetentionTestUsersDocument,
    "\n  query RightsVisibilityOne($id: ID!) {\n    dataSubjectRequest(id: $id) {\n      id\n      kind\n      route\n      requesterName\n      requesterIdentifier\n    }\n  }\n": types.RightsVisibilityOneDocument,
    "\n  mutation RightsTestFile($input: FileDataSubjectRequestInput!) {\n    fileDataSubjectRequest(input: $input) {\n      ...RightsTestRequest\n    }\n  }\n": types.RightsTestFileDocument,
    "\n  fragment RightsTestRequest on DataSubjectRequest {\n    id\n    kind\n    status\n    route\n    routeReason\n    procedureId\n    dataSubjectId\n    receivedAt\n    dueAt\n    overdue\n    escalatedAt\n    decidedAt\n    decisionNote\n    completedAt\n    requesterName\n    receivingAuthority {\n      id\n    }\n  }\n": types.RightsTestRequestFragmentDoc,
    "\n  mutation RightsTestLink($id: ID!, $procedureId: ID!, $dataSubjectId: ID) {\n    linkDataSubjectRequest(id: $id, procedureId: $procedureId, dataSubjectId: $dataSubjectId) {\n      ...RightsTestRequest\n    }\n  }\n": types.RightsTestLinkDocument,
    "\n  mutation RightsTestDecide($id: ID!, $approve: Boolean!, $note: String) {\n    decideDataSubjectRequest(id: $id, approve: $approve, note: $note) {\n      ...RightsTestRequest\n    }\n  }\n": types.RightsTestDecideDocument,
    "\n  mutation RightsTestComplete($id: ID!) {\n    completeDataSubjectRequest(id: $id) {\n      ...RightsTestRequest\n    }\n  }\n": types.RightsTestCompleteDocument,
    "\n  query RightsTestRequests($filter: DataSubjectRequestFilter) {\n    dataSubjectRequests(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          overdue\n        }\n      }\n    }\n  }\n": types.RightsTestRequestsDocument,
    "\n  query RightsTestReport($requestId: ID!) {\n    accessReport(requestId: $requestId) {\n      requestId\n      noDataHeld\n      items {\n        procedureId\n        fullName\n        nationalIdentifier\n        sensitiveRecords {\n          category\n          details\n        }\n        recipients {\n          id\n        }\n      }\n    }\n  }\n": types.RightsTestReportDocument,
    "\n  mutation RightsTestRetrieve($input: RetrieveBlockedDataInput!) {\n    retrieveBlockedData(input: $input) {\n      id\n      ground\n      validUntil\n      procedure {\n        id\n        personalDataAccess {\n          granted\n          reason\n        }\n        dataSubjects {\n          fullName\n          contestations {\n            ground\n            statement\n          }\n        }\n      }\n    }\n  }\n": types.RightsTestRetrieveDocument,
    "\n  mutation RightsTestContest($input: ContestationInput!) {\n    recordContestation(input: $input) {\n      id\n      ground\n    }\n  }\n": types.RightsTestContestDocument,
    "\n  mutation RightsTestEarlyDeletion($procedureId: ID!, $consentReference: String!, $legalBasis: String!) {\n    requestEarlyDeletion(procedureId: $procedureId, consentReference: $consentReference, legalBasis: $legalBasis) {\n      ...RightsTestRequest\n    }\n  }\n": types.RightsTestEarlyDeletionDocument,
    "\n  mutation StartTestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n      user {\n        email\n        roles\n      }\n    }\n  }\n": types.StartTestLoginDocument,
    "\n  query StartTestAuthorities($filter: AuthorityFilter) {\n    authorities(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          memberState\n        }\n      }\n    }\n  }\n": types.StartTestAuthoritiesDocument,
    "\n  query StartTestProcedureCount {\n    procedures(first: 1) {\n      totalCount\n    }\n  }\n": types.StartTestProcedureCountDocument,
    "\n  mutation StartTestCreateProcedure($input: CreateProcedureInput!) {\n    createProcedure(input: $input) {\n      id\n      reference\n      status\n      legalArea {\n        code\n      }\n    }\n  }\n": types.StartTestCreateProcedureDocument,
    "\n  mutation StartTestAddDataSubject($procedureId: ID!, $input: DataSubjectInput!) {\n    addDataSubject(procedureId: $procedureId, input: $input) {\n      id\n      fullName\n    }\n  }\n": types.StartTestAddDataSubjectDocument,
    "\n  mutation StartTestSend($id: ID!) {\n    sendProcedure(id: $id) {\n      status\n    }\n  }\n": types.StartTestSendDocument,
    "\n  mutation StartTestAccept($id: ID!) {\n    acceptProcedure(id: $id) {\n      status\n    }\n  }\n": types.StartTestAcceptDocument,
    "\n  mutation StartTestPostMessage($procedureId: ID!, $body: String!) {\n    postMessage(procedureId: $procedureId, body: $body) {\n      id\n      body\n    }\n  }\n": types.StartTestPostMessageDocument,
    "\n  mutation StartTestClose($id: ID!) {\n    closeProcedure(id: $id) {\n      status\n      closedAt\n    }\n  }\n": types.StartTestCloseDocument,
    "\n  query StartTestProcedure($id: ID!) {\n    procedure(id: $id) {\n      id\n      reference\n      status\n      dataSubjects {\n        fullName\n      }\n      messages {\n        body\n      }\n    }\n  }\n": types.StartTestProcedureDocument,
    "\n  mutation UsersEdgeCreate($input: CreateUserInput!) {\n    createUser(input: $input) {\n      totpSecret\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.UsersEdgeCreateDocument,
    "\n  mutation UsersEdgeDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      name\n      email\n      active\n    }\n  }\n": types.UsersEdgeDeactivateDocument,
    "\n  query UsersEdgeList($filter: UserFilter, $after: String) {\n    users(filter: $filter, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          email\n          active\n        }\n      }\n    }\n  }\n": types.UsersEdgeListDocument,
    "\n  mutation UsersTestCreate($input: CreateUserInput!) {\n    createUser(input: $input) {\n      totpSecret\n      totpUri\n      user {\n        id\n        name\n        email\n        roles\n        active\n        authority {\n          id\n        }\n      }\n    }\n  }\n": types.UsersTestCreateDocument,
    "\n  mutation UsersTestDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n      deactivatedAt\n    }\n  }\n": types.UsersTestDeactivateDocument,
    "\n  query UsersTestList($filter: UserFilter, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          email\n          roles\n          authority {\n            id\n            memberState\n          }\n        }\n      }\n    }\n  }\n": types.UsersTestListDocument,
    "\n  query UsersTestViewer {\n    viewer {\n      id\n      email\n      roles\n      authority {\n        id\n      }\n    }\n  }\n": types.UsersTestViewerDocument,
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
export function graphql(source: "\n  query BenchNestedList {\n    procedures(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          reference\n          status\n          participants {\n            part\n            authority {\n              name\n            }\n          }\n          dataSubjects {\n            fullName\n            dateOfBirth\n          }\n          messages {\n            body\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BenchNestedList {\n    procedures(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          reference\n          status\n          participants {\n            part\n            authority {\n              name\n            }\n          }\n          dataSubjects {\n            fullName\n            dateOfBirth\n          }\n          messages {\n            body\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTestVerifyChain {\n    verifyAuditChain {\n      valid\n      eventsChecked\n      firstBrokenPosition\n      firstBrokenEventId\n      problem\n      lastPosition\n      lastHash\n    }\n  }\n"): (typeof documents)["\n  query AuditTestVerifyChain {\n    verifyAuditChain {\n      valid\n      eventsChecked\n      firstBrokenPosition\n      firstBrokenEventId\n      problem\n      lastPosition\n      lastHash\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTestEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          chainPosition\n          occurredAt\n          action\n          procedureId\n          dataSubjectId\n          fields\n          ground\n          requestId\n          prevHash\n          hash\n          actor {\n            id\n            name\n          }\n          actorAuthority {\n            id\n            memberState\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditTestEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          chainPosition\n          occurredAt\n          action\n          procedureId\n          dataSubjectId\n          fields\n          ground\n          requestId\n          prevHash\n          hash\n          actor {\n            id\n            name\n          }\n          actorAuthority {\n            id\n            memberState\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthTestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n      expiresAt\n      user {\n        id\n        email\n        roles\n        active\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AuthTestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n      expiresAt\n      user {\n        id\n        email\n        roles\n        active\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthTestViewer {\n    viewer {\n      id\n      email\n      active\n    }\n  }\n"): (typeof documents)["\n  query AuthTestViewer {\n    viewer {\n      id\n      email\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthTestDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation AuthTestDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IdorDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      name\n      email\n    }\n  }\n"): (typeof documents)["\n  mutation IdorDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      name\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IdorCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IdorCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DirectoryTestLegalAreas {\n    legalAreas {\n      code\n      name\n      actReference\n      enabled\n      blockingPeriodMonths\n      consentRequired\n      closedAlertsStayVisible\n    }\n  }\n"): (typeof documents)["\n  query DirectoryTestLegalAreas {\n    legalAreas {\n      code\n      name\n      actReference\n      enabled\n      blockingPeriodMonths\n      consentRequired\n      closedAlertsStayVisible\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DirectoryTestSetLegalAreaEnabled($code: String!, $enabled: Boolean!) {\n    setLegalAreaEnabled(code: $code, enabled: $enabled) {\n      code\n      enabled\n    }\n  }\n"): (typeof documents)["\n  mutation DirectoryTestSetLegalAreaEnabled($code: String!, $enabled: Boolean!) {\n    setLegalAreaEnabled(code: $code, enabled: $enabled) {\n      code\n      enabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DirectoryTestAuthorityFields on Authority {\n    id\n    name\n    memberState\n    contactEmail\n    contactPhone\n    postalAddress\n    website\n    legalAreas {\n      code\n    }\n    dataProtectionOfficer {\n      name\n      email\n    }\n  }\n"): (typeof documents)["\n  fragment DirectoryTestAuthorityFields on Authority {\n    id\n    name\n    memberState\n    contactEmail\n    contactPhone\n    postalAddress\n    website\n    legalAreas {\n      code\n    }\n    dataProtectionOfficer {\n      name\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DirectoryTestCreateAuthority($input: CreateAuthorityInput!) {\n    createAuthority(input: $input) {\n      ...DirectoryTestAuthorityFields\n    }\n  }\n"): (typeof documents)["\n  mutation DirectoryTestCreateAuthority($input: CreateAuthorityInput!) {\n    createAuthority(input: $input) {\n      ...DirectoryTestAuthorityFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DirectoryTestAuthorities($filter: AuthorityFilter, $first: Int) {\n    authorities(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          memberState\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DirectoryTestAuthorities($filter: AuthorityFilter, $first: Int) {\n    authorities(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          memberState\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DirectoryTestAuthority($id: ID!) {\n    authority(id: $id) {\n      ...DirectoryTestAuthorityFields\n    }\n  }\n"): (typeof documents)["\n  query DirectoryTestAuthority($id: ID!) {\n    authority(id: $id) {\n      ...DirectoryTestAuthorityFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DirectoryTestPrivacyNotice($authorityId: ID!) {\n    privacyNotice(authorityId: $authorityId) {\n      controller {\n        ...DirectoryTestAuthorityFields\n      }\n      processing\n      recipientCategories\n      rights {\n        right\n        description\n      }\n      nationalExceptions {\n        id\n        memberState\n        title\n        description\n        legalReference\n        rightsAffected\n      }\n      moreInformation {\n        title\n        url\n      }\n      text\n    }\n  }\n"): (typeof documents)["\n  query DirectoryTestPrivacyNotice($authorityId: ID!) {\n    privacyNotice(authorityId: $authorityId) {\n      controller {\n        ...DirectoryTestAuthorityFields\n      }\n      processing\n      recipientCategories\n      rights {\n        right\n        description\n      }\n      nationalExceptions {\n        id\n        memberState\n        title\n        description\n        legalReference\n        rightsAffected\n      }\n      moreInformation {\n        title\n        url\n      }\n      text\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DirectoryTestNationalRestrictions($memberState: String!) {\n    nationalRestrictions(memberState: $memberState) {\n      id\n      memberState\n      title\n      description\n      legalReference\n      rightsAffected\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query DirectoryTestNationalRestrictions($memberState: String!) {\n    nationalRestrictions(memberState: $memberState) {\n      id\n      memberState\n      title\n      description\n      legalReference\n      rightsAffected\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DirectoryTestRecordNationalRestriction($input: NationalRestrictionInput!) {\n    recordNationalRestriction(input: $input) {\n      id\n      memberState\n      title\n      description\n      legalReference\n      rightsAffected\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation DirectoryTestRecordNationalRestriction($input: NationalRestrictionInput!) {\n    recordNationalRestriction(input: $input) {\n      id\n      memberState\n      title\n      description\n      legalReference\n      rightsAffected\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DirectoryTestPublishNationalRestriction($id: ID!) {\n    publishNationalRestriction(id: $id) {\n      id\n      published\n    }\n  }\n"): (typeof documents)["\n  mutation DirectoryTestPublishNationalRestriction($id: ID!) {\n    publishNationalRestriction(id: $id) {\n      id\n      published\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestrictionsTestNotify($input: NationalRestrictionInput!) {\n    recordNationalRestriction(input: $input) {\n      id\n      memberState\n      legalAreaCode\n      procedureKind\n      published\n      publishedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RestrictionsTestNotify($input: NationalRestrictionInput!) {\n    recordNationalRestriction(input: $input) {\n      id\n      memberState\n      legalAreaCode\n      procedureKind\n      published\n      publishedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestrictionsTestPublish($id: ID!) {\n    publishNationalRestriction(id: $id) {\n      id\n      published\n      publishedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RestrictionsTestPublish($id: ID!) {\n    publishNationalRestriction(id: $id) {\n      id\n      published\n      publishedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestrictionsTestList($memberState: String!, $includeUnpublished: Boolean) {\n    nationalRestrictions(memberState: $memberState, includeUnpublished: $includeUnpublished) {\n      id\n      published\n    }\n  }\n"): (typeof documents)["\n  query RestrictionsTestList($memberState: String!, $includeUnpublished: Boolean) {\n    nationalRestrictions(memberState: $memberState, includeUnpublished: $includeUnpublished) {\n      id\n      published\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestrictionsTestFile($input: FileDataSubjectRequestInput!) {\n    fileDataSubjectRequest(input: $input) {\n      id\n      nationalRestrictions {\n        id\n        title\n        legalReference\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RestrictionsTestFile($input: FileDataSubjectRequestInput!) {\n    fileDataSubjectRequest(input: $input) {\n      id\n      nationalRestrictions {\n        id\n        title\n        legalReference\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestrictionsTestRequest($id: ID!) {\n    dataSubjectRequest(id: $id) {\n      id\n      nationalRestrictions {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query RestrictionsTestRequest($id: ID!) {\n    dataSubjectRequest(id: $id) {\n      id\n      nationalRestrictions {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n    }\n  }\n"): (typeof documents)["\n  mutation TestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HttpTestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n    }\n  }\n"): (typeof documents)["\n  mutation HttpTestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HttpTestLegalAreaCodes {\n    legalAreas {\n      code\n    }\n  }\n"): (typeof documents)["\n  query HttpTestLegalAreaCodes {\n    legalAreas {\n      code\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HttpTestAuthorityName($id: ID!) {\n    authority(id: $id) {\n      name\n    }\n  }\n"): (typeof documents)["\n  query HttpTestAuthorityName($id: ID!) {\n    authority(id: $id) {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HttpTestPrivacyNoticeText($authorityId: ID!) {\n    privacyNotice(authorityId: $authorityId) {\n      text\n    }\n  }\n"): (typeof documents)["\n  query HttpTestPrivacyNoticeText($authorityId: ID!) {\n    privacyNotice(authorityId: $authorityId) {\n      text\n    }\n  }\n"];
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
export function graphql(source: "\n  mutation Forward($id: ID!, $to: ID!) {\n    forwardProcedure(id: $id, toAuthorityId: $to) {\n      procedureId\n      forwardedAt\n      forwardedTo {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Forward($id: ID!, $to: ID!) {\n    forwardProcedure(id: $id, toAuthorityId: $to) {\n      procedureId\n      forwardedAt\n      forwardedTo {\n        id\n      }\n    }\n  }\n"];
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProofTestContent on ExchangeReportContent {\n    reportId\n    issuer\n    issuedAt\n    version\n    issuedTo {\n      id\n      name\n      memberState\n    }\n    procedure {\n      id\n      reference\n      kind\n      subject\n      status\n      legalArea {\n        code\n        name\n        actReference\n      }\n    }\n    participants {\n      part\n      acceptedAt\n      authority {\n        id\n        name\n        memberState\n      }\n    }\n    states {\n      status\n      at\n    }\n    messages {\n      id\n      createdAt\n      body\n      confidential\n      author {\n        id\n        name\n        memberState\n      }\n    }\n    dataSubjects {\n      id\n      fullName\n      dateOfBirth\n      nationalIdentifier\n      address\n      email\n      sensitiveRecords {\n        id\n        category\n        details\n        legalBasis\n        consentReference\n        necessity\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ProofTestContent on ExchangeReportContent {\n    reportId\n    issuer\n    issuedAt\n    version\n    issuedTo {\n      id\n      name\n      memberState\n    }\n    procedure {\n      id\n      reference\n      kind\n      subject\n      status\n      legalArea {\n        code\n        name\n        actReference\n      }\n    }\n    participants {\n      part\n      acceptedAt\n      authority {\n        id\n        name\n        memberState\n      }\n    }\n    states {\n      status\n      at\n    }\n    messages {\n      id\n      createdAt\n      body\n      confidential\n      author {\n        id\n        name\n        memberState\n      }\n    }\n    dataSubjects {\n      id\n      fullName\n      dateOfBirth\n      nationalIdentifier\n      address\n      email\n      sensitiveRecords {\n        id\n        category\n        details\n        legalBasis\n        consentReference\n        necessity\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProofTestExchangeReport($procedureId: ID!) {\n    exchangeReport(procedureId: $procedureId) {\n      jws\n      keyId\n      issuedAt\n      html\n      content {\n        ...ProofTestContent\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProofTestExchangeReport($procedureId: ID!) {\n    exchangeReport(procedureId: $procedureId) {\n      jws\n      keyId\n      issuedAt\n      html\n      content {\n        ...ProofTestContent\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProofTestVerify($report: String!) {\n    verifyExchangeReport(report: $report) {\n      valid\n      keyId\n      problem\n      content {\n        ...ProofTestContent\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProofTestVerify($report: String!) {\n    verifyExchangeReport(report: $report) {\n      valid\n      keyId\n      problem\n      content {\n        ...ProofTestContent\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProofTestProcedureView($id: ID!) {\n    procedure(id: $id) {\n      id\n      reference\n      kind\n      subject\n      status\n      createdAt\n      sentAt\n      closedAt\n      legalArea {\n        code\n        name\n        actReference\n      }\n      participants {\n        part\n        acceptedAt\n        authority {\n          id\n          name\n          memberState\n        }\n      }\n      messages {\n        id\n        createdAt\n        body\n        confidential\n        author {\n          id\n          name\n          memberState\n        }\n      }\n      dataSubjects {\n        id\n        fullName\n        dateOfBirth\n        nationalIdentifier\n        address\n        email\n        sensitiveRecords {\n          id\n          category\n          details\n          legalBasis\n          consentReference\n          necessity\n          createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProofTestProcedureView($id: ID!) {\n    procedure(id: $id) {\n      id\n      reference\n      kind\n      subject\n      status\n      createdAt\n      sentAt\n      closedAt\n      legalArea {\n        code\n        name\n        actReference\n      }\n      participants {\n        part\n        acceptedAt\n        authority {\n          id\n          name\n          memberState\n        }\n      }\n      messages {\n        id\n        createdAt\n        body\n        confidential\n        author {\n          id\n          name\n          memberState\n        }\n      }\n      dataSubjects {\n        id\n        fullName\n        dateOfBirth\n        nationalIdentifier\n        address\n        email\n        sensitiveRecords {\n          id\n          category\n          details\n          legalBasis\n          consentReference\n          necessity\n          createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetentionTestRun($dryRun: Boolean, $asOf: DateTime) {\n    runRetention(dryRun: $dryRun, asOf: $asOf) {\n      id\n      asOf\n      dryRun\n      startedAt\n      finishedAt\n      proceduresBlocked\n      proceduresDeleted\n      usersBlocked\n      usersDeleted\n      earlyDeletions\n      earlyDeletionsRefused\n      remindersRaised\n      remindersResolved\n      durationMs\n      error\n      scheduled\n    }\n  }\n"): (typeof documents)["\n  mutation RetentionTestRun($dryRun: Boolean, $asOf: DateTime) {\n    runRetention(dryRun: $dryRun, asOf: $asOf) {\n      id\n      asOf\n      dryRun\n      startedAt\n      finishedAt\n      proceduresBlocked\n      proceduresDeleted\n      usersBlocked\n      usersDeleted\n      earlyDeletions\n      earlyDeletionsRefused\n      remindersRaised\n      remindersResolved\n      durationMs\n      error\n      scheduled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RetentionTestProcedure($id: ID!) {\n    procedure(id: $id) {\n      id\n      kind\n      status\n      subject\n      closedAt\n      blockedAt\n      personalDataDeletedAt\n      legalArea {\n        code\n      }\n      initiator {\n        id\n      }\n      participants {\n        part\n        authority {\n          id\n        }\n      }\n      personalDataAccess {\n        granted\n        reason\n      }\n      dataSubjects {\n        fullName\n        nationalIdentifier\n        sensitiveRecords {\n          details\n        }\n      }\n      messages {\n        body\n      }\n      legalPersons {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query RetentionTestProcedure($id: ID!) {\n    procedure(id: $id) {\n      id\n      kind\n      status\n      subject\n      closedAt\n      blockedAt\n      personalDataDeletedAt\n      legalArea {\n        code\n      }\n      initiator {\n        id\n      }\n      participants {\n        part\n        authority {\n          id\n        }\n      }\n      personalDataAccess {\n        granted\n        reason\n      }\n      dataSubjects {\n        fullName\n        nationalIdentifier\n        sensitiveRecords {\n          details\n        }\n      }\n      messages {\n        body\n      }\n      legalPersons {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RetentionTestRuns($first: Int, $after: String) {\n    retentionRuns(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          asOf\n          dryRun\n          proceduresBlocked\n          scheduled\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RetentionTestRuns($first: Int, $after: String) {\n    retentionRuns(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          asOf\n          dryRun\n          proceduresBlocked\n          scheduled\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RetentionTestPreview($asOf: DateTime) {\n    retentionPreview(asOf: $asOf) {\n      asOf\n      proceduresToBlock\n      proceduresToDelete\n      usersToBlock\n      usersToDelete\n      earlyDeletions\n      earlyDeletionsRefused\n      remindersToRaise\n      byLegalAreaAndAuthority {\n        legalArea {\n          code\n        }\n        authority {\n          id\n        }\n        proceduresToBlock\n        proceduresToDelete\n      }\n    }\n  }\n"): (typeof documents)["\n  query RetentionTestPreview($asOf: DateTime) {\n    retentionPreview(asOf: $asOf) {\n      asOf\n      proceduresToBlock\n      proceduresToDelete\n      usersToBlock\n      usersToDelete\n      earlyDeletions\n      earlyDeletionsRefused\n      remindersToRaise\n      byLegalAreaAndAuthority {\n        legalArea {\n          code\n        }\n        authority {\n          id\n        }\n        proceduresToBlock\n        proceduresToDelete\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RetentionTestReminders($includeResolved: Boolean, $first: Int, $after: String) {\n    reminders(includeResolved: $includeResolved, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          kind\n          raisedAt\n          resolvedAt\n          authority {\n            id\n          }\n          procedure {\n            id\n            status\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RetentionTestReminders($includeResolved: Boolean, $first: Int, $after: String) {\n    reminders(includeResolved: $includeResolved, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          kind\n          raisedAt\n          resolvedAt\n          authority {\n            id\n          }\n          procedure {\n            id\n            status\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetentionTestDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation RetentionTestDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RetentionTestUsers($filter: UserFilter) {\n    users(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          name\n          email\n          active\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RetentionTestUsers($filter: UserFilter) {\n    users(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          name\n          email\n          active\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RightsVisibilityOne($id: ID!) {\n    dataSubjectRequest(id: $id) {\n      id\n      kind\n      route\n      requesterName\n      requesterIdentifier\n    }\n  }\n"): (typeof documents)["\n  query RightsVisibilityOne($id: ID!) {\n    dataSubjectRequest(id: $id) {\n      id\n      kind\n      route\n      requesterName\n      requesterIdentifier\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RightsTestFile($input: FileDataSubjectRequestInput!) {\n    fileDataSubjectRequest(input: $input) {\n      ...RightsTestRequest\n    }\n  }\n"): (typeof documents)["\n  mutation RightsTestFile($input: FileDataSubjectRequestInput!) {\n    fileDataSubjectRequest(input: $input) {\n      ...RightsTestRequest\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RightsTestRequest on DataSubjectRequest {\n    id\n    kind\n    status\n    route\n    routeReason\n    procedureId\n    dataSubjectId\n    receivedAt\n    dueAt\n    overdue\n    escalatedAt\n    decidedAt\n    decisionNote\n    completedAt\n    requesterName\n    receivingAuthority {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment RightsTestRequest on DataSubjectRequest {\n    id\n    kind\n    status\n    route\n    routeReason\n    procedureId\n    dataSubjectId\n    receivedAt\n    dueAt\n    overdue\n    escalatedAt\n    decidedAt\n    decisionNote\n    completedAt\n    requesterName\n    receivingAuthority {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RightsTestLink($id: ID!, $procedureId: ID!, $dataSubjectId: ID) {\n    linkDataSubjectRequest(id: $id, procedureId: $procedureId, dataSubjectId: $dataSubjectId) {\n      ...RightsTestRequest\n    }\n  }\n"): (typeof documents)["\n  mutation RightsTestLink($id: ID!, $procedureId: ID!, $dataSubjectId: ID) {\n    linkDataSubjectRequest(id: $id, procedureId: $procedureId, dataSubjectId: $dataSubjectId) {\n      ...RightsTestRequest\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RightsTestDecide($id: ID!, $approve: Boolean!, $note: String) {\n    decideDataSubjectRequest(id: $id, approve: $approve, note: $note) {\n      ...RightsTestRequest\n    }\n  }\n"): (typeof documents)["\n  mutation RightsTestDecide($id: ID!, $approve: Boolean!, $note: String) {\n    decideDataSubjectRequest(id: $id, approve: $approve, note: $note) {\n      ...RightsTestRequest\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RightsTestComplete($id: ID!) {\n    completeDataSubjectRequest(id: $id) {\n      ...RightsTestRequest\n    }\n  }\n"): (typeof documents)["\n  mutation RightsTestComplete($id: ID!) {\n    completeDataSubjectRequest(id: $id) {\n      ...RightsTestRequest\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RightsTestRequests($filter: DataSubjectRequestFilter) {\n    dataSubjectRequests(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          overdue\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RightsTestRequests($filter: DataSubjectRequestFilter) {\n    dataSubjectRequests(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          overdue\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RightsTestReport($requestId: ID!) {\n    accessReport(requestId: $requestId) {\n      requestId\n      noDataHeld\n      items {\n        procedureId\n        fullName\n        nationalIdentifier\n        sensitiveRecords {\n          category\n          details\n        }\n        recipients {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RightsTestReport($requestId: ID!) {\n    accessReport(requestId: $requestId) {\n      requestId\n      noDataHeld\n      items {\n        procedureId\n        fullName\n        nationalIdentifier\n        sensitiveRecords {\n          category\n          details\n        }\n        recipients {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RightsTestRetrieve($input: RetrieveBlockedDataInput!) {\n    retrieveBlockedData(input: $input) {\n      id\n      ground\n      validUntil\n      procedure {\n        id\n        personalDataAccess {\n          granted\n          reason\n        }\n        dataSubjects {\n          fullName\n          contestations {\n            ground\n            statement\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RightsTestRetrieve($input: RetrieveBlockedDataInput!) {\n    retrieveBlockedData(input: $input) {\n      id\n      ground\n      validUntil\n      procedure {\n        id\n        personalDataAccess {\n          granted\n          reason\n        }\n        dataSubjects {\n          fullName\n          contestations {\n            ground\n            statement\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RightsTestContest($input: ContestationInput!) {\n    recordContestation(input: $input) {\n      id\n      ground\n    }\n  }\n"): (typeof documents)["\n  mutation RightsTestContest($input: ContestationInput!) {\n    recordContestation(input: $input) {\n      id\n      ground\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RightsTestEarlyDeletion($procedureId: ID!, $consentReference: String!, $legalBasis: String!) {\n    requestEarlyDeletion(procedureId: $procedureId, consentReference: $consentReference, legalBasis: $legalBasis) {\n      ...RightsTestRequest\n    }\n  }\n"): (typeof documents)["\n  mutation RightsTestEarlyDeletion($procedureId: ID!, $consentReference: String!, $legalBasis: String!) {\n    requestEarlyDeletion(procedureId: $procedureId, consentReference: $consentReference, legalBasis: $legalBasis) {\n      ...RightsTestRequest\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n      user {\n        email\n        roles\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation StartTestLogin($email: String!, $password: String!, $securityCode: String!) {\n    login(email: $email, password: $password, securityCode: $securityCode) {\n      token\n      user {\n        email\n        roles\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StartTestAuthorities($filter: AuthorityFilter) {\n    authorities(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          memberState\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query StartTestAuthorities($filter: AuthorityFilter) {\n    authorities(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          memberState\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StartTestProcedureCount {\n    procedures(first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query StartTestProcedureCount {\n    procedures(first: 1) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTestCreateProcedure($input: CreateProcedureInput!) {\n    createProcedure(input: $input) {\n      id\n      reference\n      status\n      legalArea {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation StartTestCreateProcedure($input: CreateProcedureInput!) {\n    createProcedure(input: $input) {\n      id\n      reference\n      status\n      legalArea {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTestAddDataSubject($procedureId: ID!, $input: DataSubjectInput!) {\n    addDataSubject(procedureId: $procedureId, input: $input) {\n      id\n      fullName\n    }\n  }\n"): (typeof documents)["\n  mutation StartTestAddDataSubject($procedureId: ID!, $input: DataSubjectInput!) {\n    addDataSubject(procedureId: $procedureId, input: $input) {\n      id\n      fullName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTestSend($id: ID!) {\n    sendProcedure(id: $id) {\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation StartTestSend($id: ID!) {\n    sendProcedure(id: $id) {\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTestAccept($id: ID!) {\n    acceptProcedure(id: $id) {\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation StartTestAccept($id: ID!) {\n    acceptProcedure(id: $id) {\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTestPostMessage($procedureId: ID!, $body: String!) {\n    postMessage(procedureId: $procedureId, body: $body) {\n      id\n      body\n    }\n  }\n"): (typeof documents)["\n  mutation StartTestPostMessage($procedureId: ID!, $body: String!) {\n    postMessage(procedureId: $procedureId, body: $body) {\n      id\n      body\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTestClose($id: ID!) {\n    closeProcedure(id: $id) {\n      status\n      closedAt\n    }\n  }\n"): (typeof documents)["\n  mutation StartTestClose($id: ID!) {\n    closeProcedure(id: $id) {\n      status\n      closedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StartTestProcedure($id: ID!) {\n    procedure(id: $id) {\n      id\n      reference\n      status\n      dataSubjects {\n        fullName\n      }\n      messages {\n        body\n      }\n    }\n  }\n"): (typeof documents)["\n  query StartTestProcedure($id: ID!) {\n    procedure(id: $id) {\n      id\n      reference\n      status\n      dataSubjects {\n        fullName\n      }\n      messages {\n        body\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersEdgeCreate($input: CreateUserInput!) {\n    createUser(input: $input) {\n      totpSecret\n      user {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UsersEdgeCreate($input: CreateUserInput!) {\n    createUser(input: $input) {\n      totpSecret\n      user {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersEdgeDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      name\n      email\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation UsersEdgeDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      name\n      email\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersEdgeList($filter: UserFilter, $after: String) {\n    users(filter: $filter, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          email\n          active\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsersEdgeList($filter: UserFilter, $after: String) {\n    users(filter: $filter, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          email\n          active\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersTestCreate($input: CreateUserInput!) {\n    createUser(input: $input) {\n      totpSecret\n      totpUri\n      user {\n        id\n        name\n        email\n        roles\n        active\n        authority {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UsersTestCreate($input: CreateUserInput!) {\n    createUser(input: $input) {\n      totpSecret\n      totpUri\n      user {\n        id\n        name\n        email\n        roles\n        active\n        authority {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersTestDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n      deactivatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UsersTestDeactivate($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n      deactivatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersTestList($filter: UserFilter, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          email\n          roles\n          authority {\n            id\n            memberState\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsersTestList($filter: UserFilter, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          email\n          roles\n          authority {\n            id\n            memberState\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersTestViewer {\n    viewer {\n      id\n      email\n      roles\n      authority {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsersTestViewer {\n    viewer {\n      id\n      email\n      roles\n      authority {\n        id\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;