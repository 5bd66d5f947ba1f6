/**
 * The war room in Chromium against a real server: the whole incident from declaration to
 * a saved postmortem through the page alone, and two browsers seeing each other live.
 * Every step is checked against the server's state, not only the page.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  describeInBrowser,
  launchChromium,
  screenshot,
  signedInContext,
  startWebServer,
  type TestServer,
  watchForScripts,
} from "./browser.js";

describeInBrowser("war room", () => {
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

  const incident = async (id: string) => web.server.app.getIncident(id);
  const idFromUrl = (page: Page) => decodeURIComponent(/#\/incidents\/([^/]+)/.exec(page.url())?.[1] ?? "");

  it("declare → assign roles → options → decide → publish an update → resolve → draft the postmortem", async () => {
    const context = await signedInContext(browser, "sarah-db");
    const page = await context.newPage();
    const seen = watchForScripts(page);
    await page.goto(web.url);

    // Declare in one short form.
    await page.getByLabel("Title").fill("Payments API returning 500s");
    await page.getByLabel("Severity").first().selectOption("SEV-2");
    await page.getByLabel("Impact").fill("About 30% of card payments fail");
    await page.getByRole("button", { name: "Declare" }).click();
    await page.waitForURL(/#\/incidents\/INC-/);
    const id = idFromUrl(page);
    await page.getByRole("heading", { level: 1, name: /Payments API returning 500s/ }).waitFor();
    expect((await incident(id)).commander).toBe("sarah-db");

    // Roles.
    const roles = page.getByRole("region", { name: "Roles" });
    await roles.getByLabel("Role").selectOption("tech-lead");
    await roles.getByLabel("Person").fill("raj");
    await roles.getByRole("button", { name: "Assign" }).click();
    await roles.getByRole("cell", { name: "@raj" }).waitFor();
    await roles.getByLabel("Role").selectOption("comms-lead");
    await roles.getByLabel("Person").fill("lee");
    await roles.getByRole("button", { name: "Assign" }).click();
    await roles.getByRole("cell", { name: "@lee" }).waitFor();
    expect((await incident(id)).roles["tech-lead"]?.person).toBe("raj");
    expect((await incident(id)).roles["comms-lead"]?.person).toBe("lee");

    // Hand the tech lead role over, with a briefing.
    await roles
      .getByRole("row", { name: /Tech Lead/ })
      .getByRole("button", { name: "Hand over" })
      .click();
    await roles.getByLabel("To", { exact: true }).fill("priya");
    await roles.getByLabel("Briefing").fill("Deploy 14:02 is the suspect; rollback runbook is open");
    await roles.getByRole("button", { name: "Hand over", exact: true }).last().click();
    await roles.getByRole("cell", { name: "@priya" }).waitFor();
    expect((await incident(id)).roles["tech-lead"]?.person).toBe("priya");

    // Options, side by side in the matrix.
    const decisions = page.getByRole("region", { name: "Options and decisions" });
    const propose = async (title: string, risk: string, minutes: string, success: string) => {
      await decisions.getByLabel("Option", { exact: true }).fill(title);
      await decisions.getByLabel("Risk").selectOption(risk);
      await decisions.getByLabel("Minutes to do").fill(minutes);
      await decisions.getByLabel("Success %").fill(success);
      await decisions.getByRole("button", { name: "Propose" }).click();
      await decisions.getByRole("rowheader", { name: new RegExp(title) }).waitFor();
    };
    await propose("Roll back the 14:02 deploy", "low", "10", "90");
    await propose("Fail over to the replica", "high", "30", "60");
    expect((await incident(id)).options.map((o) => o.title)).toEqual([
      "Roll back the 14:02 deploy",
      "Fail over to the replica",
    ]);
    await decisions.getByText("best").waitFor();
    await page.getByLabel("Timeline note").fill("Error rate back under 1% on the canary");
    await page.getByRole("button", { name: "Add note" }).click();
    await page.locator(".entry-text", { hasText: "canary" }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "war-room");

    // A bad command shows the server's reason and stores nothing.
    const before = (await incident(id)).version;
    await roles.getByLabel("Person").fill("two words");
    await roles.getByRole("button", { name: "Assign" }).click();
    await roles.getByRole("alert").waitFor();
    expect(await roles.getByRole("alert").textContent()).toMatch(/handle/);
    expect((await incident(id)).version).toBe(before);
    await roles.getByLabel("Person").fill("");

    // Decide.
    await decisions.getByLabel(/^A Roll back/).check();
    await decisions.getByLabel("Kind").selectOption("trade-off");
    await decisions.getByLabel("Rationale").fill("Fastest and lowest risk; the deploy lines up with the errors");
    await decisions.getByRole("button", { name: "Record decision" }).click();
    await decisions.getByText(/D1 \(trade-off\)/).waitFor();
    const decided = (await incident(id)).decisions;
    expect(decided.map((d) => [d.id, d.chosen, d.decidedBy])).toEqual([["D1", ["A"], "sarah-db"]]);
    // The decision told for the executive, from the decision-support route.
    await decisions.getByLabel("Tell it to").selectOption("executive");
    await expect.poll(() => decisions.locator(".decision-record .update-text").textContent()).toContain("Roll back");

    // Compose an update: the analyser's findings show while typing, then publish.
    const updates = page.getByRole("region", { name: "Updates" });
    await updates.getByLabel("Audience").selectOption("executive");
    await updates.getByRole("button", { name: "Fill a draft" }).click();
    await expect
      .poll(() => updates.getByLabel("Update text").inputValue())
      .toContain("About 30% of card payments fail");
    await updates
      .getByLabel("Update text")
      .fill("Payments are failing for about 30% of customers. We think it is probably the database.");
    const findings = page.getByRole("complementary", { name: "Text analyser findings" });
    await findings.locator(".finding").first().waitFor();
    await updates.evaluate((element) => element.scrollIntoView());
    await screenshot(page, "update-composer");
    await updates
      .getByLabel("Update text")
      .fill(
        "Impact: about 30% of card payments fail since 14:05 UTC. We are rolling back the 14:02 deploy (decision D1), done by 14:40 UTC. Next update 14:45 UTC.",
      );
    await updates.getByRole("button", { name: "Publish update" }).click();
    await updates.getByText(/U1 · executive/).waitFor();
    expect((await incident(id)).updates.map((u) => [u.audience, u.by])).toEqual([["executive", "sarah-db"]]);

    // Resolve.
    await page.getByLabel("Resolution summary").fill("Rolled back the 14:02 deploy; payments recovered at 14:31 UTC");
    await page.getByRole("button", { name: "Resolve incident" }).click();
    await page.locator(".warroom-facts dd.status", { hasText: "resolved" }).waitFor();
    expect((await incident(id)).status).toBe("resolved");

    // Draft the postmortem from the log, see the linter beside it, save it.
    await page.getByRole("link", { name: /Draft the postmortem/ }).click();
    await page.waitForURL(/\/postmortem$/);
    await page.getByRole("button", { name: "Draft the postmortem" }).click();
    const editor = page.getByLabel("Postmortem (Markdown)");
    await editor.waitFor();
    expect(await editor.inputValue()).toContain("About 30% of card payments fail");
    await page.locator(".postmortem-editor .finding, .postmortem-editor .lint-ok").first().waitFor();
    await screenshot(page, "postmortem-editor");
    await page.getByRole("button", { name: "Save revision" }).click();
    await page.getByText(/Revision 1 saved/).waitFor();
    expect((await incident(id)).postmortem?.revision).toBe(1);
    await page.getByRole("button", { name: "Publish revision 1" }).click();
    await page.getByText(/published as version 1/).waitFor();
    expect((await incident(id)).postmortem?.published.map((p) => p.revision)).toEqual([1]);

    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it("two browsers see each other's changes live", async () => {
    const declared = await web.server.app.declare(
      { title: "Search index lagging", severity: "SEV-3" },
      { actor: "ana" },
    );
    const id = declared.incident.id;
    const a = await signedInContext(browser, "ana");
    const b = await signedInContext(browser, "ben");
    const pageA = await a.newPage();
    const pageB = await b.newPage();
    // What A reads of the incident: the whole of it once, then only the view without the timeline.
    const readsA: string[] = [];
    pageA.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname === `/api/incidents/${id}`) readsA.push(url.search);
    });
    await pageA.goto(`${web.url}/#/incidents/${id}`);
    await pageB.goto(`${web.url}/#/incidents/${id}`);
    for (const page of [pageA, pageB]) await page.getByText("● live").waitFor();

    // A writes a note; B's timeline shows it without a reload.
    await pageA.getByLabel("Timeline note").fill("Indexer queue at 40k and rising");
    await pageA.getByRole("button", { name: "Add note" }).click();
    await pageB.locator(".entry-text", { hasText: "Indexer queue at 40k and rising" }).waitFor();

    // B assigns a role; A's roles panel shows it.
    const rolesB = pageB.getByRole("region", { name: "Roles" });
    await rolesB.getByLabel("Role").selectOption("scribe");
    await rolesB.getByLabel("Person").fill("ben");
    await rolesB.getByRole("button", { name: "Assign" }).click();
    await pageA.getByRole("region", { name: "Roles" }).getByRole("cell", { name: "@ben" }).waitFor();
    expect(readsA[0]).toBe("");
    expect(readsA.length).toBeGreaterThan(1);
    expect(readsA.slice(1).every((search) => search === "?timeline=false")).toBe(true);

    // A declares from the list; B, on the list, sees it arrive.
    await pageB.goto(`${web.url}/#/incidents`);
    await pageB.getByText("● live").waitFor();
    await pageA.goto(`${web.url}/#/incidents`);
    await pageA.getByLabel("Title").fill("Login page slow");
    await pageA.getByRole("button", { name: "Declare" }).click();
    await pageB
      .locator("table.incidents")
      .getByRole("link", { name: /Login page slow/ })
      .waitFor();
    await a.close();
    await b.close();
  });

  it("keyboard: ? lists the war room's shortcuts, keys jump to the forms, a timeline entry opens in full", async () => {
    const declared = await web.server.app.declare({ title: "Keyboard check", severity: "SEV-3" }, { actor: "ana" });
    const long = `Long note ${"with many words ".repeat(30)}end of note`;
    await web.server.app.execute(declared.incident.id, { type: "add-note", text: long }, { actor: "ana" });
    const context = await signedInContext(browser, "ana");
    const page = await context.newPage();
    await page.goto(`${web.url}/#/incidents/${declared.incident.id}`);
    await page.getByRole("heading", { level: 1, name: /Keyboard check/ }).waitFor();
    // Every field has a label a screen reader can read.
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll("input, select, textarea")]
        .filter((field) => (field as HTMLInputElement).labels?.length === 0 && !field.getAttribute("aria-label"))
        .map((field) => field.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    for (const line of ["Compose an update", "Record a decision", "Resolve", "Write a note"]) {
      expect(await help.textContent()).toContain(line);
    }
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "hidden" });
    const focused = async (key: string) => {
      await page.keyboard.press(key);
      return page.evaluate(() => document.activeElement?.id);
    };
    expect(await focused("u")).toBe("update-text");
    await page.keyboard.press("Escape");
    expect(await focused("n")).toBe("note-text");
    await page.keyboard.press("Escape");
    expect(await focused("r")).toBe("resolve-summary");
    await page.keyboard.press("Escape");
    // Typing in a field is never taken as a shortcut.
    await page.getByLabel("Timeline note").fill("");
    await page.getByLabel("Timeline note").pressSequentially("urn");
    expect(await page.getByLabel("Timeline note").inputValue()).toBe("urn");
    // A long entry is clipped in the list and shown in full when chosen.
    await page.locator(".entry", { hasText: "Long note" }).click();
    expect(await page.locator(".entry-detail p").textContent()).toBe(long);
    await context.close();
  });

  it("sets a decision deadline and a trigger with their clocks, and closes the trigger", async () => {
    const declared = await web.server.app.declare({ title: "Clocks check", severity: "SEV-2" }, { actor: "ana" });
    const id = declared.incident.id;
    const context = await signedInContext(browser, "ana");
    const page = await context.newPage();
    await page.goto(`${web.url}/#/incidents/${id}`);
    const clocks = page.getByRole("region", { name: "Deadlines and triggers" });
    await clocks.getByLabel("Question to decide").fill("Fail over or keep rolling back?");
    await clocks.getByLabel("In minutes").fill("10");
    await clocks.getByRole("button", { name: "Set", exact: true }).click();
    await clocks.getByText(/DL1 decide: Fail over or keep rolling back\? in 9m\d\ds/).waitFor();
    await clocks.getByLabel(/^Clock/).selectOption("trigger");
    await clocks.getByLabel("If (condition)").fill("errors stay above 5%");
    await clocks.getByLabel("Then (action)").fill("fail over to the replica");
    await clocks.getByLabel("In minutes").fill("20");
    await clocks.getByRole("button", { name: "Set", exact: true }).click();
    await clocks.getByText(/TR1 if errors stay above 5%, then fail over to the replica/).waitFor();
    const state = await web.server.app.getIncident(id);
    expect(state.deadlines.map((d) => [d.id, d.status])).toEqual([["DL1", "open"]]);
    expect(state.triggers.map((t) => [t.id, t.condition, t.status])).toEqual([["TR1", "errors stay above 5%", "open"]]);
    await clocks.getByRole("button", { name: "Averted" }).click();
    await clocks.getByText(/TR1 if/).waitFor({ state: "detached" });
    expect((await web.server.app.getIncident(id)).triggers[0]?.status).toBe("averted");
    await context.close();
  });

  it("fits a phone: the war room stacks into one column", async () => {
    const declared = await web.server.app.declare({ title: "Phone check", severity: "SEV-4" }, { actor: "ana" });
    const context = await signedInContext(browser, "ana", { width: 390, height: 844 });
    const page = await context.newPage();
    await page.goto(`${web.url}/#/incidents/${declared.incident.id}`);
    await page.getByRole("heading", { level: 1, name: /Phone check/ }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "war-room-phone");
    await context.close();
  });
});
