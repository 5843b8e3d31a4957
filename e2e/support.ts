/**
 * A real Chỉ Số server (seeded in-memory PGlite, the built web app) and Debian's Chromium driven by
 * playwright-core. No browser is ever downloaded: CHROMIUM_PATH or /usr/bin/chromium.
 */
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { Config } from "../src/config.ts";
import { startServer, type RunningServer } from "../src/server.ts";
import { testConfig } from "../test/support/database.ts";

export const SCREENSHOTS = new URL("../test-results/screenshots/", import.meta.url).pathname;

/** The server (with `config` over the test defaults, e.g. `{ demo: true }`) and one browser for a test file. */
export async function startExplorer(config: Partial<Config> = {}): Promise<{ server: RunningServer; browser: Browser }> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await startServer(testConfig({ port: 0, host: "127.0.0.1", ...config }));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return { server, browser };
}

/**
 * One server and browser for the test file that calls this at its top: started before its tests, stopped
 * after them. The fields are there once the tests run.
 */
export function useExplorer(config: Partial<Config> = {}): { server: RunningServer; browser: Browser; url: (path: string) => string } {
  const running = { url: (path: string) => `${running.server.url}${path}` } as { server: RunningServer; browser: Browser; url: (path: string) => string };
  beforeAll(async () => {
    Object.assign(running, await startExplorer(config));
  }, 120_000);
  afterAll(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  return running;
}

/** A page that fails the test on any console error or uncaught exception. */
export async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1366, height: 900 },
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport, locale: "vi-VN" });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(url, { waitUntil: "networkidle" });
  return { page, errors };
}

/** The whole page from its top (a full-page capture from lower down draws the fixed header mid-page). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/** Console errors other than the HTTP refusals a test provokes on purpose (401 wrong password, 400 …). */
/** Opens the login page and signs in through its form, as a person would; the caller waits for what follows. */
export async function signInThroughForm(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
  viewport?: { width: number; height: number },
): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openPage(browser, `${baseUrl}/login`, viewport);
  // A failing step names its locator well before the test's own time limit.
  page.setDefaultTimeout(10_000);
  await page.getByLabel("Tên đăng nhập hoặc thư điện tử").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByTestId("login-submit").click();
  return { page, errors };
}

/** The demonstration accounts' shared password (demo mode shows it on the login page). */
export const DEMO_PASSWORD = "ChiSo-demo-2026";

/**
 * Signs a demonstration account in through the form and waits for the administration's first page: the
 * overview for the province's readers (Sở Nội vụ, its leadership), the agencies for the others.
 */
export async function signInDemo(
  browser: Browser,
  baseUrl: string,
  username: string,
  viewport?: { width: number; height: number },
): Promise<{ page: Page; errors: string[] }> {
  const signedIn = await signInThroughForm(browser, baseUrl, username, DEMO_PASSWORD, viewport);
  await signedIn.page.waitForURL(/\/admin\/(organisations|dashboard)/);
  return signedIn;
}

export function unexpected(errors: string[], ...statuses: number[]): string[] {
  return errors.filter((e) => !statuses.some((s) => e.includes(`Failed to load resource: the server responded with a status of ${s}`)));
}

/** A JSON request as the signed-in page makes it (session cookie, CSRF token). */
export async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch("/api/v1/auth/session")).json()) as { csrfToken: string };
      const response = await fetch(`/api/v1${path}`, {
        method,
        headers: { "Content-Type": "application/json", "X-CSRF-Token": session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    { method, path, body },
  ) as Promise<T>;
}
