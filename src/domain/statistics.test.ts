import { describe, expect, test } from "vitest";
import { percentileType7, rankDescending, summarize } from "./statistics.ts";

describe("rankDescending", () => {
  test("ties share a rank and the next rank skips", () => {
    expect(rankDescending([40, 45, 45, 38])).toEqual([3, 1, 1, 4]);
  });

  test("a province with no score has no rank and does not push others down", () => {
    expect(rankDescending([42, null, 44])).toEqual([2, null, 1]);
  });

  test("totals equal to published precision but apart by float noise are a tie", () => {
    expect(rankDescending([0.1 + 0.2, 0.3])).toEqual([1, 1]);
  });
});

describe("percentileType7", () => {
  test("matches R's quantile(type = 7) and NumPy's default", () => {
    expect(percentileType7([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(percentileType7([4, 1, 3, 2], 0.5)).toBeCloseTo(2.5, 12);
    expect(percentileType7([10, 20, 30, 40, 50], 0.75)).toBeCloseTo(40, 12);
    expect(percentileType7([7], 0.9)).toBe(7);
  });

  test("refuses an empty list rather than inventing a value", () => {
    expect(() => percentileType7([], 0.5)).toThrow(RangeError);
  });
});

test("summarize gives count, min, mean, median and max; nothing for no values", () => {
  expect(summarize([3, 1, 2, 10])).toEqual({ count: 4, min: 1, mean: 4, median: 2.5, max: 10 });
  expect(summarize([])).toBeNull();
});
