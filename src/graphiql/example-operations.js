// Example operations preloaded as GraphiQL tabs, each runnable at once against the demo world
// (src/db/seed/): the first tab is the one GraphiQL opens with. GraphiQL keeps the tabs a user
// edits in localStorage, so these are the defaults of a fresh browser only.

/** The Danish Business Authority of the demo world (DEMO_AUTHORITY.businessAuthorityDk, fixed id). */
const DANISH_BUSINESS_AUTHORITY = "00000000-0000-4000-a000-000000000003";

const tab = (query, variables) => ({ query, variables: variables ? JSON.stringify(variables, null, 2) : undefined });

export const EXAMPLE_TABS = [
  tab(`# Log in above, then run this (Ctrl-Enter). Logged out,
# viewer is null and procedures answers UNAUTHENTICATED.
query DemoFlow {
  viewer {
    name
    email
    roles
    authority { name memberState }
  }
  procedures(first: 10) {
    totalCount
    edges { node { reference kind status subject } }
  }
}
`),
  tab(`# Personal data, need to know: as handler.dk@imi.example some procedures
# show their data subjects; others answer null with a FORBIDDEN error whose
# extensions.reason says why (NOT_ACCEPTED, BLOCKED, DELETED, ROLE, ...).
# personalDataAccess tells the same before you ask. Try it as
# coordinator.dk@imi.example too: reason ROLE.
query PersonalData($first: Int = 10, $after: String) {
  procedures(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id
        reference
        status
        closedAt
        blockedAt
        personalDataAccess { granted reason }
        dataSubjects { fullName dateOfBirth nationalIdentifier }
      }
    }
  }
}
`),
  tab(`# Readable without logging in (R-NOTICE-1, R-NOTICE-2): the directory's
# public part, a controller's transparency notice, national restrictions.
# In Danish here: language takes DA, DE, FR or EN; left out, your
# browser's Accept-Language decides (English when nothing matches).
query Transparency($authorityId: ID!) {
  privacyNotice(authorityId: $authorityId, language: DA) {
    language
    controller { name memberState contactEmail }
    processing
    recipientCategories
    rights { right description }
    moreInformation { title url }
  }
  nationalRestrictions(memberState: "DK") { description }
}
`, { authorityId: DANISH_BUSINESS_AUTHORITY }),
  tab(`# As portal.dk@imi.example: file a citizen's access request with the
# Danish Business Authority (R-ACCESS-1). Its case handler links it to a
# procedure, approves and completes it; then run AccessReport.
mutation FileAccessRequest($input: FileDataSubjectRequestInput!) {
  fileDataSubjectRequest(input: $input) {
    id
    kind
    status
    receivedAt
    dueAt
    receivingAuthority { name }
  }
}

query MyRequests {
  dataSubjectRequests(first: 20) {
    totalCount
    edges { node { id kind status route routeReason dueAt overdue } }
  }
}

query AccessReport($requestId: ID!) {
  accessReport(requestId: $requestId) {
    noDataHeld
    producedAt
    items { procedureReference fullName nationalIdentifier recipients { name } }
  }
}
`, {
    input: {
      kind: "ACCESS",
      receivingAuthorityId: DANISH_BUSINESS_AUTHORITY,
      requesterName: "Jens Hansen",
      requesterIdentifier: "300975-1234",
    },
    requestId: "paste the id FileAccessRequest returned",
  }),
];
