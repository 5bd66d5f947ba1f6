import { describe, expect, it } from "vitest";
import { DEFAULT_NOW, DEV, declared, ev, given, IC, policyWith, resolved, TECH } from "./helpers.js";

describe("add-note", () => {
  it("adds a note on the command channel by default", () => {
    const outcome = given(declared()).when({ type: "add-note", text: " rollback started " }, { actor: DEV });
    outcome.emits([{ type: "NoteAdded", at: DEFAULT_NOW, by: DEV, channel: "command", text: "rollback started" }]);
    expect(outcome.after.noteCount).toEqual({ command: 1, tech: 0, stakeholder: 0 });
  });

  it.each(["tech", "stakeholder"] as const)("keeps the %s channel and counts per channel", (channel) => {
    const outcome = given(declared(), ev("NoteAdded", { channel, text: "earlier" })).when({
      type: "add-note",
      channel,
      text: "replica lag 40s",
    });
    outcome.emitsOne("NoteAdded", { channel, text: "replica lag 40s" });
    expect(outcome.after.noteCount[channel]).toBe(2);
  });

  it.each(["", " ", "\n\n", "\t \u00a0"])("refuses empty text %j", (text) => {
    given(declared()).when({ type: "add-note", text }).throws("text.empty", "text");
  });

  it("is allowed on a resolved incident", () => {
    given(declared(), resolved()).when({ type: "add-note", text: "late finding" }).emitsOne("NoteAdded");
  });
});

describe("set-cadence", () => {
  it("sets a manual cadence that no longer follows severity", () => {
    const outcome = given(declared()).when({ type: "set-cadence", minutes: 10 }, { actor: IC });
    outcome.emits([{ type: "CadenceSet", at: DEFAULT_NOW, by: IC, cadenceMinutes: 10, followsSeverity: false }]);
    expect(outcome.after).toMatchObject({ cadenceMinutes: 10, cadenceFollowsSeverity: false });
  });

  it("turns the cadence off with null", () => {
    given(declared())
      .when({ type: "set-cadence", minutes: null })
      .emitsOne("CadenceSet", { cadenceMinutes: null, followsSeverity: false });
  });

  it.each([
    ["SEV-1", 15],
    ["SEV-3", 60],
    ["SEV-4", null],
  ] as const)("follows severity again: %s gives %s", (severity, cadence) => {
    const outcome = given(
      declared({ severity, cadenceMinutes: cadence }),
      ev("CadenceSet", { cadenceMinutes: 5, followsSeverity: false }),
    ).when({ type: "set-cadence", followSeverity: true });
    outcome.emitsOne("CadenceSet", { cadenceMinutes: cadence, followsSeverity: true });
    expect(outcome.after).toMatchObject({ cadenceMinutes: cadence, cadenceFollowsSeverity: true });
  });

  it("refuses neither minutes nor followSeverity", () => {
    given(declared()).when({ type: "set-cadence" }).throws("cadence.invalid", "minutes");
  });

  it("refuses followSeverity: false without minutes", () => {
    given(declared()).when({ type: "set-cadence", followSeverity: false }).throws("cadence.invalid", "minutes");
  });

  it("refuses minutes and followSeverity together", () => {
    given(declared())
      .when({ type: "set-cadence", minutes: 10, followSeverity: true })
      .throws("cadence.invalid", "minutes");
  });
});

describe("publish-update", () => {
  const later = "2026-03-01T10:40:00.000Z";

  it("publishes U1 with its structured parts and a promised next update", () => {
    const outcome = given(declared()).when(
      {
        type: "publish-update",
        audience: "executive",
        text: " Checkout is failing for 40% of EU users ",
        impact: "EU checkout",
        timeline: "since 09:50",
        plan: "rolling back",
        nextUpdateAt: later,
      },
      { actor: IC },
    );
    outcome.emits([
      {
        type: "UpdatePublished",
        at: DEFAULT_NOW,
        by: IC,
        updateId: "U1",
        audience: "executive",
        text: "Checkout is failing for 40% of EU users",
        impact: "EU checkout",
        timeline: "since 09:50",
        plan: "rolling back",
        nextUpdateAt: later,
        findings: expect.any(Array),
      },
    ]);
    expect(outcome.after).toMatchObject({ lastUpdateAt: DEFAULT_NOW, promisedNextUpdateAt: later });
    expect(outcome.after.updates).toHaveLength(1);
  });

  it("numbers updates U1, U2, U3 and stores missing parts as null", () => {
    let scenario = given(declared());
    for (const id of ["U1", "U2", "U3"]) {
      const outcome = scenario.when({ type: "publish-update", audience: "team", text: `update ${id}`, plan: "  " });
      outcome.emitsOne("UpdatePublished", {
        updateId: id,
        impact: null,
        timeline: null,
        plan: null,
        nextUpdateAt: null,
      });
      scenario = given(scenario.history, outcome.events);
    }
    expect(scenario.state?.updates.map((u) => u.id)).toEqual(["U1", "U2", "U3"]);
  });

  it("normalises a nextUpdateAt with an offset to UTC", () => {
    given(declared())
      .when({ type: "publish-update", audience: "customer", text: "t", nextUpdateAt: "2026-03-01T11:40:00+01:00" })
      .emitsOne("UpdatePublished", { nextUpdateAt: later });
  });

  it("a later update without a promise clears the earlier promise", () => {
    const outcome = given(
      declared(),
      ev("UpdatePublished", {
        updateId: "U1",
        audience: "team",
        text: "t",
        impact: null,
        timeline: null,
        plan: null,
        nextUpdateAt: later,
      }),
    ).when({ type: "publish-update", audience: "team", text: "again" });
    outcome.emitsOne("UpdatePublished", { updateId: "U2" });
    expect(outcome.after.promisedNextUpdateAt).toBeNull();
  });

  it("refuses a nextUpdateAt in the past", () => {
    given(declared())
      .when({ type: "publish-update", audience: "team", text: "t", nextUpdateAt: "2026-03-01T10:09:59.999Z" })
      .throws("update.invalid", "nextUpdateAt");
  });

  it("refuses a nextUpdateAt equal to now", () => {
    given(declared())
      .when({ type: "publish-update", audience: "team", text: "t", nextUpdateAt: DEFAULT_NOW })
      .throws("update.invalid", "nextUpdateAt");
  });

  it("refuses a nextUpdateAt that is in the past once its offset is applied", () => {
    // 10:30+02:00 is 08:30Z, before now (10:10Z) although the local digits are later.
    given(declared())
      .when({ type: "publish-update", audience: "team", text: "t", nextUpdateAt: "2026-03-01T10:30:00+02:00" })
      .throws("update.invalid", "nextUpdateAt");
  });

  it("compares instants, not strings, when now has no milliseconds", () => {
    given(declared())
      .when(
        { type: "publish-update", audience: "team", text: "t", nextUpdateAt: "2026-03-01T10:10:00.500Z" },
        { now: "2026-03-01T10:10:00Z" },
      )
      .emitsOne("UpdatePublished", { nextUpdateAt: "2026-03-01T10:10:00.500Z" });
  });

  it.each(["", "   "])("refuses empty text %j", (text) => {
    given(declared()).when({ type: "publish-update", audience: "team", text }).throws("text.empty", "text");
  });

  it.each(["impact", "timeline", "plan"] as const)("refuses an over-long %s", (field) => {
    given(declared())
      .when(
        { type: "publish-update", audience: "team", text: "ok", [field]: "x".repeat(9) },
        { policy: policyWith({ maxTextBytes: 8 }) },
      )
      .throws("text.too_long", field);
  });

  it("restarts the update clock from the update", () => {
    const outcome = given(declared()).when({ type: "publish-update", audience: "team", text: "t" }, { actor: TECH });
    expect(outcome.after.lastUpdateAt).toBe(DEFAULT_NOW);
    expect(outcome.after.updates[0]).toMatchObject({ id: "U1", by: TECH, at: DEFAULT_NOW, audience: "team" });
  });
});
