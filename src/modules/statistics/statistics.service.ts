import type { Clock } from "../../clock.js";
import type { Database } from "../../db/database.js";
import { BadUserInputError, ForbiddenError } from "../../errors.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";
import { publicCell, totalsByMonthAndArea, type PublicCell } from "./suppression.js";
import { StatisticsRepository, type StatisticsRow } from "./statistics.repository.js";

/** At most this many months per question: the statement stays a bounded range scan. */
export const MAX_MONTHS = 60;
export const PUBLIC_DEFAULT_MONTHS = 12;
/** The public may ask for at most this many months, and an answer is kept this long, shared by every caller. */
export const PUBLIC_MAX_MONTHS = 24;
const PUBLIC_CACHE_MS = 5 * 60 * 1000;
const PUBLIC_CACHE_ENTRIES = 64;

type PublicAnswer = { fromMonth: string; toMonth: string; cells: PublicCell[]; totals: PublicCell[] };

export interface MonthRange {
  fromMonth?: string | null;
  toMonth?: string | null;
}

/** "YYYY-MM" → the first instant of that month (UTC). */
function monthStart(value: string, field: string): Date {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) throw new BadUserInputError(`\`${field}\` must be a month such as 2026-03.`, field);
  return new Date(Date.UTC(Number(m[1]), month - 1, 1));
}

/** Issue 18: statistics from the shells. The Commission all, a coordinator its state; the public a suppressed subset. */
export class StatisticsService {
  private readonly repo: StatisticsRepository;
  /**
   * The unauthenticated figures cost a statement of a second or more at 1M procedures (bench/statistics.ts):
   * computed once per range and 5 minutes, in flight shared, so no caller makes the database work for each page view.
   */
  private readonly publicCache = new Map<string, { at: number; answer: Promise<PublicAnswer> }>();

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    this.repo = new StatisticsRepository(db);
  }

  /** [from, to): whole months, `toMonth` included; by default the last `defaultMonths` months up to this one. */
  range({ fromMonth, toMonth }: MonthRange, defaultMonths = PUBLIC_DEFAULT_MONTHS, maxMonths = MAX_MONTHS): { from: Date; to: Date } {
    const now = this.clock.now();
    const last = toMonth ? monthStart(toMonth, "toMonth") : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const to = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 1));
    const from = fromMonth ? monthStart(fromMonth, "fromMonth") : new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - defaultMonths, 1));
    const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth();
    if (months < 1) throw new BadUserInputError("`fromMonth` must not be after `toMonth`.", "fromMonth");
    if (months > maxMonths) throw new BadUserInputError(`Ask for at most ${maxMonths} months at a time.`, "fromMonth");
    return { from, to };
  }

  /** Exact figures: the Commission any state's (or all), a coordinator its own state's (R-COORD-1). */
  async statistics(viewer: Viewer, range: MonthRange, memberState: string | null, legalAreaCode: string | null): Promise<StatisticsRow[]> {
    if (!hasRole(viewer, "COMMISSION", "COORDINATOR")) throw new ForbiddenError("Only the Commission and coordinators read exact statistics.");
    let state = memberState;
    if (!hasRole(viewer, "COMMISSION")) {
      if (memberState && memberState !== viewer.memberState) throw new ForbiddenError(`A coordinator of ${viewer.memberState} reads ${viewer.memberState}'s statistics only.`);
      state = viewer.memberState;
    }
    return this.repo.cells({ ...this.range(range), memberState: state, legalAreaCode });
  }

  /** The public subset: per state and per month and area over all states, small counts suppressed (suppression.ts). */
  async publicStatistics(range: MonthRange): Promise<PublicAnswer> {
    const { from, to } = this.range(range, PUBLIC_DEFAULT_MONTHS, PUBLIC_MAX_MONTHS);
    const key = `${from.toISOString()}|${to.toISOString()}`;
    const now = this.clock.now().getTime();
    const cached = this.publicCache.get(key);
    if (cached && now - cached.at < PUBLIC_CACHE_MS && now >= cached.at) return cached.answer;
    const answer = this.computePublic(from, to);
    this.publicCache.delete(key);
    this.publicCache.set(key, { at: now, answer });
    if (this.publicCache.size > PUBLIC_CACHE_ENTRIES) this.publicCache.delete(this.publicCache.keys().next().value!);
    // A failure is not kept: the next caller asks again.
    answer.catch(() => this.publicCache.get(key)?.answer === answer && this.publicCache.delete(key));
    return answer;
  }

  private async computePublic(from: Date, to: Date): Promise<PublicAnswer> {
    const rows = await this.repo.cells({ from, to });
    const lastMonth = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 1, 1));
    return {
      fromMonth: from.toISOString().slice(0, 7),
      toMonth: lastMonth.toISOString().slice(0, 7),
      cells: rows.map((row) => publicCell(row, row.memberState)),
      totals: totalsByMonthAndArea(rows).map((row) => publicCell(row, null)),
    };
  }
}
