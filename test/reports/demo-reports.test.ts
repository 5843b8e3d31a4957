/**
 * The demonstration's reporting year on first start: an issued 2026 plan of the demo province, its quarterly
 * regime and three quarters of twenty agencies' reports — mostly accepted, three late in Q1, one returned with
 * its reason in Q2, one agency that stops reporting, tasks overdue or behind, Q3 still on its way — and loading it twice changes nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SYSTEM_ACTOR } from "../../src/services/actor.ts";
import { createDashboardService } from "../../src/services/dashboard.ts";
import { DEMO_PROVINCE_CODE, setUpDemo } from "../../src/services/demo.ts";
import { createReportService } from "../../src/services/reports.ts";
import { loadDemoReports } from "../../src/services/demo-reports.ts";
import { createTestServices } from "../support/database.ts";
import type { Services } from "../../src/compose.ts";

describe("the demo's reporting year", () => {
  let services: Services;
  let regime: number;
  const load = () =>
    loadDemoReports({ db: services.database.db, catalog: services.results.catalog, plans: services.plans, tasks: services.tasks, organisations: services.organisations });

  beforeAll(async () => {
    services = await createTestServices("pglite", { seed: true });
    await setUpDemo({ db: services.database.db, catalog: services.results.catalog, organisations: services.organisations, people: services.people });
    expect(await load()).toBe(true);
    const plan = (await services.plans.list(SYSTEM_ACTOR)).find((p) => p.number === "25/KH-UBND")!;
    regime = (await services.reports.regime(SYSTEM_ACTOR, plan.id))!.regime.id;
  });
  afterAll(async () => {
    await services?.close();
  });

  test("twenty agencies report quarterly; Q1 all in, three of them late", async () => {
    const q1 = await services.reports.completeness(SYSTEM_ACTOR, regime, "2026-Q1");
    expect(q1.counts.expected).toBe(20);
    expect(q1.counts).toMatchObject({ submitted: 20, late: 3, accepted: 20 });
    expect(q1.agencies.filter((a) => a.timeliness === "late").map((a) => a.organisation.code).sort()).toEqual(["HND", "LĐLĐ", "TĐTN"]);
  });

  test("Q2: one returned with its reason, one agency missing; Q3 on its way", async () => {
    const q2 = await services.reports.completeness(SYSTEM_ACTOR, regime, "2026-Q2");
    expect(q2.agencies.find((a) => a.organisation.code === "HPN")!.status).toBe("returned");
    expect(q2.agencies.find((a) => a.organisation.code === "LĐLĐ")!.timeliness).toBe("missing");
    const returned = await services.reports.get(SYSTEM_ACTOR, q2.agencies.find((a) => a.organisation.code === "HPN")!.reportId!);
    expect(returned.report.returnReason).toContain("bổ sung số liệu");
    const q3 = await services.reports.completeness(SYSTEM_ACTOR, regime, "2026-Q3");
    const status = (code: string) => q3.agencies.find((a) => a.organisation.code === code)!.status;
    expect([status("STC"), status("SXD"), status("HND"), status("VP")]).toEqual(["submitted", "approved", "draft", "accepted"]);
  });

  test("the reports read like the seeds and their figures add up", async () => {
    const c = await services.reports.consolidate(SYSTEM_ACTOR, regime, "2026-Q1");
    expect(c.reports).toBe(20);
    const received = c.figures.find((f) => f.name === "Phản ánh, kiến nghị đã tiếp nhận")!;
    const resolved = c.figures.find((f) => f.name === "Phản ánh, kiến nghị đã giải quyết")!;
    expect(resolved.value!).toBeLessThanOrEqual(received.value!);
    expect(c.figures.find((f) => f.name === "Tỷ lệ phản ánh, kiến nghị được giải quyết")!.value).toBeCloseTo(resolved.value! / received.value!, 9);
    const d5 = c.narratives.find((n) => n.key === "D5")!;
    expect(d5.entries.length).toBeGreaterThan(5);
    expect(d5.entries[0]!.text).toMatch(/^Niêm yết, công khai \d+ thủ tục hành chính thuộc thẩm quyền giải quyết của .+; \d+\/\d+ thủ tục cung cấp dịch vụ công trực tuyến toàn trình\./);
    // The stock of procedures carries from one quarter to the next.
    const q2 = await services.reports.consolidate(SYSTEM_ACTOR, regime, "2026-Q2");
    const procedures = (x: typeof c) => x.figures.find((f) => f.name === "Thủ tục hành chính thuộc thẩm quyền")!;
    expect(procedures(q2).value).toBeLessThanOrEqual(procedures(c).value!);
  });

  test("the province dashboard on 23/11/2026: targets beside the third quarter's reporting", async () => {
    const now = () => new Date("2026-11-23T03:00:00Z");
    const reports = createReportService({ db: services.database.db, catalog: services.results.catalog, now });
    const dashboard = createDashboardService({ results: services.results, plans: services.plans, reports, now });
    const province = (await services.results.catalog()).provinceByKey(DEMO_PROVINCE_CODE);
    const { plans } = await dashboard.province(SYSTEM_ACTOR, province, 2026);
    expect(plans.map((p) => p.plan.number)).toEqual(["25/KH-UBND"]);
    const [panel] = plans;
    expect(panel!.resultsAvailable).toBe(false);
    const reporting = panel!.reporting!;
    expect(reporting.period.key).toBe("2026-Q3");
    // LĐLĐ never sent Q3; STC and TTr wait for their leader, HND is a draft: none of them sent by the deadline.
    expect(reporting.missing).toEqual(["Hội Nông dân tỉnh Lào Cai", "Liên đoàn Lao động tỉnh Lào Cai", "Sở Tài chính", "Thanh tra tỉnh Lào Cai"]);
    expect(reporting.counts).toMatchObject({ expected: 20, submitted: 16, missing: 4, late: 1 });
    expect(reporting.late).toEqual(["Công an tỉnh Lào Cai"]);
    // LĐLĐ missed Q2 and Q3 but sent Q1 (late): it has reported.
    expect(reporting.neverReported).toEqual([]);
    expect(reporting.overdueTasks.map((t) => `${t.ref} ${t.organisation}`).sort()).toEqual(["II.7 Công an tỉnh Lào Cai", "II.7 Sở Nông nghiệp và Môi trường"]);
    const outlook = (node: string) => panel!.targets.find((t) => t.node === node)!;
    expect(outlook("D7").outlook).toBe("at-risk");
    // One task, II.7, reported overdue by two agencies.
    expect(outlook("D7").reasons).toContainEqual({ code: "overdue-tasks", tasks: 1, reports: 2 });
    expect(outlook("D5").progress).toMatchObject({ expected: 75 });
    expect(outlook("D1")).toMatchObject({ comparator: ">=", value: 5.3, statedText: expect.stringContaining("5,3 điểm") });
    expect(outlook("D8").outlook).toBe("at-risk");
    expect(outlook("D8").reasons[0]).toMatchObject({ code: "behind-schedule", expected: 75 });
    expect(outlook("D5")).toMatchObject({ outlook: "on-track", reasons: [] });
    expect(outlook("total")).toMatchObject({ outlook: "at-risk", nodeName: "Điểm tổng hợp", dimension: null });
    // A year without plans in force is an empty dashboard, not an error.
    expect((await dashboard.province(SYSTEM_ACTOR, province, 2025)).plans).toEqual([]);
  });

  test("loading it again changes nothing", async () => {
    expect(await load()).toBe(false);
  });
});
