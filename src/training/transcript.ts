/**
 * Transcripts: a recorded drill as YAML, replayed by the runner and scored.
 *
 *   trainee: alex-ic
 *   actions:
 *     - { at: 2m, do: declare, title: "Sign-in failures after migration", severity: SEV-1 }
 *     - { at: 2m, do: assign, role: tech-lead, person: sarah-db }
 *     - { at: 3m, do: ask, to: sarah-db, text: "How long would a restore take?" }
 *
 * `at` is the offset from the drill's start; actions are in time order. `do` is a verb
 * from `verbs.ts` (the CLI's command names, plus say and ask) and the rest are its fields.
 * Shape errors name the action (`actions.3 (decide)`), the field and the line.
 */
import { z } from "zod";
import { WarroomError } from "../domain/shared/errors.js";
import { parseOffset } from "./duration.js";
import { durationString } from "./rubric/params.js";
import { FIELD_ALIASES, intentOf, isVerb, VERB_FIELDS, VERBS, type Verb } from "./verbs.js";
import { invalid, type Located, loadYamlLocated } from "./yaml-load.js";

const handle = z
  .string()
  .trim()
  .regex(/^@?[\p{L}\p{N}._-]{1,100}$/u, "a person handle: one word of letters, digits, '.', '_' or '-'")
  .transform((v) => v.replace(/^@/, ""));

export const transcriptFileSchema = z
  .object({
    $schema: z.string().optional(),
    trainee: handle,
    /** The scenario it was recorded for; checked when given. */
    scenario: z.string().optional(),
    actions: z.array(z.object({ at: durationString, do: z.string().min(1) }).catchall(z.unknown())),
  })
  .strict();

export interface TranscriptAction {
  /** Position in the transcript (0-based, as in `actions.3`). */
  index: number;
  /** Seconds from the drill's start. */
  at: number;
  verb: Verb;
  /** The validated fields (defaults applied). */
  fields: Record<string, unknown>;
  /**
   * The incident it acts on, in a drill with several: a front key (`payments`) or an id
   * (`INC-2`); for `declare`, the front it opens. Absent: the most recently declared one.
   */
  incident?: string;
}

export interface Transcript {
  trainee: string;
  scenario: string | null;
  actions: TranscriptAction[];
}

/** A problem with one action: its label (`actions.3 (decide)`), the field, the message. */
export interface ActionProblem {
  field: string;
  message: string;
}

/** Validates one action's verb and fields; returns the action or the problems found. */
export function checkAction(
  raw: Record<string, unknown>,
  index: number,
  at: number,
): { action: TranscriptAction } | { problems: ActionProblem[] } {
  const { at: _at, do: verbRaw, incident: incidentRaw, ...rest } = raw;
  const verb = String(verbRaw ?? "").trim();
  if (!isVerb(verb)) {
    return { problems: [{ field: "do", message: `unknown action '${verb}'; use one of ${VERBS.join(", ")}` }] };
  }
  const incident = incidentRef(incidentRaw);
  if (typeof incident === "object") return { problems: [incident] };
  const fields: Record<string, unknown> = {};
  const problems: ActionProblem[] = [];
  const aliases = FIELD_ALIASES[verb] ?? {};
  for (const [key, value] of Object.entries(rest)) {
    const name = aliases[key] ?? key;
    if (name in fields) problems.push({ field: key, message: `${key} repeats ${name}; give it once` });
    fields[name] = value;
  }
  if (problems.length > 0) return { problems };
  const parsed = VERB_FIELDS[verb].safeParse(fields);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => ({
        field: issue.path.join(".") || (issue.code === "unrecognized_keys" ? issue.keys.join(", ") : "(fields)"),
        message:
          issue.code === "unrecognized_keys"
            ? `not a field of ${verb}: ${issue.keys.join(", ")}`
            : issue.code === "invalid_type" && issue.input === undefined
              ? "required"
              : issue.message,
      })),
    };
  }
  const action: TranscriptAction = {
    index,
    at,
    verb,
    fields: parsed.data as Record<string, unknown>,
    ...(incident === undefined ? {} : { incident }),
  };
  try {
    // Dry run: bad durations, percentages and times fail here, before the drill starts.
    intentOf(verb, action.fields, Date.UTC(2026, 0, 1) + at * 1000);
  } catch (error) {
    if (error instanceof WarroomError) {
      return { problems: error.details.map((d) => ({ field: d.field ?? "(fields)", message: d.message })) };
    }
    throw error;
  }
  return { action };
}

/** `incident: payments` (a front key) or `INC-2`; a problem naming the field otherwise. */
function incidentRef(value: unknown): string | undefined | ActionProblem {
  if (value === undefined) return undefined;
  const text = typeof value === "string" ? value.trim() : "";
  if (/^inc-\d+$/i.test(text)) return text.toUpperCase();
  if (/^[a-z][a-z0-9-]*$/.test(text)) return text;
  return { field: "incident", message: "name a front (payments) or an incident id (INC-2)" };
}

export function parseTranscript(text: string, source = "transcript"): Transcript {
  const { data, lineAt } = loadYamlLocated(transcriptFileSchema, text, source, "transcript");
  const problems: Located[] = [];
  const actions: TranscriptAction[] = [];
  let previous = 0;
  data.actions.forEach((raw, index) => {
    const label = `actions.${index} (${String(raw.do)})`;
    const at = parseOffset(raw.at, `actions.${index}.at`);
    if (at < previous) {
      problems.push({
        path: `actions.${index}.at`,
        line: lineAt(["actions", index, "at"]),
        message: `${raw.at} is earlier than the action before it: keep actions in time order`,
      });
    }
    previous = Math.max(previous, at);
    const checked = checkAction(raw, index, at);
    if ("problems" in checked) {
      for (const p of checked.problems) {
        const key = p.field.split(".")[0] ?? "";
        const line = lineAt(["actions", index, key]) ?? lineAt(["actions", index]);
        problems.push({ path: `${label} ${p.field}`, line, message: p.message });
      }
    } else actions.push(checked.action);
  });
  if (problems.length > 0) throw invalid(source, "transcript", problems);
  return { trainee: data.trainee, scenario: data.scenario ?? null, actions };
}
