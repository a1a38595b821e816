import { GraphQLDateTime } from "graphql-scalars";

/** SPEC: times are ISO-8601 `DateTime` scalars (type-graphql's own default is named DateTimeISO). */
export const DateTimeScalar = GraphQLDateTime;
