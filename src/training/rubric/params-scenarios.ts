/**
 * Parameters of the evaluators behind the postmortem, security, handover and false-alarm
 * scenarios (merged into `EVALUATOR_PARAMS` in `params.ts`). Every parameter has a default
 * or is required by name, and every one is exported into the scenario JSON Schema.
 */
import { z } from "zod";
import { POSTMORTEM_SECTIONS } from "../../domain/analysis/index.js";
import { AUDIENCES, DECISION_KINDS, HORIZONS } from "../../domain/incident/events.js";
import { SEVERITIES } from "../../domain/incident/policy.js";
import { DURATION_HINT, DURATION_PATTERN } from "../duration.js";

const duration = z.string().regex(DURATION_PATTERN, DURATION_HINT);
const params = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();
const handle = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "a persona handle");
const groups = z.array(z.array(z.string().min(1)).min(1)).min(1);
/** Something said or written, in the author's words, and how to recognise it in the trainee's. */
const concept = z
  .object({
    name: z.string().min(1),
    /** Any one alternative is enough; within one, every phrase group must match. */
    match: z.array(groups).min(1),
  })
  .strict();
const c = (name: string, ...alternatives: string[][][]) => ({ name, match: alternatives });

const GOOD_QUESTIONS = [
  c("asks how", [["how"]]),
  c("asks what", [["what"]]),
  c("asks to be walked through", [["walk us through", "walk me through", "tell us", "talk us through", "describe"]]),
];
const BAD_QUESTIONS = [
  c("asks a person why they did it", [
    ["why did you", "why didnt you", "why did not you", "why would you", "why were you", "why werent you"],
  ]),
  c("asks who is to blame", [["whose fault", "who is to blame", "who is responsible", "who messed", "who broke"]]),
];
const STAND_DOWN = [
  c("tells them to stand down", [
    [
      "stand down",
      "standing down",
      "stood down",
      "go back to bed",
      "back to sleep",
      "log off",
      "sign off",
      "you can go",
      "release you",
      "releasing you",
      "not needed",
      "no longer needed",
      "dont need you",
      "off the call",
      "drop off",
    ],
  ]),
];
const ANNOUNCE = [
  c("names the new commander", [
    ["incident commander", "commander", "in command", "command", "in charge"],
    ["now", "handed", "hand over", "handing over", "taking over", "takes over", "taken over", "from here"],
  ]),
];

export const SCENARIO_EVALUATOR_PARAMS = {
  /** The last postmortem the trainee saved has the sections and carries the figures that matter. */
  "postmortem-written": params({
    sections: z
      .array(z.enum(POSTMORTEM_SECTIONS))
      .min(1)
      .default([...POSTMORTEM_SECTIONS]),
    figures: z.array(concept).default([]).describe("numbers the document should carry: duration, users, money…"),
  }),
  /** The postmortem is blameless: no person as the cause, no human error, no hindsight, no punishment. */
  "postmortem-blameless": params({}),
  /** Action items on the record and in the document: owned, dated, concrete, spread over the horizons. */
  "postmortem-actions": params({
    min: z.number().int().min(1).default(6),
    horizons: z
      .array(z.enum(HORIZONS))
      .min(1)
      .default([...HORIZONS]),
  }),
  /** Steps done in order (a meeting's agenda, a procedure), each at the first action that says or does it. */
  "steps-in-order": params({
    steps: z
      .array(
        z
          .object({
            name: z.string().min(1),
            /** Said: any alternative; within one, every phrase group. */
            match: z.array(groups).min(1).optional(),
            /** Done: domain command types (add-action-item, change-severity…). */
            commands: z.array(z.string().min(1)).min(1).optional(),
          })
          .strict(),
      )
      .min(2),
  }),
  /** The trainee's questions ask how and what, not why-did-you or whose fault. */
  "question-style": params({
    min: z.number().int().min(1).default(3).describe("open questions expected"),
    to: z.array(handle).optional().describe("only questions to these people"),
    good: z.array(concept).min(1).default(GOOD_QUESTIONS),
    bad: z.array(concept).default(BAD_QUESTIONS),
  }),
  /** Action items on the record for each of these, owned by a named person (and dated). */
  "action-items-added": params({
    items: z.array(concept).min(1),
    dated: z.boolean().default(true),
    within: duration.optional(),
  }),
  /** The incident declared in time, at an acceptable severity, and private when it must be. */
  declaration: params({
    within: duration.default("5m"),
    severities: z.array(z.enum(SEVERITIES)).min(1),
    private: z.boolean().optional(),
  }),
  /** The severity revised to an acceptable level, with a reason that says why. */
  "severity-revised": params({
    to: z.array(z.enum(SEVERITIES)).min(1),
    reason: z.array(concept).default([]),
    /** Only after these facts were drawn out (evidence first). */
    afterFacts: z.array(z.string().min(1)).default([]),
  }),
  /** Everyone called in is explicitly stood down (or their role released), nobody left hanging. */
  "stood-down": params({
    handles: z.array(handle).min(1),
    concepts: z.array(concept).min(1).default(STAND_DOWN),
  }),
  /** Resolved, with a summary that says what happened, the impact and what follows. */
  "resolution-summary": params({
    concepts: z.array(concept).min(1),
  }),
  /** These facts drawn out before the first escalation (severity raised, updates to wide audiences). */
  "verified-first": params({
    facts: z.array(z.string().min(1)).min(1),
    severities: z.array(z.enum(SEVERITIES)).default(["SEV-1"]),
    audiences: z.array(z.enum(AUDIENCES)).default(["executive", "customer"]),
  }),
  /** The decision recorded as the right kind, with these people asked first and listed as consulted. */
  "decision-kind": params({
    kind: z.enum(DECISION_KINDS),
    consult: z.array(handle).default([]),
  }),
  /** Command handed over explicitly, around the rotation mark, to the right person, and announced. */
  "command-handover": params({
    to: handle.optional(),
    rotation: duration.default("4h").describe("hand over around this long after the declaration"),
    window: duration.default("20m").describe("how far either side of the rotation mark counts as on time"),
    announce: z.array(concept).min(1).default(ANNOUNCE),
  }),
  /** The handover briefing (and what was said to the next commander just before) covers what they need. */
  "handover-briefing": params({
    concepts: z.array(concept).min(1),
    before: duration.default("15m").describe("messages to the next commander this long before the handover count"),
  }),
  /** Once command is handed over, the old commander stops commanding (notes and answers only). */
  "command-relinquished": params({
    grace: duration.default("5m").describe("commands this soon after the handover are still the handover"),
  }),
} as const;
