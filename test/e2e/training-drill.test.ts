/**
 * Training in Chromium: pick a scenario from the catalogue, play the drill (typed
 * commands, a refused one, hostile text shown as text, the clock moved by its buttons),
 * a coach's browser following it live, finish, read the score report with its charts,
 * and the trainee's record as a chart; the player at phone width. Saves screenshots.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Caller, playTranscript } from "../training-http/helpers.js";
import {
  describeInBrowser,
  launchChromium,
  screenshot,
  signedInContext,
  startWebServer,
  type TestServer,
  tokenFor,
  watchForScripts,
} from "./browser.js";

const EVIL = "<img src=x onerror=alert(1)>";

/** Requests with `handle`'s token (or, where auth is off, naming them in Warroom-Actor). */
async function callAs(web: TestServer, handle: string): Promise<Caller> {
  const token = await tokenFor(web, handle);
  return async (method, path, body) => {
    const response = await fetch(`${web.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : { "warroom-actor": handle }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  };
}

async function send(page: Page, line: string): Promise<void> {
  const box = page.getByLabel(/Your command/);
  await box.fill(line);
  await box.press("Enter");
  // Sent: the box empties (a 400 would keep the text and show the problem).
  await expect.poll(() => box.inputValue()).toBe("");
}

describeInBrowser("training in the browser", () => {
  let web: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    web = await startWebServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it("runs a drill from the catalogue to the score report and the trainee's record", async () => {
    const context = await signedInContext(browser, "alex-ic");
    const page = await context.newPage();
    const seen = watchForScripts(page);
    await page.goto(`${web.url}/#/training`);
    const card = page.getByRole("listitem").filter({ hasText: "Multi-team coordination" });
    await card.getByRole("button", { name: "Start drill" }).waitFor();
    expect(await page.getByRole("heading", { name: "What it trains" }).count()).toBeGreaterThanOrEqual(8);
    await screenshot(page, "training-catalogue");
    await card.getByRole("button", { name: "Start drill" }).click();
    await page.waitForURL(/#\/training\/drills\/DRL-[0-9a-f]{16}$/);
    const drillUrl = page.url();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("drill-command");

    // A coach follows the same drill in another browser.
    const coachContext = await signedInContext(browser, "coach-ic");
    const coach = await coachContext.newPage();
    const coachSeen = watchForScripts(coach);
    await coach.goto(drillUrl);
    await coach.getByText("You are watching alex-ic's drill.").waitFor();
    await coach.locator(".live-live").waitFor();

    await send(
      page,
      'declare "Sign-in failures after the Cassandra migration" --sev 1 --impact "About 5% of users cannot sign in"',
    );
    await send(page, "assign tech-lead sarah-db");
    await send(page, "assign infra-lead lisa-sre");
    await send(page, 'task add "Size the backup restore: time, data lost, risk" --to sarah-db --timebox 5m');
    await send(page, "ask lisa-sre How long would a failover to the old cluster take, and what would we lose?");
    await send(page, 'decide --choose A --rationale "fast"');
    const feed = page.getByRole("list", { name: "Feed" });
    await feed.locator(".feed-error").filter({ hasText: "decision.no_options" }).waitFor();
    await send(page, `say ${EVIL}`);
    await feed.getByText(EVIL).waitFor();
    expect(await page.locator("main img").count()).toBe(0);

    // The clock moves with its buttons; what falls due arrives in the feed.
    const before = await feed.locator("li").count();
    await page.getByRole("button", { name: "+5m" }).click();
    await expect.poll(() => page.locator(".clock-time").textContent()).not.toBe("02:05");
    await expect.poll(() => feed.locator("li").count()).toBeGreaterThan(before);
    await send(page, 'option add "Fail over to the old cluster" --time 10m --data-loss "2h of writes" --risk low');
    await send(
      page,
      'update --audience executive "About 5% of users cannot sign in since 02:00. We are sizing three options and decide by 02:20. Next update at 02:30." --next 02:30',
    );
    // The feed follows the newest line.
    await expect.poll(() => feed.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(5);
    // A bad line is refused with the reason, and the text stays for fixing.
    const box = page.getByLabel(/Your command/);
    await box.fill("assign tech-lead");
    await box.press("Enter");
    await page.getByRole("alert").filter({ hasText: "missing <person>" }).waitFor();
    expect(await box.inputValue()).toBe("assign tech-lead");
    await box.fill("");

    // The coach saw it all live, hostile text as text.
    const coachFeed = coach.getByRole("list", { name: "Feed" });
    await coachFeed.getByText(EVIL).waitFor();
    await coachFeed.getByText("Fail over to the old cluster", { exact: false }).first().waitFor();
    expect(await coach.locator("main img").count()).toBe(0);
    await screenshot(page, "training-drill");

    await page.getByRole("button", { name: "Finish and score" }).click();
    await page.getByRole("button", { name: "Yes, finish and score" }).click();
    await page.waitForURL(/\/report$/);
    await page.getByRole("heading", { name: /Score report/ }).waitFor();
    await coach.getByText("The drill is over").waitFor();

    // Every rubric item with its advice; the charts are SVG with a text summary.
    const report = await web.server.app.store.readStream("TRN-alex-ic");
    expect(report.map((e) => e.type)).toEqual(["DrillCompleted"]);
    const items = page.locator("li.item");
    expect(await items.count()).toBe(13);
    for (const advice of await page.locator("li.item .advice").allTextContents())
      expect(advice.length).toBeGreaterThan(10);
    await page.getByRole("img", { name: /^Groups: Coordination/ }).waitFor();
    await page.getByRole("img", { name: /^Competencies/ }).waitFor();
    await page.getByText("Kept in the training record as run #1.").waitFor();
    await page.getByRole("heading", { name: "Refused actions (1)" }).waitFor();
    await page.locator("li.item details").first().locator("summary").click();
    await screenshot(page, "training-report");

    // A second, stronger run (the reference transcript played through the same API) for the chart.
    const second = await playTranscript(await callAs(web, "alex-ic"), "multi-team-coordination", "strong", true);
    expect(second.report.passed).toBe(true);
    await page.getByRole("link", { name: "alex-ic's training record" }).click();
    await page.waitForURL(/#\/training\/history\/alex-ic$/);
    await page.getByRole("img", { name: /Scores and competencies over time over 2 runs/ }).waitFor();
    expect(await page.locator("main tbody tr").count()).toBe(2);
    expect(await page.locator(".line-chart polyline").count()).toBe(4);
    await screenshot(page, "training-history");

    expect(seen).toEqual({ dialogs: [], errors: [] });
    expect(coachSeen).toEqual({ dialogs: [], errors: [] });
    await coachContext.close();
    await context.close();
  });

  it("plays a drill, and reads its report and the record, at phone width without sideways scrolling", async () => {
    const context = await signedInContext(browser, "sam-ic", { width: 390, height: 844 });
    const page = await context.newPage();
    const seen = watchForScripts(page);
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);
    await page.goto(`${web.url}/#/training`);
    const card = page.getByRole("listitem").filter({ hasText: "The impossible decision" });
    await card.getByRole("button", { name: "Start drill" }).click();
    await page.waitForURL(/#\/training\/drills\/DRL-/);
    await send(page, 'declare "Data corruption spreading" --sev 1');
    await page.getByRole("button", { name: "+1m" }).click();
    await send(page, "say Everyone, one voice at a time: I am in command.");
    expect(await width()).toBeLessThanOrEqual(390);
    await screenshot(page, "training-drill-phone");
    await page.getByRole("button", { name: "Finish and score" }).click();
    await page.getByRole("button", { name: "Yes, finish and score" }).click();
    await page.waitForURL(/\/report$/);
    await page.getByRole("img", { name: /^Groups:/ }).waitFor();
    expect(await width()).toBeLessThanOrEqual(390);
    await page.getByRole("link", { name: "sam-ic's training record" }).click();
    await page.getByRole("img", { name: /over 1 run;/ }).waitFor();
    expect(await width()).toBeLessThanOrEqual(390);
    expect(seen).toEqual({ dialogs: [], errors: [] });
    await context.close();
  });
});
