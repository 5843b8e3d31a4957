import { describe, expect, test } from "vitest";
import { papi, readCsv } from "../../test/support/official-data.ts";
import {
  dimensionComparability,
  findSubdimension,
  parseIndexDefinition,
  subdimensionComparability,
  totalComparability,
  totalMax,
  versionForYear,
  yearsCovered,
} from "./frameworks.ts";

const version = (year: number) => versionForYear(papi, year)!;

describe("the shipped PAPI framework", () => {
  test("reproduces the published framework table for every year 2011–2024", () => {
    const table = readCsv("papi/papi_framework_by_year.csv");
    const years = [...new Set(table.map((r) => Number(r.year)))];
    expect(years).toEqual(yearsCovered(papi, 2024));
    for (const year of years) {
      const expected = table
        .filter((r) => Number(r.year) === year)
        .map((r) => [r.dimension, r.subdimension, r.subdimension_name_en, Number(r.max_score)]);
      const actual = version(year).dimensions.flatMap((d) => d.children.map((c) => [d.code, c.code, c.nameEn, c.max]));
      expect(actual, `framework of ${year}`).toEqual(expected);
      expect(totalMax(version(year))).toBe(Number(table.find((r) => Number(r.year) === year)!.index_max));
    }
  });

  test("has the versions of the brief, plus the 2016 change of dimension 3 the data shows", () => {
    expect(papi.versions.map((v) => [v.code, v.fromYear, v.toYear])).toEqual([
      ["PAPI-2011", 2011, 2015],
      ["PAPI-2016", 2016, 2017],
      ["PAPI-2018", 2018, 2018],
      ["PAPI-2019", 2019, 2020],
      ["PAPI-2021", 2021, null],
    ]);
    expect(version(2030).code).toBe("PAPI-2021");
    expect(versionForYear(papi, 2010)).toBeUndefined();
  });

  test("the same printed code is a different sub-dimension in different versions", () => {
    expect(findSubdimension(version(2020), "5.2")!.slug).toBe("construction-permits");
    expect(findSubdimension(version(2021), "5.2")!.slug).toBe("land-use-certificates");
    expect(findSubdimension(version(2017), "3.3")!.slug).toBe("peoples-inspection-boards");
    expect(findSubdimension(version(2018), "3.3")!.slug).toBe("access-to-justice");
    expect(findSubdimension(version(2017), "2.1")!.slug).toBe("poverty-lists");
    expect(findSubdimension(version(2018), "2.1")!.slug).toBe("access-to-information");
  });

  test("every sub-dimension has a Vietnamese name, and the names of seed 002 are used", () => {
    for (const v of papi.versions) for (const d of v.dimensions) for (const c of d.children) expect(c.nameVi).not.toBe("");
    const names = version(2021).dimensions.flatMap((d) => d.children.map((c) => c.nameVi));
    expect(names).toEqual(expect.arrayContaining(["Tri thức công dân", "Tiếp cận thông tin", "Chất lượng nước"]));
  });
});

describe("comparability between consecutive years", () => {
  test("2017 → 2018 is a method break at every level", () => {
    expect(totalComparability(version(2017), version(2018))).toBe("break");
    expect(dimensionComparability(version(2017), version(2018), "participation")).toBe("break");
    expect(subdimensionComparability(version(2017), version(2018), "civic-knowledge")).toBe("break");
  });

  test("2020 → 2021: totals compare, dimension 5 is redefined, land-use certificates are rescaled, 3.2 rebuilt", () => {
    expect(totalComparability(version(2020), version(2021))).toBe("comparable");
    expect(dimensionComparability(version(2020), version(2021), "administrative-procedures")).toBe("redefined");
    expect(dimensionComparability(version(2020), version(2021), "participation")).toBe("comparable");
    expect(subdimensionComparability(version(2020), version(2021), "land-use-certificates")).toBe("rescaled");
    expect(subdimensionComparability(version(2020), version(2021), "responsiveness-to-appeals")).toBe("break");
    expect(subdimensionComparability(version(2020), version(2021), "construction-permits")).toBe("absent");
  });

  test("2015 → 2016: People's Inspection Boards keep their identity although their code moves 3.2 → 3.3", () => {
    expect(subdimensionComparability(version(2015), version(2016), "peoples-inspection-boards")).toBe("comparable");
    expect(dimensionComparability(version(2015), version(2016), "accountability")).toBe("redefined");
  });

  test("2018 → 2019: E-governance gains 8.3 and its sub-dimensions are rescaled from 5 to 3.33", () => {
    expect(dimensionComparability(version(2018), version(2019), "e-governance")).toBe("redefined");
    expect(subdimensionComparability(version(2018), version(2019), "internet-access")).toBe("rescaled");
    expect(subdimensionComparability(version(2018), version(2019), "e-responsiveness")).toBe("absent");
  });
});

describe("parseIndexDefinition refuses a definition that cannot be right", () => {
  const base = {
    index: {
      code: "X",
      nameVi: "x",
      nameEn: "x",
      publisherVi: "",
      publisherEn: "",
      levels: [],
      unitsValidOn: "12-31",
    },
    identities: { a: { nameVi: "A", nameEn: "A" }, b: { nameVi: "B", nameEn: "B" } },
  };
  const dim = (children: { code: string; slug: string; max: number }[]) => ({
    code: "D1",
    slug: "a",
    max: 10,
    children,
  });
  const v = (code: string, fromYear: number, toYear: number | null, children = [{ code: "1.1", slug: "b", max: 10 }]) => ({
    code,
    fromYear,
    toYear,
    aggregation: "sum",
    noteVi: "",
    noteEn: "",
    dimensions: [dim(children)],
  });

  test("versions with a gap between them", () => {
    expect(() => parseIndexDefinition({ ...base, versions: [v("1", 2011, 2012), v("2", 2014, null)] })).toThrow(
      /must end the year before/,
    );
  });

  test("a slug with no identity", () => {
    expect(() =>
      parseIndexDefinition({ ...base, versions: [v("1", 2011, null, [{ code: "1.1", slug: "zzz", max: 10 }])] }),
    ).toThrow(/no identity/);
  });

  test("the same code twice in one version", () => {
    expect(() =>
      parseIndexDefinition({
        ...base,
        identities: { ...base.identities, c: { nameVi: "C", nameEn: "C" } },
        versions: [
          v("1", 2011, null, [
            { code: "1.1", slug: "b", max: 5 },
            { code: "1.1", slug: "c", max: 5 },
          ]),
        ],
      }),
    ).toThrow(/appears twice/);
  });
});
