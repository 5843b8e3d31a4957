import { describe, expect, test } from "vitest";
import { provinces63 } from "../../test/support/official-data.ts";
import { isValidOn, matchProvince, unitReferenceDate } from "./units.ts";

describe("matchProvince", () => {
  const code = (query: string) => {
    const match = matchProvince(query, provinces63);
    return match.ok ? match.unit.code : match.reason;
  };

  test.each([
    ["Bắc Kạn", "06"],
    ["Bac Kan", "06"],
    ["bac kan", "06"],
    ["BẮC KẠN", "06"],
    ["Tỉnh Bắc Kạn", "06"],
    ["06", "06"],
    ["6", "06"],
    ["TP. Hồ Chí Minh", "79"],
    ["Ho Chi Minh", "79"],
    ["TP HCM", "79"],
    ["Thành phố Hà Nội", "01"],
    ["Ba Ria Vung Tau", "77"],
    ["Thanh Hoá", "38"],
    ["Huế", "46"],
  ])("finds %j", (query, expected) => {
    expect(code(query)).toBe(expected);
  });

  test("reports a partial name that fits several provinces as ambiguous, with the candidates", () => {
    const match = matchProvince("Quảng", provinces63);
    expect(match.ok).toBe(false);
    if (!match.ok) {
      expect(match.reason).toBe("ambiguous");
      expect(match.candidates.map((u) => u.name)).toEqual(
        expect.arrayContaining(["Quảng Ninh", "Quảng Nam", "Quảng Ngãi"]),
      );
    }
  });

  test("does not invent a province", () => {
    expect(code("Hà Tây")).toBe("not-found");
    expect(code("99")).toBe("not-found");
    expect(code("")).toBe("not-found");
  });
});

test("validity dates decide which unit set a date belongs to", () => {
  const old = { validFrom: "2008-08-01", validTo: "2025-06-30" };
  const merged = { validFrom: "2025-07-01", validTo: null };
  expect(isValidOn(old, unitReferenceDate("12-31", 2024))).toBe(true);
  expect(isValidOn(merged, unitReferenceDate("12-31", 2024))).toBe(false);
  expect(isValidOn(old, unitReferenceDate("12-31", 2025))).toBe(false);
  expect(isValidOn(merged, unitReferenceDate("12-31", 2025))).toBe(true);
});
