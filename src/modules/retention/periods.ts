import { sql, type SQL } from "drizzle-orm";

/**
 * The legal periods in one place (R-RETAIN-3: "36 calendar months, one definition everywhere"): the
 * retention job's SQL and every TypeScript reader (the helpdesk's retrieval window, R-ACCESS-2) use
 * these, so that "deleted 3 years after closure" means the same second everywhere.
 */

/** R-RETAIN-3, R-USER-1: personal data is deleted 36 calendar months after closure (or deactivation). */
export const DELETION_MONTHS = 36;

/**
 * `months` calendar months after `column`, computed in UTC whatever the session's time zone:
 * PostgreSQL's `timestamp + interval 'n months'`, which keeps the time of day and clamps the day of
 * the month to the target month's last day (2024-01-31 + 1 month = 2024-02-29).
 */
export function plusMonthsSql(column: SQL, months: SQL): SQL {
  return sql`((${column} at time zone 'UTC') + make_interval(months => ${months})) at time zone 'UTC'`;
}

/**
 * The same in TypeScript, to the millisecond: `plusMonthsSql` and this agree for every instant
 * (test/retention/periods.test.ts checks them against each other at the month ends). Date's own
 * setUTCMonth would roll 2024-01-31 over into March instead of clamping.
 */
export function plusMonthsUtc(date: Date, months: number): Date {
  const monthIndex = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(
    Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()),
  );
  // Date.UTC reads years 0-99 as 1900-1999.
  if (year >= 0 && year < 100) result.setUTCFullYear(year);
  return result;
}

/** R-RETAIN-3: when a procedure closed at `closedAt` has its personal data deleted (and the helpdesk's reach ends, R-ACCESS-2). */
export function deletionDate(closedAt: Date): Date {
  return plusMonthsUtc(closedAt, DELETION_MONTHS);
}
