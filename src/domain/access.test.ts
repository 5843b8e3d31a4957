/**
 * The permission table and the scope rules, without a database: which role may do what, and where. The
 * province ids are made up; a 34-era grant lists its 63-era predecessors as the auth service builds it.
 */
import { describe, expect, test } from "vitest";
import {
  allows,
  allowsOn,
  mayAssign,
  permissionsOf,
  provincesWith,
  ROLES,
  type Grant,
  type Permission,
  type Principal,
  type Role,
} from "./access.ts";

/** Thái Nguyên (34-era, id 100) covers Bắc Kạn (63-era, 6) and the old Thái Nguyên (63-era, 46). */
const THAI_NGUYEN = [100, 6, 46];
/** Lào Cai (34-era, 200) covers the old Lào Cai (10) and Yên Bái (15). */
const LAO_CAI = [200, 10, 15];
const SNV_TN = 1001; // an agency of Thái Nguyên
const STC_TN = 1002;
const SNV_LC = 2001; // an agency of Lào Cai

const grant = (role: Role, organisationId: number | null, provinceUnitIds: number[]): Grant => ({ role, organisationId, provinceUnitIds });
const person = (...grants: Grant[]): Principal => ({ userId: 1, username: "nguoi.thu", fullName: "Người thử", grants });

const admin = person(grant("admin", null, []));
const coordinatorTN = person(grant("coordinator", 900, THAI_NGUYEN));
const officerSNV = person(grant("officer", SNV_TN, THAI_NGUYEN));
const leaderSNV = person(grant("leader", SNV_TN, THAI_NGUYEN));
const viewerTN = person(grant("viewer", 901, THAI_NGUYEN));
const nobody = person();

const ALL_PERMISSIONS: Permission[] = [
  "results.import",
  "organisations.read",
  "organisations.manage",
  "provinces.setup",
  "users.read",
  "users.manage",
  "users.grant-admin",
  "audit.read",
  "plans.read",
  "plans.manage",
  "plans.issue",
  "agency-work.read",
  "agency-work.write",
  "agency-work.approve",
  "reports.review",
];

describe("the permission table", () => {
  test("each role carries exactly these permissions", () => {
    const table = Object.fromEntries(ROLES.map((role) => [role, [...permissionsOf(role)].sort()]));
    expect(table).toEqual({
      admin: [
        "audit.read",
        "organisations.manage",
        "organisations.read",
        "plans.issue",
        "plans.manage",
        "plans.read",
        "provinces.setup",
        "results.import",
        "users.grant-admin",
        "users.manage",
        "users.read",
      ],
      coordinator: ["agency-work.read", "audit.read", "organisations.manage", "organisations.read", "plans.issue", "plans.manage", "plans.read", "reports.review", "users.manage", "users.read"],
      leader: ["agency-work.approve", "agency-work.read", "agency-work.write", "organisations.read", "plans.issue", "plans.manage", "plans.read"],
      officer: ["agency-work.read", "agency-work.write", "organisations.read", "plans.manage", "plans.read"],
      viewer: ["agency-work.read", "organisations.read", "plans.read"],
    });
  });

  test("deny by default: a person without roles may do nothing, anywhere", () => {
    for (const permission of ALL_PERMISSIONS) {
      expect(allows(nobody, permission)).toBe(false);
      expect(allowsOn(nobody, permission, { provinceUnitId: 100, organisationId: SNV_TN })).toBe(false);
    }
    expect(provincesWith(nobody, "organisations.read")).toEqual([]);
  });

  test("allows: whether any role carries the permission somewhere", () => {
    expect(allows(admin, "results.import")).toBe(true);
    expect(allows(admin, "users.grant-admin")).toBe(true);
    expect(allows(coordinatorTN, "results.import")).toBe(false);
    expect(allows(coordinatorTN, "provinces.setup")).toBe(false);
    expect(allows(coordinatorTN, "users.grant-admin")).toBe(false);
    expect(allows(coordinatorTN, "users.manage")).toBe(true);
    expect(allows(officerSNV, "organisations.manage")).toBe(false);
    expect(allows(officerSNV, "agency-work.approve")).toBe(false);
    expect(allows(leaderSNV, "agency-work.approve")).toBe(true);
    expect(allows(viewerTN, "organisations.read")).toBe(true);
    expect(allows(viewerTN, "audit.read")).toBe(false);
  });
});

describe("scope", () => {
  test("the administrator acts on any province and agency, but only with its own permissions", () => {
    expect(allowsOn(admin, "organisations.manage", { provinceUnitId: 100 })).toBe(true);
    expect(allowsOn(admin, "users.manage", { provinceUnitId: 999_999 })).toBe(true);
    // Agency work is the agencies' own, reviewed by the province's Sở Nội vụ: not in the administrator's list.
    expect(allowsOn(admin, "agency-work.read", { provinceUnitId: 100, organisationId: SNV_TN })).toBe(false);
    expect(allowsOn(admin, "reports.review", { provinceUnitId: 100 })).toBe(false);
  });

  test("a coordinator acts in its province, and nowhere else", () => {
    expect(allowsOn(coordinatorTN, "organisations.manage", { provinceUnitId: 100 })).toBe(true);
    expect(allowsOn(coordinatorTN, "organisations.manage", { provinceUnitId: 100, organisationId: SNV_TN })).toBe(true);
    expect(allowsOn(coordinatorTN, "users.manage", { provinceUnitId: 200 })).toBe(false);
    expect(allowsOn(coordinatorTN, "organisations.read", { provinceUnitId: 200, organisationId: SNV_LC })).toBe(false);
    // A permission the role does not carry, even in its own province.
    expect(allowsOn(coordinatorTN, "provinces.setup", { provinceUnitId: 100 })).toBe(false);
  });

  test("a 34-era grant covers its 63-era predecessors' ids, and not another province's", () => {
    for (const id of [6, 46]) {
      expect(allowsOn(coordinatorTN, "organisations.manage", { provinceUnitId: id })).toBe(true);
      expect(allowsOn(viewerTN, "organisations.read", { provinceUnitId: id })).toBe(true);
      expect(allowsOn(officerSNV, "organisations.read", { provinceUnitId: id })).toBe(true);
    }
    for (const id of [10, 15]) expect(allowsOn(coordinatorTN, "organisations.manage", { provinceUnitId: id })).toBe(false);
    expect(provincesWith(coordinatorTN, "users.read")).toEqual(THAI_NGUYEN);
  });

  test("an officer reads the province's agency list, but works only on its own agency", () => {
    expect(allowsOn(officerSNV, "organisations.read", { provinceUnitId: 100 })).toBe(true);
    expect(allowsOn(officerSNV, "organisations.read", { provinceUnitId: 100, organisationId: STC_TN })).toBe(true);
    expect(allowsOn(officerSNV, "organisations.read", { provinceUnitId: 200 })).toBe(false);
    expect(allowsOn(officerSNV, "agency-work.write", { provinceUnitId: 100, organisationId: SNV_TN })).toBe(true);
    expect(allowsOn(officerSNV, "agency-work.write", { provinceUnitId: 100, organisationId: STC_TN })).toBe(false);
    // A record that names no agency is nobody's agency work.
    expect(allowsOn(officerSNV, "agency-work.read", { provinceUnitId: 100 })).toBe(false);
    expect(allowsOn(officerSNV, "agency-work.read", { provinceUnitId: 100, organisationId: null })).toBe(false);
    // The right agency id in the wrong province is refused too.
    expect(allowsOn(officerSNV, "agency-work.read", { provinceUnitId: 200, organisationId: SNV_TN })).toBe(false);
    expect(allowsOn(officerSNV, "organisations.manage", { provinceUnitId: 100, organisationId: SNV_TN })).toBe(false);
  });

  test("a viewer reads its province's agency work but changes nothing", () => {
    expect(allowsOn(viewerTN, "agency-work.read", { provinceUnitId: 100, organisationId: STC_TN })).toBe(true);
    expect(allowsOn(viewerTN, "agency-work.write", { provinceUnitId: 100, organisationId: STC_TN })).toBe(false);
    expect(allowsOn(viewerTN, "organisations.manage", { provinceUnitId: 100 })).toBe(false);
  });

  test("several roles: each applies in its own place", () => {
    const both = person(grant("officer", SNV_TN, THAI_NGUYEN), grant("coordinator", 2000, LAO_CAI));
    expect(allowsOn(both, "organisations.manage", { provinceUnitId: 200 })).toBe(true);
    expect(allowsOn(both, "organisations.manage", { provinceUnitId: 100 })).toBe(false);
    expect(allowsOn(both, "agency-work.write", { provinceUnitId: 100, organisationId: SNV_TN })).toBe(true);
    // The coordinator grant reaches Lào Cai's agencies' work for reading, not for writing.
    expect(allowsOn(both, "agency-work.read", { provinceUnitId: 200, organisationId: SNV_LC })).toBe(true);
    expect(allowsOn(both, "agency-work.write", { provinceUnitId: 200, organisationId: SNV_LC })).toBe(false);
  });
});

describe("provincesWith (list filters)", () => {
  test("all for the administrator; the covered provinces for province roles", () => {
    expect(provincesWith(admin, "users.read")).toBe("all");
    expect(provincesWith(admin, "agency-work.read")).toEqual([]);
    expect(provincesWith(coordinatorTN, "audit.read")).toEqual(THAI_NGUYEN);
    expect(provincesWith(viewerTN, "audit.read")).toEqual([]);
    expect(provincesWith(viewerTN, "agency-work.read")).toEqual(THAI_NGUYEN);
  });

  test("an agency role lists the province only for the province-wide agency list", () => {
    expect(provincesWith(officerSNV, "organisations.read")).toEqual(THAI_NGUYEN);
    expect(provincesWith(officerSNV, "agency-work.read")).toEqual([]);
  });

  test("several grants: the union, without repeats", () => {
    const two = person(grant("coordinator", 900, THAI_NGUYEN), grant("viewer", 2000, LAO_CAI), grant("officer", SNV_TN, THAI_NGUYEN));
    expect(provincesWith(two, "organisations.read")).toEqual([...THAI_NGUYEN, ...LAO_CAI]);
    expect(provincesWith(two, "users.read")).toEqual(THAI_NGUYEN);
    expect(provincesWith(person(grant("coordinator", 1, THAI_NGUYEN), admin.grants[0]!), "users.read")).toBe("all");
  });
});

describe("mayAssign: who may give or take away a role, where", () => {
  test("only the administrator touches the administrator role", () => {
    expect(mayAssign(admin, "admin", null)).toBe(true);
    expect(mayAssign(coordinatorTN, "admin", null)).toBe(false);
    expect(mayAssign(coordinatorTN, "admin", { provinceUnitId: 100 })).toBe(false);
  });

  test("a coordinator grants roles inside its provinces (predecessors included), nowhere else", () => {
    for (const role of ["coordinator", "leader", "officer", "viewer"] as const) {
      expect(mayAssign(coordinatorTN, role, { provinceUnitId: 100 })).toBe(true);
      expect(mayAssign(coordinatorTN, role, { provinceUnitId: 46 })).toBe(true);
      expect(mayAssign(coordinatorTN, role, { provinceUnitId: 200 })).toBe(false);
      expect(mayAssign(admin, role, { provinceUnitId: 200 })).toBe(true);
    }
  });

  test("a role that needs a place is never grantable without one; officers, leaders and viewers grant nothing", () => {
    expect(mayAssign(admin, "officer", null)).toBe(false);
    expect(mayAssign(coordinatorTN, "viewer", null)).toBe(false);
    for (const who of [officerSNV, leaderSNV, viewerTN, nobody]) {
      for (const role of ROLES) expect(mayAssign(who, role, { provinceUnitId: 100 })).toBe(false);
    }
  });
});
