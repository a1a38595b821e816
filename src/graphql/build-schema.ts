import "reflect-metadata";
import { GraphQLSchema } from "graphql";
import { buildSchema, type ContainerType } from "type-graphql";
import { ERROR_CODE_ENUM, ERROR_REASON_ENUM } from "./error-enums.js";
import { DateTimeScalar } from "./scalars.js";
import { AuditResolver } from "../modules/audit/audit.resolver.js";
import { AuthorityResolver } from "../modules/directory/authority.resolver.js";
import { DirectoryResolver, NationalRestrictionResolver } from "../modules/directory/directory.resolver.js";
import { ProcedureFieldsResolver } from "../modules/procedures/procedure-fields.resolver.js";
import { ProcedureResolver } from "../modules/procedures/procedure.resolver.js";
import {
  ConfidentialityFlagResolver,
  DataSubjectResolver,
  LegalPersonResolver,
  MessageResolver,
} from "../modules/procedures/personal-data.resolver.js";
import { ExchangeReportAnswerResolver, ProofResolver } from "../modules/proof/proof.resolver.js";
import { ReminderResolver, RetentionPreviewGroupResolver, RetentionResolver } from "../modules/retention/retention.resolver.js";
import {
  InactivityJustificationResolver,
  InactivityResolver,
  LegalAreaInactivityResolver,
  ProcedureClosureResolver,
} from "../modules/retention/inactivity.resolver.js";
import {
  AccessReportItemResolver,
  BlockedDataRetrievalResolver,
  DataSubjectContestationsResolver,
  DataSubjectRequestStepResolver,
  ProcedureContestationsResolver,
  RightsResolver,
} from "../modules/rights/rights.resolver.js";
import { RequestRestrictionsResolver } from "../modules/rights/request-restrictions.resolver.js";
import { SessionResolver } from "../modules/session/session.resolver.js";
import { UserResolver } from "../modules/users/user.resolver.js";
import {
  AuthorityRegistrationResolver,
  OversightResolver,
  RecordOfProcessingResolver,
  UserLastLoginResolver,
  WaitingProcedureResolver,
} from "../modules/oversight/oversight.resolver.js";
import { StatisticsResolver } from "../modules/statistics/statistics.resolver.js";
import {
  DataSubjectRequestEventResolver,
  InactivityNoticeResolver,
  LiveResolver,
  ProcedureEventResolver,
} from "../modules/subscriptions/live.resolver.js";
import {
  ProcedureQuestionSetResolver,
  QuestionChoiceResolver,
  QuestionResolver,
  QuestionSetResolver,
  QuestionSetVersionResolver,
} from "../modules/question-sets/question-set.resolver.js";
import { AnswerResolver, ProcedureAnswersResolver, QuestionAnswerResolver } from "../modules/answers/answer.resolver.js";
import { AttachmentResolver, ProcedureAttachmentsResolver } from "../modules/attachments/attachment.resolver.js";
import { LegalAreaNameResolver } from "../i18n/legal-area-name.resolver.js";

export const RESOLVERS = [
  SessionResolver,
  UserResolver,
  DirectoryResolver,
  NationalRestrictionResolver,
  AuthorityResolver,
  ProcedureResolver,
  ProcedureFieldsResolver,
  DataSubjectResolver,
  MessageResolver,
  LegalPersonResolver,
  ConfidentialityFlagResolver,
  AuditResolver,
  ProofResolver,
  ExchangeReportAnswerResolver,
  RightsResolver,
  RequestRestrictionsResolver,
  AccessReportItemResolver,
  BlockedDataRetrievalResolver,
  DataSubjectRequestStepResolver,
  ProcedureContestationsResolver,
  DataSubjectContestationsResolver,
  RetentionResolver,
  RetentionPreviewGroupResolver,
  ReminderResolver,
  InactivityResolver,
  InactivityJustificationResolver,
  OversightResolver,
  WaitingProcedureResolver,
  RecordOfProcessingResolver,
  AuthorityRegistrationResolver,
  UserLastLoginResolver,
  StatisticsResolver,
  ProcedureClosureResolver,
  LegalAreaInactivityResolver,
  QuestionSetResolver,
  QuestionSetVersionResolver,
  QuestionResolver,
  QuestionChoiceResolver,
  ProcedureQuestionSetResolver,
  AnswerResolver,
  ProcedureAnswersResolver,
  QuestionAnswerResolver,
  ProcedureAttachmentsResolver,
  AttachmentResolver,
  LegalAreaNameResolver,
  LiveResolver,
  ProcedureEventResolver,
  DataSubjectRequestEventResolver,
  InactivityNoticeResolver,
] as const;

const NO_PUBSUB = {
  publish(): never {
    throw new Error("Live events are published by database triggers (drizzle/0018_live_events.sql), not through type-graphql.");
  },
  subscribe(): never {
    throw new Error("Subscriptions are served by modules/subscriptions/websocket.ts.");
  },
};

/** The schema from the type-graphql classes; `container` hands out resolver instances. */
export async function buildGraphQLSchema(container?: ContainerType): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    container,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
    // type-graphql wants a PubSub once there are subscriptions; ours come from the database's
    // LISTEN/NOTIFY through the WebSocket server (modules/subscriptions), never through this one.
    pubSub: NO_PUBSUB,
  });
  // The error enums (issue 16 item 5) are returned by no field. type-graphql 2 emits an enum only
  // where a field or argument uses it (`orphanedTypes` takes object, interface and input classes), so
  // they are added to its schema here, and so reach the SDL and the typed client.
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, types: [...config.types, ERROR_CODE_ENUM, ERROR_REASON_ENUM] });
}
