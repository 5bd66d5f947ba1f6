/**
 * What `warroom triage --input FILE` and `POST /api/triage` accept: incidents with what is
 * known of their impact, optionally the people (else the directory) and where they are now,
 * and settings. Validated at the edge so every problem is named by its path.
 */
import { z } from "zod";
import { SEVERITIES } from "../incident/policy.js";
import { DEFAULT_SETTINGS, type TriageIncident, type TriageInput, type TriageSettings } from "./types.js";

const id = z
  .string()
  .trim()
  .min(1, "an incident id is required")
  .max(64)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, "an id is one word: INC-7, payments");
const handle = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^@?[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, "a handle is one word of letters, digits, '.', '_' or '-'")
  .transform((h) => h.replace(/^@/, ""));
const skill = z.string().trim().toLowerCase().min(1, "a skill must not be empty").max(60);
const count = z.number().int("a count is a whole number").min(1, "a count is at least 1").max(50);
const needList = z.array(z.object({ skill, count }).strict()).max(50);
/** `{ database: 2 }` or `[{ skill: database, count: 2 }]`; each bad count named by its skill. */
const needs = z
  .union([z.array(z.unknown()), z.record(z.string(), z.unknown())], {
    error: "needs is a map like { database: 2 } or a list of { skill, count }",
  })
  .transform((value, ctx) => {
    if (Array.isArray(value)) {
      const parsed = needList.safeParse(value);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
      return z.NEVER;
    }
    const out: { skill: string; count: number }[] = [];
    for (const [name, n] of Object.entries(value)) {
      const s = skill.safeParse(name);
      const c = count.safeParse(n);
      if (!s.success)
        ctx.addIssue({ code: "custom", message: s.error.issues[0]?.message ?? "not a skill", path: [name] });
      if (!c.success) {
        ctx.addIssue({
          code: "custom",
          message: `${c.error.issues[0]?.message ?? "not a count"} (got ${JSON.stringify(n)})`,
          path: [name],
        });
      }
      if (s.success && c.success) out.push({ skill: s.data, count: c.data });
    }
    return out;
  });

export const triageIncidentInput = z
  .object({
    id,
    title: z.string().trim().max(300).optional(),
    severity: z.enum(SEVERITIES, { error: `severity must be one of ${SEVERITIES.join(", ")}` }),
    usersAffectedPct: z.number().min(0).max(100).nullable().optional(),
    revenueAtRiskPerHourUsd: z.number().nonnegative().max(1e12).nullable().optional(),
    impactStartsAt: z.iso.datetime({ offset: true }).nullable().optional(),
    /** Instead of impactStartsAt: minutes from now. */
    impactInMinutes: z
      .number()
      .nonnegative()
      .max(7 * 24 * 60)
      .optional(),
    worseningPctPerHour: z.number().min(-100).max(10_000).nullable().optional(),
    needs: needs.default([]),
  })
  .strict()
  .refine((i) => i.impactStartsAt == null || i.impactInMinutes === undefined, {
    message: "give impactStartsAt or impactInMinutes, not both",
    path: ["impactInMinutes"],
  });

export const rosterPersonInput = z
  .object({
    handle,
    skills: z.array(skill).max(50).default([]),
    icQualified: z.boolean().default(false),
    available: z.boolean().default(true),
  })
  .strip();

const settingsInput = z
  .object({
    spanOfControl: z.number().int().min(1).max(50),
    moveCost: z.number().min(0).max(10_000),
    commanderWeight: z.number().min(0).max(100),
    deadlineBonus: z.number().min(0).max(10_000),
    deadlineHorizonHours: z
      .number()
      .min(0)
      .max(24 * 30),
    candidatesPerNeed: z.number().int().min(1).max(10_000),
    timeLimitMs: z.number().int().min(1).max(60_000),
  })
  .partial()
  .strict();

export const triageInputSchema = z
  .object({
    now: z.iso.datetime({ offset: true }).optional(),
    incidents: z.array(triageIncidentInput).max(2000),
    /** Absent: the people directory. */
    people: z.array(rosterPersonInput).max(20_000).optional(),
    current: z
      .array(z.object({ person: handle, incident: id, as: z.enum(["commander", "engineer"]) }).strict())
      .max(20_000)
      .default([]),
    settings: settingsInput.default({}),
  })
  .strict()
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.incidents.forEach((incident, i) => {
      if (seen.has(incident.id)) {
        ctx.addIssue({ code: "custom", message: `${incident.id} appears twice`, path: ["incidents", i, "id"] });
      }
      seen.add(incident.id);
    });
    input.current.forEach((c, i) => {
      if (!seen.has(c.incident)) {
        ctx.addIssue({
          code: "custom",
          message: `${c.incident} is not among the incidents`,
          path: ["current", i, "incident"],
        });
      }
    });
  });

export type TriageInputFile = z.output<typeof triageInputSchema>;

/** The planner's input from a validated file; `people` fills in when the file has none. */
export function fromInputFile(
  file: TriageInputFile,
  now: string,
  people: TriageInput["people"],
): { input: TriageInput; settings: Partial<TriageSettings> } {
  const at = file.now ? new Date(file.now).toISOString() : now;
  const incidents: TriageIncident[] = file.incidents.map((i) => ({
    id: i.id,
    title: i.title ?? i.id,
    severity: i.severity,
    usersAffectedPct: i.usersAffectedPct ?? null,
    revenueAtRiskPerHourUsd: i.revenueAtRiskPerHourUsd ?? null,
    impactStartsAt:
      i.impactInMinutes !== undefined
        ? new Date(Date.parse(at) + i.impactInMinutes * 60_000).toISOString()
        : i.impactStartsAt
          ? new Date(i.impactStartsAt).toISOString()
          : null,
    worseningPctPerHour: i.worseningPctPerHour ?? null,
    needs: i.needs,
  }));
  return {
    input: { now: at, incidents, people: file.people ?? people, current: file.current },
    settings: { ...file.settings },
  };
}

export { DEFAULT_SETTINGS };
