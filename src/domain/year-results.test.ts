import { describe, expect, test } from "vitest";
import { officialYear, readCsv } from "../../test/support/official-data.ts";
import { GROUPS } from "./groups.ts";
import { findProvince } from "./year-results.ts";

const BAC_KAN = "06";

describe("official PAPI results, computed from sub-dimension scores", () => {
  test("Bắc Kạn 2021: total 42.1529, rank 34 of the 60 provinces with a total", () => {
    const year = officialYear(2021);
    const bacKan = findProvince(year, BAC_KAN)!;
    expect(bacKan.total.score).toBeCloseTo(42.1529, 4);
    expect(bacKan.total.rank).toBe(34);
    expect(year.rankedCount).toBe(60);
    expect(bacKan.dimensions.map((d) => [d.code, Number(d.score!.toFixed(2))])).toEqual([
      ["D1", 4.86],
      ["D2", 5.21],
      ["D3", 4.25],
      ["D4", 6.86],
      ["D5", 6.95],
      ["D6", 7.8],
      ["D7", 3.65],
      ["D8", 2.58],
    ]);
  });

  test("every total and rank 2011–2024 matches the published totals table", () => {
    const table = readCsv("papi/papi_dimension_totals_2011_2024.csv");
    for (let y = 2011; y <= 2024; y += 1) {
      const year = officialYear(y);
      for (const row of table.filter((r) => Number(r.year) === y)) {
        const province = findProvince(year, row.gso_code_old!)!;
        const where = `${row.province_vi} ${y}`;
        if (row.total === "") {
          expect(province.total.score, where).toBeNull();
          expect(province.total.rank, where).toBeNull();
        } else {
          expect(province.total.score, where).toBeCloseTo(Number(row.total), 4);
          expect(province.total.rank, where).toBe(Number(row.rank_among_complete));
        }
        for (const d of province.dimensions) {
          const published = row[d.code];
          if (published === "" || published === undefined) expect(d.score, `${where} ${d.code}`).toBeNull();
          else expect(d.score, `${where} ${d.code}`).toBeCloseTo(Number(published), 4);
        }
      }
    }
  });

  test.each([2019, 2020])("the computed groups of %i are 16/16/15/16, as published", (y) => {
    const sizes = officialYear(y).national.total!.groupSizes;
    expect(GROUPS.map((g) => sizes[g])).toEqual([16, 16, 15, 16]);
  });

  test("2021 group facts from the press are reproduced (Bà Rịa–Vũng Tàu lowest, Ninh Thuận highest)", () => {
    const year = officialYear(2021);
    expect(findProvince(year, "77")!.total.computedGroup).toBe("lowest");
    expect(findProvince(year, "58")!.total.computedGroup).toBe("highest");
    expect(year.national.total!.cutPoints!.p50).toBeCloseTo(42.2695, 4);
  });

  test("a province not scored in a year has no rank, no group, and is outside the percentile base", () => {
    const year = officialYear(2023);
    const quangNinh = findProvince(year, "22")!;
    expect(quangNinh.total).toMatchObject({ score: null, rank: null, group: null, computedGroup: null });
    expect(year.national.total!.count).toBe(61);
    expect(Math.max(...year.provinces.map((p) => p.total.rank ?? 0))).toBe(61);
  });

  test("a dimension with a missing sub-dimension has no score, but the others still count (Quảng Ninh 2018)", () => {
    const quangNinh = findProvince(officialYear(2018), "22")!;
    expect(quangNinh.dimensions.find((d) => d.code === "D2")!.score).toBeNull();
    expect(quangNinh.dimensions.find((d) => d.code === "D1")!.score).toBeCloseTo(5.8557, 4);
    expect(quangNinh.dimensions.find((d) => d.code === "D1")!.rank).not.toBeNull();
    expect(quangNinh.total.score).toBeNull();
  });

  test("national statistics match the published ones (2021 median 42.2695, the 'điểm trung bình' of the press)", () => {
    const stats = officialYear(2021).national.total!;
    expect(stats.median).toBeCloseTo(42.2695, 4);
    expect(stats.mean).toBeCloseTo(42.4079, 4);
    expect(stats.min).toBeCloseTo(37.2229, 4);
    expect(stats.max).toBeCloseTo(48.059, 4);
    expect(stats.best).toEqual(["46"]);
  });

  test("an official group label wins over the computed one, and the computed one is kept", () => {
    const year = officialYear(2021, [{ unitCode: BAC_KAN, scope: "D6", group: "lowest", source: "test" }]);
    const d6 = findProvince(year, BAC_KAN)!.dimensions.find((d) => d.code === "D6")!;
    expect(d6.group).toBe("lowest");
    expect(d6.groupSource).toBe("official");
    expect(d6.officialSource).toBe("test");
    expect(d6.computedGroup).not.toBe("lowest");
    const d1 = findProvince(year, BAC_KAN)!.dimensions.find((d) => d.code === "D1")!;
    expect(d1.groupSource).toBe("computed");
    expect(d1.group).toBe(d1.computedGroup);
  });
});
