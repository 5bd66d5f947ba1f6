/**
 * Searching every incident's timeline from the web app, in Chromium against a real server:
 * the box on the incident list, highlighted hits shown as text, links to the war rooms,
 * the address as the search's home (back button, links), and private incidents' entries
 * found only by their members.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  describeInBrowser,
  launchChromium,
  screenshot,
  startWebServer,
  type TestServer,
  tokenFor,
  watchForScripts,
} from "./browser.js";

const EVIL = "<img src=x onerror=alert(1)>";

describeInBrowser("search", () => {
  let web: TestServer;
  let browser: Browser;
  /** Declares everything and is a member (the declarer) of the private incident. */
  let memberToken: string;
  let outsiderToken: string;
  const ids = { checkout: "", latency: "", secret: "" };

  async function call(token: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(`${web.url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  async function declare(title: string, severity: string, notes: string[], isPrivate = false): Promise<string> {
    const declared = await call(memberToken, "/api/incidents", { title, severity, private: isPrivate });
    const id = (declared.incident as { id: string }).id;
    for (const text of notes) await call(memberToken, `/api/incidents/${id}/notes`, { text, channel: "tech" });
    return id;
  }

  /** A context signed in with `token` as `handle`, the way the sign-in form leaves it. */
  async function contextWith(handle: string, token: string): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    await context.addInitScript((session) => {
      if (!localStorage.getItem("warroom.session")) localStorage.setItem("warroom.session", session);
    }, JSON.stringify({ handle, token }));
    return context;
  }

  /** The incidents of the hits shown, in order ([] while none are shown). */
  function hitIds(page: Page): Promise<(string | null)[]> {
    return page.locator(".search-hit").evaluateAll((items) => items.map((li) => li.getAttribute("data-incident")));
  }

  /** Waits until the page shows exactly these hits (the search runs after the address changes). */
  async function expectHits(page: Page, expected: string[]): Promise<void> {
    await page.locator(".search-summary").first().waitFor();
    await expect.poll(() => hitIds(page), { timeout: 10_000 }).toEqual(expected);
  }

  /** Waits for the empty state and returns it. */
  async function emptyState(page: Page, query: string): Promise<string> {
    const empty = page.locator(".search-empty", { hasText: query });
    await empty.waitFor();
    expect(await hitIds(page)).toEqual([]);
    return (await empty.textContent()) ?? "";
  }

  beforeAll(async () => {
    web = await startWebServer();
    browser = await launchChromium();
    memberToken = (await tokenFor(web, "ic-ana", "commander")) ?? "";
    outsiderToken = (await tokenFor(web, "rick-outside", "responder")) ?? "";
    expect(memberToken && outsiderToken, "auth is on by default, so tokens are needed").toBeTruthy();
    ids.checkout = await declare("Checkout failing", "SEV-1", [
      "promoted the replica; zanzibar failover done at 02:14",
      "unrelated chatter about lunch",
    ]);
    ids.latency = await declare("Search latency", "SEV-3", [`${EVIL} seen in the zanzibar proxy logs`]);
    ids.secret = await declare("Keys leaked", "SEV-2", ["zanzibar nightjar keys rotated"], true);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it("searches from the list with / and Enter, marks the terms, shows markup as text, opens the war room", async () => {
    const context = await contextWith("ic-ana", memberToken);
    const page = await context.newPage();
    const seen = watchForScripts(page);
    await page.goto(web.url);
    await page.locator("table.incidents").getByRole("link", { name: "Checkout failing" }).waitFor();

    // The ? overlay lists the shortcut; / focuses the box.
    await page.keyboard.press("?");
    await page.getByRole("dialog").getByText("Enter searches every timeline").waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("incident-search");

    // Escape clears what was typed and stays; a second Escape leaves the field.
    await page.keyboard.type("half-typed");
    await page.keyboard.press("Escape");
    expect(await page.locator("#incident-search").inputValue()).toBe("");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("incident-search");
    await page.keyboard.press("Escape");
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe("incident-search");

    // The list shows open incidents, so Enter searches their timelines: all three are open.
    await page.keyboard.press("/");
    await page.keyboard.type("ZANZIBAR");
    await page.keyboard.press("Enter");
    await page.waitForURL(/#\/search\?q=ZANZIBAR&status=open$/);
    await expectHits(page, [ids.secret, ids.latency, ids.checkout]);
    expect(await page.locator("#incident-search").inputValue()).toBe("ZANZIBAR");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("incident-search");
    const marks = await page.locator(".search-hit mark").allTextContents();
    expect(marks).toEqual(["zanzibar", "zanzibar", "zanzibar"]);
    expect(await page.locator(".search-summary").textContent()).toContain("3 entries in 3 incidents");
    await screenshot(page, "search");

    // The hostile note reads as the characters typed; nothing ran, no element was made of it.
    const evilHit = page.locator(`.search-hit[data-incident="${ids.latency}"]`);
    expect(await evilHit.locator(".search-snippet").textContent()).toBe(`${EVIL} seen in the zanzibar proxy logs`);
    expect(await page.locator("main img, main script").count()).toBe(0);
    const head = await evilHit.locator(".search-hit-head").textContent();
    expect(head).toContain("SEV-3");
    expect(head).toContain("Search latency");
    expect(await evilHit.locator(".search-hit-meta").textContent()).toMatch(/@ic-ana · NoteAdded · tech/);

    // Every term must appear; a quoted phrase is one term, marked whole.
    await page.locator("#incident-search").fill('promoted "zanzibar failover"');
    await page.keyboard.press("Enter");
    await page.waitForURL(/q=promoted\+%22zanzibar\+failover%22/);
    await expectHits(page, [ids.checkout]);
    expect(await page.locator(".search-hit mark").allTextContents()).toEqual(["promoted", "zanzibar failover"]);

    // A hit opens its war room; back returns to the same search.
    await page
      .locator(".search-hit")
      .getByRole("link", { name: /Checkout failing/ })
      .click();
    await page.waitForURL(new RegExp(`#/incidents/${ids.checkout}$`));
    // The URL changes before the war room has rendered: wait for its heading, then read it.
    const heading = page.getByRole("heading", { level: 1 }).filter({ hasText: "Checkout failing" });
    await heading.waitFor();
    expect(await heading.textContent()).toContain("Checkout failing");
    await page.goBack();
    await expectHits(page, [ids.checkout]);
    expect(await page.locator("#incident-search").inputValue()).toBe('promoted "zanzibar failover"');

    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it("says when nothing matches, shows the server's reason for a bad search, and notes a cut-off list", async () => {
    const context = await contextWith("ic-ana", memberToken);
    const page = await context.newPage();
    await page.goto(`${web.url}/#/search?q=quetzalcoatl`);
    expect(await emptyState(page, "quetzalcoatl")).toContain("No entries match quetzalcoatl in all incidents");

    await page.locator("#incident-search").fill("a b c d e f g h i j k");
    await page.keyboard.press("Enter");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("more than 10 terms");
    expect(await page.locator(".search-hit").count()).toBe(0);

    await page.goto(`${web.url}/#/search?q=zanzibar&limit=2`);
    await expectHits(page, [ids.secret, ids.latency]);
    expect(await page.locator(".search-truncated").textContent()).toContain("Only the newest 2 matches are shown");
    await page.getByRole("button", { name: "show up to 500" }).click();
    await page.waitForURL(/limit=500/);
    await expectHits(page, [ids.secret, ids.latency, ids.checkout]);
    expect(await page.locator(".search-truncated").count()).toBe(0);
    await context.close();
  });

  it("finds a private incident's entries for its member only", async () => {
    const outsider = await contextWith("rick-outside", outsiderToken);
    const page = await outsider.newPage();
    await page.goto(`${web.url}/#/search?q=nightjar`);
    expect(await emptyState(page, "nightjar")).toContain("No entries match nightjar");
    await page.goto(`${web.url}/#/search?q=zanzibar`);
    await expectHits(page, [ids.latency, ids.checkout]);
    expect(await page.locator("main").textContent()).not.toContain("Keys leaked");
    await outsider.close();

    const member = await contextWith("ic-ana", memberToken);
    const memberPage = await member.newPage();
    await memberPage.goto(`${web.url}/#/search?q=nightjar`);
    await expectHits(memberPage, [ids.secret]);
    expect(await memberPage.locator(".search-hit mark").allTextContents()).toEqual(["nightjar"]);
    // The member is told the hit comes from a private incident.
    expect(await memberPage.locator(".search-hit .badge.private").count()).toBe(1);
    await member.close();
  });
});
