/** The incident list in Chromium: signing in, declaring, and hostile titles shown as text. */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  describeInBrowser,
  launchChromium,
  signedInContext,
  startWebServer,
  type TestServer,
  watchForScripts,
} from "./browser.js";

describeInBrowser("incident list", () => {
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

  it("signs in from the first-start /#token= link, then declares from the one-line form", async () => {
    const admin = web.server.bootstrap;
    expect(admin, "auth is on by default, so the server made a first-start token").toBeDefined();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`${web.url}/#token=${admin?.token}`);
    await page.locator(".who", { hasText: `@${admin?.person}` }).waitFor();
    expect(page.url()).not.toContain("token=");
    await page.getByLabel("Title").fill("Checkout failing in EU");
    await page.getByLabel("Severity").first().selectOption("SEV-1");
    await page.getByRole("button", { name: "Declare" }).click();
    await page.waitForURL(/#\/incidents\/INC-/);
    const list = await web.server.app.listIncidents({ status: "all" });
    expect(list.map((i) => [i.title, i.severity, i.commander])).toEqual([
      ["Checkout failing in EU", "SEV-1", admin?.person],
    ]);

    // Signing out forgets the token; a wrong one is refused with the server's reason.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Access token").fill("wr_not-a-real-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("heading", { name: /sign in/ }).count()).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem("warroom.session"))).toBeNull();
    await context.close();
  });

  it("shows an incident titled <img src=x onerror=alert(1)> as text and runs nothing", async () => {
    const evil = "<img src=x onerror=alert(1)>";
    const declared = await web.server.app.declare(
      { title: evil, severity: "SEV-3", impact: "<script>alert(2)</script>" },
      { actor: "mallory" },
    );
    const svg = "</script><svg onload=alert(3)>";
    await web.server.app.execute(declared.incident.id, { type: "add-note", text: svg }, { actor: "mallory" });
    const context = await signedInContext(browser, "sarah-db");
    const page = await context.newPage();
    const seen = watchForScripts(page);
    await page.goto(web.url);
    const link = page.locator("table.incidents").getByRole("link", { name: evil });
    await link.waitFor();
    expect(await link.textContent()).toContain(evil);
    expect(await page.locator("main img").count()).toBe(0);
    await link.click();
    await page.waitForURL(/#\/incidents\/INC-/);
    await page.locator(".warroom-facts").getByText("<script>alert(2)</script>").waitFor();
    await page.locator(".entry-text", { hasText: svg }).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(evil);
    expect(await page.locator("main img, main script, main svg").count()).toBe(0);
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it("a revoked token sends the browser back to sign-in with the server's reason", async () => {
    const admin = web.server.bootstrap;
    if (!admin) throw new Error("auth is on: the server made a first-start token");
    const acting = { actor: admin.person };
    await web.server.app.people.add({ handle: "temp-ic", name: "Temp", icQualified: true }, acting);
    const { token, view } = await web.server.app.tokens.create(
      { person: "temp-ic", role: "responder", name: "e2e" },
      acting,
    );
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`${web.url}/#token=${token}`);
    await page.locator(".who", { hasText: "@temp-ic" }).waitFor();
    await web.server.app.tokens.revoke(view.id, acting);
    await page.getByLabel("Status").selectOption("all");
    await page.getByRole("heading", { name: /sign in/ }).waitFor();
    expect(await page.getByRole("alert").textContent()).toMatch(/token/i);
    expect(await page.evaluate(() => localStorage.getItem("warroom.session"))).toBeNull();
    await context.close();
  });
});
