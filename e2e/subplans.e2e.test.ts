/**
 * A plan's whole cycle in a real browser, on a demonstration server (Lào Cai set up with one sample account
 * per role; 170/KH-UBND and 416/KH-UBND loaded): the coordinator builds a plan (a draft, a target, a task,
 * who does it in the assignment matrix, the document, issued with a number); the agency given the task (Sở
 * Tài chính) finds it on «Nhiệm vụ của cơ quan tôi», its officer starts the agency's plan and its leader
 * issues it; the coordinator sees it issued on time. Then the evaluation of 170/KH-UBND as a leader reads
 * it, next year's draft from Bắc Kạn's 2021 results with its suggested targets accepted, a matrix of 45
 * tasks and 20 bodies, and the plan on a phone.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { apiCall, screenshot, SCREENSHOTS, signInDemo, unexpected, useExplorer } from "./support.ts";

const PLAN = { number: "30/KH-UBND", summary: "Cải thiện Chỉ số PAPI của tỉnh Lào Cai năm 2026" };
const TASK = {
  ref: "II.1",
  text: "Công khai đầy đủ, kịp thời dự toán và quyết toán ngân sách cấp tỉnh trên Cổng thông tin điện tử của tỉnh",
};
const SUB_PLAN_NUMBER = "12/KH-STC";

const app = useExplorer({ demo: true });
const url = app.url;
/** The plan the coordinator builds (its page), shared by the tests that follow it. */
let planPath = "";

const signIn = (username: string, viewport?: { width: number; height: number }) => signInDemo(app.browser, app.server.url, username, viewport);

/** Today + n days as dd/mm/yyyy (Vietnam time), for a deadline that is still ahead whenever the test runs. */
function dayFromNow(days: number): string {
  const at = new Date(Date.now() + 7 * 3600_000 + days * 86_400_000);
  return `${String(at.getUTCDate()).padStart(2, "0")}/${String(at.getUTCMonth() + 1).padStart(2, "0")}/${at.getUTCFullYear()}`;
}

const cell = (page: Page, ref: string, agency: string) => page.locator(`[data-testid=matrix-row][data-ref="${ref}"] [data-testid=matrix-cell][data-agency="${agency}"]`);

async function addColumn(page: Page, agency: string) {
  await page.getByTestId("matrix-add-agency").click();
  await page.getByRole("option", { name: agency, exact: true }).click();
  await page.locator(`[data-testid=matrix-column][data-agency="${agency}"]`).waitFor();
}

const subPlanRow = (page: Page, agency: string) => page.locator(`[data-testid=sub-plan-row][data-agency="${agency}"]`);

describe("a plan from draft to the agencies' own plans", () => {
  test("the coordinator drafts it, enters a target, adds a task, assigns it in the matrix and issues it", async () => {
    const { page, errors } = await signIn("demo.dieuphoi");
    await page.goto(url("/admin/plans?province=15"), { waitUntil: "networkidle" });
    await page.getByTestId("new-plan").click();
    const form = page.getByTestId("plan-form");
    await form.getByTestId("field-year").fill("2026");
    await form.getByTestId("field-baseline-year").fill("2024");
    await form.getByTestId("field-summary").fill(PLAN.summary);
    await page.getByTestId("create-plan").click();
    await page.waitForURL(/\/admin\/plans\/\d+/);
    planPath = new URL(page.url()).pathname;

    // An empty draft opens in the target editor. Lào Cai (34-era) has no official results of its own to
    // suggest targets from (the suggestion is accepted on a 63-era draft below): one target by hand.
    await page.getByTestId("suggestion-panel").getByTestId("suggestion-none").waitFor();
    expect(await page.getByTestId("suggestion-none").innerText()).toContain("Lào Cai (từ 01/07/2025) chưa có kết quả PAPI chính thức của riêng mình");
    await page.getByTestId("add-target").click();
    await page.getByTestId("editor-row").getByTestId("editor-value").fill("45,5");
    await page.getByTestId("save-targets").click();
    await page.getByTestId("toast").getByText("Đã lưu 1 chỉ tiêu.").waitFor();
    await expect.poll(() => page.getByTestId("target-row").count()).toBe(1);

    // A task serving sub-dimension 2.1 stands under D2; nobody leads it yet.
    await page.getByTestId("tab-tasks").click();
    await page.getByTestId("no-tasks").waitFor();
    await page.getByTestId("add-task").click();
    const taskForm = page.getByTestId("task-form");
    await taskForm.getByTestId("task-field-ref").fill(TASK.ref);
    await taskForm.getByTestId("task-field-text").fill(TASK.text);
    await taskForm.getByTestId("task-field-nodes").click();
    await page.getByRole("option", { name: /^2\.1 · / }).click();
    await taskForm.getByTestId("task-field-ref").click();
    await taskForm.getByTestId("task-field-due").fill("30/06/2026");
    await page.getByTestId("save-task").click();
    await page.getByTestId("toast").getByText("Đã thêm nhiệm vụ.").waitFor();
    const group = page.locator("[data-testid=task-group][data-dimension=D2]");
    await group.getByTestId("task-row").waitFor();
    expect(await group.getByTestId("task-group-title").innerText()).toBe("D2 · Công khai, minh bạch");
    expect(await group.getByTestId("task-due").innerText()).toBe("Thời hạn: 30/06/2026");
    await group.getByTestId("task-no-lead").waitFor();
    await screenshot(page, "subplans-02-tasks");

    // The matrix: Sở Tài chính leads (one click), Sở Nội vụ supports (two clicks); saved at once.
    await page.getByTestId("tab-assignments").click();
    await page.getByTestId("matrix-empty").waitFor();
    await addColumn(page, "Sở Tài chính");
    await addColumn(page, "Sở Nội vụ");
    await cell(page, TASK.ref, "Sở Tài chính").click();
    await cell(page, TASK.ref, "Sở Nội vụ").click();
    await cell(page, TASK.ref, "Sở Nội vụ").click();
    await expect.poll(() => cell(page, TASK.ref, "Sở Tài chính").getAttribute("data-role")).toBe("lead");
    await expect.poll(() => cell(page, TASK.ref, "Sở Nội vụ").getAttribute("data-role")).toBe("support");
    await expect.poll(() => page.locator("[data-testid=matrix-row][data-saving]").count()).toBe(0);
    expect(await cell(page, TASK.ref, "Sở Tài chính").innerText()).toBe("Chủ trì");
    await screenshot(page, "subplans-03-matrix");
    await page.reload({ waitUntil: "networkidle" });
    await expect.poll(() => cell(page, TASK.ref, "Sở Tài chính").getAttribute("data-role")).toBe("lead");
    expect(await cell(page, TASK.ref, "Sở Nội vụ").getAttribute("data-role")).toBe("support");
    // A body without any part is no column.
    expect(await page.getByTestId("matrix-column").count()).toBe(2);

    // The document: the agencies' deadline and the purpose.
    const deadline = dayFromNow(30);
    await page.getByTestId("tab-document").click();
    await page.getByTestId("edit-document").click();
    await page.getByTestId("doc-subPlanDeadline").fill(deadline);
    await page.getByTestId("doc-objectives").fill("Nâng cao chất lượng quản trị và hành chính công của tỉnh; cải thiện điểm các nội dung còn thấp.");
    await page.getByTestId("doc-signerAuthority").fill("TM. ỦY BAN NHÂN DÂN");
    await page.getByTestId("doc-signerTitle").fill("CHỦ TỊCH");
    await page.getByTestId("save-document").click();
    await page.getByTestId("toast").getByText("Đã lưu văn bản.").waitFor();
    expect(await page.getByTestId("document-sub-plan-deadline").innerText()).toBe(deadline);
    expect(await page.getByTestId("section-objectives").innerText()).toContain("cải thiện điểm các nội dung còn thấp");
    await screenshot(page, "subplans-04-document");

    // Issued with a number and today's date; nothing can be changed afterwards.
    await page.getByTestId("issue-plan").click();
    const issue = page.getByTestId("issue-form");
    expect(await issue.getByTestId("issue-date").inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await issue.getByTestId("issue-number").fill(PLAN.number);
    await issue.getByTestId("issue-signer").fill("Trịnh Xuân Trường");
    await screenshot(page, "subplans-05-issue");
    await page.getByTestId("confirm-issue").click();
    await page.getByTestId("toast").getByText(`Đã ban hành Kế hoạch ${PLAN.number}.`).waitFor();
    await expect.poll(() => page.getByTestId("plan-number").innerText()).toBe(`Số: ${PLAN.number}`);
    expect(await page.getByTestId("signer").innerText()).toMatch(/TM\. ỦY BAN NHÂN DÂN\s+CHỦ TỊCH\s+Trịnh Xuân Trường/);
    expect(await page.getByTestId("issue-plan").count()).toBe(0);
    expect(await page.getByTestId("delete-plan").count()).toBe(0);
    expect(await page.getByTestId("edit-document").count()).toBe(0);
    await page.getByTestId("supersede-plan").waitFor();

    // The agencies' plans: both assigned bodies, none yet.
    await page.getByTestId("tab-sub-plans").click();
    await expect.poll(() => page.getByTestId("sub-plan-deadline").innerText()).toBe(`Hạn gửi Sở Nội vụ: ${deadline}`);
    expect(await subPlanRow(page, "Sở Tài chính").getAttribute("data-status")).toBe("missing");
    expect(await subPlanRow(page, "Sở Nội vụ").getAttribute("data-status")).toBe("missing");
    expect(await page.getByTestId("count-missing").innerText()).toBe("Chưa có: 2");
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  }, 120_000);

  test("Sở Tài chính: the officer finds the task and starts the agency's plan, the leader issues it", async () => {
    expect(planPath).not.toBe("");
    const officer = await signIn("demo.chuyenvien");
    let page = officer.page;
    await page.getByTestId("admin-nav").getByRole("link", { name: "Nhiệm vụ của cơ quan tôi" }).click();
    await page.waitForURL(/\/admin\/my-tasks/);
    expect(await page.getByTestId("my-agency").innerText()).toBe("Sở Tài chính");
    let group = page.locator(`[data-testid=my-plan][data-number="${PLAN.number}"]`);
    await group.waitFor();
    expect(await group.getByTestId("my-task").count()).toBe(1);
    expect(await group.getByTestId("my-role").innerText()).toBe("Chủ trì");
    expect(await group.getByTestId("my-plan-deadline").innerText()).toMatch(/^Hạn gửi Sở Nội vụ: \d{2}\/\d{2}\/\d{4}$/);
    await group.getByTestId("create-sub-plan").waitFor();
    await screenshot(page, "subplans-06-my-tasks");

    await group.getByTestId("create-sub-plan").click();
    await page.waitForURL(/\/admin\/plans\/\d+/);
    await page.getByTestId("toast").getByText("Đã lập dự thảo kế hoạch của Sở Tài chính.").waitFor();
    expect(await page.getByTestId("plan-organisation").innerText()).toBe("Kế hoạch của Sở Tài chính");
    expect(await page.getByTestId("parent-plan").innerText()).toBe(`Kế hoạch ${PLAN.number}`);
    expect(await page.getByTestId("plan-province").innerText()).toBe("Lào Cai");
    // An agency's plan opens on its tasks: the assigned one, from the province's plan.
    const row = page.getByTestId("task-row");
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId("inherited-from").innerText()).toBe(`Từ nhiệm vụ ${TASK.ref} của Kế hoạch ${PLAN.number}`);
    expect(await row.getByTestId("task-text").innerText()).toBe(TASK.text);
    // The officer drafts; the leader issues.
    await page.getByTestId("add-task").waitFor();
    expect(await page.getByTestId("issue-plan").count()).toBe(0);
    await screenshot(page, "subplans-07-sub-plan-draft");
    expect(unexpected(officer.errors)).toEqual([]);
    await page.close();

    const leader = await signIn("demo.lanhdao");
    page = leader.page;
    await page.getByTestId("admin-nav").getByRole("link", { name: "Nhiệm vụ của cơ quan tôi" }).click();
    group = page.locator(`[data-testid=my-plan][data-number="${PLAN.number}"]`);
    await group.getByTestId("own-sub-plan").waitFor();
    expect(await group.getByTestId("sub-plan-status").innerText()).toBe("Đang soạn");
    await group.getByTestId("own-sub-plan-link").click();
    await page.waitForURL(/\/admin\/plans\/\d+/);
    await page.getByTestId("issue-plan").click();
    await page.getByTestId("issue-form").getByTestId("issue-number").fill(SUB_PLAN_NUMBER);
    await page.getByTestId("confirm-issue").click();
    await page.getByTestId("toast").getByText(`Đã ban hành Kế hoạch ${SUB_PLAN_NUMBER}.`).waitFor();
    await expect.poll(() => page.getByTestId("plan-number").innerText()).toBe(`Số: ${SUB_PLAN_NUMBER}`);
    await page.getByTestId("admin-nav").getByRole("link", { name: "Nhiệm vụ của cơ quan tôi" }).click();
    await expect.poll(() => group.getByTestId("sub-plan-status").innerText()).toBe("Đã ban hành đúng hạn");
    expect(await group.getByTestId("own-sub-plan-link").innerText()).toBe(SUB_PLAN_NUMBER);
    expect(unexpected(leader.errors)).toEqual([]);
    await page.close();
  }, 90_000);

  test("the coordinator sees Sở Tài chính's plan issued on time, and filters to the agencies that have not issued", async () => {
    const { page, errors } = await signIn("demo.dieuphoi");
    await page.goto(url(`${planPath}?province=15&tab=sub-plans`), { waitUntil: "networkidle" });
    const finance = subPlanRow(page, "Sở Tài chính");
    await finance.waitFor();
    expect(await finance.getAttribute("data-status")).toBe("issued-on-time");
    expect(await finance.getByTestId("sub-plan-status").innerText()).toBe("Đã ban hành đúng hạn");
    expect(await finance.getByTestId("sub-plan-link").innerText()).toBe(SUB_PLAN_NUMBER);
    expect(await page.getByTestId("count-on-time").innerText()).toBe("Đã ban hành đúng hạn: 1");
    expect(await page.getByTestId("count-missing").innerText()).toBe("Chưa có: 1");
    await screenshot(page, "subplans-08-tracking");
    await page.getByTestId("only-missing").click({ force: true });
    await expect.poll(() => finance.count()).toBe(0);
    expect(await subPlanRow(page, "Sở Nội vụ").getByTestId("sub-plan-status").innerText()).toBe("Chưa có");

    // The agency's plan from the tracking table: its tasks name the province task they carry out.
    await page.getByTestId("only-missing").click({ force: true });
    await finance.getByTestId("sub-plan-link").click();
    await page.waitForURL(/\/admin\/plans\/\d+/);
    expect(await page.getByTestId("inherited-from").innerText()).toBe(`Từ nhiệm vụ ${TASK.ref} của Kế hoạch ${PLAN.number}`);

    // The list: the agency's plan beside the province's, by the agency's name.
    await page.getByTestId("back-to-plans").click();
    const listed = page.locator(`[data-testid=plan-row][data-number="${SUB_PLAN_NUMBER}"]`);
    await listed.waitFor();
    expect(await listed.innerText()).toContain("Sở Tài chính");
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  }, 60_000);
});

describe("reading results", () => {
  test("the evaluation of 170/KH-UBND: the overview first, 9 met and 9 missed, dimension by dimension with its tasks and leads", async () => {
    const { page, errors } = await signIn("demo.dieuphoi");
    await page.goto(url("/admin/plans?province=15"), { waitUntil: "networkidle" });
    await page.locator('[data-testid=plan-row][data-number="170/KH-UBND"]').getByTestId("plan-link").click();
    await page.getByTestId("tab-evaluation").click();
    const overview = page.getByTestId("evaluation-overview");
    await overview.waitFor();
    const sentences = await overview.getByTestId("overview-sentence").allInnerTexts();
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    expect(sentences.length).toBeLessThanOrEqual(6);
    expect(sentences.join(" ")).toContain("170/KH-UBND");
    expect(await page.getByTestId("count-met").innerText()).toBe("Đạt: 9");
    expect(await page.getByTestId("count-missed").innerText()).toBe("Không đạt: 9");

    const cards = page.getByTestId("dimension-card");
    await expect.poll(() => cards.count()).toBe(8);
    const d1 = page.locator("[data-testid=dimension-card][data-node=D1]");
    expect(await d1.innerText()).toContain("D1 · Tham gia của người dân ở cấp cơ sở");
    expect(await d1.getByTestId("dimension-baseline").innerText()).toMatch(/^Năm gốc 2018: \d+,\d{3} điểm · thay đổi [+−]\d+,\d{3} điểm$/);
    expect(await d1.getByTestId("dimension-target").count()).toBeGreaterThan(0);
    await d1.getByTestId("dimension-tasks-toggle").click();
    await expect.poll(() => d1.getByTestId("dimension-tasks").locator("li").count()).toBeGreaterThan(0);
    expect(await d1.getByTestId("dimension-tasks").innerText()).toContain("II.1.a");
    await screenshot(page, "subplans-09-evaluation");

    // In English, the overview comes in English.
    await page.getByTestId("language-switch").getByText("English").click();
    await expect.poll(() => page.getByTestId("count-met").innerText()).toBe("Met: 9");
    await expect.poll(async () => (await overview.getByTestId("overview-sentence").allInnerTexts()).join(" ")).toMatch(/[Tt]arget/);
    await page.getByTestId("language-switch").getByText("Tiếng Việt").click();
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  test("next year's draft from Bắc Kạn's 2021 results (416/KH-UBND): the weak points named as the plan names them, created, its targets taken again from another goal", async () => {
    const { page, errors } = await signIn("demo.admin");
    await page.getByTestId("admin-nav").getByRole("link", { name: "Kế hoạch" }).click();
    await page.getByTestId("scope-switch").getByText("Toàn hệ thống").click();
    await page.locator('[data-testid=plan-row][data-number="416/KH-UBND"]').getByTestId("plan-link").click();
    await page.getByTestId("tab-evaluation").click();
    await page.getByTestId("next-draft").click();
    await page.waitForURL(/\/admin\/plans\/next-draft\?/);
    // From the plan's evaluation: the year after it; its baseline (2021) is the year before 416's own.
    expect(await page.getByTestId("next-draft-year").inputValue()).toBe("2023");
    await page.getByTestId("next-draft-year").fill("2022");
    const base = page.getByTestId("next-draft-base");
    await expect.poll(() => base.locator("h2").first().innerText()).toContain("Kết quả năm 2021 của Bắc Kạn");
    const codes = (id: string) => base.getByTestId(id).getByTestId("weak-item").evaluateAll((items) => items.map((i) => i.getAttribute("data-code")));
    expect(await codes("weak-dimensions")).toEqual(["D1", "D3", "D7", "D8"]);
    expect(await codes("weak-subdimensions")).toEqual(["1.1", "1.4", "2.1", "3.2", "7.3", "8.1", "8.3"]);
    expect(await base.getByTestId("weak-subdimensions").innerText()).toMatch(/Tri thức công dân 0,66\/2,5/);
    expect(await page.getByTestId("next-draft-total").innerText()).toMatch(/^42,153\/80 điểm · hạng 34\/60/);
    await page.getByTestId("next-draft-analysis").waitFor();
    await page.getByTestId("next-draft-from").waitFor();
    await page.getByTestId("next-draft-targets").getByTestId("suggestion-table").waitFor();
    await screenshot(page, "subplans-10-next-draft");

    await page.getByTestId("create-next-draft").click();
    await page.waitForURL(/\/admin\/plans\/\d+/);
    await page.getByTestId("toast").getByText("Đã tạo dự thảo kế hoạch năm 2022.").waitFor();
    // A draft like any other: the suggested targets, the analysis as its context, all editable.
    await expect.poll(() => page.getByTestId("target-row").count()).toBe(9);
    const total = page.locator("[data-testid=target-row][data-node=total]");
    const suggested = await total.innerText();
    expect(suggested).toMatch(/Đạt từ \d+,\d+ điểm trở lên/);
    await page.getByTestId("tab-document").click();
    expect(await page.getByTestId("section-context").innerText()).toContain("42,153");
    await page.getByTestId("edit-document").waitFor();

    // The targets again from another goal (5 places up), accepted in the editor: the rows change in place.
    await page.getByTestId("tab-targets").click();
    await page.getByTestId("edit-targets").click();
    await page.getByTestId("show-suggestion").click();
    await page.getByTestId("suggestion-goal").getByText("Tăng bậc").click();
    await page.getByTestId("suggestion-places").fill("5");
    await expect.poll(() => page.getByTestId("suggestion-reason").first().innerText()).toMatch(/^Để lên hạng 29,/);
    await screenshot(page, "subplans-11-suggestion");
    await page.getByTestId("accept-suggestion").click();
    await page.getByTestId("suggestion-accepted").waitFor();
    await expect.poll(() => page.getByTestId("editor-row").count()).toBe(9);
    await page.getByTestId("save-targets").click();
    await page.getByTestId("toast").getByText("Đã lưu 9 chỉ tiêu.").waitFor();
    await expect.poll(() => total.innerText()).not.toBe(suggested);
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  }, 90_000);
});

describe("a large plan", () => {
  test("the matrix of 45 tasks and 20 bodies scrolls with its header row and task column in view", async () => {
    const { page, errors } = await signIn("demo.dieuphoi");
    await page.goto(url("/admin/plans?province=15"), { waitUntil: "networkidle" });
    const draft = await apiCall<{ id: number }>(page, "POST", "/provinces/15/plans", {
      year: 2027,
      baselineYear: 2024,
      issuingBody: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
      summary: "Kế hoạch thử với nhiều nhiệm vụ",
    });
    const bodies = (await apiCall<{ id: number; name: string; kind: string }[]>(page, "GET", `/plans/${draft.id}/agencies`)).filter((b) => b.kind !== "commune").slice(0, 20);
    expect(bodies.length).toBe(20);
    for (let i = 0; i < 45; i += 1) {
      await apiCall(page, "POST", `/plans/${draft.id}/tasks`, {
        ref: `${Math.floor(i / 5) + 1}.${(i % 5) + 1}`,
        text: `Nhiệm vụ thử số ${i + 1}: tăng cường công khai, minh bạch và trách nhiệm giải trình của các cơ quan trong tỉnh`,
        nodes: [`D${(i % 8) + 1}`],
        agencies: [
          { role: "lead", organisationId: bodies[i % 20]!.id },
          { role: "support", organisationId: bodies[(i + 7) % 20]!.id },
        ],
      });
    }
    await page.goto(url(`/admin/plans/${draft.id}?province=15&tab=assignments`), { waitUntil: "networkidle" });
    await expect.poll(() => page.getByTestId("matrix-row").count()).toBe(45);
    expect(await page.getByTestId("matrix-column").count()).toBe(20);
    await screenshot(page, "subplans-12-matrix-large");

    // Scrolled right and down inside the matrix: the header row and the task column stay where they were.
    const scroller = page.getByTestId("matrix-scroll");
    const box = (await scroller.boundingBox())!;
    await scroller.evaluate((el) => el.scrollTo(el.scrollWidth, el.scrollHeight));
    const header = (await page.getByTestId("matrix-column").last().boundingBox())!;
    expect(Math.abs(header.y - box.y)).toBeLessThan(2);
    const lastRow = page.getByTestId("matrix-row").last().locator("th");
    expect(Math.abs((await lastRow.boundingBox())!.x - box.x)).toBeLessThan(2);
    await page.screenshot({ path: `${SCREENSHOTS}subplans-13-matrix-scrolled.png` });
    // The last cell of the last row is reachable and works.
    const last = page.getByTestId("matrix-row").last().getByTestId("matrix-cell").last();
    const before = await last.getAttribute("data-role");
    await last.click();
    await expect.poll(() => last.getAttribute("data-role")).not.toBe(before);
    await expect.poll(() => page.locator("[data-testid=matrix-row][data-saving]").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  }, 120_000);

  test("on a phone, an issued plan and its tabs fit the screen", async () => {
    const { page, errors } = await signIn("demo.dieuphoi", { width: 390, height: 844 });
    await page.goto(url(`${planPath}?province=15&tab=tasks`), { waitUntil: "networkidle" });
    await page.getByTestId("task-row").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "subplans-14-phone-tasks");
    await page.getByTestId("tab-assignments").click();
    await page.getByTestId("assignment-matrix").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "subplans-15-phone-matrix");
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
