import type { Clock } from "../../clock.js";
import type { Database } from "../../db/database.js";
import { withSystemRole } from "../../db/rls/request-scope.js";
import { BadUserInputError, ForbiddenError } from "../../errors.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";
import { publicCell, totalsByMonthAndArea, type PublicCell } from "./suppression.js";
import { StatisticsRepository, type StatisticsRow } from "./statistics.repository.js";
import { fullGrid } from "./public-grid.js";

/** At most this many months per question: the statement stays a bounded range scan. */
export const MAX_MONTHS = 60;
export const PUBLIC_DEFAULT_MONTHS = 12;
/** The public may ask for at most this many months, and an answer is kept this long, shared by every caller. */
export const PUBLIC_MAX_MONTHS = 24;

type PublicAnswer = { fromMonth: string; toMonth: string; cells: PublicCell[]; totals: PublicCell[] };
type PublicMonth = { cells: PublicCell[]; totals: PublicCell[] };

const monthKey = (d: Date) => d.toISOString().slice(0, 7);
const addMonths = (d: Date, n: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));

export interface MonthRange {
  fromMonth?: string | null;
  toMonth?: string | null;
}

/**
 * "YYYY-MM" → the first instant of that month (UTC). Pentest G4: the year lies in 2000-2999, since
 * Date.UTC reads years 0-99 as 1900-1999 ("0099-01" once answered as "1999-01"); IMI holds nothing older.
 */
function monthStart(value: string, field: string): Date {
  const m = /^(2\d{3})-(\d{2})$/.exec(value);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) {
    throw new BadUserInputError(`\`${field}\` must be a month such as 2026-03 (YYYY-MM, a year from 2000 to 2999).`, field);
  }
  return new Date(Date.UTC(Number(m[1]), month - 1, 1));
}

/** Issue 18: statistics from the shells. The Commission all, a coordinator its state; the public a suppressed subset. */
export class StatisticsService {
  private readonly repo: StatisticsRepository;
  /**
   * Pentest F4: each closed month's public figures are computed once and then frozen (kept for the process's
   * life, never recomputed), the same cells whatever range asks for them: an insider who adds events, to the
   * current month (never public) or to a published one (its figures no longer move), watches nothing change.
   * In flight shared; a failure is not kept.
   */
  private readonly publicMonths = new Map<string, Promise<PublicMonth>>();

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
    return withSystemRole("statistics", () => this.repo.cells({ ...this.range(range), memberState: state, legalAreaCode }));
  }

  /**
   * The public range: closed months only (pentest F4). `toMonth` defaults to, and is clamped to, the last
   * closed month, so the month still moving is never shown; by default the 12 months before this one.
   */
  publicRange({ fromMonth, toMonth }: MonthRange): { from: Date; to: Date } {
    const now = this.clock.now();
    const current = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const lastClosed = monthKey(addMonths(current, -1));
    const asked = toMonth ? monthStart(toMonth, "toMonth") : null;
    const to = asked && asked < current ? toMonth! : lastClosed;
    if (fromMonth && monthStart(fromMonth, "fromMonth") >= current)
      throw new BadUserInputError(`Only closed months are public: the latest is ${lastClosed}.`, "fromMonth");
    return this.range({ fromMonth, toMonth: to }, PUBLIC_DEFAULT_MONTHS, PUBLIC_MAX_MONTHS);
  }

  /** The public subset: a full grid per closed month, small counts suppressed (suppression.ts), each month frozen. */
  async publicStatistics(range: MonthRange): Promise<PublicAnswer> {
    const { from, to } = this.publicRange(range);
    const monthList: Date[] = [];
    for (let m = from; m < to; m = addMonths(m, 1)) monthList.push(m);
    const missing = monthList.filter((m) => !this.publicMonths.has(monthKey(m)));
    if (missing.length > 0) this.freeze(missing[0]!, addMonths(missing[missing.length - 1]!, 1), missing);
    const parts = await Promise.all(monthList.map((m) => this.publicMonths.get(monthKey(m))!));
    return {
      fromMonth: monthKey(from),
      toMonth: monthKey(addMonths(to, -1)),
      cells: parts.flatMap((p) => p.cells),
      totals: parts.flatMap((p) => p.totals),
    };
  }

  /** One statement over the missing span; only the missing months are stored (a frozen month is never replaced). */
  private freeze(from: Date, to: Date, missing: Date[]): void {
    const computed = (async () => {
      const [rows, areas] = await Promise.all([withSystemRole("statistics", () => this.repo.cells({ from, to })), this.repo.legalAreaCodes()]);
      return { rows, areas };
    })();
    for (const m of missing) {
      const key = monthKey(m);
      const month = computed.then(({ rows, areas }) => {
        const grid = fullGrid(key, areas, rows.filter((r) => r.month === key));
        return { cells: grid.map((row) => publicCell(row, row.memberState)), totals: totalsByMonthAndArea(grid).map((row) => publicCell(row, null)) };
      });
      this.publicMonths.set(key, month);
      month.catch(() => this.publicMonths.get(key) === month && this.publicMonths.delete(key));
    }
  }
}
