/**
 * The list's clocks against a server whose clock says 20 minutes have passed: the SEV-1
 * with a 15-minute cadence is OVERDUE in white on red, the drill is marked as a drill,
 * and the filters narrow the list. The `?` overlay lists the page's shortcuts.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/shared/clock.js";
import {
  describeInBrowser,
  launchChromium,
  screenshot,
  signedInContext,
  startWebServer,
  type TestServer,
  watchForScripts,
} from "./browser.js";

describeInBrowser("incident list clocks", () => {
  let web: TestServer;
  let browser: Browser;
  // Declared 20 minutes ago by the server's clock, which then catches up with the real time
  // the browser counts with.
  const clock = new ManualClock(Date.now() - 20 * 60_000);
  beforeAll(async () => {
    web = await startWebServer({ reminderIntervalMs: 0 }, clock);
    const actor = { actor: "ana" };
    await web.server.app.declare({ title: "Card payments failing", severity: "SEV-1" }, actor);
    await web.server.app.declare({ title: "Game day: region failover", severity: "SEV-2", mode: "drill" }, actor);
    await web.server.app.declare({ title: "Slow admin reports", severity: "SEV-4" }, actor);
    clock.advance(Date.now() - clock.now());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it("shows an overdue update unmissably, marks drills, and filters", async () => {
    const context = await signedInContext(browser, "ana");
    const page = await context.newPage();
    const seen = watchForScripts(page);
    await page.goto(web.url);
    const overdueRow = page.locator("tr", { hasText: "Card payments failing" });
    const badge = overdueRow.locator(".overdue");
    await badge.waitFor();
    expect(await badge.textContent()).toMatch(/^OVERDUE \d+m\d\ds$/);
    const colours = await badge.evaluate((element) => {
      const style = getComputedStyle(element);
      return { background: style.backgroundColor, color: style.color };
    });
    expect(colours).toEqual({ background: "rgb(208, 2, 27)", color: "rgb(255, 255, 255)" });
    // The drill is labelled, the SEV-2 drill's update is not yet due (30-minute cadence).
    const drillRow = page.locator("tr", { hasText: "Game day: region failover" });
    expect(await drillRow.locator(".badge.drill").textContent()).toBe("DRILL");
    expect(await drillRow.locator(".overdue").count()).toBe(0);
    await screenshot(page, "incident-list");

    await page.getByLabel("Kind").selectOption("drill");
    await page.locator("tr", { hasText: "Card payments failing" }).waitFor({ state: "detached" });
    expect(await page.locator("table.incidents tbody tr").count()).toBe(1);
    await page.getByLabel("Kind").selectOption("");
    await page.getByLabel("Search", { exact: true }).fill("admin");
    await page.locator("tr", { hasText: "Game day" }).waitFor({ state: "detached" });
    expect(await page.locator("table.incidents tbody tr").allTextContents()).toEqual([
      expect.stringContaining("Slow admin reports"),
    ]);

    // Keyboard: `?` opens the overlay listing this page's shortcuts; `n` goes to the declare form.
    await page.locator("body").click({ position: { x: 5, y: 300 } });
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    expect(await help.textContent()).toContain("Declare a new incident");
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "hidden" });
    await page.keyboard.press("n");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("declare-title-input");
    expect(seen.errors).toEqual([]);
    await context.close();
  });
});
