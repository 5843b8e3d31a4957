import { describe, expect, test } from "vitest";
import { officialYear } from "../../test/support/official-data.ts";
import { buildProvinceProfile } from "./profile.ts";
import { describeProvinceYear } from "./wording.ts";

const BAC_KAN = "06";
const profile2021 = (officialGroups = [] as Parameters<typeof officialYear>[1]) =>
  buildProvinceProfile({ current: officialYear(2021, officialGroups), previous: officialYear(2020), unitCode: BAC_KAN });

describe("Bắc Kạn 2021, the analysis of seed 002 (416/KH-UBND)", () => {
  const profile = profile2021();

  test("four dimensions under 5/10: D1 4.86, D3 4.25, D7 3.65, D8 2.58", () => {
    expect(profile.findings.dimensionsBelowHalf).toEqual(["D1", "D3", "D7", "D8"]);
    const scores = profile.dimensions.filter((d) => d.belowHalf).map((d) => Number(d.score!.toFixed(2)));
    expect(scores).toEqual([4.86, 4.25, 3.65, 2.58]);
  });

  test("the weak sub-dimensions include all seven the seed names", () => {
    expect(profile.findings.weakSubdimensions).toEqual(
      expect.arrayContaining(["1.1", "1.4", "2.1", "3.2", "7.3", "8.1", "8.3"]),
    );
    const civic = profile.subdimensions.find((s) => s.code === "1.1")!;
    expect(civic.score! / civic.max).toBeCloseTo(civic.ratio!, 12);
    expect(civic.weak).toBe(true);
  });

  test("the total fell 0.570 points from 2020 at full precision (the seed's 0,567 came from a rounded 42,72)", () => {
    expect(profile.total.change.status).toBe("comparable");
    expect(profile.total.change.delta).toBeCloseTo(-0.5702, 4);
    expect(profile.total.change.rankDelta).toBe(-2);
  });

  test("a higher weak ratio flags more sub-dimensions, a lower one fewer", () => {
    const count = (weakRatio: number) =>
      buildProvinceProfile({ current: officialYear(2021), unitCode: BAC_KAN, weakRatio }).findings.weakSubdimensions
        .length;
    expect(count(0.2)).toBeLessThan(count(0.4));
    expect(count(0.6)).toBeGreaterThan(count(0.4));
  });

  test("the opening paragraph is worded like the seed", () => {
    const withOfficial = profile2021([
      { unitCode: BAC_KAN, scope: "total", group: "low-average", source: "416/KH-UBND" },
      { unitCode: BAC_KAN, scope: "D5", group: "lowest", source: "416/KH-UBND" },
      { unitCode: BAC_KAN, scope: "D8", group: "lowest", source: "416/KH-UBND" },
    ]);
    const [standing, dimensions, subdimensions] = describeProvinceYear(withOfficial, "vi", "PAPI");
    expect(standing).toBe(
      "Theo kết quả công bố Chỉ số PAPI năm 2021, tỉnh Bắc Kạn đạt 42,153/80 điểm, giảm 0,570 điểm so với năm 2020; " +
        "xếp thứ 34/63 tỉnh, thành phố (60 tỉnh, thành phố có điểm tổng hợp), giảm 02 bậc so với năm 2020; " +
        "ở nhóm thứ 3 là nhóm đạt điểm trung bình thấp.",
    );
    expect(dimensions).toContain(
      "04/8 chỉ số nội dung đạt điểm thấp so với điểm tối đa, gồm: Tham gia của người dân ở cấp cơ sở đạt 4,86/10 điểm; " +
        "Trách nhiệm giải trình với người dân đạt 4,25/10 điểm; Quản trị môi trường đạt 3,65/10 điểm; Quản trị điện tử đạt 2,58/10 điểm.",
    );
    expect(dimensions).toContain("xếp ở nhóm điểm thấp nhất, là: Thủ tục hành chính công và Quản trị điện tử");
    expect(subdimensions).toContain("Tri thức công dân 0,66/2,5 điểm");
    expect(subdimensions).toContain("Giải đáp khiếu nại, tố cáo, khúc mắc của người dân 0,57/3,3 điểm");
    expect(subdimensions).toContain("Phúc đáp qua cổng thông tin điện tử 0,44/3,3 điểm");
    expect(subdimensions).toMatch(/^- Trong 28 nội dung thành phần chưa có nội dung thành phần đạt điểm tối đa/);
  });

  test("a computed group says so in the text; English reads naturally", () => {
    const [vi] = describeProvinceYear(profile, "vi", "PAPI");
    expect(vi).toContain("ở nhóm thứ 3 là nhóm đạt điểm trung bình thấp (nhóm tính theo bách phân vị)");
    const [en] = describeProvinceYear(profile, "en", "PAPI");
    expect(en).toBe(
      "In the PAPI 2021 results, Bắc Kạn province scored 42.153/80, down 0.570 points from 2020; " +
        "it ranked 34 of 63 provinces (60 with an aggregate score), down 2 places from 2020; " +
        "group 3 (low-average, computed from percentiles).",
    );
  });
});

describe("changes across framework versions", () => {
  test("2018 against 2017 is not compared: the method changed", () => {
    const profile = buildProvinceProfile({ current: officialYear(2018), previous: officialYear(2017), unitCode: "10" });
    expect(profile.total.change).toMatchObject({ status: "break", delta: null, rankDelta: null });
    expect(describeProvinceYear(profile, "vi", "PAPI")[0]).toContain(
      "(không so sánh với năm 2017 do thay đổi phương pháp tính)",
    );
  });

  test("a sub-dimension whose maximum changed is compared by ratio only (8.1, 2018 → 2019)", () => {
    const profile = buildProvinceProfile({ current: officialYear(2019), previous: officialYear(2018), unitCode: "10" });
    const portals = profile.subdimensions.find((s) => s.slug === "e-government-portals")!;
    expect(portals.change.status).toBe("rescaled");
    expect(portals.change.delta).toBeNull();
    expect(portals.change.ratioDelta).not.toBeNull();
  });

  test("a trend follows the identity, not the code: land-use certificates were 5.3 in 2020 and 5.2 in 2021", () => {
    const profile = buildProvinceProfile({ current: officialYear(2021), previous: officialYear(2020), unitCode: "06" });
    const certificates = profile.subdimensions.find((s) => s.code === "5.2")!;
    expect(certificates.slug).toBe("land-use-certificates");
    const before = officialYear(2020).provinces.find((p) => p.unit.code === "06")!.subdimensions.find((s) => s.code === "5.3")!;
    expect(certificates.change.previousScore).toBe(before.score);
  });

  test("a province without a total is described as such, with no rank", () => {
    const profile = buildProvinceProfile({ current: officialYear(2023), previous: officialYear(2022), unitCode: "22" });
    expect(profile.total.rank).toBeNull();
    expect(describeProvinceYear(profile, "vi", "PAPI")[0]).toBe(
      "Theo kết quả công bố Chỉ số PAPI năm 2023, tỉnh Quảng Ninh không có điểm tổng hợp và không được xếp hạng (không đủ dữ liệu đánh giá).",
    );
  });
});
