import { describe, expect, test } from "vitest";
import { cutPoints, groupFor, groupLabel, groupNumber, parseGroupLabel } from "./groups.ts";

describe("groupFor", () => {
  const cuts = { p25: 40, p50: 42, p75: 44 };
  test("a score on a cut point belongs to the higher group", () => {
    expect(groupFor(44, cuts)).toBe("highest");
    expect(groupFor(42, cuts)).toBe("high-average");
    expect(groupFor(40, cuts)).toBe("low-average");
    expect(groupFor(39.9999, cuts)).toBe("lowest");
  });

  test("cut points come from type-7 percentiles of the scored provinces", () => {
    expect(cutPoints([1, 2, 3, 4, 5])).toEqual({ p25: 2, p50: 3, p75: 4 });
    expect(cutPoints([])).toBeNull();
  });
});

describe("parseGroupLabel", () => {
  test.each([
    ["Nhóm đạt điểm cao nhất", "highest"],
    ["nhóm thứ 3", "low-average"],
    ["Trung bình cao", "high-average"],
    ["TRUNG BINH THAP", "low-average"],
    ["thấp nhất", "lowest"],
    ["4", "lowest"],
    ["High-average", "high-average"],
    ["best performers", "highest"],
  ])("reads %j as %s", (text, group) => {
    expect(parseGroupLabel(text)).toBe(group);
  });

  test("names no group for anything else", () => {
    expect(parseGroupLabel("nhóm 5")).toBeNull();
    expect(parseGroupLabel("khá")).toBeNull();
  });
});

test("labels and numbers read like the official documents", () => {
  expect(groupLabel("low-average", "vi")).toBe("Nhóm đạt điểm trung bình thấp");
  expect(groupLabel("lowest", "en")).toBe("Lowest");
  expect(groupNumber("low-average")).toBe(3);
});
