import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Database } from "./db/database.js";
import { AuditService } from "./modules/audit/audit.service.js";
import { DirectoryService } from "./modules/directory/directory.service.js";
import { ProcedureService } from "./modules/procedures/procedure.service.js";
import { exchangeKeys as keySet, generateExchangeKey, type ExchangeKeys } from "./modules/proof/proof.keys.js";
import { ProofService } from "./modules/proof/proof.service.js";
import { RetentionService, retentionSettings, type RetentionObserver } from "./modules/retention/retention.service.js";
import { InactivityService } from "./modules/retention/inactivity.service.js";
import type { LongStatements } from "./modules/retention/residue.js";
import { RightsService } from "./modules/rights/rights.service.js";
import { AuthService } from "./modules/session/auth.service.js";
import { EnrolmentService } from "./modules/session/enrolment.service.js";
import type { Logger } from "./logger.js";
import { NO_TRANSPORT, type MailTransport } from "./modules/mail/mail.transport.js";
import { UserService } from "./modules/users/user.service.js";
import { OversightService } from "./modules/oversight/oversight.service.js";
import { StatisticsService } from "./modules/statistics/statistics.service.js";
import { LiveService } from "./modules/subscriptions/live.service.js";
import { OidcVerifier } from "./auth/sso.js";
import { AnswerService } from "./modules/answers/answer.service.js";
import { AttachmentService } from "./modules/attachments/attachment.service.js";
import { QuestionSetService } from "./modules/question-sets/question-set.service.js";

export interface Services {
  auth: AuthService;
  /** R-SEC-1: enrolUser, the user's own setting of its credentials. */
  enrolment: EnrolmentService;
  users: UserService;
  directory: DirectoryService;
  procedures: ProcedureService;
  audit: AuditService;
  rights: RightsService;
  proof: ProofService;
  retention: RetentionService;
  inactivity: InactivityService;
  /** Subscriptions (issue 16): who is told of an event, and its rows. */
  live: LiveService;
  /** Issue 18: coordinators' view, records of processing, authority registration. */
  oversight: OversightService;
  /** Issue 18: statistics from the shells. */
  statistics: StatisticsService;
  questionSets: QuestionSetService;
  answers: AnswerService;
  attachments: AttachmentService;
}

/**
 * `exchangeKeys`: the report signing keys (main.ts resolves them from config); a throw-away key when absent.
 * `observers`: who is told of retention runs (the API's metrics).
 * `longStatements`: the database handle's `unbounded`, for the retention job's VACUUM (residue.ts).
 * `mail`: where enrolment codes go (R-SEC-1); none: createUser is refused. `logger`: for what fails after a commit.
 */
export function createServices(
  db: Database,
  clock: Clock,
  config: Pick<Config, "jwtSecret" | "tokenTtlSeconds"> & Partial<Pick<Config, "retentionBatchSize" | "retentionReminderDays" | "allowTimeTravel" | "limits" | "oidcIssuers">>,
  exchangeKeys: ExchangeKeys = keySet(generateExchangeKey()),
  observers: { retention?: RetentionObserver } = {},
  longStatements?: LongStatements,
  { mail = NO_TRANSPORT, logger }: { mail?: MailTransport; logger?: Logger } = {},
): Services {
  const procedures = new ProcedureService(db, clock);
  return {
    // Single sign-on (issue 16): tokens of the configured OpenID Connect issuers are accepted too.
    auth: new AuthService(db, clock, { ...config, sso: config.oidcIssuers?.length ? new OidcVerifier(config.oidcIssuers) : undefined }),
    enrolment: new EnrolmentService(db, clock, config.limits),
    users: new UserService(db, clock, mail, logger),
    directory: new DirectoryService(db, clock),
    procedures,
    audit: new AuditService(db),
    rights: new RightsService(db, clock),
    proof: new ProofService(db, exchangeKeys),
    retention: new RetentionService(db, clock, retentionSettings(config), observers.retention, longStatements),
    inactivity: new InactivityService(db, clock),
    live: new LiveService(db),
    oversight: new OversightService(db, clock),
    statistics: new StatisticsService(db, clock),
    questionSets: new QuestionSetService(db, clock),
    answers: new AnswerService(procedures),
    attachments: new AttachmentService(db, clock, procedures),
  };
}
