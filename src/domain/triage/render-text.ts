/** The plan in a compact human form: one block per incident, then the moves and the solver line. */
import type { TriagePlan } from "./types.js";

export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

export function renderPlanText(plan: TriagePlan, style: TextStyle): string[] {
  const s = plan.solver;
  const lines: string[] = [];
  if (plan.incidents.length === 0) return [`No open incident to triage (${plan.now.slice(11, 16)} UTC).`];
  lines.push(
    style.bold(
      `Triage at ${plan.now.slice(11, 16)} UTC: ${plan.incidents.length} open incident${plan.incidents.length === 1 ? "" : "s"}`,
    ),
  );
  plan.incidents.forEach((incident, n) => {
    const assignment = plan.assignments.find((a) => a.incident === incident.id);
    lines.push("");
    lines.push(
      `${n + 1}. ${style.bold(incident.id)}  ${incident.severity}  priority ${incident.priority}  ${incident.title}`,
    );
    const why = incident.reasons.filter((r) => r.points > 0).map((r) => `${r.text} (+${r.points})`);
    if (why.length > 0) lines.push(style.dim(`   ${why.join(" · ")}`));
    if (assignment) {
      const engineers = assignment.reasons
        .filter((r) => r.as === "engineer")
        .map((r) => (r.skill && r.skill !== "any" ? `${r.person} (${r.skill})` : r.person));
      const who = assignment.commander
        ? `${style.green("✓")} commander ${assignment.commander}`
        : `${style.yellow("–")} no commander`;
      lines.push(`   ${who}${engineers.length > 0 ? ` · engineers ${engineers.join(", ")}` : ""}`);
    }
    for (const gap of plan.uncovered.filter((u) => u.incident === incident.id)) {
      const what =
        gap.what === "commander"
          ? "no commander"
          : `${gap.missing} ${gap.skill === "any" ? "engineer" : gap.skill} short`;
      lines.push(`   ${style.yellow("!")} ${what}: ${gap.reason} → ${gap.wouldCover}`);
    }
  });
  if (plan.moves.length > 0) {
    lines.push("", style.bold("Moves"));
    for (const move of plan.moves) lines.push(`   ${move.person}: ${move.from} → ${move.to}. ${move.reason}`);
  }
  const label = s.status === "fallback-greedy" ? style.red("FALLBACK: greedy plan") : s.status;
  lines.push(
    "",
    style.dim(
      `solver: ${label} (${s.engine}, ${s.ms} ms; objective ${s.objective}, greedy ${s.greedyObjective}). ${s.note}`,
    ),
  );
  return lines;
}
