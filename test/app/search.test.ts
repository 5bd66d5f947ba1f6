/**
 * Search over the incidents' logs through the app: every term must appear, quoted
 * phrases stay together, newest first, limits and filters, the field and snippet of each
 * hit, and bad input refused with the field named.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTerms, snippetAround, textFields } from "../../src/app/search.js";
import { WarroomError } from "../../src/domain/shared/errors.js";
import { type AppFixture, appFixture, IC } from "./helpers.js";

let f: AppFixture;

beforeAll(async () => {
  f = await appFixture();
  await f.app.declare({ title: "Checkout failing in EU", severity: "SEV-1", impact: "EU card payments fail" }, IC);
  await f.app.declare({ title: "Search latency", severity: "SEV-3" }, IC);
  await f.app.declare({ title: "Game day", severity: "SEV-2", mode: "drill" }, IC);
  const note = (id: string, text: string) => f.app.execute(id, { type: "add-note", channel: "tech", text }, IC);
  f.clock.advance(60_000);
  await note("INC-1", "Primary database failover started in eu-west-1");
  f.clock.advance(60_000);
  await note("INC-2", "The search cluster is fine; no database failover here");
  f.clock.advance(60_000);
  await note("INC-1", "Failover of the primary done, replica promoted");
  await f.app.execute("INC-1", { type: "propose-option", title: "Roll back the deploy" }, IC);
  await note("INC-3", "Drill: database failover rehearsal");
  await f.app.execute("INC-2", { type: "resolve", summary: "cache warmed, latency back to normal" }, IC);
});
afterAll(async () => {
  await f.cleanup();
});

describe("search", () => {
  it("finds events holding every term, newest first, with the incident, field and snippet", async () => {
    const answer = await f.app.search({ q: "database FAILOVER" });
    expect(answer.terms).toEqual(["database", "failover"]);
    expect(answer.hits.map((h) => [h.incidentId, h.snippet])).toEqual([
      ["INC-3", "Drill: database failover rehearsal"],
      ["INC-2", "The search cluster is fine; no database failover here"],
      ["INC-1", "Primary database failover started in eu-west-1"],
    ]);
    const [drill, resolved, first] = answer.hits;
    expect(first).toMatchObject({
      incidentTitle: "Checkout failing in EU",
      severity: "SEV-1",
      status: "investigating",
      mode: "live",
      private: false,
      type: "NoteAdded",
      channel: "tech",
      field: "text",
      by: "alex-ic",
      at: "2026-03-07T02:01:00.000Z",
      text: "Primary database failover started in eu-west-1",
    });
    expect(resolved?.status).toBe("resolved");
    expect(drill?.mode).toBe("drill");
    expect(first && resolved && first.position < resolved.position).toBe(true);
    expect(answer.truncated).toBe(false);
  });

  it("keeps a quoted phrase together", async () => {
    const phrase = await f.app.search({ q: '"failover of the primary"' });
    expect(phrase.hits.map((h) => h.snippet)).toEqual(["Failover of the primary done, replica promoted"]);
    const words = await f.app.search({ q: "failover primary" });
    expect(words.hits).toHaveLength(2);
  });

  it("searches titles, impact, options and summaries, naming the field", async () => {
    expect((await f.app.search({ q: "card payments" })).hits.map((h) => [h.type, h.field])).toEqual([
      ["IncidentDeclared", "impact"],
    ]);
    expect((await f.app.search({ q: "roll back" })).hits.map((h) => [h.type, h.field])).toEqual([
      ["OptionProposed", "title"],
    ]);
    expect((await f.app.search({ q: "cache warmed" })).hits.map((h) => [h.type, h.field])).toEqual([
      ["IncidentResolved", "summary"],
    ]);
  });

  it("does not match event types or times; a handle matches where the person is named, not every event they wrote", async () => {
    for (const q of ["NoteAdded", "2026-03-07"]) {
      expect((await f.app.search({ q })).hits, q).toEqual([]);
    }
    const named = await f.app.search({ q: "alex-ic" });
    expect(named.hits.map((h) => [h.incidentId, h.type, h.field])).toEqual([
      ["INC-1", "OptionProposed", "proposedBy"],
      ["INC-3", "IncidentDeclared", "commander"],
      ["INC-2", "IncidentDeclared", "commander"],
      ["INC-1", "IncidentDeclared", "commander"],
    ]);
  });

  it("filters by status and mode, and keeps the newest hits up to the limit", async () => {
    const open = await f.app.search({ q: "failover", status: "open" });
    expect(open.hits.map((h) => h.incidentId)).toEqual(["INC-3", "INC-1", "INC-1"]);
    const resolved = await f.app.search({ q: "failover", status: "resolved" });
    expect(resolved.hits.map((h) => h.incidentId)).toEqual(["INC-2"]);
    const live = await f.app.search({ q: "failover", mode: "live" });
    expect(live.hits.map((h) => h.incidentId)).toEqual(["INC-1", "INC-2", "INC-1"]);
    const two = await f.app.search({ q: "failover", limit: 2 });
    expect(two.hits.map((h) => h.incidentId)).toEqual(["INC-3", "INC-1"]);
    expect(two.truncated).toBe(true);
  });

  it("finds nothing, without error, for words that are nowhere", async () => {
    expect(await f.app.search({ q: "kubernetes" })).toEqual({
      query: "kubernetes",
      terms: ["kubernetes"],
      hits: [],
      truncated: false,
    });
  });

  it.each([
    [{}, "q"],
    [{ q: "   " }, "q"],
    [{ q: '""' }, "q"],
    [{ q: "x".repeat(201) }, "q"],
    [{ q: "a b c d e f g h i j k" }, "q"],
    [{ q: "x", limit: 0 }, "limit"],
    [{ q: "x", limit: 501 }, "limit"],
    [{ q: "x", status: "closed" }, "status"],
    [{ q: "x", mode: "test" }, "mode"],
    [{ q: "x", sevrity: "SEV-1" }, "sevrity"],
  ])("refuses %j, naming %s", async (input, field) => {
    const head = await f.app.store.headPosition();
    const error = await f.app.search(input as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarroomError);
    expect((error as WarroomError).code).toBe("validation.failed");
    expect((error as WarroomError).details.map((d) => d.field)).toContain(field);
    expect(await f.app.store.headPosition()).toBe(head);
  });
});

describe("search helpers", () => {
  it("split terms, lower-case them and drop repeats", () => {
    expect(parseTerms('DB "Primary  Failover" db replica')).toEqual(["db", "primary  failover", "replica"]);
  });

  it("take text from nested lists and objects, leaving out ids and times", () => {
    expect(
      textFields({
        type: "DecisionRecorded",
        at: "2026-03-07T02:00:00.000Z",
        by: "alex",
        decisionId: "D1",
        rationale: "fastest way back",
        consulted: ["cfo", "legal"],
        fallback: { text: "fail back", dueAt: "2026-03-07T03:00:00.000Z" },
      }),
    ).toEqual([
      ["rationale", "fastest way back"],
      ["consulted", "cfo"],
      ["consulted", "legal"],
      ["fallback", "fail back"],
    ]);
  });

  it("leave a reminder's internal key out, keeping its message", () => {
    const fields = textFields({
      type: "ReminderIssued",
      reminderKey: "task-expired:T1:2026-03-07T02:10:00.000Z",
      kind: "task-expired",
      subject: "T1",
      dueAt: "2026-03-07T02:10:00.000Z",
      message: "Task T1 is past its time-box",
    });
    expect(fields.map(([field]) => field)).toEqual(["kind", "subject", "message"]);
  });

  it("cut a long field around the match, on word boundaries", () => {
    const text = `${"alpha ".repeat(60)}NEEDLE ${"omega ".repeat(60)}`;
    const snippet = snippetAround(text, text.indexOf("NEEDLE"), 6);
    expect(snippet.startsWith("…alpha")).toBe(true);
    expect(snippet.endsWith("omega…")).toBe(true);
    expect(snippet).toContain("NEEDLE");
    expect(snippet.length).toBeLessThanOrEqual(162);
    expect(snippetAround("short text", 0, 5)).toBe("short text");
  });
});
