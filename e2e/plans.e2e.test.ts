/**
 * Plans in a real browser, on a demonstration server (its two real plans: Lào Cai's 170/KH-UBND of 2019
 * and Bắc Kạn's 416/KH-UBND of 2022): the Lào Cai coordinator reads the old province's plan with its
 * review flag and its evaluation, draws up a draft and enters its targets; an officer reads plans without
 * a way to change them; the administrator sees every province's plans; and the plan on a phone.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { screenshot, SCREENSHOTS, signInDemo, unexpected, useExplorer } from "./support.ts";

const D6_FLAG = "D6: ghi «tăng 0,5 điểm», nhưng 7,22 − 7,1723 (năm gốc) = 0,05 điểm.";
const DRAFT = { number: "27/KH-UBND", summary: "Cải thiện Chỉ số PAPI của tỉnh Lào Cai năm 2026" };

const app = useExplorer({ demo: true });
const url = app.url;

const signIn = (username: string, viewport?: { width: number; height: number }) => signInDemo(app.browser, app.server.url, username, viewport);

const planRow = (page: Page, number: string) => page.locator(`[data-testid=plan-row][data-number="${number}"]`);
const numbersListed = (page: Page) => page.getByTestId("plan-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-number")));

describe("the Lào Cai coordinator", () => {
  test("reads 170/KH-UBND (old Lào Cai's plan, not Bắc Kạn's 416/KH-UBND): the document, the D6 review flag, the evaluation", async () => {
    const { page, errors } = await signIn("demo.dieuphoi");
    await page.getByTestId("admin-nav").getByRole("link", { name: "Kế hoạch" }).click();
    await page.waitForURL(/\/admin\/plans\?province=15/);
    const row = planRow(page, "170/KH-UBND");
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain("25/04/2019");
    expect(text).toContain("Cải thiện Chỉ số Hiệu quả quản trị và Hành chính công cấp tỉnh (PAPI) của tỉnh Lào Cai năm 2019");
    expect(text).toContain("Lào Cai (trước 01/07/2025)");
    expect(text).toContain("Đã ban hành");
    expect(text).toMatch(/2019\s+2018\s+Đã ban hành\s+18/);
    // The demo's own 2026 plan (with its reporting year) stands first, the newest.
    expect(await numbersListed(page)).toEqual(["25/KH-UBND", "170/KH-UBND"]);
    await page.getByTestId("new-plan").waitFor();
    await screenshot(page, "plans-list");

    await row.getByTestId("plan-link").click();
    await page.waitForURL(/\/admin\/plans\/\d+/);
    const header = page.getByTestId("plan-header");
    await header.waitFor();
    expect(await header.getByTestId("issuing-body").innerText()).toBe("ỦY BAN NHÂN DÂN TỈNH LÀO CAI");
    expect(await header.getByTestId("plan-number").innerText()).toBe("Số: 170/KH-UBND");
    expect(await header.getByTestId("place-date").innerText()).toBe("Lào Cai, ngày 25 tháng 4 năm 2019");
    expect(await header.getByTestId("signer").innerText()).toMatch(/TM\. ỦY BAN NHÂN DÂN\s+CHỦ TỊCH\s+Đặng Xuân Phong/);

    // The targets in the plan's wording, the nodes by their framework names, the baseline-year figures.
    const targets = page.getByTestId("target-row");
    await expect.poll(() => targets.count()).toBe(18);
    const totalScore = page.locator("[data-testid=target-row][data-node=total][data-kind=score]");
    expect(await totalScore.innerText()).toContain("Đạt từ 46,96 điểm trở lên");
    expect(await totalScore.innerText()).toContain("44,373");
    const d1 = page.locator("[data-testid=target-row][data-node=D1][data-kind=score]");
    expect(await d1.innerText()).toContain("D1 · Tham gia của người dân ở cấp cơ sở");
    expect(await d1.innerText()).toContain("Đạt 5,6 điểm (tăng 0,19 điểm so với năm 2018)");
    expect(await page.locator("[data-testid=target-row][data-node=D1][data-kind=group]").innerText()).toContain("Thuộc nhóm đạt điểm trung bình cao");

    // The review flag: in the list above the table and beside the D6 score target only.
    const flags = page.getByTestId("review-flags");
    expect(await flags.getByTestId("review-flag").allInnerTexts()).toEqual([D6_FLAG]);
    expect(await page.locator("[data-testid=target-row][data-node=D6][data-kind=score]").getByTestId("target-flag").innerText()).toBe(`⚠ ${D6_FLAG}`);
    expect(await page.getByTestId("target-flag").count()).toBe(1);
    // An issued plan cannot be edited.
    expect(await page.getByTestId("edit-targets").count()).toBe(0);
    await screenshot(page, "plans-plan");
    await page.locator("[data-testid=target-row][data-node=D6][data-kind=score]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}plans-flags.png` });

    // The evaluation: 9 met, 9 missed, the total 1,905 points short of its target.
    await page.getByTestId("tab-evaluation").click();
    await page.waitForURL(/tab=evaluation/);
    const summary = page.getByTestId("evaluation-summary");
    expect(await summary.getByTestId("count-met").innerText()).toBe("Đạt: 9");
    expect(await summary.getByTestId("count-missed").innerText()).toBe("Không đạt: 9");
    expect(await summary.getByTestId("count-no-data").innerText()).toBe("Chưa có dữ liệu: 0");
    const overview = (await summary.getByTestId("overview-sentence").allInnerTexts()).join(" ");
    expect(overview).toContain("Kế hoạch 170/KH-UBND đặt 18 chỉ tiêu về Chỉ số PAPI năm 2019 của tỉnh Lào Cai: đạt 9, không đạt 9.");
    expect(overview).toContain("Điểm tổng hợp đạt 45,055/80 điểm (năm gốc: 44,373), xếp thứ 13/63, thuộc nhóm đạt điểm cao nhất.");
    expect(overview).toContain("đạt từ 46,96 điểm: không đạt (thiếu 1,905 điểm)");
    const total = page.locator("[data-testid=evaluation-row][data-node=total][data-kind=score]");
    expect(await total.getAttribute("data-status")).toBe("missed");
    expect(await total.getByTestId("gap").innerText()).toBe("−1,905 điểm");
    expect(await total.getByTestId("status-badge").innerText()).toBe("Không đạt");
    const d8 = page.locator("[data-testid=evaluation-row][data-node=D8][data-kind=score]");
    expect(await d8.getByTestId("gap").innerText()).toBe("+0,220 điểm");
    expect(await d8.getByTestId("status-badge").innerText()).toBe("Đạt");
    await expect.poll(() => page.locator("[data-testid=evaluation-row][data-status=met]").count()).toBe(9);
    expect(await page.locator("[data-testid=evaluation-row][data-status=missed]").count()).toBe(9);
    await page.getByTestId("evaluation-chart").locator("svg").waitFor();
    await screenshot(page, "plans-evaluation");

    // In English: the same answer, the flag and the date in English.
    await page.getByTestId("language-switch").getByText("English").click();
    await expect.poll(() => summary.getByTestId("count-met").innerText()).toBe("Met: 9");
    expect(await total.getByTestId("gap").innerText()).toBe("−1.905 points");
    expect(await header.getByTestId("place-date").innerText()).toBe("Lào Cai, 25 April 2019");
    await page.getByTestId("tab-targets").click();
    await expect.poll(() => page.getByTestId("review-flag").innerText()).toBe("D6: states an increase of 0.5, but 7.22 − 7.1723 (baseline) = 0.05.");
    await page.getByTestId("language-switch").getByText("Tiếng Việt").click();
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  test("draws up a draft plan, enters two targets (the server's refusal shown on the row), saves, and finds them after a reload", async () => {
    const { page, errors } = await signIn("demo.dieuphoi");
    await page.goto(url("/admin/plans?province=15"), { waitUntil: "networkidle" });
    await page.getByTestId("new-plan").click();
    const form = page.getByTestId("plan-form");
    expect(await form.getByTestId("field-year").inputValue()).toMatch(/^\d{4}$/);
    await form.getByTestId("field-year").fill("2026");
    await form.getByTestId("field-baseline-year").fill("2024");
    expect(await form.getByLabel("Cơ quan ban hành").inputValue()).toBe("ỦY BAN NHÂN DÂN TỈNH LÀO CAI");
    await form.getByTestId("field-number").fill(DRAFT.number);
    await form.getByTestId("field-summary").fill(DRAFT.summary);
    await form.getByLabel("Ngày ban hành").fill("15/03/2026");
    await page.getByTestId("create-plan").click();

    // The new draft opens in the editor.
    await page.waitForURL(/\/admin\/plans\/\d+/);
    await page.getByTestId("toast").getByText(`Đã lập dự thảo kế hoạch «${DRAFT.number}».`).waitFor();
    const editor = page.getByTestId("target-editor");
    await editor.waitFor();
    expect(await page.getByTestId("place-date").innerText()).toBe("Lào Cai, ngày 15 tháng 3 năm 2026");
    await page.getByTestId("add-target").click();
    await page.getByTestId("add-target").click();
    const rows = page.getByTestId("editor-row");
    await expect.poll(() => rows.count()).toBe(2);
    // 1: the total, a score «từ … trở lên» typed with a decimal comma.
    await rows.nth(0).getByTestId("editor-value").fill("5000");
    await rows.nth(0).getByLabel("Cách ghi").click();
    await page.getByRole("option", { name: "Từ … điểm trở lên" }).click();
    await rows.nth(0).getByTestId("editor-stated-text").fill("Phấn đấu Chỉ số PAPI tổng hợp năm 2026 đạt từ 46,5 điểm trở lên");
    // 2: D1 in the highest group.
    await rows.nth(1).getByTestId("editor-node").click();
    await page.getByRole("option", { name: "D1 · Tham gia của người dân ở cấp cơ sở" }).click();
    await rows.nth(1).getByTestId("editor-kind").click();
    await page.getByRole("option", { name: "Nhóm", exact: true }).click();
    await rows.nth(1).getByTestId("editor-group").click();
    await page.getByRole("option", { name: "Nhóm đạt điểm cao nhất" }).click();

    // 5000 points is refused by the server: its message, on the form and on the row.
    await page.getByTestId("save-targets").click();
    await expect.poll(() => page.getByTestId("form-error").innerText()).toContain("Yêu cầu không hợp lệ");
    // Named by the form's own label and said plainly, not in the API's field names or zod's type names.
    expect(await rows.nth(0).getByTestId("editor-row-error").innerText()).toBe("«Điểm cần đạt»: không được lớn hơn 1.000");
    await screenshot(page, "plans-editor-refused");
    await rows.nth(0).getByTestId("editor-value").fill("46,5");
    expect(await rows.nth(0).innerText()).toContain("Đạt từ 46,5 điểm trở lên");
    expect(await rows.nth(0).getByTestId("editor-row-error").count()).toBe(0);
    expect(await page.getByTestId("form-error").count()).toBe(0);
    await screenshot(page, "plans-editor");
    await page.getByTestId("save-targets").click();
    await page.getByTestId("toast").getByText("Đã lưu 2 chỉ tiêu.").waitFor();

    await page.reload({ waitUntil: "networkidle" });
    const targets = page.getByTestId("target-row");
    await expect.poll(() => targets.count()).toBe(2);
    expect(await targets.nth(0).innerText()).toContain("Tổng hợp");
    expect(await targets.nth(0).innerText()).toContain("Đạt từ 46,5 điểm trở lên");
    expect(await targets.nth(0).innerText()).toContain("Phấn đấu Chỉ số PAPI tổng hợp năm 2026 đạt từ 46,5 điểm trở lên");
    expect(await targets.nth(1).innerText()).toContain("D1 · Tham gia của người dân ở cấp cơ sở");
    expect(await targets.nth(1).innerText()).toContain("Thuộc nhóm đạt điểm cao nhất");
    await page.getByTestId("edit-targets").waitFor();
    // No results for 2026 yet: no evaluation tab.
    expect(await page.getByTestId("tab-evaluation").count()).toBe(0);
    await page.getByTestId("no-results-yet").waitFor();
    await screenshot(page, "plans-draft");

    // The list: the draft first (2026), with its two targets.
    await page.getByTestId("back-to-plans").click();
    await expect.poll(() => numbersListed(page)).toEqual([DRAFT.number, "25/KH-UBND", "170/KH-UBND"]);
    expect(await planRow(page, DRAFT.number).innerText()).toMatch(/2026\s+2024\s+Dự thảo\s+2/);
    expect(unexpected(errors, 400)).toEqual([]);
    await page.close();
  }, 90_000);
});

describe("an officer", () => {
  test("reads the plans and their targets, with no way to draw one up or change one", async () => {
    const { page, errors } = await signIn("demo.chuyenvien");
    await page.getByTestId("admin-nav").getByRole("link", { name: "Kế hoạch" }).click();
    await planRow(page, "170/KH-UBND").waitFor();
    await planRow(page, DRAFT.number).waitFor();
    await page.getByTestId("read-only").waitFor();
    expect(await page.getByTestId("new-plan").count()).toBe(0);
    await screenshot(page, "plans-officer-list");

    // Even a draft: read only.
    await planRow(page, DRAFT.number).getByTestId("plan-link").click();
    await expect.poll(() => page.getByTestId("target-row").count()).toBe(2);
    expect(await page.getByTestId("edit-targets").count()).toBe(0);
    expect(await page.getByTestId("target-editor").count()).toBe(0);
    await page.getByTestId("back-to-plans").click();
    await planRow(page, "170/KH-UBND").getByTestId("plan-link").click();
    await page.getByTestId("review-flags").waitFor();
    await page.getByTestId("tab-evaluation").click();
    await page.getByTestId("evaluation-summary").waitFor();
    expect(await page.getByTestId("edit-targets").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe("the administrator", () => {
  test("sees every province's plans: Lào Cai's and Bắc Kạn's 416/KH-UBND (met: 34th → 30th)", async () => {
    const { page, errors } = await signIn("demo.admin");
    await page.getByTestId("admin-nav").getByRole("link", { name: "Kế hoạch" }).click();
    await planRow(page, "170/KH-UBND").waitFor();
    expect(await planRow(page, "416/KH-UBND").count()).toBe(0);
    await page.getByTestId("scope-switch").getByText("Toàn hệ thống").click();
    await expect.poll(() => numbersListed(page)).toEqual([DRAFT.number, "25/KH-UBND", "416/KH-UBND", "170/KH-UBND"]);
    expect(await page.getByTestId("new-plan").count()).toBe(0);
    await screenshot(page, "plans-admin-all");

    await planRow(page, "416/KH-UBND").getByTestId("plan-link").click();
    await page.getByTestId("plan-header").waitFor();
    expect(await page.getByTestId("place-date").innerText()).toBe("Bắc Kạn, ngày 01 tháng 7 năm 2022");
    expect(await page.getByTestId("target-row").innerText()).toContain("Tăng ít nhất 01 bậc");
    expect(await page.getByTestId("target-row").innerText()).toContain("hạng 34/60");
    await page.getByTestId("tab-evaluation").click();
    const row = page.getByTestId("evaluation-row");
    expect(await row.getAttribute("data-status")).toBe("met");
    expect(await row.innerText()).toContain("hạng 30/61");
    expect(await row.getByTestId("gap").innerText()).toBe("+3 bậc");
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe("on a phone", () => {
  test("the plan and its evaluation fit the screen", async () => {
    const { page, errors } = await signIn("demo.dieuphoi", { width: 390, height: 844 });
    await page.goto(url("/admin/plans?province=15"), { waitUntil: "networkidle" });
    await page.getByTestId("plan-cards").waitFor();
    await planRow(page, "170/KH-UBND").getByTestId("plan-link").click();
    await expect.poll(() => page.getByTestId("target-row").count()).toBe(18);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId("tab-evaluation").click();
    await expect.poll(() => page.getByTestId("evaluation-row").count()).toBe(18);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "plans-phone");
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
