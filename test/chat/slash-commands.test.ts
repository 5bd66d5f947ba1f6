/**
 * Every `/incident` verb over Slack's real request format, through the same handlers as the
 * API: what they change, short answers, and errors that say what was wrong with the usage.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expectProblem, post } from "../http/helpers.js";
import { type ChatFixture, chatFixture, mirrored, SLACK_USERS, slackPost, slash } from "./helpers.js";

describe("/incident slash commands (Slack)", () => {
  let f: ChatFixture;
  beforeEach(async () => {
    f = await chatFixture();
  });
  afterEach(async () => f.close());

  const declare = async () => {
    const reply = await slash(
      f,
      'declare "Checkout failing" --sev SEV-2 --impact "5% of payments fail" --service checkout,payments',
    );
    expect(reply.response_type).toBe("in_channel");
    return reply;
  };

  it("declare: title in quotes, severity, impact and services; the caller commands", async () => {
    const reply = await declare();
    expect(reply.text).toBe('🚨 INC-1 declared: SEV-2 "Checkout failing", Incident Commander alex-ic.');
    const incident = await f.app.getIncident("INC-1");
    expect(incident).toMatchObject({
      title: "Checkout failing",
      severity: "SEV-2",
      impact: "5% of payments fail",
      services: ["checkout", "payments"],
      private: false,
      declaredBy: "alex-ic",
    });
  });

  it("declare: 'sev1' first, curly quotes, --private answers only the caller", async () => {
    const reply = await slash(f, "declare sev1 “Invoices exposed” --private --commander @lisa-sre");
    expect(reply.response_type).toBe("ephemeral");
    const [summary] = await f.app.listIncidents();
    const incident = await f.app.getIncident(summary?.id ?? "");
    expect(incident).toMatchObject({ title: "Invoices exposed", severity: "SEV-1", private: true });
    expect(incident.roles["incident-commander"]?.person).toBe("lisa-sre");
    expect(reply.text).toContain(`${incident.id} declared`);
  });

  it("assign: a Slack mention becomes the linked person", async () => {
    await declare();
    const reply = await slash(f, `assign INC-1 tech-lead <@${SLACK_USERS["sarah-db"]}|sarah>`);
    expect(reply).toEqual({ response_type: "in_channel", text: "INC-1 · alex-ic: sarah-db is tech-lead" });
    expect((await f.app.getIncident("INC-1")).roles["tech-lead"]?.person).toBe("sarah-db");
  });

  it("assign: someone not linked is refused by name, nothing appended", async () => {
    await declare();
    const head = await f.head();
    const reply = await slash(f, "assign INC-1 tech-lead <@U0NOBODY|ghost>");
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toContain("<@U0NOBODY> is not linked to a Warroom person");
    expect(reply.text).toContain("Usage: `/incident assign");
    expect(await f.head()).toBe(head);
  });

  it("sev: new severity and the reason from the remaining words", async () => {
    await declare();
    const reply = await slash(f, "sev INC-1 1 every checkout now fails");
    expect(reply.text).toBe("INC-1 · alex-ic: Severity SEV-2 → SEV-1: every checkout now fails");
    expect((await f.app.getIncident("INC-1")).severity).toBe("SEV-1");
  });

  it("status: shows the incident without a status, moves it with one", async () => {
    await declare();
    const shown = await slash(f, "status INC-1");
    expect(shown.response_type).toBe("ephemeral");
    expect(shown.text).toContain('*INC-1* SEV-2 · investigating: "Checkout failing"');
    expect(shown.text).toContain("Incident Commander alex-ic");
    const moved = await slash(f, "status INC-1 mitigating rolled back the deploy");
    expect(moved.text).toBe("INC-1 · alex-ic: Status investigating → mitigating: rolled back the deploy");
    expect((await f.app.getIncident("INC-1")).status).toBe("mitigating");
  });

  it("status with no incident outside an incident channel lists the open ones", async () => {
    expect((await slash(f, "status")).text).toBe("No open incidents.");
    await declare();
    await slash(f, 'declare "Search slow" --sev SEV-3');
    await slash(f, "resolve INC-2 index rebuilt");
    const listed = await slash(f, "status");
    expect(listed.response_type).toBe("ephemeral");
    expect(listed.text).toMatch(
      /^Open incidents \(1\):\n• \*INC-1\* SEV-2 · investigating: "Checkout failing" \(IC alex-ic\)/,
    );
  });

  it("update: audience, next update time and text", async () => {
    await declare();
    const reply = await slash(
      f,
      "update INC-1 --audience executive --next +15m Payments fail for 5% of users; rollback under way",
    );
    expect(reply.response_type).toBe("in_channel");
    const incident = await f.app.getIncident("INC-1");
    expect(incident.updates).toHaveLength(1);
    expect(incident.updates[0]).toMatchObject({
      audience: "executive",
      text: "Payments fail for 5% of users; rollback under way",
      nextUpdateAt: new Date(f.clock.now() + 15 * 60_000).toISOString(),
    });
  });

  it("decide: kind, chosen options, consulted, fallback and the rationale", async () => {
    await declare();
    await f.app.execute("INC-1", { type: "propose-option", title: "Roll back" }, { actor: "alex-ic" });
    await f.app.execute("INC-1", { type: "propose-option", title: "Fix forward" }, { actor: "alex-ic" });
    await slash(f, "assign INC-1 tech-lead @sarah-db");
    const reply = await slash(
      f,
      'decide INC-1 --kind trade-off --choose a --consulted @sarah-db --fallback "fix forward (B)" rollback is fastest and loses nothing',
    );
    expect(reply.text).toContain("INC-1 · alex-ic: Decision D1 (trade-off)");
    expect((await f.app.getIncident("INC-1")).decisions[0]).toMatchObject({
      kind: "trade-off",
      chosen: ["A"],
      consulted: ["sarah-db"],
      fallback: "fix forward (B)",
      rationale: "rollback is fastest and loses nothing",
      decidedBy: "alex-ic",
    });
  });

  it("resolve: the summary from the remaining words", async () => {
    await declare();
    const reply = await slash(f, "resolve INC-1 rolled back 4.2.1; payments verified");
    expect(reply.response_type).toBe("in_channel");
    expect(await f.app.getIncident("INC-1")).toMatchObject({
      status: "resolved",
      resolutionSummary: "rolled back 4.2.1; payments verified",
    });
  });

  it("a private incident's changes are answered only to the caller, except in its own channel", async () => {
    await slash(f, 'declare "Invoices exposed" --sev SEV-1 --private');
    const [summary] = await f.app.listIncidents();
    const id = summary?.id ?? "";
    const outside = await slash(f, `sev ${id} SEV-2 contained`);
    expect(outside).toMatchObject({ response_type: "ephemeral" });
    expect(outside.text).toContain("Severity SEV-1 → SEV-2");
    await mirrored(f);
    const channel = f.chat.ledger.channelOf(id)?.channelId ?? "";
    const inside = await slash(f, "status mitigating", SLACK_USERS["alex-ic"], channel);
    expect(inside.response_type).toBe("in_channel");
  });

  it("knows people by the Slack id in the people directory", async () => {
    await f.app.people.add({ handle: "nora-net", name: "Nora", chat: { slack: "U0NORA" } }, { actor: "admin" });
    const reply = await slash(f, 'declare "BGP leak" --sev SEV-2', "U0NORA");
    expect(reply.text).toContain("Incident Commander nora-net");
    await slash(f, "assign INC-1 tech-lead <@U0NORA|nora>", "U0NORA");
    expect((await f.app.getIncident("INC-1")).roles["tech-lead"]?.person).toBe("nora-net");
  });

  it("typed in the incident's channel, the incident id can be left out", async () => {
    await declare();
    await mirrored(f);
    const channel = f.chat.ledger.channelOf("INC-1")?.channelId ?? "";
    expect(channel).not.toBe("");
    await slash(f, "sev SEV-1 all regions", SLACK_USERS["alex-ic"], channel);
    expect((await f.app.getIncident("INC-1")).severity).toBe("SEV-1");
    const elsewhere = await slash(f, "sev SEV-2 better now");
    expect(elsewhere.text).toContain("name the incident (e.g. INC-3)");
  });

  it("help and an empty command list every verb; an unknown verb says so and lists them", async () => {
    const head = await f.head();
    for (const text of ["help", ""]) {
      const reply = await slash(f, text);
      expect(reply.response_type).toBe("ephemeral");
      for (const verb of ["declare", "assign", "sev", "status", "update", "decide", "resolve", "help"]) {
        expect(reply.text).toContain(`/incident ${verb}`);
      }
    }
    const unknown = await slash(f, "escalate INC-1 now");
    expect(unknown.text).toMatch(/^Unknown command `escalate`/);
    expect(unknown.text).toContain("/incident resolve");
    expect(await f.head()).toBe(head);
  });

  it.each([
    ["declare Checkout failing", "give the severity: --sev", "declare"],
    ["declare Checkout --sev SEV-9", "severity must be one of SEV-1", "declare"],
    ["declare Checkout --sev SEV-2 --colour red", "Unknown option '--colour'", "declare"],
    ["sev INC-1", "give the new severity", "sev"],
    ["sev INC-1 SEV-1", "reason", "sev"],
    ["status INC-1 sleeping", "status must be one of investigating", "status"],
    ["update INC-1 --audience board all fine", "audience", "update"],
    ["update INC-1 --next soon all fine", "--next: 'soon' is not a time", "update"],
    ["decide INC-1 --choose A because", "give the kind", "decide"],
    ["resolve INC-1", "summary", "resolve"],
    ["resolve INC-77 done", "INC-77 does not exist", "resolve"],
    ["assign INC-1 tech-lead", "give a role and a person", "assign"],
  ])("'%s' is refused: %s, with the usage; nothing appended", async (text, message, verb) => {
    if (!text.startsWith("declare")) await declare();
    const head = await f.head();
    const reply = await slash(f, text);
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toMatch(/^❌ /);
    expect(reply.text).toContain(message);
    expect(reply.text).toContain(`Usage: \`/incident ${verb}`);
    expect(await f.head()).toBe(head);
  });

  it("refuses what the API refuses, with the same words", async () => {
    await declare();
    const api = post(f.http, "/api/incidents/INC-1/severity", { severity: "SEV-2", reason: "same" }, {}, "alex-ic");
    const detail = expectProblem(await api, "severity.unchanged").detail;
    const reply = await slash(f, "sev INC-1 SEV-2 same");
    expect(reply.text).toContain(detail);
  });

  it("someone whose Slack account is not linked is told so; nothing appended", async () => {
    const head = await f.head();
    const reply = await slash(f, 'declare "X" --sev SEV-3', "U0STRANGER");
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toContain("(U0STRANGER) is not linked to a Warroom person");
    expect(await f.head()).toBe(head);
  });

  it("a form without user_id, or a JSON body, is a 400 naming the problem", async () => {
    const head = await f.head();
    const noUser = await slackPost(f, "/chat/slack/commands", "command=%2Fincident&text=help");
    expectProblem(noUser, "validation.failed", "user_id");
    const json = await slackPost(f, "/chat/slack/commands", JSON.stringify({ text: "help" }), {
      contentType: "application/json",
    });
    expectProblem(json, "validation.failed", "(body)");
    expect(await f.head()).toBe(head);
  });
});
