/** A province's bodies without a database: which have ended, the tree's rules, merge checks, dates. */
import { describe, expect, test } from "vitest";
import {
  checkMerge,
  checkParent,
  compareOrganisations,
  isEnded,
  nextDay,
  ORGANISATION_CODE,
  type OrganisationRecord,
} from "./organisations.ts";

const LAO_CAI = 200;
const THAI_NGUYEN = 100;

function body(id: number, fields: Partial<OrganisationRecord> = {}): OrganisationRecord {
  return {
    id,
    provinceUnitId: LAO_CAI,
    parentId: null,
    kind: "department",
    code: `C${id}`,
    documentSymbol: `C${id}`,
    name: `Cơ quan ${id}`,
    validFrom: "2025-07-01",
    validTo: null,
    endReason: null,
    mergedIntoId: null,
    ...fields,
  };
}

const tree = (...bodies: OrganisationRecord[]) => new Map(bodies.map((b) => [b.id, b]));

describe("isEnded", () => {
  const closed = body(1, { validFrom: "2025-03-01", validTo: "2025-06-30", endReason: "closed" });
  const open = body(2, { validFrom: "2025-07-01" });

  test("ended means closed or merged", () => {
    expect(isEnded(closed)).toBe(true);
    expect(isEnded(body(3, { endReason: "merged" }))).toBe(true);
    expect(isEnded(open)).toBe(false);
  });
});

describe("nextDay", () => {
  test.each([
    ["2025-06-30", "2025-07-01"],
    ["2025-07-01", "2025-07-02"],
    ["2025-01-31", "2025-02-01"],
    ["2025-04-30", "2025-05-01"],
    ["2025-12-31", "2026-01-01"],
    ["2024-02-28", "2024-02-29"],
    ["2024-02-29", "2024-03-01"],
    ["2025-02-28", "2025-03-01"],
    ["2000-02-28", "2000-02-29"],
    ["2100-02-28", "2100-03-01"],
  ])("%s → %s", (day, expected) => {
    expect(nextDay(day)).toBe(expected);
  });

  test("does not depend on the machine's time zone", () => {
    // The test run is in UTC; Vietnam is UTC+7 and the day must not shift either way.
    expect(nextDay("2025-03-30")).toBe("2025-03-31");
  });
});

describe("checkParent", () => {
  const ubnd = body(1, { kind: "people_committee", code: "UBND" });
  const vp = body(2, { kind: "office", parentId: 1 });
  const center = body(3, { kind: "other", parentId: 2 });
  const closed = body(4, { endReason: "closed", validTo: "2025-09-30" });
  const merged = body(5, { endReason: "merged", validTo: "2025-09-30", mergedIntoId: 1 });
  const elsewhere = body(6, { provinceUnitId: THAI_NGUYEN });
  const all = tree(ubnd, vp, center, closed, merged, elsewhere);

  test("no parent, or a current body of the same province, is fine", () => {
    expect(checkParent(all, { id: null, provinceUnitId: LAO_CAI }, null)).toBeNull();
    expect(checkParent(all, { id: null, provinceUnitId: LAO_CAI }, 3)).toBeNull();
    expect(checkParent(all, { id: 2, provinceUnitId: LAO_CAI }, 1)).toBeNull();
    // Moving a unit sideways, under its grandparent.
    expect(checkParent(all, { id: 3, provinceUnitId: LAO_CAI }, 1)).toBeNull();
  });

  test("a parent of another province, or one that does not exist, is refused", () => {
    expect(checkParent(all, { id: null, provinceUnitId: LAO_CAI }, 6)).toEqual({ code: "organisation.parent-other-province" });
    expect(checkParent(all, { id: 6, provinceUnitId: THAI_NGUYEN }, 1)).toEqual({ code: "organisation.parent-other-province" });
    expect(checkParent(all, { id: null, provinceUnitId: LAO_CAI }, 999)).toEqual({ code: "organisation.parent-other-province" });
  });

  test("a closed or merged parent is refused", () => {
    expect(checkParent(all, { id: null, provinceUnitId: LAO_CAI }, 4)).toEqual({ code: "organisation.parent-ended" });
    expect(checkParent(all, { id: 3, provinceUnitId: LAO_CAI }, 5)).toEqual({ code: "organisation.parent-ended" });
  });

  test("a body under itself or under one of its own units is a cycle", () => {
    expect(checkParent(all, { id: 1, provinceUnitId: LAO_CAI }, 1)).toEqual({ code: "organisation.parent-cycle" });
    expect(checkParent(all, { id: 1, provinceUnitId: LAO_CAI }, 2)).toEqual({ code: "organisation.parent-cycle" });
    expect(checkParent(all, { id: 1, provinceUnitId: LAO_CAI }, 3)).toEqual({ code: "organisation.parent-cycle" });
    expect(checkParent(all, { id: 2, provinceUnitId: LAO_CAI }, 3)).toEqual({ code: "organisation.parent-cycle" });
  });

  test("stops on a cycle already in the data instead of looping forever", () => {
    const broken = tree(body(1, { parentId: 2 }), body(2, { parentId: 1 }), body(3));
    expect(checkParent(broken, { id: 3, provinceUnitId: LAO_CAI }, 1)).toBeNull();
    expect(checkParent(broken, { id: 1, provinceUnitId: LAO_CAI }, 2)).toEqual({ code: "organisation.parent-cycle" });
  });
});

describe("checkMerge", () => {
  const a = body(1, { name: "Sở Nội vụ", validFrom: "2025-03-01" });
  const b = body(2, { name: "Sở Lao động - Thương binh và Xã hội", validFrom: "2025-03-01" });
  const target = body(3);

  test("two current bodies of one province into a new one, or one into an existing body, is fine", () => {
    expect(checkMerge([a, b], { id: null, provinceUnitId: LAO_CAI }, "2025-06-30")).toEqual([]);
    expect(checkMerge([a], { id: 3, provinceUnitId: LAO_CAI }, "2025-06-30")).toEqual([]);
    expect(checkMerge([a, b], { id: target.id, provinceUnitId: LAO_CAI }, "2025-03-01")).toEqual([]);
  });

  test("too few: nothing to merge, or a single body into a new one (that is a rename)", () => {
    expect(checkMerge([], { id: 3, provinceUnitId: LAO_CAI }, "2025-06-30")).toEqual([{ code: "merge.too-few" }]);
    expect(checkMerge([a], { id: null, provinceUnitId: LAO_CAI }, "2025-06-30")).toEqual([{ code: "merge.too-few" }]);
  });

  test("a body of another province, an ended body, the target itself, a day before a source began", () => {
    const other = body(4, { name: "Sở Tài chính Thái Nguyên", provinceUnitId: THAI_NGUYEN, validFrom: "2025-03-01" });
    const ended = body(5, { name: "Sở cũ", endReason: "closed", validFrom: "2025-03-01", validTo: "2025-05-31" });
    expect(checkMerge([a, other], { id: null, provinceUnitId: LAO_CAI }, "2025-06-30")).toEqual([
      { code: "merge.other-province", organisation: "Sở Tài chính Thái Nguyên" },
    ]);
    expect(checkMerge([a, ended], { id: null, provinceUnitId: LAO_CAI }, "2025-06-30")).toEqual([
      { code: "merge.already-ended", organisation: "Sở cũ" },
    ]);
    expect(checkMerge([a, b], { id: 2, provinceUnitId: LAO_CAI }, "2025-06-30")).toEqual([{ code: "merge.into-source" }]);
    expect(checkMerge([a, b], { id: null, provinceUnitId: LAO_CAI }, "2025-02-28")).toEqual([
      { code: "merge.date-before-start", organisation: "Sở Nội vụ", validFrom: "2025-03-01" },
      { code: "merge.date-before-start", organisation: "Sở Lao động - Thương binh và Xã hội", validFrom: "2025-03-01" },
    ]);
  });

  test("lists every problem, not only the first", () => {
    const other = body(4, { name: "Khác", provinceUnitId: THAI_NGUYEN, endReason: "merged" });
    expect(checkMerge([other], { id: 4, provinceUnitId: LAO_CAI }, "2025-01-01").map((p) => p.code)).toEqual([
      "merge.other-province",
      "merge.already-ended",
      "merge.into-source",
      "merge.date-before-start",
    ]);
  });
});

describe("order and codes", () => {
  test("the People's Committee first, its office, then departments in Vietnamese alphabetical order", () => {
    const list = [
      { kind: "department" as const, name: "Sở Y tế" },
      { kind: "press" as const, name: "Báo và Phát thanh, Truyền hình tỉnh" },
      { kind: "department" as const, name: "Sở Đối ngoại" },
      { kind: "office" as const, name: "Văn phòng Ủy ban nhân dân tỉnh" },
      { kind: "department" as const, name: "Sở Công Thương" },
      { kind: "people_committee" as const, name: "Ủy ban nhân dân tỉnh" },
      { kind: "department" as const, name: "Sở Dân tộc và Tôn giáo" },
    ];
    expect(list.sort(compareOrganisations).map((o) => o.name)).toEqual([
      "Ủy ban nhân dân tỉnh",
      "Văn phòng Ủy ban nhân dân tỉnh",
      "Sở Công Thương",
      "Sở Dân tộc và Tôn giáo",
      "Sở Đối ngoại",
      "Sở Y tế",
      "Báo và Phát thanh, Truyền hình tỉnh",
    ]);
  });

  test.each([
    ["SNV", true],
    ["SGDĐT", true],
    ["TTr", true],
    ["MTTQ-BTT", true],
    ["08194", true],
    ["x", true],
    ["S".repeat(24), true],
    ["S".repeat(25), false],
    ["S NV", false],
    ["-SNV", false],
    ["", false],
    ["SNV/KH", false],
  ])("organisation code %j: %s", (code, valid) => {
    expect(ORGANISATION_CODE.test(code)).toBe(valid);
  });
});
