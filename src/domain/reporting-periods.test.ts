/**
 * The Decree 09 reporting calendar: cut-off windows (a quarter's opens in the month before it, across the
 * year for Q1 and the cumulative periods), period keys, the previous period, and deadlines that move past
 * weekends, Tết and other public holidays (data/calendar) to the next working day.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { readCsv } from "../../test/support/official-data.ts";
import {
  addDays,
  calendarFromRows,
  deadlinesOf,
  DEFAULT_DEADLINE_DAYS,
  isWorkingDay,
  nextWorkingDay,
  parsePeriodKey,
  period,
  periodsOfYear,
  previousPeriod,
  sendDeadline,
} from "./reporting-periods.ts";

const vietnam = calendarFromRows(readCsv("calendar/vn-days-off.csv") as { date: string; kind: string }[]);
const none = calendarFromRows([]);

describe("cut-off windows (Decree 09/2019/NĐ-CP, article 12)", () => {
  test("quarters: 15th of the month before → 14th of the last month; Q1 opens in December of the year before", () => {
    expect([1, 2, 3, 4].map((q) => [period("quarter", 2019, q).from, period("quarter", 2019, q).to])).toEqual([
      ["2018-12-15", "2019-03-14"],
      ["2019-03-15", "2019-06-14"],
      ["2019-06-15", "2019-09-14"],
      ["2019-09-15", "2019-12-14"],
    ]);
  });

  test("6 months, 9 months and the year all open on 15 December of the year before", () => {
    expect(period("half-year", 2024)).toMatchObject({ key: "2024-H1", from: "2023-12-15", to: "2024-06-14" });
    expect(period("nine-months", 2024)).toMatchObject({ key: "2024-9M", from: "2023-12-15", to: "2024-09-14" });
    expect(period("year", 2024)).toMatchObject({ key: "2024-Y", from: "2023-12-15", to: "2024-12-14" });
  });

  test("a province's own cut-off day; impossible periods refused", () => {
    expect(period("quarter", 2020, 1, 20)).toMatchObject({ from: "2019-12-20", to: "2020-03-19" });
    expect(() => period("quarter", 2020, 5)).toThrow(RangeError);
    expect(() => period("year", 2020, 2)).toThrow(RangeError);
    expect(() => period("quarter", 2020, 1, 31)).toThrow(RangeError);
  });

  test("keys read back; a year's periods in the order their windows close; the previous period of the same kind", () => {
    expect(parsePeriodKey("2019-q3")).toEqual(period("quarter", 2019, 3));
    expect(parsePeriodKey("2021-9M")?.kind).toBe("nine-months");
    expect(parsePeriodKey("2019-Q5")).toBeNull();
    expect(parsePeriodKey("Q1-2019")).toBeNull();
    expect(periodsOfYear(2025, ["quarter", "half-year", "nine-months", "year"]).map((p) => p.key)).toEqual([
      "2025-Q1",
      "2025-Q2",
      "2025-H1",
      "2025-Q3",
      "2025-9M",
      "2025-Q4",
      "2025-Y",
    ]);
    expect(previousPeriod(period("quarter", 2020, 1)).key).toBe("2019-Q4");
    expect(previousPeriod(period("quarter", 2020, 3)).key).toBe("2020-Q2");
    expect(previousPeriod(period("half-year", 2020)).key).toBe("2019-H1");
  });
});

describe("days", () => {
  test("adding days across month ends and leap years", () => {
    expect(addDays("2024-02-27", 3)).toBe("2024-03-01");
    expect(addDays("2023-02-27", 3)).toBe("2023-03-02");
    expect(addDays("2019-12-30", 3)).toBe("2020-01-02");
    expect(addDays("2024-03-31", -31)).toBe("2024-02-29");
  });

  test("weekends and holidays are not working days; a declared working Saturday is", () => {
    expect(isWorkingDay("2025-09-02", vietnam)).toBe(false); // Quốc khánh
    expect(isWorkingDay("2025-09-03", vietnam)).toBe(true);
    expect(isWorkingDay("2025-09-06", vietnam)).toBe(false); // Saturday
    const swapped = calendarFromRows([{ date: "2025-04-26", kind: "working-weekend" }]);
    expect(isWorkingDay("2025-04-26", swapped)).toBe(true);
    expect(() => calendarFromRows([{ date: "26/04/2025", kind: "holiday" }])).toThrow(RangeError);
  });

  test("the next working day jumps a whole Tết", () => {
    expect(nextWorkingDay("2025-01-25", vietnam)).toBe("2025-02-03");
    expect(nextWorkingDay("2025-01-24", vietnam)).toBe("2025-01-24");
  });
});

describe("send deadlines after the cut-off", () => {
  test("a deadline on a Sunday moves to Monday (Civil Code 2015, art. 148(5)); on a holiday, past it", () => {
    // Q1 2026 closes Saturday 14/03; +1 day is Sunday 15/03 → Monday 16/03.
    expect(sendDeadline(period("quarter", 2026, 1), 1, vietnam)).toBe("2026-03-16");
    // Q3 2025 closes Sunday 14/09; +3 days → Wednesday 17/09, a working day.
    expect(sendDeadline(period("quarter", 2025, 3), 3, vietnam)).toBe("2025-09-17");
    // The 6-month window of 2022 closes Tuesday 14/06; a deadline set 0 days after it is that day.
    expect(sendDeadline(period("half-year", 2022), 0, vietnam)).toBe("2022-06-14");
    // A made-up offset landing on 02/09/2025 (Quốc khánh) moves to Wednesday 03/09.
    // Without holidays only weekends move: +7 is Sunday 21/09 → Monday 22/09.
    expect(sendDeadline(period("quarter", 2025, 3), 7, none)).toBe("2025-09-22");
    expect(sendDeadline({ ...period("quarter", 2025, 3), to: "2025-08-31" }, 2, vietnam)).toBe("2025-09-03");
    expect(() => sendDeadline(period("year", 2025), -1, vietnam)).toThrow(RangeError);
  });

  test("every level's deadline, lowest first; a level may not be due after the one it reports to", () => {
    expect(deadlinesOf(period("year", 2024), DEFAULT_DEADLINE_DAYS, vietnam)).toEqual({
      commune: "2024-12-16", // 14/12 Saturday + 1 = Sunday → Monday
      department: "2024-12-17",
      "home-affairs": "2024-12-20",
      "people-committee": "2024-12-24",
    });
    expect(() => deadlinesOf(period("year", 2024), { ...DEFAULT_DEADLINE_DAYS, commune: 5 }, vietnam)).toThrow(/commune/);
  });

  test("the shipped calendar is well formed: dates, kinds, and every uncertain day says so", () => {
    const text = readFileSync(new URL("../../data/calendar/vn-days-off.csv", import.meta.url), "utf8");
    const rows = readCsv("calendar/vn-days-off.csv");
    expect(rows.length).toBe(text.trim().split("\n").length - 1);
    for (const row of rows) {
      expect(["yes", "no"]).toContain(row.certain);
      expect(row.source!.length).toBeGreaterThan(5);
    }
  });
});
