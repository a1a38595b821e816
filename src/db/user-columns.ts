import { getTableColumns } from "drizzle-orm";
import { users } from "./schema/index.js";

/**
 * A user's columns without its credentials, one definition for both walls: the API's role may read
 * only these (db/rls/accounts-audit.sql.ts grants them), and the repository selects only these
 * (modules/users/user.repository.ts). Login and enrolment read and write the password hash and the
 * TOTP secret as the system use `authentication` (issue 14: nor on every request).
 */
const { passwordHash: _passwordHash, totpSecret: _totpSecret, ...USER_COLUMNS } = getTableColumns(users);
export { USER_COLUMNS };
export type UserRow = Omit<typeof users.$inferSelect, "passwordHash" | "totpSecret">;
