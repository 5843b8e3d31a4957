/** Dates as Vietnamese users write and read them: parsing what they type, showing moments in Vietnam time. */
import { describe, expect, test } from "vitest";
import { formatDateTime, formatMoment, isoDateInVietnam, parseDay } from "./format.ts";

describe("parseDay", () => {
  test.each([
    ["25/04/2019", "2019-04-25"],
    ["1/7/2025", "2025-07-01"],
    [" 01.07.2025 ", "2025-07-01"],
    ["29/02/2024", "2024-02-29"],
    ["2025-07-01", "2025-07-01"],
  ])("%s → %s", (text, iso) => expect(parseDay(text)).toBe(iso));

  test.each(["31/02/2025", "29/02/2025", "2025-13-01", "25/04/19", "ngày mai", ""])("%s is no day", (text) => expect(parseDay(text)).toBeNull());
});

describe("moments in Vietnam time, whatever the machine's zone", () => {
  const at = new Date("2019-04-24T17:05:00Z"); // 00:05 on 25/04 in Vietnam (UTC+7)
  test("table and sentence forms", () => {
    expect(formatMoment(at)).toBe("00:05 25/04/2019");
    expect(formatDateTime(at, "vi")).toBe("00:05 ngày 25/04/2019");
    expect(formatDateTime(at, "en")).toBe("00:05 on 25/04/2019");
    expect(isoDateInVietnam(at)).toBe("2019-04-25");
  });
});
