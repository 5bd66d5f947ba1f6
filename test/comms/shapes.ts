/**
 * Incidents of different shapes, built through the pure domain (command → decide → fold)
 * on a fixed timeline: what the templates are drafted from in the tests.
 */
import { type CommandInput, type CommandType, incidentCommandSchema } from "../../src/domain/incident/commands.js";
import { decide } from "../../src/domain/incident/decide.js";
import { fold } from "../../src/domain/incident/evolve.js";
import { DEFAULT_POLICY } from "../../src/domain/incident/policy.js";
import type { Incident, IncidentState } from "../../src/domain/incident/state.js";

export const T0 = "2026-03-07T02:05:00.000Z";
export const IC = "alex-ic";

/** ISO instant `minutes` after T0. */
export function at(minutes: number): string {
  return new Date(Date.parse(T0) + minutes * 60_000).toISOString();
}

/** Replays commands, each `[minute, actor, command]`, into an incident. */
export class History {
  state: IncidentState = null;

  run<K extends CommandType>(minute: number, actor: string, input: CommandInput<K> & { type: K }): this {
    const command = incidentCommandSchema.parse(input);
    const events = decide(command, this.state, { incidentId: "INC-1", actor, now: at(minute) }, DEFAULT_POLICY);
    this.state = fold(events, this.state);
    return this;
  }

  get incident(): Incident {
    if (this.state === null) throw new Error("nothing declared");
    return this.state;
  }
}

/** Exercise 1 of the handbook: SEV-1, roles, four options, the hybrid decision, tasks, a trigger. */
export function exerciseOne(): History {
  return new History()
    .run(0, IC, {
      type: "declare",
      title: "Users cannot log in after the migration",
      severity: "SEV-1",
      impact: "5% of users cannot log in",
      usersAffectedPct: 5,
      services: ["users-db", "auth"],
    })
    .run(1, IC, { type: "assign-role", role: "tech-lead", person: "sarah-db" })
    .run(1, IC, { type: "assign-role", role: "exec-stakeholder", person: "jane-vp" })
    .run(5, "sarah-db", {
      type: "propose-option",
      title: "Full backup restore",
      attributes: { timeToCompleteMinutes: 240, dataLoss: "none", risk: "medium" },
    })
    .run(5, "lisa-sre", {
      type: "propose-option",
      title: "Fail over to the old cluster",
      attributes: { timeToCompleteMinutes: 10, dataLoss: "2 hours of all users' data", risk: "low" },
    })
    .run(6, "mike-app", {
      type: "propose-option",
      title: "Application workaround",
      attributes: { timeToCompleteMinutes: 30, dataLoss: "none", risk: "medium" },
    })
    .run(10, IC, {
      type: "record-decision",
      kind: "trade-off",
      chosen: ["C", "A"],
      title: "the workaround first, then a full restore",
      rationale: "the workaround restores logins within half an hour and the restore keeps every record",
      fallback: "switch to the old cluster if the restore fails",
    })
    .run(10, IC, {
      type: "assign-task",
      title: "Deploy the login workaround",
      assignee: "mike-app",
      timeboxMinutes: 30,
    })
    .run(10, IC, { type: "assign-task", title: "Start the backup restore", assignee: "sarah-db", timeboxMinutes: 240 })
    .run(11, IC, {
      type: "set-trigger",
      condition: "logins still fail",
      action: "switch to the old cluster",
      inMinutes: 30,
    })
    .run(11, IC, { type: "change-status", status: "mitigating" });
}

/** Freshly declared: nothing but a title and severity, no impact written yet. */
export function bare(): History {
  return new History().run(0, IC, { type: "declare", title: "Something is wrong", severity: "SEV-3" });
}

/** Full of engineering words, host names and a guess: what must not leak to customers or legal. */
export function jargonHeavy(): History {
  return new History()
    .run(0, IC, {
      type: "declare",
      title: "Redis connection pool exhausted on api-7.prod.internal",
      severity: "SEV-2",
      impact: "p99 latency at 9s on checkout-api.prod.internal, 502s from the load balancer, probably a Redis leak",
      services: ["checkout-api", "redis-main"],
    })
    .run(2, IC, { type: "change-status", status: "identified", note: "pool leak" })
    .run(4, IC, { type: "set-decision-deadline", question: "Restart the Redis nodes or fail over?", inMinutes: 10 })
    .run(5, IC, {
      type: "assign-task",
      title: "kubectl rollout restart deploy/checkout-api",
      assignee: "kai-sre",
      timeboxMinutes: 5,
    });
}

/** Resolved with a known "no data lost": the hybrid went through. */
export function resolvedNoLoss(): History {
  return exerciseOne()
    .run(40, "mike-app", { type: "complete-task", taskId: "T1", outcome: "workaround live" })
    .run(41, IC, { type: "close-trigger", triggerId: "TR1", outcome: "averted" })
    .run(250, "sarah-db", { type: "complete-task", taskId: "T2" })
    .run(255, IC, { type: "resolve", summary: "the restore finished and every record was checked" });
}

/** Resolved with nothing known about data: customers must be told, so a placeholder stays. */
export function resolvedUnknownData(): History {
  return new History()
    .run(0, IC, {
      type: "declare",
      title: "Checkout slow",
      severity: "SEV-2",
      impact: "checkout is slow for some customers",
    })
    .run(3, IC, { type: "change-status", status: "monitoring" })
    .run(30, IC, { type: "resolve", summary: "capacity added; checkout times are normal" });
}

/** A SEV-4 with the cadence off, options but no decision, an expired task and a passed deadline. */
export function quietButLate(): History {
  return new History()
    .run(0, IC, {
      type: "declare",
      title: "Report exports delayed",
      severity: "SEV-4",
      impact: "monthly report exports arrive up to an hour late",
      usersAffectedPct: 2,
    })
    .run(1, IC, { type: "propose-option", title: "Rerun the export job" })
    .run(1, IC, { type: "propose-option", title: "Wait for the nightly run" })
    .run(2, IC, { type: "assign-task", title: "Check the export queue", assignee: "dana", timeboxMinutes: 5 })
    .run(2, IC, { type: "set-decision-deadline", question: "Rerun now or wait", inMinutes: 10 })
    .run(3, IC, { type: "start-workstream", name: "Exports", lead: "dana", goal: "exports flowing again" });
}

export const SHAPES: [name: string, build: () => History, minute: number][] = [
  ["exercise 1 (SEV-1, decision, tasks, trigger)", exerciseOne, 15],
  ["bare declaration", bare, 2],
  ["jargon-heavy SEV-2", jargonHeavy, 8],
  ["resolved, no data lost", resolvedNoLoss, 260],
  ["resolved, data unknown", resolvedUnknownData, 40],
  ["SEV-4, no cadence, late", quietButLate, 30],
];
