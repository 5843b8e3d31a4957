/**
 * The reporting calendar of Decree 09/2019/NĐ-CP (chế độ báo cáo của cơ quan hành chính nhà nước), as
 * pure arithmetic on ISO dates: the period kinds, their data cut-off windows, and the send deadline of each
 * level counted from the cut-off and moved past weekends and public holidays. The rules' numbers (window
 * days, deadline offsets) are the regime's configuration; holidays are data (data/calendar).
 */

export const PERIOD_KINDS = ["quarter", "half-year", "nine-months", "year"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Who sends to whom, lowest first: a commune reports to a department (or Sở Nội vụ), … up to the People's Committee. */
export const REPORT_LEVELS = ["commune", "department", "home-affairs", "people-committee"] as const;
export type ReportLevel = (typeof REPORT_LEVELS)[number];

export interface Period {
  kind: PeriodKind;
  year: number;
  /** 1–4 for a quarter, 1 otherwise. */
  number: number;
  /** "2019-Q1", "2019-H1", "2019-9M", "2019-Y": stable, sortable within a year, readable in a URL. */
  key: string;
  /** The data cut-off window, inclusive (yyyy-mm-dd). */
  from: string;
  to: string;
}

/**
 * Decree 09, article 12: the cut-off window starts on day `startDay` of the month before the period and ends
 * on day `startDay − 1` of its last month — quarter: 15th of the month before the quarter → 14th of its last
 * month; 6 months: 15/12 → 14/06; 9 months: 15/12 → 14/09; year: 15/12 → 14/12.
 */
export const DECREE_09_START_DAY = 15;

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** The month (1–12) a period's window ends in, and the month it starts from (the month before its first). */
function months(kind: PeriodKind, number: number): { first: number; last: number } {
  switch (kind) {
    case "quarter":
      return { first: 3 * number - 2, last: 3 * number };
    case "half-year":
      return { first: 1, last: 6 };
    case "nine-months":
      return { first: 1, last: 9 };
    case "year":
      return { first: 1, last: 12 };
  }
}

const KEY_SUFFIX: Record<PeriodKind, (n: number) => string> = {
  quarter: (n) => `Q${n}`,
  "half-year": () => "H1",
  "nine-months": () => "9M",
  year: () => "Y",
};

export function period(kind: PeriodKind, year: number, number = 1, startDay = DECREE_09_START_DAY): Period {
  if (kind === "quarter" ? !(number >= 1 && number <= 4) : number !== 1) throw new RangeError(`no ${kind} ${number}`);
  if (!(startDay >= 2 && startDay <= 28)) throw new RangeError(`cut-off day ${startDay} must be 2–28`);
  const { first, last } = months(kind, number);
  // The window opens in the month before the period's first month: December of the year before for January.
  const from = first === 1 ? iso(year - 1, 12, startDay) : iso(year, first - 1, startDay);
  return { kind, year, number, key: `${year}-${KEY_SUFFIX[kind](number)}`, from, to: iso(year, last, startDay - 1) };
}

/** Reads a period key ("2019-Q3", "2020-H1", "2021-9M", "2022-Y"); null when it is not one. */
export function parsePeriodKey(key: string, startDay = DECREE_09_START_DAY): Period | null {
  const match = /^(\d{4})-(Q[1-4]|H1|9M|Y)$/.exec(key.trim().toUpperCase());
  if (!match) return null;
  const year = Number(match[1]);
  const code = match[2]!;
  if (code.startsWith("Q")) return period("quarter", year, Number(code.slice(1)), startDay);
  return period(code === "H1" ? "half-year" : code === "9M" ? "nine-months" : "year", year, 1, startDay);
}

/** A year's periods of the given kinds, in the order their windows close (Q1, Q2, H1, Q3, 9M, Q4, Y). */
export function periodsOfYear(year: number, kinds: readonly PeriodKind[], startDay = DECREE_09_START_DAY): Period[] {
  const all: Period[] = [];
  if (kinds.includes("quarter")) for (let q = 1; q <= 4; q += 1) all.push(period("quarter", year, q, startDay));
  for (const kind of ["half-year", "nine-months", "year"] as const) if (kinds.includes(kind)) all.push(period(kind, year, 1, startDay));
  const rank = (p: Period) => PERIOD_KINDS.indexOf(p.kind);
  return all.sort((a, b) => a.to.localeCompare(b.to) || rank(a) - rank(b));
}

/** The period before, of the same kind (what a report is pre-filled from): Q1 → last year's Q4. */
export function previousPeriod(p: Period, startDay = DECREE_09_START_DAY): Period {
  if (p.kind === "quarter") return p.number === 1 ? period("quarter", p.year - 1, 4, startDay) : period("quarter", p.year, p.number - 1, startDay);
  return period(p.kind, p.year - 1, 1, startDay);
}

// ---- working days ------------------------------------------------------------------------------------------

export interface WorkingCalendar {
  /** Days off besides Saturdays and Sundays (public holidays, Tết, compensatory days). */
  holidays: ReadonlySet<string>;
  /** Saturdays or Sundays declared working days (when a day off is moved). */
  workingWeekendDays?: ReadonlySet<string>;
}

/** Day arithmetic at noon UTC, so no time zone or daylight rule ever moves a date. */
function shift(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return shift(date, days);
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.workingWeekendDays?.has(date)) return true;
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !calendar.holidays.has(date);
}

/** The day itself when it is a working day, else the next one. */
export function nextWorkingDay(date: string, calendar: WorkingCalendar): string {
  let day = date;
  // A bound no calendar reaches (Tết plus weekends is at most ~10 days); guards against a calendar of only holidays.
  for (let i = 0; i < 60; i += 1) {
    if (isWorkingDay(day, calendar)) return day;
    day = shift(day, 1);
  }
  throw new RangeError(`no working day within 60 days of ${date}`);
}

/**
 * The last day a level may send its report: `days` calendar days after the cut-off; when that day is a
 * weekend or a holiday, the next working day (Bộ luật Dân sự 2015, Điều 148 khoản 5: a period whose last day is
 * a day off ends at the end of the next working day).
 */
export function sendDeadline(p: Period, days: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`deadline offset ${days} must be a whole number of days ≥ 0`);
  return nextWorkingDay(shift(p.to, days), calendar);
}

/** Default offsets after the cut-off, per sending level, lowest level first (a province changes them). */
export const DEFAULT_DEADLINE_DAYS: Record<ReportLevel, number> = {
  commune: 1,
  department: 3,
  "home-affairs": 6,
  "people-committee": 10,
};

/** Every level's deadline for a period; a level never has a later deadline than the level it reports to. */
export function deadlinesOf(p: Period, offsets: Record<ReportLevel, number>, calendar: WorkingCalendar): Record<ReportLevel, string> {
  for (let i = 1; i < REPORT_LEVELS.length; i += 1) {
    const lower = REPORT_LEVELS[i - 1]!;
    const upper = REPORT_LEVELS[i]!;
    if (offsets[lower] > offsets[upper]) throw new RangeError(`${lower} (${offsets[lower]} days) reports after ${upper} (${offsets[upper]} days)`);
  }
  return Object.fromEntries(REPORT_LEVELS.map((level) => [level, sendDeadline(p, offsets[level], calendar)])) as Record<ReportLevel, string>;
}

/** A working calendar from the rows of data/calendar/vn-days-off.csv (or a province's own list). */
export function calendarFromRows(rows: readonly { date: string; kind: string }[]): WorkingCalendar {
  const holidays = new Set<string>();
  const workingWeekendDays = new Set<string>();
  for (const row of rows) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.date)) throw new RangeError(`not a date: ${row.date}`);
    if (row.kind === "holiday") holidays.add(row.date);
    else if (row.kind === "working-weekend") workingWeekendDays.add(row.date);
    else throw new RangeError(`unknown kind of day: ${row.kind}`);
  }
  return { holidays, workingWeekendDays };
}
