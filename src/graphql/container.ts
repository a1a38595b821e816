import type { ContainerType } from "type-graphql";
import type { Services } from "../services.js";
import { AuditResolver } from "../modules/audit/audit.resolver.js";
import { DirectoryResolver } from "../modules/directory/directory.resolver.js";
import { ProcedureResolver } from "../modules/procedures/procedure.resolver.js";
import { ProofResolver } from "../modules/proof/proof.resolver.js";
import { RetentionResolver } from "../modules/retention/retention.resolver.js";
import { InactivityResolver } from "../modules/retention/inactivity.resolver.js";
import { RightsResolver } from "../modules/rights/rights.resolver.js";
import { SessionResolver } from "../modules/session/session.resolver.js";
import { UserResolver } from "../modules/users/user.resolver.js";
import { OversightResolver } from "../modules/oversight/oversight.resolver.js";
import { StatisticsResolver } from "../modules/statistics/statistics.resolver.js";
import { DataSubjectRequestEventResolver, InactivityNoticeResolver } from "../modules/subscriptions/live.resolver.js";
import { QuestionSetResolver } from "../modules/question-sets/question-set.resolver.js";
import { AnswerResolver } from "../modules/answers/answer.resolver.js";

type Constructor = new (...args: never[]) => unknown;

/**
 * Resolvers receive their services by constructor injection, wired here by hand: tsx emits no
 * decorator metadata, so a reflection-based container cannot see constructor parameter types.
 * Resolvers without dependencies are constructed plainly. One instance each, for the server's life.
 */
export function resolverContainer(services: Services): ContainerType {
  const instances = new Map<unknown, unknown>([
    [SessionResolver, new SessionResolver(services.auth, services.enrolment)],
    [UserResolver, new UserResolver(services.users)],
    [DirectoryResolver, new DirectoryResolver(services.directory)],
    [ProcedureResolver, new ProcedureResolver(services.procedures)],
    [AuditResolver, new AuditResolver(services.audit)],
    [ProofResolver, new ProofResolver(services.proof)],
    [RightsResolver, new RightsResolver(services.rights)],
    [RetentionResolver, new RetentionResolver(services.retention)],
    [InactivityResolver, new InactivityResolver(services.inactivity)],
    [OversightResolver, new OversightResolver(services.oversight)],
    [StatisticsResolver, new StatisticsResolver(services.statistics)],
    [DataSubjectRequestEventResolver, new DataSubjectRequestEventResolver(services.rights)],
    [InactivityNoticeResolver, new InactivityNoticeResolver(services.live)],
    [QuestionSetResolver, new QuestionSetResolver(services.questionSets)],
    [AnswerResolver, new AnswerResolver(services.answers)],
  ]);
  return {
    get(someClass) {
      if (!instances.has(someClass)) instances.set(someClass, new (someClass as Constructor)());
      return instances.get(someClass);
    },
  };
}
