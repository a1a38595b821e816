import type { GraphQLScalarType, ValueNode } from "graphql";
import { GraphQLDateTime } from "graphql-scalars";

/**
 * Instants the API accepts from clients: years 1000 to 9999. JavaScript and RFC 3339 accept year 0000
 * and far earlier; PostgreSQL refuses year 0, and a Date outside 0001–9999 is sent to it in ISO's
 * six-digit form it cannot parse, so such a `DateTime` argument or cursor, or the retention job's
 * arithmetic on one (`asOf` minus 30 days), failed as INTERNAL_SERVER_ERROR (found by the fuzz
 * suite, test/fuzz). The margin keeps a few years of date arithmetic inside the range.
 */
export const EARLIEST_INSTANT = new Date("1000-01-01T00:00:00.000Z");
export const LATEST_INSTANT = new Date("9999-12-31T23:59:59.999Z");

export function isAcceptedInstant(date: Date): boolean {
  const time = date.getTime();
  return !Number.isNaN(time) && time >= EARLIEST_INSTANT.getTime() && time <= LATEST_INSTANT.getTime();
}

function accepted(date: Date): Date {
  // A TypeError: graphql-js reports it as an invalid value (BAD_USER_INPUT or a validation error).
  if (!isAcceptedInstant(date)) throw new TypeError("DateTime must lie between the years 1000 and 9999.");
  return date;
}

// Built with the GraphQLScalarType class of graphql-scalars' own graphql, the one type-graphql uses:
// under vitest, this module's `graphql` import can be a second copy, whose scalars type-graphql refuses.
const ScalarType = GraphQLDateTime.constructor as typeof GraphQLScalarType;

/** SPEC: times are ISO-8601 `DateTime` scalars (type-graphql's own default is named DateTimeISO). */
export const DateTimeScalar = new ScalarType({
  ...GraphQLDateTime.toConfig(),
  parseValue: (value: unknown) => accepted(GraphQLDateTime.parseValue(value) as Date),
  parseLiteral: (ast: ValueNode, variables?: Record<string, unknown> | null) => accepted(GraphQLDateTime.parseLiteral(ast, variables) as Date),
});
