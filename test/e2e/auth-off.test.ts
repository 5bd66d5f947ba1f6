/** With auth off (a single-user laptop) the page asks only for the handle you act as. */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeInBrowser, launchChromium, startWebServer, type TestServer } from "./browser.js";

describeInBrowser("sign-in with auth off", () => {
  let web: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    web = await startWebServer({ auth: "off" });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it("asks for a handle, refuses a malformed one, then acts as that handle", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(web.url);
    await page.getByLabel(/Your handle/).fill("two words");
    await page.getByRole("button", { name: "Sign in" }).click();
    expect(await page.getByRole("alert").textContent()).toMatch(/handle/);
    await page.getByLabel(/Your handle/).fill("@kim-ops");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator(".who", { hasText: "@kim-ops" }).waitFor();
    await page.getByLabel("Title").fill("Disk filling on db-3");
    await page.getByRole("button", { name: "Declare" }).click();
    await page.waitForURL(/#\/incidents\/INC-/);
    const [incident] = await web.server.app.listIncidents({ status: "all" });
    expect([incident?.title, incident?.commander]).toEqual(["Disk filling on db-3", "kim-ops"]);
    await context.close();
  });
});
