import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningServer } from "../src/server.ts";
import { openPage, screenshot, startExplorer } from "./support.ts";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ({ server, browser } = await startExplorer());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const url = (path: string) => `${server.url}${path}`;

describe("the national view", () => {
  test("shows the latest year's ranking of all 63 provinces, the map with both archipelagos, and statistics", async () => {
    const { page, errors } = await openPage(browser, url("/"));
    await page.getByRole("heading", { name: "Kết quả PAPI toàn quốc 2024" }).waitFor();
    const rows = page.locator("[data-testid=ranking-table] tbody tr");
    await expect.poll(() => rows.count()).toBe(63);
    await expect.poll(() => rows.first().innerText()).toContain("Quảng Ninh");
    const map = page.locator("[data-testid=map-vn63]");
    await map.locator("text=QĐ. Hoàng Sa").waitFor();
    await map.locator("text=QĐ. Trường Sa").waitFor();
    expect(await map.locator("path").count()).toBeGreaterThan(63);
    await screenshot(page, "01-national-2024");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a chosen year shows its computed group sizes: 2019 is 16/16/15/16 as published", async () => {
    const { page, errors } = await openPage(browser, url("/?year=2019"));
    await page.getByRole("heading", { name: "Kết quả PAPI toàn quốc 2019" }).waitFor();
    const sizes = await Promise.all(
      ["highest", "high-average", "low-average", "lowest"].map((g) => page.getByTestId(`group-size-${g}`).innerText()),
    );
    expect(sizes).toEqual(["16", "16", "15", "16"]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a dimension can be chosen, and a province without a score stays at the end, unranked", async () => {
    const { page, errors } = await openPage(browser, url("/?year=2023&dimension=D8"));
    await page.getByRole("heading", { name: /Bảng xếp hạng · Quản trị điện tử/ }).waitFor();
    const last = page.locator("[data-testid=ranking-table] tbody tr").last();
    await expect.poll(() => last.innerText()).toMatch(/Không được đánh giá/);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("sorting by province name follows Vietnamese order (Đ after D)", async () => {
    const { page } = await openPage(browser, url("/?year=2021"));
    await page.getByRole("button", { name: /Tỉnh, thành phố/ }).click();
    const names = await page.locator("[data-testid=ranking-table] tbody tr td:nth-child(2)").allInnerTexts();
    expect(names).toEqual([...names].sort(new Intl.Collator("vi").compare));
    // Code-point order would put every "Đ…" after "Yên Bái".
    expect(names.indexOf("Đà Nẵng")).toBeGreaterThan(names.indexOf("Cà Mau"));
    expect(names.indexOf("Đà Nẵng")).toBeLessThan(names.indexOf("Gia Lai"));
    await page.close();
  });

  test("the 34-unit view of a historic year is labelled an estimate and keeps both archipelagos", async () => {
    const { page, errors } = await openPage(browser, url("/?year=2021"));
    await page.getByText("34 đơn vị từ 01/07/2025 (ước tính)").click();
    const map = page.locator("[data-testid=map-vn34]");
    await map.locator("text=QĐ. Hoàng Sa").waitFor();
    await map.locator("text=QĐ. Trường Sa").waitFor();
    await page.getByText(/Ước tính: điểm của mỗi đơn vị mới/).waitFor();
    const table = page.locator("[data-testid=merged-table] tbody tr");
    await expect.poll(() => table.count()).toBe(34);
    expect(await page.locator("[data-testid=merged-table]").innerText()).toContain("ước tính");
    await screenshot(page, "02-national-2021-34-units");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("clicking a province in the ranking opens its profile", async () => {
    const { page } = await openPage(browser, url("/?year=2021"));
    await page.getByRole("link", { name: "Bắc Kạn" }).click();
    await page.waitForURL(/\/provinces\/06\?year=2021/);
    await page.getByRole("heading", { name: "Tỉnh Bắc Kạn · PAPI 2021" }).waitFor();
    await page.close();
  });
});

describe("a province profile", () => {
  test("Bắc Kạn 2021: score, rank, group, change, findings like plan 416/KH-UBND, weak sub-dimensions, trend", async () => {
    const { page, errors } = await openPage(browser, url("/provinces/06?year=2021"));
    await page.getByRole("heading", { name: "Tỉnh Bắc Kạn · PAPI 2021" }).waitFor();
    expect(await page.getByTestId("headline-score").innerText()).toContain("42,153");
    expect(await page.getByTestId("headline-rank").innerText()).toContain("34");
    expect(await page.getByTestId("headline-group").innerText()).toContain("Nhóm đạt điểm trung bình thấp");
    expect(await page.getByTestId("headline-change").innerText()).toMatch(/−0,570[\s\S]*giảm 2 bậc/);
    const summary = await page.getByTestId("summary").innerText();
    expect(summary).toContain("đạt 42,153/80 điểm, giảm 0,570 điểm so với năm 2020");
    expect(summary).toContain("Tri thức công dân 0,66/2,5 điểm");
    const weak = page.locator("[data-testid=subdimension-table] tr[data-weak=true]");
    const weakCodes = (await weak.allInnerTexts()).map((t) => t.trim().split(" ")[0]);
    expect(weakCodes).toEqual(expect.arrayContaining(["1.1", "1.4", "2.1", "3.2", "7.3", "8.1", "8.3"]));
    await page.locator("[data-testid=trend-chart] svg").waitFor();
    expect(await page.locator("[data-testid=trend-chart]").innerText()).toContain("2018: đổi phương pháp");
    await screenshot(page, "03-profile-bac-kan-2021");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a province name without diacritics in the address works, and an unknown one says so in Vietnamese", async () => {
    const { page } = await openPage(browser, url("/provinces/Bac%20Kan?year=2021"));
    await page.getByRole("heading", { name: "Tỉnh Bắc Kạn · PAPI 2021" }).waitFor();
    await page.goto(url("/provinces/Ha%20Tay?year=2021"), { waitUntil: "networkidle" });
    await page.getByRole("alert").getByText(/Không tìm thấy tỉnh, thành phố «Ha Tay»/).waitFor();
    await page.close();
  });

  test("the weak threshold can be raised, flagging more sub-dimensions", async () => {
    const { page } = await openPage(browser, url("/provinces/06?year=2021"));
    const weak = page.locator("[data-testid=subdimension-table] tr[data-weak=true]");
    await expect.poll(() => weak.count()).toBe(8);
    await page.goto(url("/provinces/06?year=2021&weak=0.5"), { waitUntil: "networkidle" });
    await expect.poll(() => weak.count()).toBeGreaterThan(8);
    await page.close();
  });
});

describe("comparing provinces", () => {
  test("three provinces side by side, and a fourth added from the picker", async () => {
    const { page, errors } = await openPage(browser, url("/compare?year=2021&provinces=06,10,19"));
    const header = page.locator("[data-testid=compare-table] thead");
    await expect.poll(() => header.innerText()).toMatch(/Bắc Kạn[\s\S]*Lào Cai[\s\S]*Thái Nguyên/);
    await page.locator("[data-testid=compare-chart] svg").waitFor();
    await screenshot(page, "04-compare-2021");
    await page.getByTestId("compare-select").click();
    await page.keyboard.type("Hà Giang");
    await page.getByRole("option", { name: "Hà Giang" }).click();
    await expect.poll(() => header.innerText()).toContain("Hà Giang");
    expect(new URL(page.url()).searchParams.get("provinces")).toBe("06,10,19,02");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("with fewer than two provinces it asks for more", async () => {
    const { page } = await openPage(browser, url("/compare?year=2021&provinces=06"));
    await page.getByText("Hãy chọn ít nhất 2 tỉnh, thành phố để so sánh.").waitFor();
    await page.close();
  });
});

describe("language and devices", () => {
  test("the English switch translates the interface and numbers, and is remembered", async () => {
    const { page, errors } = await openPage(browser, url("/provinces/06?year=2021"));
    await page.getByTestId("language-switch").getByText("English").click();
    await page.getByRole("heading", { name: "Tỉnh Bắc Kạn · PAPI 2021" }).waitFor();
    await page.getByText("Aggregate score").first().waitFor();
    await expect.poll(() => page.getByTestId("headline-score").innerText()).toContain("42.153");
    await expect.poll(() => page.getByTestId("summary").innerText()).toContain("scored 42.153/80, down 0.570 points from 2020");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await screenshot(page, "05-profile-english");
    await page.reload({ waitUntil: "networkidle" });
    await page.getByText("Aggregate score").first().waitFor();
    await page.getByTestId("language-switch").getByText("Tiếng Việt").click();
    await page.getByText("Điểm tổng hợp").first().waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  test("on a phone the profile fits the screen and the menu opens", async () => {
    const { page, errors } = await openPage(browser, url("/provinces/06?year=2021"), { width: 390, height: 844 });
    await page.getByRole("heading", { name: "Tỉnh Bắc Kạn · PAPI 2021" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole("button", { name: "menu" }).click();
    await page.locator("nav").getByRole("link", { name: "So sánh" }).waitFor();
    await screenshot(page, "06-profile-phone");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a table downloads as a CSV that Excel reads as UTF-8", async () => {
    const { page } = await openPage(browser, url("/?year=2021"));
    const href = await page.getByRole("link", { name: /Tải về CSV/ }).getAttribute("href");
    const response = await page.request.get(url(href!));
    const body = await response.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString("utf8")).toContain("Hạng,Mã,\"Tỉnh, thành phố\"");
    await page.close();
  });
});
