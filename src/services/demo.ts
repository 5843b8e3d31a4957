/**
 * Demonstration mode (CHISO_DEMO=1): one province set up with sample people of every role, all with the
 * same published password that the login page shows. Never on a real installation: the page says so.
 */
import { inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { users } from "../db/schema.ts";
import type { Role } from "../domain/access.ts";
import { SYSTEM_ACTOR } from "./actor.ts";
import type { Catalog } from "./catalog.ts";
import type { OrganisationService } from "./organisations.ts";
import type { PeopleService } from "./people.ts";

export const DEMO_PASSWORD = "ChiSo-demo-2026";
/** Lào Cai (new, from 01/07/2025): the province of seed plan 004. */
export const DEMO_PROVINCE_CODE = "15";

const DEMO_PEOPLE: { username: string; fullName: string; jobTitle: string; role: Role; organisation: string | null }[] = [
  { username: "demo.admin", fullName: "Quản trị hệ thống (thử nghiệm)", jobTitle: "Quản trị viên", role: "admin", organisation: null },
  { username: "demo.dieuphoi", fullName: "Nguyễn Thị Điều Phối", jobTitle: "Chuyên viên Sở Nội vụ", role: "coordinator", organisation: "SNV" },
  { username: "demo.lanhdao", fullName: "Trần Văn Lãnh Đạo", jobTitle: "Phó Giám đốc Sở Tài chính", role: "leader", organisation: "STC" },
  { username: "demo.chuyenvien", fullName: "Lê Thị Chuyên Viên", jobTitle: "Chuyên viên Sở Tài chính", role: "officer", organisation: "STC" },
  { username: "demo.xem", fullName: "Phạm Văn Xem", jobTitle: "Phó Chủ tịch UBND tỉnh", role: "viewer", organisation: "UBND" },
];

export const DEMO_USERNAMES = DEMO_PEOPLE.map((p) => p.username);

export async function setUpDemo(deps: {
  db: Db;
  catalog: () => Promise<Catalog>;
  organisations: OrganisationService;
  people: PeopleService;
}): Promise<void> {
  const catalog = await deps.catalog();
  const provinceUnitId = catalog.unitId("vn34", DEMO_PROVINCE_CODE)!;
  const existing = await deps.organisations.list(SYSTEM_ACTOR, provinceUnitId);
  if (existing.length === 0) await deps.organisations.setupProvince(SYSTEM_ACTOR, provinceUnitId);
  const byCode = new Map((await deps.organisations.list(SYSTEM_ACTOR, provinceUnitId)).map((o) => [o.code, o.id]));
  for (const person of DEMO_PEOPLE) {
    if (await deps.people.findByUsername(person.username)) continue;
    await deps.people.create(SYSTEM_ACTOR, {
      username: person.username,
      fullName: person.fullName,
      jobTitle: person.jobTitle,
      password: DEMO_PASSWORD,
      roles: [{ role: person.role, organisationId: person.organisation ? (byCode.get(person.organisation) ?? null) : null }],
    });
  }
}

/** The demo accounts that exist (and are enabled), for the login page. */
export async function demoUsernames(db: Db): Promise<string[]> {
  const rows = await db.select({ username: users.username, disabledAt: users.disabledAt }).from(users).where(inArray(users.username, DEMO_USERNAMES));
  return DEMO_USERNAMES.filter((u) => rows.some((r) => r.username === u && r.disabledAt === null));
}
