import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Database } from "./db/database.js";
import { AuditService } from "./modules/audit/audit.service.js";
import { DirectoryService } from "./modules/directory/directory.service.js";
import { ProcedureService } from "./modules/procedures/procedure.service.js";
import { AuthService } from "./modules/session/auth.service.js";
import { UserService } from "./modules/users/user.service.js";

export interface Services {
  auth: AuthService;
  users: UserService;
  directory: DirectoryService;
  procedures: ProcedureService;
  audit: AuditService;
}

export function createServices(db: Database, clock: Clock, config: Pick<Config, "jwtSecret" | "tokenTtlSeconds">): Services {
  return {
    auth: new AuthService(db, clock, config),
    users: new UserService(db, clock),
    directory: new DirectoryService(db, clock),
    procedures: new ProcedureService(db, clock),
    audit: new AuditService(db),
  };
}
