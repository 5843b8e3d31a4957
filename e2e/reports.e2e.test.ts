/**
 * One quarter of periodic reporting in a real browser, on a demonstration server: the coordinator (Sở Nội vụ)
 * gives Sở Tài chính a task with two figures («received» and «resolved ≤ received») and their ratio, issues
 * the plan and sets up its reporting regime with one click; the officer fills the first quarter's report
 * (a wrong figure first, its problem beside it and the submission refused, then the right one), sees it
 * saved by itself and sends it; the leader approves; the coordinator returns it with a reason; the officer
 * reads the reason, fixes, sends again; the leader approves, the coordinator accepts; the consolidated view
 * shows the figures and the narrative under its heading with the agency named, the completeness table and
 * the year's matrix show it accepted; reminders go to an agency that has not sent the next quarter. Then the
 * next quarter opens pre-filled, and two pages editing it at once meet the conflict view.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { apiCall, screenshot, SCREENSHOTS, signInDemo, unexpected, useExplorer } from "./support.ts";

const app = useExplorer({ demo: true });
const url = app.url;
const signIn = (username: string, viewport?: { width: number; height: number }) => signInDemo(app.browser, app.server.url, username, viewport);

/** The plan year is this year (Vietnam time), so the first quarter's report can be opened whenever the test runs. */
const YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
const Q1 = `${YEAR}-Q1`;
const Q2 = `${YEAR}-Q2`;
const PLAN = { number: "45/KH-UBND", summary: `Duy trì, cải thiện Chỉ số PAPI tỉnh Lào Cai năm ${YEAR}` };
const TASK = {
  ref: "II.6",
  text: "Tiếp nhận, giải quyết phản ánh, kiến nghị của người dân về thủ tục hành chính trong lĩnh vực tài chính; công khai kết quả trên Cổng dịch vụ công",
};
const RECEIVED = "Phản ánh, kiến nghị đã tiếp nhận";
const RESOLVED = "Phản ánh, kiến nghị đã giải quyết";
const RATIO = "Tỷ lệ giải quyết";
const NARRATIVE = "Tiếp nhận 04 PAKN thuộc lĩnh vực ngân sách, giá; đã giải quyết 04 PAKN đúng thẩm quyền và đăng tải công khai trên Cổng dịch vụ công quốc gia.";
const RETURN_REASON = "Bổ sung kết quả công khai dự toán ngân sách quý I trên Cổng thông tin điện tử của tỉnh.";
const FIX = " Đã công khai dự toán ngân sách năm trên Cổng thông tin điện tử tỉnh ngày 10/01.";

let planId = 0;
let reportPath = "";

async function choose(page: Page, testId: string, option: string | RegExp, within?: ReturnType<Page["locator"]>) {
  await (within ?? page).getByTestId(testId).click();
  await page.getByRole("option", { name: option, exact: typeof option === "string" ? true : undefined }).click();
}

/** Waits for the autosave that follows the last change: «Đang lưu…», then «Đã lưu lúc 09:41». */
async function saved(page: Page) {
  await expect.poll(() => page.getByTestId("save-state").getAttribute("data-state"), { timeout: 10_000 }).toBe("saved");
  expect(await page.getByTestId("save-state").innerText()).toMatch(/^✓ Đã lưu lúc \d{2}:\d{2}$/);
}

/** Sở Tài chính's id, as the officer's session names it. */
const stcId = async (page: Page) =>
  (await apiCall<{ user: { roles: { organisationId: number | null; organisationName: string | null }[] } }>(page, "GET", "/auth/session")).user.roles.find((r) => r.organisationName === "Sở Tài chính")!.organisationId!;

const figure = (page: Page, name: string) => page.locator(`[data-testid=figure-row][data-name="${name}"]`);
const goToReports = (page: Page) => page.getByTestId("admin-nav").getByRole("link", { name: "Báo cáo", exact: true }).click();
/** The report of the first quarter in an inbox list (the demo's own reports may be there too). */
const inboxRow = (page: Page, list: string) => page.getByTestId(list).locator(`[data-testid=inbox-report][data-id="${reportPath.split("/").pop()}"]`);

describe("one quarter of periodic reporting", () => {
  test("the coordinator gives Sở Tài chính a task with its figures, issues the plan and sets up the reporting regime in one click", async () => {
    const { page, errors } = await signIn("demo.dieuphoi");
    await page.goto(url("/admin/plans?province=15"), { waitUntil: "networkidle" });
    const plan = await apiCall<{ id: number }>(page, "POST", "/provinces/15/plans", {
      year: YEAR,
      baselineYear: 2024,
      issuingBody: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
      summary: PLAN.summary,
    });
    planId = plan.id;
    await page.goto(url(`/admin/plans/${planId}?province=15&tab=tasks`), { waitUntil: "networkidle" });

    // The task, its lead and the figures it is reported by: received, resolved (not more than received), their ratio.
    await page.getByTestId("add-task").click();
    const form = page.getByTestId("task-form");
    await form.getByTestId("task-field-ref").fill(TASK.ref);
    await form.getByTestId("task-field-text").fill(TASK.text);
    await choose(page, "task-field-nodes", /^D6 · /, form);
    await form.getByTestId("task-field-ref").click();
    await choose(page, "task-field-lead", "Sở Tài chính", form);
    await form.getByTestId("task-field-ref").click();
    for (let i = 0; i < 3; i += 1) await form.getByTestId("add-indicator").click();
    const rows = form.getByTestId("indicator-row");
    await rows.nth(0).getByTestId("indicator-name").fill(RECEIVED);
    await rows.nth(0).getByTestId("indicator-unit").fill("PAKN");
    await rows.nth(0).getByTestId("indicator-required").check();
    await rows.nth(1).getByTestId("indicator-name").fill(RESOLVED);
    await rows.nth(1).getByTestId("indicator-unit").fill("PAKN");
    await rows.nth(1).getByTestId("indicator-required").check();
    await choose(page, "indicator-not-above", RECEIVED, rows.nth(1));
    await rows.nth(2).getByTestId("indicator-name").fill(RATIO);
    await choose(page, "indicator-aggregation", "Tỷ lệ (tử số ÷ mẫu số)", rows.nth(2));
    await choose(page, "indicator-numerator", RESOLVED, rows.nth(2));
    await choose(page, "indicator-denominator", RECEIVED, rows.nth(2));
    await rows.nth(2).getByTestId("indicator-target").fill("100");
    await screenshot(page, "reports-01-task-figures");
    await page.getByTestId("save-task").click();
    await page.getByTestId("toast").getByText("Đã thêm nhiệm vụ.").waitFor();
    expect(await page.getByTestId("task-indicators").innerText()).toBe(`Số liệu báo cáo: ${RECEIVED} (PAKN); ${RESOLVED} (PAKN); ${RATIO}`);
    expect(await page.getByTestId("task-lead").innerText()).toBe("Chủ trì: Sở Tài chính");

    // Issued, then its reporting regime: Decree 09's defaults, the agencies given tasks.
    await page.getByTestId("issue-plan").click();
    await page.getByTestId("issue-form").getByTestId("issue-number").fill(PLAN.number);
    await page.getByTestId("confirm-issue").click();
    await page.getByTestId("toast").getByText(`Đã ban hành Kế hoạch ${PLAN.number}.`).waitFor();
    await page.getByTestId("tab-reports").click();
    await page.getByTestId("no-regime").waitFor();
    await page.getByTestId("setup-regime").click();
    await page.getByTestId("toast").getByText("Đã thiết lập chế độ báo cáo: 7 kỳ, 1 cơ quan báo cáo.").waitFor();
    // A coordinator lands on who has reported; the regime is one click away.
    await page.getByTestId("reports-view").getByText("Chế độ báo cáo").click();
    const q1 = page.locator(`[data-testid=regime-period][data-period="${Q1}"]`);
    await q1.waitFor();
    expect(await page.getByTestId("regime-period").count()).toBe(7);
    expect(await q1.getByTestId("period-window").innerText()).toBe(`15/12/${YEAR - 1} – 14/03/${YEAR}`);
    expect(await page.getByTestId("regime-agency").allInnerTexts()).toEqual(["Sở Tài chính"]);
    expect(await page.getByTestId("regime-cut-off").innerText()).toBe("Chốt số liệu: từ ngày 15 tháng trước đến ngày 14 tháng cuối kỳ");
    await screenshot(page, "reports-02-regime");

    // Departments get five days instead of three: every period's department deadline moves.
    const before = await q1.getByTestId("deadline-department").innerText();
    await page.getByTestId("edit-regime").click();
    await page.getByTestId("regime-days-department").fill("5");
    await page.getByTestId("regime-days-commune").click();
    await screenshot(page, "reports-03-regime-form");
    await page.getByTestId("save-regime").click();
    await page.getByTestId("toast").getByText("Đã lưu chế độ báo cáo.").waitFor();
    await expect.poll(() => q1.getByTestId("deadline-department").innerText()).not.toBe(before);
    expect(await page.getByTestId("regime-deadline-days").innerText()).toContain("Sở, ban, ngành: 5 ngày");
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  }, 120_000);

  test("the officer fills the first quarter: a wrong figure is named beside it and refused, the right one saved by itself; the report is sent", async () => {
    expect(planId).toBeGreaterThan(0);
    const { page, errors } = await signIn("demo.chuyenvien");
    await goToReports(page);
    await page.getByTestId("reports-inbox").waitFor();
    await page.getByTestId("inbox-due").waitFor();
    await screenshot(page, "reports-04-officer-inbox");

    // «Nhiệm vụ của cơ quan tôi»: beside the plan, its report due next, one click away.
    await page.getByTestId("admin-nav").getByRole("link", { name: "Nhiệm vụ của cơ quan tôi" }).click();
    const mine = page.locator(`[data-testid=my-plan][data-number="${PLAN.number}"]`);
    await mine.getByTestId("open-next-report").waitFor();
    expect(await mine.getByTestId("open-next-report").innerText()).toMatch(/^Báo cáo (quý [IV]+|6 tháng đầu năm|9 tháng năm|năm)[ /]?\d{4} · hạn \d{2}\/\d{2}\/\d{4}$/);
    await screenshot(page, "reports-04b-my-tasks");

    // The plan's reporting tab shows the agency's state in each period; looking creates nothing.
    await page.goto(url(`/admin/plans/${planId}?province=15&tab=reports`), { waitUntil: "networkidle" });
    const q1 = page.locator(`[data-testid=regime-period][data-period="${Q1}"]`);
    await q1.waitFor();
    expect(await q1.getByTestId("report-status").innerText()).toBe("Chưa lập");
    expect(await q1.getByTestId("open-report").count()).toBe(0);
    const regime = await apiCall<{ regime: { id: number } }>(page, "GET", `/plans/${planId}/regime`);
    const own = await apiCall<{ periods: { reportId: number | null }[] }>(page, "GET", `/regimes/${regime.regime.id}/reports?organisation=${await stcId(page)}`);
    expect(own.periods.map((p) => p.reportId)).toEqual(own.periods.map(() => null));
    await screenshot(page, "reports-04c-agency-periods");
    // «Lập báo cáo»: the first quarter's report, a new draft.
    await q1.getByTestId("create-report").click();
    await page.waitForURL(/\/admin\/reports\/\d+/);
    reportPath = new URL(page.url()).pathname;
    await page.getByTestId("report-form").waitFor();
    expect(await page.getByTestId("report-agency").innerText()).toBe("Sở Tài chính");
    expect(await page.getByTestId("report-period").innerText()).toBe(`Quý I năm ${YEAR} (15/12/${YEAR - 1} – 14/03/${YEAR})`);
    expect(await page.getByTestId("report-status").innerText()).toBe("Đang soạn");
    expect(await page.getByTestId("prefilled").count()).toBe(0);

    const task = page.locator(`[data-testid=report-task][data-ref="${TASK.ref}"]`);
    await choose(page, "task-status", "Đang thực hiện", task);
    await task.getByTestId("task-progress").fill("60");
    await task.getByTestId("task-narrative").fill("Đã tiếp nhận và giải quyết toàn bộ phản ánh, kiến nghị trong quý; công khai kết quả trên Cổng dịch vụ công.");

    // 5 resolved out of 4 received: said beside the field, in words.
    await figure(page, RECEIVED).getByTestId("figure-input").fill("4");
    await figure(page, RESOLVED).getByTestId("figure-input").fill("5");
    await expect.poll(() => figure(page, RESOLVED).getByTestId("figure-issue").innerText()).toBe(`⚠ ${RESOLVED} (5) không được lớn hơn ${RECEIVED} (4).`);
    expect(await figure(page, RATIO).getByTestId("figure-computed").innerText()).toBe("125%");
    await saved(page);
    await screenshot(page, "reports-05-figure-issue");
    // Sending is refused with the problem listed.
    await page.getByTestId("action-submit").click();
    await page.getByTestId("submit-refused").waitFor();
    expect(await page.getByTestId("submit-refused").innerText()).toContain(`${RESOLVED} (5) không được lớn hơn ${RECEIVED} (4).`);

    await figure(page, RESOLVED).getByTestId("figure-input").fill("4");
    await expect.poll(() => figure(page, RESOLVED).getByTestId("figure-issue").count()).toBe(0);
    expect(await figure(page, RATIO).getByTestId("figure-computed").innerText()).toBe("100%");
    await page.getByTestId("section-D6").fill(NARRATIVE);
    await page.getByTestId("general-difficulties").fill("Một số phản ánh gửi qua nhiều kênh, phải đối chiếu thủ công.");
    await page.getByTestId("general-nextTasks").fill("Tiếp tục công khai dự toán, quyết toán ngân sách; rà soát quy trình tiếp nhận PAKN.");
    await saved(page);

    // Evidence: a PDF is attached; an executable named .pdf is refused, saying what it is.
    await page.getByTestId("report-evidence").locator("input[type=file]").setInputFiles([
      { name: "Danh sách PAKN quý I.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n") },
      { name: "tien-ich.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\u0090\u0000 not a document") },
    ]);
    await page.getByTestId("evidence-error").waitFor();
    expect(await page.getByTestId("evidence-file").count()).toBe(1);
    expect(await page.getByTestId("evidence-link").innerText()).toBe("Danh sách PAKN quý I.pdf");
    expect(await page.getByTestId("evidence-error").innerText()).toMatch(/^tien-ich\.pdf: /);
    // The limit is said beside the button, before anything is uploaded.
    expect(await page.getByTestId("evidence-hint").innerText()).toMatch(/^Tối đa 20 MB mỗi tệp; /);

    // Saved on the server: a reload shows it all.
    await page.reload({ waitUntil: "networkidle" });
    await page.getByTestId("report-form").waitFor();
    expect(await figure(page, RECEIVED).getByTestId("figure-input").inputValue()).toBe("4");
    expect(await figure(page, RESOLVED).getByTestId("figure-input").inputValue()).toBe("4");
    expect(await page.getByTestId("section-D6").inputValue()).toBe(NARRATIVE);
    expect(await task.getByTestId("task-progress").inputValue()).toBe("60%");
    await screenshot(page, "reports-06-filled");

    await page.getByTestId("action-submit").click();
    await page.getByTestId("toast").getByText("Đã gửi báo cáo cho lãnh đạo duyệt.").waitFor();
    await expect.poll(() => page.getByTestId("report-status").innerText()).toBe("Chờ lãnh đạo duyệt");
    expect(await page.getByTestId("figure-input").count()).toBe(0);
    // Submitted is not sent: only the leader's approval sends it, and the deadline counts until then.
    expect(await page.getByTestId("report-sent").count()).toBe(0);
    expect(await figure(page, RESOLVED).getByTestId("figure-value").innerText()).toBe("4");
    expect(unexpected(errors, 422, 415)).toEqual([]);
    await page.close();
  }, 120_000);

  test("the leader approves it from the inbox; Sở Nội vụ returns it with a reason from its review queue", async () => {
    expect(reportPath).not.toBe("");
    const leader = await signIn("demo.lanhdao");
    let page = leader.page;
    await goToReports(page);
    const waiting = inboxRow(page, "inbox-to-approve");
    await waiting.waitFor();
    expect(await page.getByTestId("inbox-notifications").innerText()).toContain(`Sở Tài chính đã gửi báo cáo quý I/${YEAR}`);
    await screenshot(page, "reports-07-leader-inbox");
    await waiting.getByTestId("inbox-open").click();
    await page.waitForURL(/\/admin\/reports\/\d+/);
    await page.getByTestId("action-approve").click();
    await page.getByTestId("toast").getByText("Đã duyệt và gửi báo cáo cho Sở Nội vụ.").waitFor();
    await expect.poll(() => page.getByTestId("report-status").innerText()).toBe("Chờ Sở Nội vụ tiếp nhận");
    // Approved is sent: the day it left, in time or not.
    expect(await page.getByTestId("report-sent").innerText()).toMatch(/^Đã gửi \d{2}\/\d{2}\/\d{4}\s+(Đúng hạn|Gửi muộn)$/);
    expect(unexpected(leader.errors)).toEqual([]);
    await page.close();

    const coordinator = await signIn("demo.dieuphoi");
    page = coordinator.page;
    await goToReports(page);
    const queued = inboxRow(page, "inbox-to-review");
    await queued.waitFor();
    await screenshot(page, "reports-08-review-queue");
    await queued.getByTestId("inbox-open").click();
    await page.waitForURL(/\/admin\/reports\/\d+/);
    expect(await page.getByTestId("section-D6").getByTestId("text-value").innerText()).toBe(NARRATIVE);
    // The evidence comes with it, downloadable by Sở Nội vụ.
    const evidence = (await page.getByTestId("evidence-link").getAttribute("href"))!;
    expect(await page.evaluate(async (href) => (await fetch(href)).status, evidence)).toBe(200);
    await page.getByTestId("action-return").click();
    // A return without a reason is not sent.
    await page.getByTestId("confirm-reason").click();
    await page.getByText("Cần ghi lý do.").waitFor();
    await page.getByTestId("reason-text").fill(RETURN_REASON);
    await page.getByTestId("confirm-reason").click();
    await page.getByTestId("toast").getByText("Đã trả lại báo cáo cho cơ quan.").waitFor();
    await expect.poll(() => page.getByTestId("report-status").innerText()).toBe("Bị trả lại");
    expect(unexpected(coordinator.errors)).toEqual([]);
    await page.close();
  }, 120_000);

  test("the officer reads the reason, fixes the report and sends it again", async () => {
    const { page, errors } = await signIn("demo.chuyenvien");
    await goToReports(page);
    const returned = inboxRow(page, "inbox-returned");
    await returned.waitFor();
    expect(await returned.getByTestId("inbox-reason").innerText()).toBe(`Lý do: ${RETURN_REASON}`);
    const texts = await page.getByTestId("notification-text").allInnerTexts();
    expect(texts).toContain(`Báo cáo quý I/${YEAR} của Sở Tài chính bị trả lại: ${RETURN_REASON}`);
    await screenshot(page, "reports-09-returned-inbox");
    await returned.getByTestId("inbox-open").click();
    await page.waitForURL(/\/admin\/reports\/\d+/);
    expect(await page.getByTestId("return-reason").innerText()).toMatch(new RegExp(`^Sở Nội vụ trả lại báo cáo lúc \\d{2}:\\d{2} ngày \\d{2}/\\d{2}/${YEAR}\\s+${RETURN_REASON}$`));
    await page.getByTestId("section-D6").fill(NARRATIVE + FIX);
    await saved(page);
    await screenshot(page, "reports-10-returned-report");
    expect(await page.getByTestId("action-submit").innerText()).toBe("Gửi lại lãnh đạo duyệt");
    await page.getByTestId("action-submit").click();
    await page.getByTestId("toast").getByText("Đã gửi báo cáo cho lãnh đạo duyệt.").waitFor();
    await expect.poll(() => page.getByTestId("report-status").innerText()).toBe("Chờ lãnh đạo duyệt");
    expect(await page.getByTestId("return-reason").count()).toBe(0);
    // Read, the notification goes.
    await goToReports(page);
    const notification = page.getByTestId("notification").filter({ hasText: RETURN_REASON });
    await notification.getByTestId("notification-read").click();
    await expect.poll(() => notification.count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  }, 120_000);

  test("approved again and accepted; the consolidated view, the completeness table and the year's matrix show it; reminders reach who has not sent", async () => {
    const leader = await signIn("demo.lanhdao");
    await leader.page.goto(url(`${reportPath}?province=15`), { waitUntil: "networkidle" });
    await leader.page.getByTestId("action-approve").click();
    await leader.page.getByTestId("toast").getByText("Đã duyệt và gửi báo cáo cho Sở Nội vụ.").waitFor();
    expect(unexpected(leader.errors)).toEqual([]);
    await leader.page.close();

    const { page, errors } = await signIn("demo.dieuphoi");
    await page.goto(url(`${reportPath}?province=15`), { waitUntil: "networkidle" });
    await page.getByTestId("action-accept").click();
    await page.getByTestId("toast").getByText("Đã tiếp nhận báo cáo.").waitFor();
    await expect.poll(() => page.getByTestId("report-status").innerText()).toBe("Đã tiếp nhận");
    // Accepted means locked: only a reopening (with a reason) is left.
    expect(await page.getByTestId("report-actions").getByRole("button").allInnerTexts()).toEqual(["Mở lại"]);

    await page.goto(url(`/admin/plans/${planId}?province=15&tab=reports&view=consolidation&period=${Q1}`), { waitUntil: "networkidle" });
    await page.getByTestId("consolidated-figures").waitFor();
    expect(await page.getByTestId("consolidation-summary").innerText()).toContain(`1/1 cơ quan đã gửi báo cáo quý I/${YEAR}.`);
    const value = (name: string) => page.locator(`[data-testid=consolidated-figure][data-name="${name}"]`).getByTestId("consolidated-value").innerText();
    expect(await value(RECEIVED)).toBe("4");
    expect(await value(RESOLVED)).toBe("4");
    expect(await value(RATIO)).toBe("100%");
    // The ratio's target (100, a percentage) is met: said beside it.
    expect(await page.locator(`[data-testid=consolidated-figure][data-name="${RATIO}"]`).getByTestId("target-met").innerText()).toBe("đạt");
    const d6 = page.locator("[data-testid=narrative-heading][data-key=D6]");
    expect(await d6.getByTestId("narrative-agency").innerText()).toBe("Sở Tài chính");
    expect(await d6.getByTestId("narrative-text").innerText()).toBe(NARRATIVE + FIX);
    expect(await page.locator("[data-testid=progress-dimension][data-node=D6]").getByTestId("progress-average").innerText()).toBe("bình quân 60%");
    await screenshot(page, "reports-11-consolidation");
    // «Tải về Excel»: the same view as a sheet.
    const href = (await page.getByTestId("consolidation-excel").getAttribute("href"))!;
    const sheet = await page.evaluate(async (href) => {
      const response = await fetch(href);
      return { status: response.status, type: response.headers.get("content-type") ?? "" };
    }, href);
    expect(sheet).toEqual({ status: 200, type: expect.stringContaining("spreadsheetml") });

    await page.getByTestId("reports-view").getByText("Tình hình gửi báo cáo").click();
    const row = page.locator('[data-testid=completeness-row][data-agency="Sở Tài chính"]');
    await row.waitFor();
    expect(await row.getAttribute("data-status")).toBe("accepted");
    expect(await row.getByTestId("report-status").innerText()).toBe("Đã tiếp nhận");
    expect(["Đúng hạn", "Gửi muộn"]).toContain(await row.getByTestId("timeliness").innerText());
    // Sent the day its leader first approved it (a return and a second approval keep that day).
    expect(await row.getByTestId("sent-on").innerText()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(await page.getByTestId("count-accepted").innerText()).toBe("Đã tiếp nhận: 1");
    const cell = page.locator(`[data-testid=matrix-agency][data-agency="Sở Tài chính"] [data-testid=matrix-cell][data-period="${Q1}"]`);
    // Accepted; sent after the deadline when the test runs after it (the first quarter of this year).
    expect(["accepted", "accepted-late"]).toContain(await cell.getAttribute("data-state"));
    await screenshot(page, "reports-12-completeness");

    // The second quarter: Sở Tài chính has not sent it; its officer and leader are reminded, once a day.
    await page.getByTestId("period-picker").getByText("Quý II", { exact: true }).click();
    await expect.poll(() => page.getByTestId("completeness-period").innerText()).toContain(`Quý II năm ${YEAR}`);
    await page.getByTestId("remind").click();
    await expect.poll(() => page.getByTestId("reminded").innerText()).toMatch(/^Đã nhắc 1 cơ quan chưa gửi \(\d+ người nhận được thông báo\)\.$/);
    await page.getByTestId("remind").click();
    await expect.poll(() => page.getByTestId("reminded").innerText()).toBe("1 cơ quan chưa gửi đã được nhắc hôm nay; không gửi thêm.");
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  }, 120_000);

  test("the next quarter opens pre-filled from the first; two pages editing it at once meet the conflict view, and the person keeps their change", async () => {
    const first = await signIn("demo.chuyenvien");
    const a = first.page;
    await goToReports(a);
    // The reminder opens the report it is about (a new draft, the report did not exist yet).
    const reminder = a.getByTestId("notification").filter({ hasText: `Nhắc: báo cáo quý II/${YEAR} của Sở Tài chính` });
    await reminder.waitFor();
    await screenshot(a, "reports-13-reminded-inbox");
    await reminder.getByTestId("notification-open").click();
    await a.waitForURL(/\/admin\/reports\/\d+/);
    await a.getByTestId("report-form").waitFor();
    expect(await a.getByTestId("prefilled").innerText()).toBe(`Báo cáo được điền sẵn từ báo cáo quý I/${YEAR}: chỉ cần sửa những gì đã thay đổi.`);
    expect(await a.getByTestId("section-D6").inputValue()).toBe(NARRATIVE + FIX);
    // Flows of the period start empty; the stocks (none here) would carry over.
    expect(await figure(a, RECEIVED).getByTestId("figure-input").inputValue()).toBe("");
    const q2Path = new URL(a.url()).pathname;

    // A second page (the same officer on another computer) loads the same version.
    const second = await signIn("demo.chuyenvien");
    const b = second.page;
    await b.goto(url(`${q2Path}?province=15`), { waitUntil: "networkidle" });
    await b.getByTestId("report-form").waitFor();

    await a.getByTestId("section-D1").fill("Phổ biến Chỉ số PAPI tới 100% công chức của Sở qua hội nghị quý II.");
    await saved(a);
    await b.getByTestId("general-proposals").fill("Đề nghị Sở Nội vụ hướng dẫn thống nhất cách tính tỷ lệ giải quyết PAKN.");
    await b.getByTestId("conflict").waitFor({ timeout: 10_000 });
    expect(await b.getByTestId("conflict-their-changes").innerText()).toBe("Bản hiện tại đã sửa: Tham gia của người dân ở cấp cơ sở.");
    const conflictRow = b.locator('[data-testid=conflict-row][data-field="general:proposals"]');
    expect(await conflictRow.getByTestId("conflict-yours").innerText()).toBe("Đề nghị Sở Nội vụ hướng dẫn thống nhất cách tính tỷ lệ giải quyết PAKN.");
    await screenshot(b, "reports-14-conflict");
    await b.getByTestId("keep-mine").click();
    await saved(b);
    expect(await b.getByTestId("conflict").count()).toBe(0);

    // Both changes are kept: the other page's section and this page's proposal.
    await b.reload({ waitUntil: "networkidle" });
    await b.getByTestId("report-form").waitFor();
    expect(await b.getByTestId("section-D1").inputValue()).toBe("Phổ biến Chỉ số PAPI tới 100% công chức của Sở qua hội nghị quý II.");
    expect(await b.getByTestId("general-proposals").inputValue()).toBe("Đề nghị Sở Nội vụ hướng dẫn thống nhất cách tính tỷ lệ giải quyết PAKN.");

    // The other way out: the first page, now behind, drops its change for the current version.
    await a.getByTestId("general-nextTasks").fill("Bản nháp sẽ bị bỏ.");
    await a.getByTestId("conflict").waitFor({ timeout: 10_000 });
    await a.getByTestId("use-theirs").click();
    await expect.poll(() => a.getByTestId("conflict").count()).toBe(0);
    expect(await a.getByTestId("general-proposals").inputValue()).toBe("Đề nghị Sở Nội vụ hướng dẫn thống nhất cách tính tỷ lệ giải quyết PAKN.");
    expect(await a.getByTestId("general-nextTasks").inputValue()).not.toBe("Bản nháp sẽ bị bỏ.");

    // In English, the form speaks English.
    await a.getByTestId("language-switch").getByText("English").click();
    await expect.poll(() => a.getByTestId("report-period").innerText()).toBe(`Q2 ${YEAR} (15/03/${YEAR} – 14/06/${YEAR})`);
    expect(await a.getByTestId("action-submit").innerText()).toBe("Send to the leader");
    await screenshot(a, "reports-15-english");
    await a.getByTestId("language-switch").getByText("Tiếng Việt").click();
    expect(unexpected(first.errors, 409)).toEqual([]);
    expect(unexpected(second.errors, 409)).toEqual([]);
    await a.close();
    await b.close();
  }, 120_000);

  test("the demo's reporting year as Sở Nội vụ sees it: twenty agencies × the year's periods, one that never reports, the second quarter consolidated", async () => {
    const { page, errors } = await signIn("demo.dieuphoi");
    await page.goto(url("/admin/plans?province=15"), { waitUntil: "networkidle" });
    await page.locator('[data-testid=plan-row][data-number="25/KH-UBND"]').getByTestId("plan-link").click();
    await page.waitForURL(/\/admin\/plans\/\d+/);
    await page.getByTestId("tab-reports").click();
    await page.getByTestId("completeness-table").waitFor();
    await page.getByTestId("period-picker").getByText("Quý II", { exact: true }).click();
    await expect.poll(() => page.getByTestId("completeness-period").innerText()).toContain("Quý II năm 2026");
    expect(await page.getByTestId("completeness-row").count()).toBeGreaterThanOrEqual(15);
    expect(await page.getByTestId("matrix-agency").count()).toBe(await page.getByTestId("completeness-row").count());
    // Some late, some never sent: the matrix says so in its colours.
    expect(await page.locator("[data-testid=matrix-cell][data-state=late], [data-testid=matrix-cell][data-state=accepted-late]").count()).toBeGreaterThan(0);
    expect(await page.locator("[data-testid=matrix-cell][data-state=missing]").count()).toBeGreaterThan(0);
    await screenshot(page, "reports-18-demo-completeness");

    await page.getByTestId("reports-view").getByText("Tổng hợp").click();
    await page.getByTestId("consolidated-figures").waitFor();
    expect(await page.getByTestId("consolidated-figure").count()).toBeGreaterThan(3);
    expect(await page.getByTestId("consolidation-missing").innerText()).toMatch(/^Chưa gửi: /);
    await screenshot(page, "reports-19-demo-consolidation");
    await page.getByTestId("consolidated-figures").screenshot({ path: `${SCREENSHOTS}reports-20-demo-figures.png` });
    // The narratives fold by heading; opened, each names its agency.
    await page.getByTestId("narratives-toggle").click();
    await expect.poll(() => page.getByTestId("narrative-agency").first().isVisible()).toBe(true);
    expect(await page.getByTestId("narrative-entry").count()).toBeGreaterThan(5);
    // In English, the server names the dimensions in English.
    await page.getByTestId("language-switch").getByText("English").click();
    await expect.poll(() => page.locator("[data-testid=progress-dimension][data-node=D1]").innerText()).toContain("D1 · Participation at Local Levels");
    await page.getByTestId("language-switch").getByText("Tiếng Việt").click();
    await expect.poll(() => page.locator("[data-testid=progress-dimension][data-node=D1]").innerText()).toContain("D1 · Tham gia của người dân ở cấp cơ sở");
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  }, 90_000);

  test("on the demo plan, Sở Tài chính's officer sees each quarter's state; only the leader's approval sends a report; looking creates nothing", async () => {
    const { page, errors } = await signIn("demo.chuyenvien");
    const plans = await apiCall<{ id: number; number: string | null }[]>(page, "GET", "/plans?province=15");
    const demoPlan = plans.find((p) => p.number === "25/KH-UBND")!;
    const regime = await apiCall<{ regime: { id: number } }>(page, "GET", `/plans/${demoPlan.id}/regime`);
    const ownPath = `/regimes/${regime.regime.id}/reports?organisation=${await stcId(page)}`;
    const before = await apiCall<{ periods: { key: string; reportId: number | null; status: string | null; timeliness: string; sentOn: string | null }[] }>(page, "GET", ownPath);

    await page.goto(url(`/admin/plans/${demoPlan.id}?province=15&tab=reports`), { waitUntil: "networkidle" });
    await page.getByTestId("agency-periods").waitFor();
    const rows = page.getByTestId("regime-period");
    expect(await rows.count()).toBe(before.periods.length);
    const timeliness: Record<string, string> = { "on-time": "Đúng hạn", late: "Gửi muộn", missing: "Quá hạn, chưa gửi", pending: "Chưa gửi, còn hạn" };
    for (const period of before.periods) {
      const row = page.locator(`[data-testid=regime-period][data-period="${period.key}"]`);
      expect(await row.getAttribute("data-status")).toBe(period.status ?? "");
      if (period.reportId !== null) {
        expect(await row.getByTestId("timeliness").innerText()).toBe(timeliness[period.timeliness]);
        expect(await row.getByTestId("open-report").count()).toBe(1);
        expect(await row.getByTestId("create-report").count()).toBe(0);
      }
      if (period.sentOn) expect(await row.getByTestId("sent-on").innerText()).toMatch(/^Đã gửi \d{2}\/\d{2}\/2026$/);
    }
    // The third quarter: the officer submitted, the leader has not approved — not sent, and past its deadline.
    const q3 = page.locator('[data-testid=regime-period][data-period="2026-Q3"]');
    expect(await q3.getByTestId("report-status").innerText()).toBe("Chờ lãnh đạo duyệt");
    expect(await q3.getByTestId("timeliness").innerText()).toBe("Quá hạn, chưa gửi");
    expect(await q3.getByTestId("sent-on").count()).toBe(0);
    const q1 = page.locator('[data-testid=regime-period][data-period="2026-Q1"]');
    expect(await q1.getByTestId("report-status").innerText()).toBe("Đã tiếp nhận");
    await screenshot(page, "reports-21-demo-agency-periods");

    // Opened as it is: the report waiting for the leader, its deadline passed.
    await q3.getByTestId("open-report").click();
    await page.waitForURL(/\/admin\/reports\/\d+/);
    await page.getByTestId("report-form").waitFor();
    expect(await page.getByTestId("report-status").innerText()).toBe("Chờ lãnh đạo duyệt");
    expect(await page.getByTestId("report-deadline").innerText()).toMatch(/^17\/09\/2026 · đã quá hạn \d+ ngày$/);
    expect(await page.getByTestId("report-sent").count()).toBe(0);

    // Looking created nothing.
    const after = await apiCall<typeof before>(page, "GET", ownPath);
    expect(after.periods.map((p) => p.reportId)).toEqual(before.periods.map((p) => p.reportId));
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  }, 60_000);

  test("on a phone, the report form and the inbox fit the screen", async () => {
    const { page, errors } = await signIn("demo.chuyenvien", { width: 390, height: 844 });
    await page.goto(url(`${reportPath}?province=15`), { waitUntil: "networkidle" });
    await page.getByTestId("report-form").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "reports-16-phone-report");
    await goToReports(page);
    await page.getByTestId("reports-inbox").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "reports-17-phone-inbox");
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  }, 60_000);
});
