/** Running built-in scenarios against transcripts, whole or as small inline YAML. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { scoreRun } from "../../src/training/rubric/score.js";
import type { Score } from "../../src/training/rubric/types.js";
import type { DrillRun } from "../../src/training/run-record.js";
import { runDrill } from "../../src/training/runner.js";
import { parseScenario, resolveScenario, SCENARIOS_DIR } from "../../src/training/scenario-loader.js";
import type { Scenario } from "../../src/training/scenario-schema.js";
import { parseTranscript, type Transcript } from "../../src/training/transcript.js";

export function transcriptPath(scenario: string, kind: string): string {
  return join(SCENARIOS_DIR, "transcripts", `${scenario}.${kind}.yaml`);
}

export function referenceTranscript(scenario: string, kind: string): Transcript {
  const path = transcriptPath(scenario, kind);
  return parseTranscript(readFileSync(path, "utf8"), path);
}

export async function scored(scenario: Scenario, transcript: Transcript): Promise<{ run: DrillRun; score: Score }> {
  const run = await runDrill(scenario, transcript);
  return { run, score: scoreRun(scenario, run) };
}

export async function scoreReference(scenario: string, kind: string) {
  return scored(resolveScenario(scenario), referenceTranscript(scenario, kind));
}

/** A built-in scenario with its YAML edited (for variants such as a critical item). */
export function scenarioVariant(id: string, edit: (yaml: string) => string): Scenario {
  const text = readFileSync(join(SCENARIOS_DIR, `${id}.yaml`), "utf8");
  const edited = edit(text);
  if (edited === text) throw new Error("the edit changed nothing");
  return parseScenario(edited, `${id} (variant)`);
}

export function inline(actions: string, trainee = "alex-ic"): Transcript {
  return parseTranscript(`trainee: ${trainee}\nactions:\n${actions}`, "inline.yaml");
}

export function item(score: Score, id: string) {
  const found = score.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

/** The action indices the item's evidence points at. */
export function evidenceActions(score: Score, id: string): number[] {
  return [...new Set(item(score, id).evidence.flatMap((e) => (e.action === undefined ? [] : [e.action])))].sort(
    (a, b) => a - b,
  );
}

/** Indices of the transcript's actions with this verb (and matching fields). */
export function actionsOf(transcript: Transcript, verb: string, where: Record<string, unknown> = {}): number[] {
  return transcript.actions
    .filter((a) => a.verb === verb && Object.entries(where).every(([k, v]) => a.fields[k] === v))
    .map((a) => a.index);
}
