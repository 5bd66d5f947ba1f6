/**
 * The handbook's exercises as test data. Exercise 1 (database migration gone wrong):
 * options A–D, D being the hybrid "C then A", with user impact stated as a level so it
 * can be scored. Exercise 3 (the impossible decision): shut down (A) or keep running (B),
 * with the figures of its decision table. `exerciseOneIncident` runs the commands through
 * the pure domain core, so the decision record reads a real incident.
 */
import type { MatrixOption } from "../../src/domain/decision-support/index.js";
import { type CommandInput, type CommandType, incidentCommandSchema } from "../../src/domain/incident/commands.js";
import { decide } from "../../src/domain/incident/decide.js";
import { fold } from "../../src/domain/incident/evolve.js";
import { DEFAULT_POLICY } from "../../src/domain/incident/policy.js";
import type { Incident, IncidentState } from "../../src/domain/incident/state.js";

export const EXERCISE_1: MatrixOption[] = [
  {
    id: "A",
    title: "Full backup restore",
    attributes: {
      timeToCompleteMinutes: 240,
      dataLoss: "none",
      risk: "medium",
      userImpact: "high: affected users cannot sign in for 4 hours",
    },
  },
  {
    id: "B",
    title: "Failover to the old cluster",
    attributes: {
      timeToCompleteMinutes: 10,
      dataLoss: "2 hours of all users' data",
      risk: "low",
      userImpact: "medium: 10 minutes down, recent actions lost",
    },
  },
  {
    id: "C",
    title: "Application workaround",
    attributes: {
      timeToCompleteMinutes: 30,
      dataLoss: "none",
      risk: "medium",
      userImpact: "medium: sign-in is slow (5s to 15s) until a lasting fix",
    },
  },
  {
    id: "D",
    title: "Hybrid: C then A",
    attributes: {
      timeToCompleteMinutes: 270,
      dataLoss: "none",
      risk: "medium",
      userImpact: "low: sign-in is slower for about half an hour, then back to normal",
    },
  },
];

export const EXERCISE_3: MatrixOption[] = [
  {
    id: "A",
    title: "Immediate shutdown",
    attributes: {
      likelihoodOfSuccess: 85,
      userImpact: "High",
      revenueImpact: "$8M",
      revenueImpactUsd: 8_000_000,
      recoveryTimeMinutes: 480,
      reputation: "medium",
      legalRisk: "low",
    },
  },
  {
    id: "B",
    title: "Keep running",
    attributes: {
      likelihoodOfSuccess: 20,
      userImpact: "Catastrophic",
      revenueImpact: "$50M+",
      revenueImpactUsd: 50_000_000,
      recoveryTimeMinutes: 3 * 10080,
      reputation: "high",
      legalRisk: "high",
    },
  },
];

export const DAY = "2026-03-07";
export const time = (hhmm: string) => `${DAY}T${hhmm}:00.000Z`;

type Step = { [K in CommandType]: [actor: string, hhmm: string, command: CommandInput<K>] }[CommandType];

/** Runs commands through decide/fold, as the app would, and returns the incident. */
export function runCommands(steps: Step[], from: IncidentState = null): Incident {
  let state = from;
  for (const [actor, hhmm, input] of steps) {
    const command = incidentCommandSchema.parse(input);
    const events = decide(command, state, { incidentId: "INC-1", actor, now: time(hhmm) }, DEFAULT_POLICY);
    state = fold(events, state);
  }
  if (state === null) throw new Error("no incident");
  return state;
}

export const IC = "alex-ic";

/** Exercise 1 up to the decision (D at 02:15, meeting DL1) and the tasks that follow it. */
export function exerciseOneIncident(): Incident {
  const option = (o: MatrixOption, by: string): Step => [
    by,
    "02:10",
    { type: "propose-option", title: o.title, attributes: o.attributes, proposedBy: by },
  ];
  return runCommands([
    [
      IC,
      "02:05",
      {
        type: "declare",
        title: "Users cannot sign in after the database migration",
        severity: "SEV-1",
        impact: "5% of users cannot sign in",
        usersAffectedPct: 5,
        commander: IC,
      },
    ],
    [IC, "02:06", { type: "assign-role", role: "tech-lead", person: "sarah-db" }],
    [IC, "02:06", { type: "assign-role", role: "exec-stakeholder", person: "jane-vp" }],
    [IC, "02:08", { type: "set-decision-deadline", question: "Restore, fail over or work around?", inMinutes: 7 }],
    option(EXERCISE_1[0] as MatrixOption, "sarah-db"),
    option(EXERCISE_1[1] as MatrixOption, "lisa-sre"),
    option(EXERCISE_1[2] as MatrixOption, "mike-app"),
    option(EXERCISE_1[3] as MatrixOption, IC),
    [
      IC,
      "02:15",
      {
        type: "record-decision",
        kind: "trade-off",
        chosen: ["D"],
        rationale: "The workaround gets people signing in again within 30 minutes and the restore keeps every record",
        fallback: "Fail over to the old cluster (B) if the restore fails",
        consulted: ["jane-vp", "david-product"],
        deadlineId: "DL1",
      },
    ],
    [
      IC,
      "02:16",
      { type: "assign-task", title: "Deploy the login workaround", assignee: "mike-app", timeboxMinutes: 30 },
    ],
    [
      IC,
      "02:16",
      { type: "assign-task", title: "Start the backup restore", assignee: "sarah-db", timeboxMinutes: 240 },
    ],
    [IC, "02:17", { type: "acknowledge-task", taskId: "T1" }],
    [
      IC,
      "02:17",
      {
        type: "set-trigger",
        condition: "the restore is not at 50%",
        action: "fail over to the old cluster",
        by: time("04:15"),
      },
    ],
  ]);
}
