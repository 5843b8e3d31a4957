/**
 * The province overview («Tổng quan») in a real browser, on a demonstration server: Sở Nội vụ lands on it
 * and reads the demo's plan 25/KH-UBND (2026) — its targets with their outlook beside the third quarter's
 * reporting (twenty agencies, who is late or missing, the task reported overdue, progress per dimension) —
 * and follows its links to the completeness and consolidated views; the province's leadership sees the
 * same, in English too; an earlier year is judged by its official results; an agency's officer and the
 * system administrator have no overview; on a phone it fits the screen.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { apiCall, screenshot, SCREENSHOTS, signInDemo, unexpected, useExplorer } from "./support.ts";

const app = useExplorer({ demo: true });
const url = app.url;
const signIn = (username: string, viewport?: { width: number; height: number }) => signInDemo(app.browser, app.server.url, username, viewport);

const PLAN = "25/KH-UBND";
/** The demo's reporting year: the overview opens on this year, so a run in a later year picks 2026. */
const DEMO_YEAR = 2026;
const THIS_YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

interface Answer {
  plans: {
    plan: { number: string | null };
    targets: { node: string; outlook: string }[];
    reporting: {
      period: { key: string };
      counts: { expected: number; submitted: number; onTime: number; late: number; missing: number; pending: number };
      late: string[];
      missing: string[];
      pending: string[];
      neverReported: string[];
      overdueTasks: { ref: string | null; organisation: string }[];
      progress: { node: string; tasks: number }[];
    } | null;
  }[];
}

async function chooseYear(page: Page, year: number) {
  await page.getByTestId("dashboard-year").click();
  await page.getByRole("option", { name: String(year), exact: true }).click();
}

/** The overview on the demo year, with the API's own answer to check the page against. */
async function openOverview(page: Page): Promise<Answer["plans"][number]> {
  await page.getByTestId("dashboard").waitFor();
  if (THIS_YEAR !== DEMO_YEAR) await chooseYear(page, DEMO_YEAR);
  await page.locator(`[data-testid=dashboard-plan][data-number="${PLAN}"]`).waitFor();
  const answer = await apiCall<Answer>(page, "GET", `/provinces/15/dashboard?year=${DEMO_YEAR}`);
  return answer.plans.find((p) => p.plan.number === PLAN)!;
}

const words = (text: string) => text.replace(/\s+/g, " ").trim();

describe("the province overview", () => {
  test("Sở Nội vụ lands on it: the plan's targets with their outlook beside who has reported, with real numbers, and links to the details", async () => {
    const { page, errors } = await signIn("demo.dieuphoi");
    await page.waitForURL(/\/admin\/dashboard\?province=15/);
    expect((await page.getByTestId("admin-nav").getByRole("link").allInnerTexts())[0]).toBe("Tổng quan");
    const expected = await openOverview(page);
    const plan = page.locator(`[data-testid=dashboard-plan][data-number="${PLAN}"]`);
    expect(await page.getByTestId("dashboard-intro").innerText()).toMatch(/^Tỉnh Lào Cai · các kế hoạch thực hiện năm 2026 · số liệu đến ngày \d{2}\/\d{2}\/\d{4}$/);

    // The targets: as many as the plan sets, problems first, each with its outlook in words and colour.
    const targets = plan.getByTestId("dashboard-target");
    expect(await targets.count()).toBe(expected.targets.length);
    expect(expected.targets.length).toBeGreaterThanOrEqual(5);
    const shown = await targets.evaluateAll((rows) => rows.map((r) => ({ node: r.getAttribute("data-node"), outlook: r.getAttribute("data-outlook") })));
    expect(new Set(shown.map((r) => `${r.node}:${r.outlook}`))).toEqual(new Set(expected.targets.map((t) => `${t.node}:${t.outlook}`)));
    const order = ["missed", "at-risk", "unknown", "on-track", "met"];
    expect(shown.map((r) => order.indexOf(r.outlook!))).toEqual([...shown.map((r) => order.indexOf(r.outlook!))].sort((a, b) => a - b));
    const total = plan.locator("[data-testid=dashboard-target][data-node=total]");
    expect(await total.getByTestId("target-node").innerText()).toBe("Điểm tổng hợp");
    expect(await total.getByTestId("target-text").innerText()).toMatch(/^Chỉ tiêu: Đạt (từ )?\d+(,\d+)? điểm/);
    const labels: Record<string, string> = { met: "Đạt", missed: "Không đạt", "on-track": "Đúng tiến độ", "at-risk": "Nguy cơ không đạt", unknown: "Chưa rõ" };
    for (const outlook of new Set(expected.targets.map((t) => t.outlook))) {
      const n = expected.targets.filter((t) => t.outlook === outlook).length;
      expect(await plan.getByTestId(`outlook-count-${outlook}`).innerText()).toBe(`${labels[outlook]}: ${n}`);
    }
    // A target at risk says why, with the figures.
    const atRisk = plan.locator("[data-testid=dashboard-target][data-outlook=at-risk]");
    expect(await atRisk.count()).toBeGreaterThan(0);
    const reasons = await atRisk.getByTestId("target-reason").allInnerTexts();
    expect(reasons.some((r) => /^Nhiệm vụ phục vụ chỉ tiêu bị báo cáo quá hạn \(\d+ lượt báo cáo\)\.$/.test(r) || /^Các nhiệm vụ mới đạt bình quân \d+%, trong khi đến hết quý [IV]+\/2026 cần khoảng \d+%\.$/.test(r))).toBe(true);
    expect(await plan.getByTestId("outlook-basis").innerText()).toMatch(/^Chưa có kết quả chính thức năm 2026: mỗi chỉ tiêu được dự báo theo tiến độ các nhiệm vụ phục vụ nó trong báo cáo quý [IV]+\/2026\.$/);

    // The reporting of the latest closed period: sent out of twenty, the bar, who is behind, by name.
    const reporting = expected.reporting!;
    const panel = plan.getByTestId("dashboard-reporting");
    expect(reporting.counts.expected).toBe(20);
    expect(await panel.getByRole("heading").first().innerText()).toMatch(/^Báo cáo quý [IV]+\/2026$/);
    expect(await panel.getByTestId("reporting-sent").innerText()).toBe(`${reporting.counts.submitted}/20`);
    expect(reporting.counts.submitted).toBeGreaterThan(10);
    for (const key of ["onTime", "late", "pending", "missing"] as const) {
      expect(await panel.getByTestId(`reporting-count-${key}`).innerText()).toMatch(new RegExp(`: ${reporting.counts[key]}$`));
    }
    expect(await panel.getByTestId("reporting-bar").locator(".mantine-Progress-section").count()).toBe(
      (["onTime", "late", "pending", "missing"] as const).filter((k) => reporting.counts[k] > 0).length,
    );
    expect(reporting.missing.length).toBeGreaterThan(0);
    expect(words(await panel.getByTestId("reporting-list-missing").innerText())).toBe(`Quá hạn, chưa gửi (${reporting.missing.length}): ${reporting.missing.join(", ")}`);
    if (reporting.period.key === "2026-Q3") {
      // Sent means approved by the agency's leader: Sở Tài chính's officer has submitted, its leader has not approved.
      expect(reporting.missing).toContain("Sở Tài chính");
      expect(reporting.missing).toContain("Liên đoàn Lao động tỉnh Lào Cai");
      expect(words(await panel.getByTestId("reporting-list-late").innerText())).toBe("Gửi muộn (1): Công an tỉnh Lào Cai");
    }
    if (reporting.neverReported.length > 0) expect(await panel.getByTestId("reporting-list-never").innerText()).toContain(reporting.neverReported[0]!);
    // The tasks reported overdue, one line each with the agencies that say so.
    const overdueRefs = [...new Set(reporting.overdueTasks.map((t) => t.ref))];
    expect(await panel.getByTestId("overdue-task").count()).toBe(Math.min(5, overdueRefs.length));
    if (reporting.overdueTasks.length > 0) {
      const first = reporting.overdueTasks[0]!;
      const line = await panel.getByTestId("overdue-task").first().innerText();
      expect(line).toContain(first.ref!);
      expect(line).toContain(first.organisation);
    }
    // Progress per dimension: a bar for each dimension with tasks.
    expect(await panel.getByTestId("progress-dimension").count()).toBe(reporting.progress.filter((p) => p.tasks > 0).length);
    await screenshot(page, "dashboard-01-coordinator");
    // The plan's panel at full size (clipped from the top of the page: the header stays out of it).
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}dashboard-02-plan-panel.png`, fullPage: true, clip: (await plan.boundingBox())! });

    // «Tình hình gửi báo cáo»: the plan's completeness for that period.
    await panel.getByTestId("link-completeness").click();
    await page.waitForURL(new RegExp(`/admin/plans/\\d+\\?province=15&tab=reports&period=${reporting.period.key}&view=completeness`));
    await expect.poll(() => page.getByTestId("completeness-period").innerText()).toMatch(/^Quý [IV]+ năm 2026/);
    expect(await page.getByTestId("count-submitted").innerText()).toBe(`Đã gửi: ${reporting.counts.submitted}`);
    expect(await page.getByTestId("count-missing").innerText()).toBe(`Quá hạn, chưa gửi: ${reporting.counts.missing}`);
    await page.goBack({ waitUntil: "networkidle" });
    await plan.getByTestId("link-consolidation").click();
    await page.waitForURL(/view=consolidation/);
    await page.getByTestId("consolidated-figures").waitFor();
    expect(await page.getByTestId("consolidation-summary").innerText()).toContain(`${reporting.counts.submitted}/20 cơ quan đã gửi báo cáo quý`);
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  }, 120_000);

  test("the province's leadership sees the same overview, and reads it in English", async () => {
    const { page, errors } = await signIn("demo.xem");
    await page.waitForURL(/\/admin\/dashboard\?province=15/);
    const expected = await openOverview(page);
    const plan = page.locator(`[data-testid=dashboard-plan][data-number="${PLAN}"]`);
    expect(await plan.getByTestId("reporting-sent").innerText()).toBe(`${expected.reporting!.counts.submitted}/20`);
    expect(await plan.getByTestId("dashboard-target").count()).toBe(expected.targets.length);
    await screenshot(page, "dashboard-03-viewer");

    await page.getByTestId("language-switch").getByText("English").click();
    await page.getByRole("heading", { name: "Overview", exact: true }).waitFor();
    await expect.poll(() => plan.locator("[data-testid=dashboard-target][data-node=total]").getByTestId("target-node").innerText()).toBe("Total score");
    const atRisk = plan.locator("[data-testid=dashboard-target][data-outlook=at-risk]").first();
    expect(await atRisk.getByTestId("target-outlook").innerText()).toBe("At risk");
    expect(await plan.getByTestId("dashboard-reporting").getByRole("heading").first().innerText()).toMatch(/^Q[1-4] 2026 reports$/);
    // The dimensions are named in English by the server.
    expect(await plan.locator("[data-testid=progress-dimension][data-node=D1]").getAttribute("title")).toBe("D1 · Participation at Local Levels");
    await screenshot(page, "dashboard-04-english");
    await page.getByTestId("language-switch").getByText("Tiếng Việt").click();
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  }, 90_000);

  test("an earlier year is judged by its official results; a year without a plan says so", async () => {
    const { page, errors } = await signIn("demo.dieuphoi");
    await page.getByTestId("dashboard").waitFor();
    // 2019: Lào Cai's 170/KH-UBND, before the provinces merged, its targets met or missed; no periodic reporting then.
    await chooseYear(page, 2019);
    await page.waitForURL(/year=2019/);
    const plan = page.locator('[data-testid=dashboard-plan][data-number="170/KH-UBND"]');
    await plan.waitFor();
    const outlooks = await plan.getByTestId("dashboard-target").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-outlook")));
    expect(outlooks.length).toBeGreaterThan(3);
    expect(outlooks.some((o) => o === "met" || o === "missed")).toBe(true);
    expect(await plan.getByTestId("outlook-basis").innerText()).toBe("Theo kết quả chính thức năm 2019.");
    expect(await plan.getByTestId("dashboard-overview").innerText()).toContain("170/KH-UBND");
    expect(await plan.getByTestId("dashboard-no-regime").innerText()).toBe("Kế hoạch chưa có chế độ báo cáo định kỳ.");
    expect(await plan.getByTestId("dashboard-reporting").count()).toBe(0);
    await screenshot(page, "dashboard-05-results-year");

    await page.goto(url("/admin/dashboard?province=15&year=2030"), { waitUntil: "networkidle" });
    expect(await page.getByTestId("dashboard-none").innerText()).toContain("Chưa có kế hoạch nào của tỉnh được ban hành cho năm 2030.");
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  }, 90_000);

  test("an agency's officer and the system administrator have no overview", async () => {
    const officer = await signIn("demo.chuyenvien");
    await officer.page.waitForURL(/\/admin\/organisations/);
    expect(await officer.page.getByTestId("admin-nav").getByRole("link").allInnerTexts()).not.toContain("Tổng quan");
    await officer.page.goto(url("/admin/dashboard?province=15"), { waitUntil: "networkidle" });
    await officer.page.getByTestId("no-permission").waitFor();
    expect(await officer.page.getByTestId("dashboard").count()).toBe(0);
    await expect(apiCall(officer.page, "GET", "/provinces/15/dashboard")).rejects.toThrow(/: 403 /);
    expect(unexpected(officer.errors, 403)).toEqual([]);
    await officer.page.close();

    const admin = await signIn("demo.admin");
    await admin.page.waitForURL(/\/admin\/organisations/);
    expect(await admin.page.getByTestId("admin-nav").getByRole("link").allInnerTexts()).not.toContain("Tổng quan");
    expect(unexpected(admin.errors)).toEqual([]);
    await admin.page.close();
  }, 60_000);

  test("on a phone, the overview fits the screen", async () => {
    const { page, errors } = await signIn("demo.dieuphoi", { width: 390, height: 844 });
    await page.waitForURL(/\/admin\/dashboard/);
    await openOverview(page);
    await page.getByTestId("dashboard-target").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "dashboard-06-phone");
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  }, 60_000);
});
