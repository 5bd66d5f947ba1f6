/**
 * Property tests: random sequences of commands (valid and invalid, from random actors
 * including the IC, the tech lead and the executive) run through decide → evolve, with
 * the invariants checked after every step.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CommandContext, incidentCommandSchema } from "../../src/domain/incident/commands.js";
import { decide } from "../../src/domain/incident/decide.js";
import { flags, openTasks, updateClock } from "../../src/domain/incident/derived.js";
import { type IncidentEvent, incidentEventSchema, STATUSES } from "../../src/domain/incident/events.js";
import { evolve, fold } from "../../src/domain/incident/evolve.js";
import { optionLetter, requireText } from "../../src/domain/incident/guards.js";
import { COMMANDER_ROLE, DEFAULT_POLICY, type IncidentPolicy } from "../../src/domain/incident/policy.js";
import type { Incident, IncidentState } from "../../src/domain/incident/state.js";
import { describe as describeEvent } from "../../src/domain/incident/timeline.js";
import { ERROR_CODES, isWarroomError } from "../../src/domain/shared/errors.js";
import { at, DEV, deepFreeze, EXEC, IC, INCIDENT_ID, OTHER, policyWith, T0, TECH } from "./helpers.js";

const ACTORS = [IC, TECH, EXEC, DEV, OTHER] as const;
const SMALL_POLICY = policyWith({ maxTextBytes: 12 });

/** Mostly real people; sometimes a non-person ("can someone look") or a malformed handle. */
const person = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ACTORS, `@${DEV}`) },
  { weight: 1, arbitrary: fc.constantFrom("someone", "@here", "team", "can someone look", "", "bad/handle") },
);
const handle = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ACTORS, `@${TECH}`) },
  { weight: 1, arbitrary: fc.constantFrom("someone", "team") },
);
const text = fc.oneof(
  { arbitrary: fc.constantFrom("ok", "rolled back", "é€ ok"), weight: 4 },
  { arbitrary: fc.constantFrom("", "   ", "\t\n", "a sentence longer than twelve bytes", "😀😀😀😀"), weight: 1 },
  { arbitrary: fc.string({ maxLength: 16 }), weight: 1 },
);
const optText = fc.option(text, { nil: undefined });
/** Mostly absent, so refusals for authority stay reachable. */
const rareText = fc.option(text, { nil: undefined, freq: 2 });
const severity = fc.constantFrom("SEV-1", "SEV-2", "SEV-3", "SEV-4");
const role = fc.constantFrom(
  COMMANDER_ROLE,
  "tech-lead",
  "exec-stakeholder",
  "scribe",
  "deputy",
  "comms-lead",
  "janitor",
);
const minutes = fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined });
const taskId = fc.constantFrom("T1", "T2", "t2", "T3", "T9");
const workstreamId = fc.constantFrom("W1", "w1", "W2", "W7");
const optionId = fc.constantFrom("A", "B", "b", "C", "Z");
const actionId = fc.constantFrom("AI-1", "1", "ai-2", "AI-9");
/** Absolute instants across the run: some before `now`, some after. */
const instant = fc.integer({ min: -60, max: 2400 }).map((m) => at(m));

/** Weighted so work builds up between resolutions and later commands find something to act on. */
const commandInput: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant("declare"),
      title: text,
      severity,
      commander: fc.option(handle, { nil: undefined }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("change-severity"), severity, reason: text }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("assign-role"), role, person: handle }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("release-role"), role, reason: optText }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("hand-over-role"),
      role,
      to: handle,
      briefing: optText,
      overrideReason: rareText,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("change-status"),
      status: fc.constantFrom("investigating", "identified", "mitigating", "monitoring", "resolved"),
      note: optText,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("add-note"),
      channel: fc.constantFrom("command", "tech", "stakeholder"),
      text,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("set-cadence"),
      minutes: fc.option(fc.option(fc.integer({ min: 1, max: 90 }), { nil: null }), { nil: undefined }),
      followSeverity: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("publish-update"),
      audience: fc.constantFrom("team", "executive", "customer", "legal"),
      text,
      plan: optText,
      nextUpdateAt: fc.option(instant, { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("start-workstream"),
      name: text,
      lead: handle,
      goal: text,
      timeboxMinutes: minutes,
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("close-workstream"), workstreamId, outcome: optText }) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant("assign-task"),
      title: text,
      assignee: person,
      timeboxMinutes: minutes,
      workstreamId: fc.option(workstreamId, { nil: undefined }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant("acknowledge-task"), taskId }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant("complete-task"), taskId, outcome: optText }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("cancel-task"), taskId, reason: optText }) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant("propose-option"),
      title: text,
      description: optText,
      attributes: fc.constantFrom(
        {},
        { risk: "high", likelihoodOfSuccess: 60 },
        { extras: {} },
        { extras: { eu: true } },
      ),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant("record-decision"),
      kind: fc.constantFrom("technical", "trade-off", "business"),
      chosen: fc.array(optionId, { minLength: 1, maxLength: 3 }),
      rationale: text,
      consulted: fc.subarray([EXEC, TECH, DEV]),
      alternatives: fc.option(fc.array(optionId, { maxLength: 2 }), { nil: undefined }),
      overrideReason: rareText,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("add-action-item"),
      title: text,
      owner: handle,
      horizon: fc.constantFrom("immediate", "short-term", "long-term"),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("complete-action-item"), actionId }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("resolve"), summary: text }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("reopen"), reason: text }) },
);

const step = fc.record({
  input: commandInput,
  actor: fc.constantFrom(...ACTORS),
  advanceSeconds: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3600 })),
});

/** A declared incident with a tech lead and an exec, so authority rules are reachable. */
const OPENING: { input: Record<string, unknown>; actor: string }[] = [
  { input: { type: "declare", title: "Checkout", severity: "SEV-2" }, actor: IC },
  { input: { type: "assign-role", role: "tech-lead", person: TECH }, actor: IC },
  { input: { type: "assign-role", role: "exec-stakeholder", person: EXEC }, actor: IC },
];

function uniqueIds(list: { id: string }[]): void {
  const ids = list.map((item) => item.id);
  expect(new Set(ids).size, `duplicate ids in ${ids.join(",")}`).toBe(ids.length);
}

function checkInvariants(state: Incident, log: IncidentEvent[], policy: IncidentPolicy, now: string): void {
  const commander = state.roles[COMMANDER_ROLE]?.person;
  expect(typeof commander === "string" && commander.length > 0, "the commander role is always held").toBe(true);
  expect(commander).toMatch(/^[\p{L}\p{N}._-]+$/u);
  for (const holder of Object.values(state.roles)) expect(["someone", "team", "here"]).not.toContain(holder.person);
  expect(state.version).toBe(log.length);
  expect(state.lastEventAt).toBe(log.at(-1)?.at);
  expect(STATUSES).toContain(state.status);
  expect(state.resolvedAt === null).toBe(state.status !== "resolved");
  expect(state.resolutionSummary === null).toBe(state.status !== "resolved");
  if (state.cadenceFollowsSeverity) {
    expect(state.cadenceMinutes).toBe(policy.severities[state.severity].cadenceMinutes);
  }
  for (const list of [
    state.tasks,
    state.options,
    state.decisions,
    state.updates,
    state.workstreams,
    state.actionItems,
  ]) {
    uniqueIds(list);
  }
  expect(state.tasks.map((t) => t.id)).toEqual(state.tasks.map((_, i) => `T${i + 1}`));
  expect(state.options.map((o) => o.id)).toEqual(state.options.map((_, i) => optionLetter(i)));
  expect(state.decisions.map((d) => d.id)).toEqual(state.decisions.map((_, i) => `D${i + 1}`));
  expect(state.updates.map((u) => u.id)).toEqual(state.updates.map((_, i) => `U${i + 1}`));
  for (const decision of state.decisions) {
    expect(new Set(decision.chosen).size).toBe(decision.chosen.length);
    for (const id of decision.chosen) expect(state.options.map((o) => o.id)).toContain(id);
  }
  for (const task of state.tasks) {
    if (task.workstreamId !== null) expect(state.workstreams.map((w) => w.id)).toContain(task.workstreamId);
  }
  const notes = log.filter((e) => e.type === "NoteAdded").length;
  expect(state.noteCount.command + state.noteCount.tech + state.noteCount.stakeholder).toBe(notes);
  // The time-dependent views are total over any reachable state.
  const clock = updateClock(state, now);
  expect(clock.overdueBySeconds).toBeGreaterThanOrEqual(0);
  expect(openTasks(state, now).every((t) => t.status === "assigned" || t.status === "acknowledged")).toBe(true);
  for (const flag of flags(state, now, policy)) expect(flag.message.length).toBeGreaterThan(0);
}

describe("decide → evolve over random command sequences", () => {
  it("keeps every invariant, step by step", { timeout: 60_000 }, () => {
    let accepted = 0;
    let refused = 0;
    const codesSeen = new Set<string>();
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60, size: "max" }), fc.boolean(), (steps, small) => {
        const policy = small ? SMALL_POLICY : DEFAULT_POLICY;
        let state: IncidentState = null;
        const log: IncidentEvent[] = [];
        let clock = Date.parse(T0);
        const all = [...OPENING.map((s) => ({ ...s, advanceSeconds: 60 })), ...steps];
        for (const [index, { input, actor, advanceSeconds }] of all.entries()) {
          clock += advanceSeconds * 1000;
          const now = new Date(clock).toISOString();
          const parsed = incidentCommandSchema.safeParse(input);
          if (!parsed.success) continue; // refused at the edge: never reaches decide
          const ctx: CommandContext = { incidentId: INCIDENT_ID, actor, now };
          const frozen = deepFreeze(state);
          const snapshot = structuredClone(frozen);
          let events: IncidentEvent[];
          try {
            events = decide(parsed.data, frozen, ctx, policy);
          } catch (error) {
            if (!isWarroomError(error)) throw error;
            expect(ERROR_CODES).toContain(error.code);
            expect(error.message.length).toBeGreaterThan(0);
            expect(frozen, "a failed command changes nothing").toStrictEqual(snapshot);
            expect(index, "the opening never fails").toBeGreaterThanOrEqual(OPENING.length);
            codesSeen.add(error.code);
            refused++;
            continue;
          }
          expect(frozen, "decide never changes its input").toStrictEqual(snapshot);
          expect(events.length).toBeGreaterThan(0);
          expect(decide(parsed.data, frozen, ctx, policy), "decide is deterministic").toStrictEqual(events);
          for (const event of events) {
            expect(incidentEventSchema.parse(event), "the stored-event contract").toEqual(event);
            expect(event.at).toBe(now);
            expect(event.by).toBe(actor);
            expect(describeEvent(event).trim().length).toBeGreaterThan(0);
            state = evolve(state, event);
            log.push(event);
          }
          accepted++;
          if (state === null) throw new Error("an accepted command left no incident");
          checkInvariants(state, log, policy, now);
          expect(fold(log), "replay of the log gives the same state").toStrictEqual(state);
          const stored = log.map((e) => incidentEventSchema.parse(JSON.parse(JSON.stringify(e))));
          expect(fold(stored), "replay from stored JSON gives the same state").toEqual(state);
        }
      }),
      { numRuns: 250 },
    );
    // The generator must exercise both sides, and the refusals that matter.
    expect(accepted).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(1000);
    for (const code of [
      "incident.resolved",
      "severity.unchanged",
      "status.unchanged",
      "status.use_resolve",
      "option.not_found",
      "decision.invalid",
      "task.closed",
      "update.invalid",
      "role.already_held",
      "role.not_held",
      "role.commander_required",
      "role.unknown",
      "text.empty",
      "text.too_long",
      "task.unassigned",
      "task.not_found",
      "decision.not_authorised",
      "stream.version_conflict",
    ]) {
      expect(codesSeen, `never saw ${code}`).toContain(code);
    }
  });

  it("refuses everything but declare before the incident exists, and declares from nothing", () => {
    fc.assert(
      fc.property(commandInput, fc.constantFrom(...ACTORS), (input, actor) => {
        const parsed = incidentCommandSchema.safeParse(input);
        fc.pre(parsed.success);
        if (!parsed.success) return;
        const ctx = { incidentId: INCIDENT_ID, actor, now: at(0) };
        let events: IncidentEvent[] | undefined;
        let code: string | undefined;
        try {
          events = decide(parsed.data, null, ctx, DEFAULT_POLICY);
        } catch (error) {
          if (!isWarroomError(error)) throw error;
          code = error.code;
        }
        if (parsed.data.type !== "declare") {
          expect(code).toBe("incident.not_found");
          return;
        }
        if (events) {
          expect(events.map((e) => e.type)).toEqual(["IncidentDeclared"]);
          const state = fold(events);
          expect(state?.roles[COMMANDER_ROLE]?.person).toBe(parsed.data.commander ?? actor);
        } else {
          expect(["text.empty", "task.unassigned"]).toContain(code);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("decision authority against an independent model", () => {
  it("accepts exactly when the handbook's table allows it or an override reason is given", () => {
    const scenario = fc.record({
      kind: fc.constantFrom("technical", "trade-off", "business"),
      actor: fc.constantFrom(...ACTORS),
      techLead: fc.option(fc.constantFrom(...ACTORS), { nil: undefined }),
      exec: fc.option(fc.constantFrom(...ACTORS), { nil: undefined }),
      consulted: fc.subarray([...ACTORS]),
      overrideReason: fc.option(fc.constantFrom("", "  ", "IC unreachable"), { nil: undefined }),
    });
    fc.assert(
      fc.property(scenario, ({ kind, actor, techLead, exec, consulted, overrideReason }) => {
        const history: IncidentEvent[] = [
          {
            type: "IncidentDeclared",
            at: T0,
            by: IC,
            incidentId: INCIDENT_ID,
            title: "x",
            severity: "SEV-1",
            impact: "",
            usersAffectedPct: null,
            services: [],
            mode: "live",
            private: false,
            commander: IC,
            cadenceMinutes: 15,
          },
          {
            type: "OptionProposed",
            at: at(1),
            by: TECH,
            optionId: "A",
            title: "a",
            description: null,
            attributes: {},
            proposedBy: TECH,
          },
        ];
        if (techLead) history.push({ type: "RoleAssigned", at: at(1), by: IC, role: "tech-lead", person: techLead });
        if (exec) history.push({ type: "RoleAssigned", at: at(1), by: IC, role: "exec-stakeholder", person: exec });
        const command = incidentCommandSchema.parse({
          type: "record-decision",
          kind,
          chosen: ["A"],
          rationale: "r",
          consulted,
          overrideReason,
        });
        const authorised =
          kind === "technical"
            ? techLead !== undefined && actor === techLead
            : kind === "trade-off"
              ? actor === IC
              : actor === IC && exec !== undefined && consulted.includes(exec);
        const overridden = overrideReason !== undefined && overrideReason.trim().length > 0;
        let outcome: IncidentEvent[] | string;
        try {
          outcome = decide(command, fold(history), { incidentId: INCIDENT_ID, actor, now: at(5) }, DEFAULT_POLICY);
        } catch (error) {
          if (!isWarroomError(error)) throw error;
          outcome = error.code;
        }
        if (authorised || overridden) {
          expect(outcome).toEqual([
            expect.objectContaining({
              type: "DecisionRecorded",
              by: actor,
              overrideReason: overridden ? overrideReason?.trim() : null,
            }),
          ]);
        } else {
          expect(outcome).toBe("decision.not_authorised");
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("guards", () => {
  it("requireText accepts exactly the non-blank texts within the byte limit, trimmed", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), fc.integer({ min: 1, max: 60 }), (value, limit) => {
        const policy = policyWith({ maxTextBytes: limit });
        const trimmed = value.trim();
        const bytes = Buffer.byteLength(trimmed, "utf8");
        let result: string | undefined;
        let code: string | undefined;
        try {
          result = requireText(value, "f", policy);
        } catch (error) {
          if (!isWarroomError(error)) throw error;
          code = error.code;
        }
        if (trimmed.length === 0) expect(code).toBe("text.empty");
        else if (bytes > limit) expect(code).toBe("text.too_long");
        else expect(result).toBe(trimmed);
      }),
      { numRuns: 2000 },
    );
  });

  it("optionLetter gives distinct upper-case letters, shortest first", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 20_000 }), (i, j) => {
        const [a, b] = [optionLetter(i), optionLetter(j)];
        expect(a).toMatch(/^[A-Z]+$/);
        if (i === j) expect(a).toBe(b);
        else {
          expect(a).not.toBe(b);
          const [lo, hi] = i < j ? [a, b] : [b, a];
          expect(lo.length < hi.length || (lo.length === hi.length && lo < hi)).toBe(true);
        }
      }),
    );
  });
});
