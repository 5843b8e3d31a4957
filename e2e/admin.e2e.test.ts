/**
 * The administration part in a real browser, on a demonstration server (CHISO_DEMO: Lào Cai set up, one
 * sample account per role): what each role sees and may do, a coordinator's day (a body, a person, the
 * log), a temporary password changed at first sign-in, the administrator disabling an account, the
 * directory import, and the public explorer untouched for people who never sign in.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningServer } from "../src/server.ts";
import { DEMO_PASSWORD as PASSWORD, openPage, screenshot, signInThroughForm, startExplorer, unexpected } from "./support.ts";

const ALL_SECTIONS = ["Cơ quan, đơn vị", "Kế hoạch", "Người dùng", "Nhập từ Excel", "Nhật ký"];

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ({ server, browser } = await startExplorer({ demo: true }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const url = (path: string) => `${server.url}${path}`;

const signIn = (username: string, password = PASSWORD) => signInThroughForm(browser, server.url, username, password);

/** Signs Sở Nội vụ in: its home is the province's overview; then the list of agencies, where its work starts. */
async function signInCoordinator(): Promise<{ page: Page; errors: string[] }> {
  const signedIn = await signIn("demo.dieuphoi");
  await signedIn.page.waitForURL(/\/admin\/dashboard\?province=15/);
  await signedIn.page.getByTestId("admin-nav").getByRole("link", { name: "Cơ quan, đơn vị" }).click();
  await signedIn.page.waitForURL(/\/admin\/organisations/);
  return signedIn;
}

async function pick(page: Page, label: string | RegExp, option: string | RegExp, scope = page.locator("body")) {
  await scope.getByLabel(label).first().click();
  await page.getByRole("option", { name: option }).first().click();
}

describe("signed out", () => {
  test("the public explorer works as before, with a «Đăng nhập» button and no administration entry", async () => {
    const { page, errors } = await openPage(browser, url("/"));
    await page.getByRole("heading", { name: "Kết quả PAPI toàn quốc 2024" }).waitFor();
    await expect.poll(() => page.locator("[data-testid=ranking-table] tbody tr").count()).toBe(63);
    await page.getByTestId("sign-in").waitFor();
    expect(await page.getByRole("banner").getByRole("link", { name: "Quản trị" }).count()).toBe(0);
    await page.getByRole("banner").getByRole("link", { name: "So sánh" }).click();
    await page.getByRole("heading", { name: /So sánh tỉnh, thành phố/ }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  test("an administration page sends the visitor to the login page, and back after signing in", async () => {
    const { page, errors } = await openPage(browser, url("/admin/people?province=15"));
    await page.waitForURL(/\/login\?next=%2Fadmin%2Fpeople%3Fprovince%3D15/);
    await page.getByLabel("Tên đăng nhập hoặc thư điện tử").fill("demo.dieuphoi");
    await page.getByLabel("Mật khẩu").fill(PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.waitForURL(/\/admin\/people\?province=15/);
    await page.getByTestId("people-table").waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  test("the login page warns of demonstration mode with the sample accounts and their password", async () => {
    const { page, errors } = await openPage(browser, url("/login"));
    const banner = page.getByTestId("demo-banner");
    await banner.getByText("Chế độ trình diễn — KHÔNG dùng cho dữ liệu thật").waitFor();
    expect(await banner.getByTestId("demo-password").innerText()).toBe(PASSWORD);
    for (const username of ["demo.admin", "demo.dieuphoi", "demo.lanhdao", "demo.chuyenvien", "demo.xem"]) {
      await banner.getByText(username, { exact: true }).waitFor();
    }
    await screenshot(page, "admin-01-login-demo");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a wrong password shows the server's message, in Vietnamese and in English", async () => {
    const { page, errors } = await signIn("demo.xem", "not-the-password");
    await expect.poll(() => page.getByTestId("login-error").innerText()).toContain("Tên đăng nhập hoặc mật khẩu không đúng.");
    await page.getByTestId("language-switch").getByText("English").click();
    await page.getByTestId("login-submit").click();
    await expect.poll(() => page.getByTestId("login-error").innerText()).toContain("Wrong username or password.");
    await page.getByTestId("language-switch").getByText("Tiếng Việt").click();
    expect(page.url()).toContain("/login");
    expect(unexpected(errors, 401)).toEqual([]);
    await page.close();
  });
});

const ROLES = [
  { role: "admin", username: "demo.admin", name: "Quản trị hệ thống (thử nghiệm)", sections: ALL_SECTIONS, manage: true },
  // Agencies' reports are read by the province (Sở Nội vụ, its leadership) and the agencies, not by the system administrator.
  // The province's readers (Sở Nội vụ, its leadership) start at the overview.
  { role: "coordinator", username: "demo.dieuphoi", name: "Nguyễn Thị Điều Phối", sections: ["Tổng quan", "Cơ quan, đơn vị", "Kế hoạch", "Báo cáo", "Người dùng", "Nhập từ Excel", "Nhật ký"], manage: true },
  { role: "leader", username: "demo.lanhdao", name: "Trần Văn Lãnh Đạo", sections: ["Cơ quan, đơn vị", "Kế hoạch", "Nhiệm vụ của cơ quan tôi", "Báo cáo"], manage: false },
  { role: "officer", username: "demo.chuyenvien", name: "Lê Thị Chuyên Viên", sections: ["Cơ quan, đơn vị", "Kế hoạch", "Nhiệm vụ của cơ quan tôi", "Báo cáo"], manage: false },
  { role: "viewer", username: "demo.xem", name: "Phạm Văn Xem", sections: ["Tổng quan", "Cơ quan, đơn vị", "Kế hoạch", "Báo cáo"], manage: false },
] as const;

describe("what each role sees", () => {
  test.each(ROLES)("$role ($username)", async ({ role, username, name, sections, manage }) => {
    const { page, errors } = await signIn(username);
    if (sections[0] === "Tổng quan") {
      await page.waitForURL(/\/admin\/dashboard\?province=15/);
      await page.getByTestId("dashboard-plan").first().waitFor();
      await page.getByTestId("admin-nav").getByRole("link", { name: "Cơ quan, đơn vị" }).click();
    }
    await page.waitForURL(/\/admin\/organisations\?province=15/);
    const tree = page.getByTestId("organisation-tree");
    await tree.waitFor();
    await expect.poll(() => page.getByTestId("organisation-row").count()).toBeGreaterThan(10);
    await tree.getByText("Ủy ban nhân dân tỉnh Lào Cai", { exact: true }).waitFor();
    await tree.getByText("Sở Tài chính", { exact: true }).waitFor();

    // Header: the person's name with its menu, and the administration entry.
    expect(await page.getByTestId("account-menu").getAttribute("aria-label")).toContain(name);
    await page.getByRole("banner").getByRole("link", { name: "Quản trị" }).waitFor();
    expect(await page.getByTestId("sign-in").count()).toBe(0);

    // Side navigation: only what the permissions allow.
    expect(await page.getByTestId("admin-nav").getByRole("link").allInnerTexts()).toEqual([...sections]);

    // Province: a picker for the administrator (all 34), the own province for everyone else.
    if (role === "admin") await page.getByTestId("province-picker").waitFor();
    else expect(await page.getByTestId("province-name").innerText()).toBe("Tỉnh Lào Cai");

    // Buttons to change the list only for managers; the others read it.
    expect(await page.getByTestId("add-organisation").count()).toBe(manage ? 1 : 0);
    if (manage) expect(await page.getByTestId("organisation-actions").count()).toBeGreaterThan(10);
    else expect(await page.getByTestId("organisation-actions").count()).toBe(0);
    expect(await page.getByTestId("read-only").count()).toBe(manage ? 0 : 1);

    // The communes are folded under one node, with a filter that ignores diacritics.
    await page.getByTestId("commune-toggle").click();
    await page.getByTestId("commune-filter").fill("bao ai");
    await expect.poll(() => tree.getByText("Ủy ban nhân dân xã Bảo Ái").count()).toBe(1);
    await screenshot(page, `admin-${role}-organisations`);

    await page.goto(url("/admin/people?province=15"), { waitUntil: "networkidle" });
    if (sections.includes("Người dùng" as never)) {
      await expect.poll(() => page.getByTestId("person-row").count()).toBeGreaterThanOrEqual(4);
      await page.getByTestId("add-person").waitFor();
      await screenshot(page, `admin-${role}-people`);
      await page.goto(url("/admin/audit?province=15"), { waitUntil: "networkidle" });
      await expect.poll(() => page.getByTestId("audit-row").count()).toBeGreaterThan(0);
    } else {
      await page.getByTestId("no-permission").getByText("Bạn không có quyền xem trang này").waitFor();
      expect(await page.getByTestId("person-row").count()).toBe(0);
      await screenshot(page, `admin-${role}-people-refused`);
      await page.goto(url("/admin/audit?province=15"), { waitUntil: "networkidle" });
      await page.getByTestId("no-permission").waitFor();
      await page.goto(url("/admin/import?province=15"), { waitUntil: "networkidle" });
      await page.getByTestId("no-permission").waitFor();
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});

const NEW_BODY = { name: "Trung tâm Phục vụ hành chính công tỉnh Lào Cai", code: "TTPVHCC" };
const NEW_PERSON = { username: "tranthimai.ttpvhcc", fullName: "Trần Thị Mai" };
let temporaryPassword = "";

describe("a coordinator's work", () => {
  test("adds a body and a person (the temporary password shown once), and finds both in the audit log", async () => {
    const { page, errors } = await signInCoordinator();

    await page.getByTestId("add-organisation").click();
    const form = page.getByTestId("organisation-form");
    await pick(page, "Loại", "Ban quản lý, trung tâm", form);
    await form.getByTestId("field-name").fill(NEW_BODY.name);
    await form.getByLabel("Tên tiếng Anh").fill("Lao Cai Public Administration Service Centre");
    await form.getByTestId("field-code").fill(NEW_BODY.code);
    await form.getByLabel("Từ ngày").fill("01/07/2025");
    await form.getByRole("button", { name: "Lưu" }).click();
    await page.getByTestId("toast").getByText(`Đã thêm «${NEW_BODY.name}».`).waitFor();
    const row = page.locator(`[data-testid=organisation-row][data-code=${NEW_BODY.code}]`);
    await row.waitFor();
    expect(await row.innerText()).toContain("01/07/2025");

    await page.getByTestId("admin-nav").getByRole("link", { name: "Người dùng" }).click();
    await page.getByTestId("people-table").waitFor();
    await page.getByTestId("add-person").click();
    const personForm = page.getByTestId("person-form");
    await personForm.getByLabel("Tên đăng nhập").fill(NEW_PERSON.username);
    await personForm.getByLabel("Họ và tên").fill(NEW_PERSON.fullName);
    await personForm.getByLabel("Thư điện tử").fill("tranthimai@laocai.gov.vn");
    await personForm.getByLabel("Chức vụ").fill("Chuyên viên");
    await personForm.getByTestId("role-organisation").click();
    await page.getByRole("option", { name: `${NEW_BODY.name} (${NEW_BODY.code})` }).click();
    await personForm.getByRole("button", { name: "Lưu" }).click();

    const once = page.getByTestId("one-time-passwords");
    await once.getByText("Mật khẩu này chỉ hiện MỘT LẦN và sẽ không hiện lại.", { exact: false }).waitFor();
    temporaryPassword = (await once.getByTestId("temporary-password").innerText()).trim();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(10);
    await once.getByRole("button", { name: "Sao chép" }).waitFor();
    await screenshot(page, "admin-coordinator-temporary-password");
    await once.getByRole("button", { name: "Tôi đã lưu mật khẩu" }).click();
    const person = page.locator(`[data-testid=person-row][data-username="${NEW_PERSON.username}"]`);
    await person.waitFor();
    const text = await person.innerText();
    expect(text).toContain(`Chuyên viên · ${NEW_BODY.name}`);
    expect(text).toContain("Phải đổi mật khẩu");
    expect(text).toContain("Chưa đăng nhập");

    await page.getByTestId("admin-nav").getByRole("link", { name: "Nhật ký" }).click();
    const created = page.locator("[data-testid=audit-row][data-action='user.created']").first();
    await created.waitFor();
    expect(await created.innerText()).toContain(`${NEW_PERSON.fullName} (${NEW_PERSON.username})`);
    expect(await created.innerText()).toContain("Thêm người dùng");
    expect(await created.innerText()).toContain("Nguyễn Thị Điều Phối");
    expect(await created.innerText()).toMatch(/\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    const body = page.locator("[data-testid=audit-row][data-action='organisation.created']").first();
    expect(await body.innerText()).toContain(NEW_BODY.name);
    expect(await body.innerText()).toContain("Thêm cơ quan");
    await created.getByTestId("audit-toggle").click();
    const changes = page.getByTestId("audit-changes").first();
    expect(await changes.innerText()).toContain(`Chuyên viên · ${NEW_BODY.name}`);
    expect(await changes.innerText()).toContain("tranthimai@laocai.gov.vn");

    // 50 entries a page, older ones on request.
    expect(await page.getByTestId("audit-row").count()).toBe(50);
    await page.getByTestId("audit-more").click();
    await expect.poll(() => page.getByTestId("audit-row").count()).toBeGreaterThan(50);

    // Filtering by action keeps only that kind of entry.
    await pick(page, "Thao tác", "Thêm cơ quan");
    await expect.poll(async () => new Set(await page.getByTestId("audit-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action"))))).toEqual(
      new Set(["organisation.created"]),
    );
    await screenshot(page, "admin-coordinator-audit");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("the new person must change the temporary password first, then signs out back to the public explorer", async () => {
    expect(temporaryPassword).not.toBe("");
    const { page, errors } = await signIn(NEW_PERSON.username, temporaryPassword);
    await page.waitForURL(/\/account\/password\?next=/);
    await page.getByTestId("must-change").waitFor();
    await page.getByLabel("Mật khẩu hiện tại").fill(temporaryPassword);
    await page.getByLabel("Mật khẩu mới").first().fill(`${NEW_PERSON.username}-2026`);
    await page.getByLabel("Nhập lại mật khẩu mới").fill(`${NEW_PERSON.username}-2026`);
    await page.getByTestId("password-submit").click();
    await expect.poll(() => page.getByTestId("password-error").innerText()).toContain("Mật khẩu mới không được chứa tên đăng nhập.");
    await page.getByLabel("Mật khẩu mới").first().fill("Mùa lúa chín ở Y Tý");
    await page.getByLabel("Nhập lại mật khẩu mới").fill("Mùa lúa chín ở Y Tý");
    await page.getByTestId("password-submit").click();
    await page.waitForURL(/\/admin\/organisations/);
    await page.getByTestId("read-only").waitFor();

    await page.getByTestId("account-menu").click();
    await page.getByTestId("sign-out").click();
    await page.waitForURL(url("/"));
    await page.getByRole("heading", { name: "Kết quả PAPI toàn quốc 2024" }).waitFor();
    await page.getByTestId("sign-in").waitFor();
    expect(await page.getByRole("banner").getByRole("link", { name: "Quản trị" }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("restructuring", () => {
  test("a coordinator merges one department into another and closes a third; shown with the ended ones, they are greyed with their end", async () => {
    const today = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());
    const { page, errors } = await signInCoordinator();

    await page.locator("[data-testid=organisation-row][data-code=SKHCN]").getByTestId("organisation-actions").click();
    await page.getByRole("menuitem", { name: "Hợp nhất vào cơ quan khác…" }).click();
    const merge = page.getByTestId("merge-form");
    await merge.getByText("vai trò của người dùng tại các cơ quan đó chuyển sang cơ quan tiếp nhận", { exact: false }).waitFor();
    await pick(page, "Cơ quan tiếp nhận", "Sở Xây dựng (SXD)", merge);
    await page.getByTestId("confirm-merge").click();
    await page.getByTestId("toast").getByText("Đã hợp nhất vào «Sở Xây dựng».").waitFor();
    await expect.poll(() => page.locator("[data-testid=organisation-row][data-code=SKHCN]").count()).toBe(0);

    await page.locator("[data-testid=organisation-row][data-code=SVHTTDL]").getByTestId("organisation-actions").click();
    await page.getByRole("menuitem", { name: "Giải thể" }).click();
    await page.getByText("Giải thể «Sở Văn hóa, Thể thao và Du lịch»").waitFor();
    await page.getByTestId("confirm-close").click();
    await page.getByTestId("toast").getByText("Đã giải thể «Sở Văn hóa, Thể thao và Du lịch».").waitFor();

    await page.getByRole("switch", { name: "Hiện cả cơ quan đã giải thể, hợp nhất" }).click();
    const merged = page.locator("[data-testid=organisation-row][data-code=SKHCN]");
    expect(await merged.getAttribute("data-ended")).toBe("true");
    expect(await merged.getByTestId("end-note").innerText()).toBe(`đã hợp nhất vào Sở Xây dựng ngày ${today}`);
    const closed = page.locator("[data-testid=organisation-row][data-code=SVHTTDL]");
    expect(await closed.getByTestId("end-note").innerText()).toBe(`giải thể ngày ${today}`);
    expect(await closed.getByTestId("organisation-actions").count()).toBe(0);
    await screenshot(page, "admin-coordinator-ended-bodies");
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("the administrator", () => {
  test("disables the new person, who can no longer sign in", async () => {
    const { page, errors } = await signIn("demo.admin");
    await page.waitForURL(/\/admin\/organisations/);
    await page.getByTestId("admin-nav").getByRole("link", { name: "Người dùng" }).click();
    const person = page.locator(`[data-testid=person-row][data-username="${NEW_PERSON.username}"]`);
    await person.waitFor();
    await person.getByTestId("person-actions").click();
    await page.getByRole("menuitem", { name: "Vô hiệu hoá" }).click();
    await page.getByText(`Vô hiệu hoá tài khoản «${NEW_PERSON.fullName}»?`).waitFor();
    await page.getByTestId("confirm").click();
    await page.getByTestId("toast").getByText(`Đã vô hiệu hoá «${NEW_PERSON.fullName}».`).waitFor();
    await expect.poll(() => person.count()).toBe(0);
    await page.getByRole("switch", { name: "Hiện cả tài khoản đã vô hiệu hoá" }).click();
    await person.waitFor();
    expect(await person.innerText()).toContain("Đã vô hiệu hoá");
    await screenshot(page, "admin-admin-disabled-person");
    expect(errors).toEqual([]);
    await page.close();

    const again = await signIn(NEW_PERSON.username, "Mùa lúa chín ở Y Tý");
    await expect.poll(() => again.page.getByTestId("login-error").innerText()).toContain("Tài khoản đã bị vô hiệu hoá.");
    expect(unexpected(again.errors, 403)).toEqual([]);
    await again.page.close();
  });

  test("sees the bodies of any province, and a province without bodies offers the default list", async () => {
    const { page, errors } = await signIn("demo.admin");
    await page.waitForURL(/\/admin\/organisations/);
    await pick(page, "Tỉnh, thành phố", "Hà Nội");
    await page.waitForURL(/province=01/);
    await page.getByTestId("setup-box").getByText("Thiết lập danh sách cơ quan mặc định").waitFor();
    await screenshot(page, "admin-admin-empty-province");
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("importing a list from Excel", () => {
  test("a file with errors lists them by row; a good file is checked, then imported, with the new accounts' passwords", async () => {
    const { page, errors } = await signInCoordinator();
    await page.getByTestId("admin-nav").getByRole("link", { name: "Nhập từ Excel" }).click();
    await page.getByTestId("import-kind").getByText("Người dùng").click();
    expect(await page.getByTestId("template-link").getAttribute("href")).toBe("/api/v1/directory/templates/people");

    const file = page.locator("input[type=file]");
    const bad = "Tên đăng nhập,Họ và tên,Vai trò,Mã cơ quan\nhoangvannam.stc,Hoàng Văn Nam,Chuyên viên,KHONGCO\n";
    await file.setInputFiles({ name: "nguoi-dung-loi.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
    await page.getByTestId("import-check").click();
    const problems = page.getByTestId("import-errors");
    await problems.waitFor();
    await expect.poll(() => page.getByTestId("import-error-row").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("import-error-row").first().innerText()).toContain("2");
    expect(await page.getByTestId("import-commit").isDisabled()).toBe(true);
    await screenshot(page, "admin-import-errors");

    const good =
      "Tên đăng nhập,Họ và tên,Vai trò,Mã cơ quan,Chức vụ\n" +
      "hoangvannam.stc,Hoàng Văn Nam,Chuyên viên,STC,Chuyên viên\n" +
      "dothilan.snv,Đỗ Thị Lan,Lãnh đạo,SNV,Phó Giám đốc\n";
    await file.setInputFiles({ name: "nguoi-dung.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
    await page.getByTestId("import-check").click();
    const preview = page.getByTestId("import-preview");
    await preview.waitFor();
    expect(await preview.innerText()).toContain("Thêm mới");
    expect(await preview.innerText()).toContain("Đỗ Thị Lan");
    await page.getByTestId("import-commit").click();
    const once = page.getByTestId("one-time-passwords");
    await once.waitFor();
    await expect.poll(() => once.getByTestId("temporary-password").count()).toBe(2);
    await screenshot(page, "admin-import-passwords");
    await once.getByRole("button", { name: "Tôi đã lưu mật khẩu" }).click();
    await page.getByTestId("import-done").waitFor();

    await page.getByTestId("admin-nav").getByRole("link", { name: "Người dùng" }).click();
    await page.locator("[data-testid=person-row][data-username='dothilan.snv']").waitFor();
    expect(unexpected(errors, 422)).toEqual([]);
    await page.close();
  });
});

describe("sessions", () => {
  test("signing out everywhere ends the other browser's session: its next request leads to the login page, back after", async () => {
    const other = await signIn("demo.lanhdao");
    await other.page.waitForURL(/\/admin\/organisations/);
    const { page, errors } = await signIn("demo.lanhdao");
    await page.waitForURL(/\/admin\/organisations/);
    await page.getByTestId("account-menu").click();
    await page.getByTestId("sign-out-everywhere").click();
    await page.waitForURL(url("/"));
    await page.getByTestId("toast").getByText(/Đã kết thúc \d+ phiên đăng nhập trên mọi thiết bị\./).waitFor();
    expect(errors).toEqual([]);
    await page.close();

    // The other browser still believes it is signed in until the server answers 401.
    await other.page.getByRole("switch", { name: "Hiện cả cơ quan đã giải thể, hợp nhất" }).click();
    await other.page.waitForURL(/\/login\?next=%2Fadmin%2Forganisations/);
    await other.page.getByLabel("Tên đăng nhập hoặc thư điện tử").fill("demo.lanhdao");
    await other.page.getByLabel("Mật khẩu").fill(PASSWORD);
    await other.page.getByTestId("login-submit").click();
    await other.page.waitForURL(/\/admin\/organisations\?province=15/);
    expect(unexpected(other.errors, 401)).toEqual([]);
    await other.page.close();
  });

  test("repeated wrong passwords lock the account, and the message says until when", async () => {
    const { page, errors } = await signIn("hoangvannam.stc", "wrong-password-1");
    await page.getByTestId("login-error").waitFor();
    for (let attempt = 2; attempt <= 5; attempt += 1) {
      await page.getByLabel("Mật khẩu").fill(`wrong-password-${attempt}`);
      await page.getByTestId("login-submit").click();
      await page.getByTestId("login-submit").and(page.locator(":not([data-loading])")).waitFor();
    }
    await expect.poll(() => page.getByTestId("login-error").innerText()).toMatch(/Tài khoản tạm khoá .* Thử lại sau \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/s);
    expect(unexpected(errors, 401, 429)).toEqual([]);
    await page.close();
  });
});

describe("on a phone", () => {
  test("the people list is a list of cards", async () => {
    const { page, errors } = await openPage(browser, url("/login"), { width: 390, height: 844 });
    await page.getByLabel("Tên đăng nhập hoặc thư điện tử").fill("demo.dieuphoi");
    await page.getByLabel("Mật khẩu").fill(PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.waitForURL(/\/admin\/dashboard/);
    await page.goto(url("/admin/people?province=15"), { waitUntil: "networkidle" });
    await page.getByTestId("people-cards").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "admin-phone-people");
    expect(errors).toEqual([]);
    await page.close();
  });
});
