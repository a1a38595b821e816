import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { createFormatError } from "../../src/graphql/format-error.js";
import { abuseProtection } from "../../src/graphql/limits.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { testLogger } from "../helpers/test-logs.js";

/**
 * Issue 15: graphql-js's field suggestions ("Did you mean …?") help a newcomer in development and are
 * hidden, whole, in production. Before, they were hidden everywhere and left a stray
 * "[Suggestion hidden]?" (graphql-armor's mask) at the end of the message.
 */

const TYPO = new GraphQLError('Cannot query field "legalArea" on type "Query". Did you mean "legalAreas"?', {
  extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
});

describe("field suggestions", () => {
  it("are kept in development and removed whole in production", () => {
    const formatted = { message: TYPO.message, extensions: TYPO.extensions };
    expect(createFormatError(testLogger(), { hideSuggestions: false })(formatted, TYPO).message).toBe(TYPO.message);
    expect(createFormatError(testLogger(), { hideSuggestions: true })(formatted, TYPO).message).toBe('Cannot query field "legalArea" on type "Query".');
    // Left out, hidden: a caller that says nothing never shows the schema.
    expect(createFormatError(testLogger())(formatted, TYPO).message).toBe('Cannot query field "legalArea" on type "Query".');
  });

  it("are not masked by graphql-armor", () => {
    expect(abuseProtection().validationRules.length).toBeGreaterThan(0);
  });
});

describe.each(DRIVERS)("a misspelt field in development (%s)", (driver) => {
  const suite = useSuite(driver);

  it("answers the suggestion, without a stray mask", async () => {
    const body = await suite.api.executeText("{ legalArea { code } }", {});
    expect(body.errors?.[0]?.message).toBe('Cannot query field "legalArea" on type "Query". Did you mean "legalAreas"?');
    expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
