/**
 * Decision-making: the scenario's options put on the record (recognised in the trainee's
 * own words), their attributes right, the decision before its deadline and after the
 * options, and a rationale that weighs the dimensions that matter and names a fallback.
 */
import { analyse } from "../../domain/analysis/index.js";
import { readDataLoss } from "../../domain/decision-support/index.js";
import type { OptionAttributes } from "../../domain/incident/events.js";
import { parseOffset } from "../duration.js";
import { effectiveChoice } from "../option-match.js";
import { matchGroups, phrasesFound } from "../text-match.js";
import { quote, type RubricContext } from "./context.js";
import type { EvaluatorParams } from "./params.js";
import type { Evidence, ItemOutcome } from "./types.js";

export function optionsGathered(ctx: RubricContext, p: EvaluatorParams<"options-gathered">): ItemOutcome {
  const within = parseOffset(p.within, "within");
  const wanted = ctx.scenario.options;
  if (wanted.length === 0) return { fraction: 1, evidence: [], advice: "This scenario has no options to gather." };
  const evidence: Evidence[] = [];
  const recordedAt = new Map<string, number>();
  for (const o of ctx.mine("OptionProposed")) {
    const id = ctx.mapping.toScenario.get(o.optionId);
    const words = ctx.mapping.words.get(o.optionId) ?? [];
    evidence.push(
      ctx.event(
        o,
        `option ${o.optionId} ${quote(o.title, 50)}${id ? ` is the scenario's ${id}` : " (not one of the scenario's)"}`,
        words,
      ),
    );
    if (id && !recordedAt.has(id)) recordedAt.set(id, ctx.offsetOf(o.at));
  }
  // A hybrid is on the table when its parts are and the decision combines them.
  for (const d of ctx.mine("DecisionRecorded")) {
    for (const id of effectiveChoice(ctx.scenario, ctx.mapping, d.chosen)) {
      if (!recordedAt.has(id) && wanted.some((o) => o.id === id && o.hybridOf)) {
        recordedAt.set(id, ctx.offsetOf(d.at));
        evidence.push(ctx.event(d, `decision ${d.decisionId} combines the parts of ${id}`));
      }
    }
  }
  let total = 0;
  const missing: string[] = [];
  for (const option of wanted) {
    const at = recordedAt.get(option.id);
    const fact = ctx.run.facts.find((f) => ctx.scenario.facts.some((x) => x.id === f.fact && x.option === option.id));
    if (at !== undefined) total += at <= within ? 1 : 0.5;
    else if (fact) {
      total += 0.25;
      evidence.push(ctx.action(fact.action, `heard about ${option.id} from ${fact.from} but never recorded it`));
    } else missing.push(`${option.id} (${option.owner})`);
  }
  const late = wanted.filter((o) => (recordedAt.get(o.id) ?? 0) > within).map((o) => o.id);
  return {
    fraction: total / wanted.length,
    evidence: evidence.length > 0 ? evidence : [ctx.absent("no option was recorded")],
    advice:
      missing.length > 0
        ? `Ask every team for its way out and record each as an option: nothing on ${missing.join(", ")}.`
        : late.length > 0
          ? `Time-box the sizing so all options are on the table within ${p.within}; ${late.join(", ")} came late.`
          : "All the options were on the table quickly: keep time-boxing the sizing.",
  };
}

/** How well one recorded attribute matches the scenario's value: 1 right, 0.5 off, 0 missing. */
function attributeScore(key: keyof OptionAttributes, given: unknown, truth: unknown): number {
  if (given === undefined || given === null || given === "") return 0;
  if (truth === undefined) return 1;
  if (typeof given === "number" && typeof truth === "number") {
    return Math.abs(given - truth) <= Math.max(5, truth * 0.25) ? 1 : 0.5;
  }
  if (key === "dataLoss") {
    const a = readDataLoss(String(given)).kind === "none";
    const b = readDataLoss(String(truth)).kind === "none";
    return a === b ? 1 : 0.5;
  }
  if (key === "risk" || key === "reputation" || key === "legalRisk") {
    const scale = ["low", "medium", "high", "critical"];
    const gap = Math.abs(scale.indexOf(String(given)) - scale.indexOf(String(truth)));
    return gap === 0 ? 1 : gap === 1 ? 0.75 : 0.5;
  }
  return 1;
}

export function tradeOffsAssessed(ctx: RubricContext, p: EvaluatorParams<"trade-offs-assessed">): ItemOutcome {
  const options = ctx.mine("OptionProposed");
  if (options.length === 0) {
    return {
      fraction: 0,
      evidence: [ctx.absent("no options, so no trade-offs to compare")],
      advice:
        "Put each option on the record with the same attributes (time, data lost, risk, user impact) and compare them.",
    };
  }
  const keys = p.attributes as (keyof OptionAttributes)[];
  const evidence: Evidence[] = [];
  const gaps = new Set<string>();
  const wrong: string[] = [];
  let sum = 0;
  for (const o of options) {
    const truth = ctx.scenario.options.find((s) => s.id === ctx.mapping.toScenario.get(o.optionId));
    const scores = keys.map((k) => attributeScore(k, o.attributes[k], truth?.attributes[k]));
    keys.forEach((k, i) => {
      if (scores[i] === 0) gaps.add(k);
      else if ((scores[i] ?? 0) < 1) wrong.push(`${o.optionId}.${k}`);
    });
    const score = scores.reduce((a, b) => a + b, 0) / keys.length;
    sum += score;
    const given = keys.filter((k) => o.attributes[k] !== undefined).map((k) => `${k}=${String(o.attributes[k])}`);
    evidence.push(ctx.event(o, `option ${o.optionId}: ${given.join(", ") || "no attributes"}`, given));
  }
  const fraction = sum / Math.max(options.length, 2);
  return {
    fraction,
    evidence,
    advice:
      gaps.size > 0
        ? `Compare every option on the same attributes; missing: ${[...gaps].join(", ")}.`
        : wrong.length > 0
          ? `Check the figures with the people who know them: ${wrong.join(", ")} did not match what the teams said.`
          : options.length < 2
            ? "A trade-off needs at least two options side by side."
            : "Every option was sized on the same attributes, and correctly: keep comparing like with like.",
  };
}

export function timelyDecision(ctx: RubricContext, p: EvaluatorParams<"timely-decision">): ItemOutcome {
  const spec = ctx.scenario.decision;
  const decision = ctx.mine("DecisionRecorded")[0];
  if (!spec || !decision) {
    return {
      fraction: 0,
      evidence: [ctx.absent(spec ? `no decision by the end (it was due at ${spec.by})` : "no decision")],
      advice: `Decide before the window closes${spec ? ` (${spec.by} in)` : ""}: a sound decision on time beats a perfect one too late.`,
    };
  }
  const by = parseOffset(spec.by, "decision.by");
  const grace = parseOffset(p.grace, "grace");
  const at = ctx.offsetOf(decision.at);
  const timing = at <= by ? 1 : Math.max(0, 1 - (at - by) / Math.max(1, grace));
  const before = ctx.mine("OptionProposed").filter((o) => o.version < decision.version).length;
  const gathered = before >= p.minOptionsFirst;
  const evidence = [
    ctx.event(
      decision,
      `decision ${decision.decisionId} at ${decision.at.slice(11, 16)}, due by ${spec.by} from the start`,
    ),
    ...(gathered ? [] : [ctx.event(decision, `only ${before} option(s) on the record when deciding`)]),
  ];
  const deadlines = ctx.mine("DecisionDeadlineSet");
  for (const d of deadlines) evidence.push(ctx.event(d, `set decision deadline ${d.deadlineId}`));
  return {
    fraction: timing * (gathered ? 1 : 0.5),
    evidence,
    advice: !gathered
      ? `Put at least ${p.minOptionsFirst} options on the record before deciding, so the choice is between known trade-offs.`
      : timing < 1
        ? `Decide within ${spec.by}: set a decision deadline and call it when the time comes.`
        : "Decided in time with the options in hand: keep deciding against a deadline.",
  };
}

const DIMENSIONS: Record<EvaluatorParams<"reasoning-justified">["dimensions"][number], string[]> = {
  time: [
    "minute",
    "hour",
    "fast",
    "quick",
    "speed",
    "soon",
    "now",
    "time",
    "slow",
    "long",
    "wait",
    "delay",
    "eta",
    "min",
    "immediately",
  ],
  data: ["data", "loss", "lose", "lost", "record", "writes", "changes", "corrupt", "integrity", "preserve", "intact"],
  risk: [
    "risk",
    "safe",
    "fail",
    "failure",
    "fallback",
    "plan b",
    "escape",
    "back out",
    "roll back",
    "uncertain",
    "confidence",
    "chance",
    "likely",
    "if it",
  ],
  users: [
    "user",
    "customer",
    "people",
    "login",
    "log in",
    "sign in",
    "experience",
    "impact",
    "degraded",
    "slow",
    "locked out",
    "downtime",
    "outage",
  ],
  money: ["cost", "revenue", "money", "dollar", "sla", "credit", "churn"],
  legal: ["legal", "regulator", "regulatory", "compliance", "contract", "notification", "obligation"],
  reputation: ["reputation", "trust", "brand", "press", "public"],
};
const COMPARISON = [
  "instead",
  "rather than",
  "over",
  "versus",
  "vs",
  "compared",
  "alternative",
  "than",
  "not worth",
  "outweigh",
];

export function reasoningJustified(ctx: RubricContext, p: EvaluatorParams<"reasoning-justified">): ItemOutcome {
  const decision = ctx.mine("DecisionRecorded")[0];
  if (!decision) {
    return {
      fraction: 0,
      evidence: [ctx.absent("no decision, so no reasoning")],
      advice: "State why: what each option costs in time, data, risk and user pain, and why yours wins.",
    };
  }
  const text = `${decision.rationale} ${decision.fallback ?? ""}`;
  const found: string[] = [];
  const covered = p.dimensions.filter((d) => {
    const hits = phrasesFound(text, DIMENSIONS[d]);
    const numeric =
      (d === "time" && /\d+\s*(?:m|min|mins|minutes|h|hrs|hours)\b/i.test(text)) ||
      (d === "money" && /[$€£]\s?\d/.test(text));
    if (d === "risk" && decision.fallback !== null) hits.push("fallback");
    found.push(...hits);
    return hits.length > 0 || numeric;
  });
  const choice = effectiveChoice(ctx.scenario, ctx.mapping, decision.chosen);
  // Comparing: comparison words, or naming an option that was not chosen (in its own words).
  const rivals = ctx.scenario.options.filter(
    (o) => !choice.has(o.id) && matchGroups(decision.rationale, o.match).matched,
  );
  const compares = phrasesFound(decision.rationale, COMPARISON).length > 0 || rivals.length > 0;
  let fraction = 0.8 * (covered.length / p.dimensions.length) + 0.2 * (compares ? 1 : 0);
  const evidence = [
    ctx.event(
      decision,
      `rationale weighs ${covered.join(", ") || "nothing named"}: ${quote(decision.rationale, 80)}`,
      found,
    ),
  ];
  const blame = analyse(decision.rationale, "team").findings.filter((f) => f.rule === "blame.person");
  if (blame.length > 0) {
    fraction *= 0.5;
    evidence.push(
      ctx.event(
        decision,
        "the rationale blames a person",
        blame.map((f) => f.excerpt),
      ),
    );
  }
  const acceptable = ctx.scenario.decision?.acceptable;
  const sound = !acceptable || acceptable.some((set) => set.every((id) => choice.has(id)));
  if (!sound) {
    fraction *= 0.5;
    evidence.push(ctx.event(decision, `the choice (${[...choice].join(", ")}) gives up more than the facts justify`));
  }
  const missing = p.dimensions.filter((d) => !covered.includes(d));
  return {
    fraction,
    evidence,
    advice: !sound
      ? "Weigh what each option loses against what it saves; this choice gave up more than the facts justified."
      : missing.length > 0
        ? `Say how the choice does on ${missing.join(", ")}, and why it beats the alternatives.`
        : !compares
          ? "Say why the chosen option beats the others, not only what it does."
          : "The reasoning weighed every dimension and the alternatives: keep explaining choices that way.",
  };
}
