/**
 * What triage needs beyond severity and users affected: the impact estimate (revenue at
 * risk per hour, when the impact starts, how fast it worsens) and the skills needed.
 * An estimate merges with the earlier one (absent keeps, null clears); either command
 * changing nothing is refused, like every other command.
 */
import { fail } from "../shared/errors.js";
import type { CommandContext, CommandMap } from "./commands.js";
import type { IncidentEvent } from "./events.js";
import { optionalText, requireOpen } from "./guards.js";
import type { IncidentPolicy } from "./policy.js";
import type { Incident } from "./state.js";

type ImpactCommand = CommandMap["set-impact-estimate"] | CommandMap["set-skill-needs"];

export function decideImpact(
  command: ImpactCommand,
  incident: Incident,
  ctx: CommandContext,
  policy: IncidentPolicy,
): IncidentEvent[] {
  const stamp = { at: ctx.now, by: ctx.actor };
  requireOpen(incident, "change its triage facts");
  if (command.type === "set-skill-needs") {
    const merged = new Map<string, number>();
    for (const need of command.needs) merged.set(need.skill, (merged.get(need.skill) ?? 0) + need.count);
    const needs = [...merged].map(([skill, count]) => ({ skill, count }));
    if (JSON.stringify(needs) === JSON.stringify(incident.skillNeeds ?? [])) {
      fail("estimate.unchanged", `${incident.id} already needs exactly that`, "needs");
    }
    return [{ ...stamp, type: "SkillNeedsSet", needs }];
  }
  const given = [command.revenueAtRiskPerHourUsd, command.impactStartsAt, command.worseningPctPerHour];
  if (given.every((v) => v === undefined) && command.note === undefined) {
    fail(
      "validation.failed",
      "give at least one of revenueAtRiskPerHourUsd, impactStartsAt, worseningPctPerHour",
      "revenueAtRiskPerHourUsd",
    );
  }
  const before = incident.impactEstimate;
  const pick = <T>(value: T | null | undefined, earlier: T | null | undefined): T | null =>
    value === undefined ? (earlier ?? null) : value;
  const next = {
    revenueAtRiskPerHourUsd: pick(command.revenueAtRiskPerHourUsd, before?.revenueAtRiskPerHourUsd),
    impactStartsAt:
      command.impactStartsAt === undefined
        ? (before?.impactStartsAt ?? null)
        : command.impactStartsAt === null
          ? null
          : new Date(command.impactStartsAt).toISOString(),
    worseningPctPerHour: pick(command.worseningPctPerHour, before?.worseningPctPerHour),
    note: optionalText(command.note, "note", policy) ?? before?.note ?? null,
  };
  if (
    before &&
    before.revenueAtRiskPerHourUsd === next.revenueAtRiskPerHourUsd &&
    before.impactStartsAt === next.impactStartsAt &&
    before.worseningPctPerHour === next.worseningPctPerHour &&
    before.note === next.note
  ) {
    fail("estimate.unchanged", `${incident.id} already has this estimate`, "revenueAtRiskPerHourUsd");
  }
  return [{ ...stamp, type: "ImpactEstimated", ...next }];
}
