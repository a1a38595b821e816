import { GraphQLEnumType } from "graphql";
import { ERROR_CODES, ERROR_REASONS } from "../errors.js";

/**
 * `extensions.code` and `extensions.reason` as SDL enums (issue 16 item 5), so that a typed client
 * switches on them with types. No field returns them: they are added to the schema beside
 * type-graphql's types (build-schema.ts). Built from errors.ts's lists, so a code or reason cannot be
 * added there without appearing here.
 */
function enumOf(name: string, description: string, values: Record<string, string>): GraphQLEnumType {
  return new GraphQLEnumType({
    name,
    description,
    values: Object.fromEntries(Object.entries(values).map(([value, meaning]) => [value, { value, description: meaning }])),
  });
}

export const ERROR_CODE_ENUM = enumOf(
  "ErrorCode",
  "Every `extensions.code` of an error this API answers, over /graphql, WebSocket and /attachments alike. Not returned by any field: switch on `error.extensions.code` with it. Each value says what the client does.",
  ERROR_CODES,
);

export const ERROR_REASON_ENUM = enumOf(
  "ErrorReason",
  "Every `extensions.reason` an error may carry beside its code (why a token, an access or an upload was refused). Absent on most errors. The access-denial values are those of AccessDenialReason.",
  ERROR_REASONS,
);
