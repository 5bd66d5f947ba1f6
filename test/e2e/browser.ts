/**
 * Shared by the browser tests: a real server (`startServer` on port 0, a temp SQLite file,
 * serving the built `dist/web`) and Debian's Chromium driven by playwright-core, each
 * launch with a fresh profile. Under CI=true a missing Chromium fails; elsewhere the
 * tests skip with the reason.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { describe } from "vitest";
import { buildConfig, type ConfigInput } from "../../src/app/config.js";
import type { Clock } from "../../src/domain/shared/clock.js";
import { type RunningServer, startServer } from "../../src/http/server.js";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

const mustRun = process.env.CI === "true";
export const chromiumMissing = existsSync(CHROMIUM_PATH) ? null : `Chromium not found at ${CHROMIUM_PATH}`;
if (chromiumMissing && !mustRun) console.warn(`skipping browser tests: ${chromiumMissing} (set CHROMIUM_PATH)`);

/** `describe` that runs when Chromium is there (always under CI=true, where its absence fails loudly). */
export const describeInBrowser = chromiumMissing && !mustRun ? describe.skip : describe;

/** playwright-core launches with a fresh temporary profile (user-data dir) every time. */
export function launchChromium(): Promise<Browser> {
  if (chromiumMissing) throw new Error(`${chromiumMissing}: install chromium or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface TestServer {
  server: RunningServer;
  url: string;
  close(): Promise<void>;
}

/** The last server started in this test file (each file runs in its own process). */
let lastStarted: TestServer | null = null;

export async function startWebServer(config: Partial<ConfigInput> = {}, clock?: Clock): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "warroom-e2e-"));
  const server = await startServer({
    config: buildConfig({ dbPath: join(dir, "warroom.db"), port: 0, logLevel: "warn", ...config }),
    ...(clock ? { clock } : {}),
  });
  lastStarted = {
    server,
    url: server.url,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return lastStarted;
}

/**
 * A token for `handle` (added to the people directory if new), created by the first-start
 * admin: what `warroom token create` does. Auth-off servers need no token (null).
 */
export async function tokenFor(web: TestServer, handle: string, role = "commander"): Promise<string | null> {
  const admin = web.server.bootstrap;
  if (!admin) return null;
  const acting = { actor: admin.person };
  if (!web.server.app.people.get(handle)) {
    await web.server.app.people.add({ handle, name: handle, icQualified: true }, acting);
  }
  const { token } = await web.server.app.tokens.create({ person: handle, role, name: `e2e ${handle}` }, acting);
  return token;
}

/**
 * A browser context already signed in as `handle`, with a token of its own where auth is on
 * (on `web`, by default the server this test file started last).
 */
export async function signedInContext(
  browser: Browser,
  handle: string,
  viewport = { width: 1280, height: 800 },
  web: TestServer | null = lastStarted,
): Promise<BrowserContext> {
  const token = web ? await tokenFor(web, handle) : null;
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(15_000);
  await context.addInitScript((session) => {
    if (!localStorage.getItem("warroom.session")) localStorage.setItem("warroom.session", session);
  }, JSON.stringify({ handle, token }));
  return context;
}

/** Fails the test on any dialog (alert, confirm…) or uncaught page error; returns what was seen. */
export function watchForScripts(page: Page): { dialogs: string[]; errors: string[] } {
  const seen = { dialogs: [] as string[], errors: [] as string[] };
  page.on("dialog", (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => seen.errors.push(error.message));
  return seen;
}

/**
 * Where the e2e run saves its screenshots: `docs/screenshots/` when asked to refresh the
 * README's pictures (`WARROOM_SCREENSHOTS=docs npm test`), else a folder under the OS's temp
 * directory, so an ordinary test run leaves the working tree as it found it.
 */
export const SCREENSHOTS =
  process.env.WARROOM_SCREENSHOTS === "docs"
    ? join(import.meta.dirname, "..", "..", "docs", "screenshots")
    : join(tmpdir(), "warroom-e2e-screenshots");

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
