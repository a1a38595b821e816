import { Field, ID, Int, ObjectType } from "type-graphql";
import { Connection } from "../../graphql/connection.js";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { Authority } from "../directory/authority.type.js";
import { User } from "../users/user.type.js";

@ObjectType({
  description:
    "One entry of the audit log (R-SEC-2): who read or changed which personal data, when and on what ground. " +
    "It names fields, never their values. Append-only and hash-chained: see `verifyAuditChain`.",
})
export class AuditEvent {
  @Field(() => ID, { description: "Stable id, in insertion order (lists page by it, newest first)." })
  id!: number;

  @Field(() => Int, {
    description:
      "Which of the log's hash chains holds the event (0 to 15): each inserting transaction appends to a chain no other " +
      "running one holds, so writers never queue; a lone writer uses chain 0.",
  })
  chainId!: number;

  @Field(() => Int, { description: "Place in its hash chain (`chainId`): 1, 2, 3 … without gaps, in commit order within the chain." })
  chainPosition!: number;

  @Field(() => DateTimeScalar, { description: "When the data was read or changed." })
  occurredAt!: Date;

  @Field(() => User, { nullable: true, description: "The user who acted; null for the system (scheduled jobs)." })
  actor!: User | null;

  @Field(() => Authority, { nullable: true, description: "The authority the user acted for; null for the system." })
  actorAuthority!: Authority | null;

  @Field(() => String, { description: "What was done: READ, CREATE, UPDATE, …" })
  action!: string;

  @Field(() => ID, { nullable: true, description: "The procedure whose data it was." })
  procedureId!: string | null;

  @Field(() => ID, { nullable: true, description: "The data subject concerned, if one; a plain id that outlives deleted personal data." })
  dataSubjectId!: string | null;

  @Field(() => [String], {
    description:
      "Names of the fields read or changed, as `Type.field` (never their values). A user-administration event " +
      "(USER_CREATE, USER_DEACTIVATE, USER_ENROL, USER_ENROLMENT_RESEND) names the account as `User.id:<id>`, its authority as `User.authority:<id>` and " +
      "each role granted or held as `User.roles:<ROLE>`: ids and codes, never a name or e-mail.",
  })
  fields!: string[];

  @Field(() => String, { description: "The legal ground of the processing, e.g. `PARTICIPANT:INITIATOR`." })
  ground!: string;

  @Field(() => String, { nullable: true, description: "Id of the API request that did it (the `X-Request-Id` header if sent)." })
  requestId!: string | null;

  @Field(() => String, {
    description: "Hash of the previous event of the same chain (for a chain's first: 64 zeros in chain 0, else SHA-256 of `imi-audit-chain|<chainId>`).",
  })
  prevHash!: string;

  @Field(() => String, {
    description: "Hex SHA-256 of `prevHash`, `|` and the event's canonical text, computed by the database on insert.",
  })
  hash!: string;
}

@ObjectType({ description: "A page of audit events, newest first." })
export class AuditEventConnection extends Connection(AuditEvent, "AuditEvent") {}

@ObjectType({ description: "The result of recomputing every hash chain of the audit log from its first event to its last." })
export class AuditChainReport {
  @Field(() => Boolean, { description: "True when every position, link and hash checked out." })
  valid!: boolean;

  @Field(() => Int, { description: "Events checked: all of them when valid, else up to and including the first broken one." })
  eventsChecked!: number;

  @Field(() => Int, { description: "Chains that hold events (checked in order 0, 1, …; up to the broken one when not valid)." })
  chains!: number;

  @Field(() => Int, { nullable: true, description: "The chain (`AuditEvent.chainId`) of the first break; null when valid." })
  firstBrokenChain!: number | null;

  @Field(() => Int, { nullable: true, description: "Chain position of the first break (a missing position for a gap); null when valid." })
  firstBrokenPosition!: number | null;

  @Field(() => ID, {
    nullable: true,
    description: "Id of the event where the first break was found (for a gap, the event after it); null when valid.",
  })
  firstBrokenEventId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "What is wrong: a hash mismatch (the event's content was altered), a prev_hash mismatch (a link broken: an event removed " +
      "or rewritten) or a gap in positions (an event deleted); null when valid.",
  })
  problem!: string | null;

  @Field(() => Int, { nullable: true, description: "Position of the last event found intact in the broken chain; when valid, of chain 0's head (a lone writer's chain)." })
  lastPosition!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Hash of the event at `lastPosition`. Keep the heads' hashes somewhere else: the removal of a chain's newest events " +
      "is the one change no chain can show by itself.",
  })
  lastHash!: string | null;
}
