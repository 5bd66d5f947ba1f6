/**
 * Triage benchmark, in one run: the staffing plan for 50 incidents × 500 people (target
 * under 1 s) and 200 × 2,000, solved by HiGHS, against the greedy plan on the same random
 * instances (objective and time). Prints a Markdown table for docs/benchmarks.md.
 *
 *   npm run bench:triage            (TRIAGE_BENCH_RUNS=5 instances per size by default)
 */
import { highsSolver } from "../src/app/triage-solver.js";
import {
  buildInstance,
  DEFAULT_SETTINGS,
  greedyPlan,
  planObjective,
  planStaffing,
  type TriageSettings,
} from "../src/domain/triage/index.js";
import { randomInput } from "../test/triage/fixtures.js";

const RUNS = Number(process.env.TRIAGE_BENCH_RUNS ?? 5);
/** incidents, people, label, settings: the two sizes of the issue, a scarce roster, and the full model. */
const SIZES: [number, number, string, Partial<TriageSettings>][] = [
  [50, 500, "", {}],
  [200, 2000, "", {}],
  [50, 150, " (scarce: fewer people than needs)", {}],
  [50, 500, " (full model, no pruning)", { candidatesPerNeed: 10_000 }],
];

const solver = await highsSolver();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

// Warm up the WebAssembly and the JIT once, outside the figures.
planStaffing(randomInput(1, 10, 100), { solver });

const rows: string[] = [];
let allAtLeastGreedy = true;
let target = 0;
for (const [incidents, people, label, settings] of SIZES) {
  const solveMs: number[] = [];
  const greedyMs: number[] = [];
  const gains: number[] = [];
  const statuses = new Map<string, number>();
  let variables = 0;
  for (let run = 0; run < RUNS; run++) {
    const input = randomInput(1000 + run * 7919 + incidents, incidents, people);
    const started = performance.now();
    const instance = buildInstance(input, { ...DEFAULT_SETTINGS, ...settings });
    const greedy = greedyPlan(instance);
    const greedyObjective = planObjective(instance, greedy);
    greedyMs.push(performance.now() - started);
    const t0 = performance.now();
    const plan = planStaffing(input, { solver, settings, timer: () => performance.now() });
    solveMs.push(performance.now() - t0);
    variables = plan.solver.model.variables;
    statuses.set(plan.solver.status, (statuses.get(plan.solver.status) ?? 0) + 1);
    if (plan.solver.objective < greedyObjective) allAtLeastGreedy = false;
    gains.push(greedyObjective > 0 ? (100 * (plan.solver.objective - greedyObjective)) / greedyObjective : 0);
  }
  const status = [...statuses].map(([s, n]) => `${s} ×${n}`).join(", ");
  rows.push(
    `| ${incidents} × ${people.toLocaleString("en-US")}${label} | ${variables.toLocaleString("en-US")} | ${median(solveMs).toFixed(0)} ms (max ${Math.max(...solveMs).toFixed(0)}) | ${median(greedyMs).toFixed(1)} ms | ${(median(solveMs) / Math.max(0.01, median(greedyMs))).toFixed(0)}× | +${mean(gains).toFixed(2)}% (min +${Math.min(...gains).toFixed(2)}%) | ${status} |`,
  );
  if (incidents === 50 && people === 500 && label === "") target = median(solveMs);
  console.error(`${incidents}×${people}${label} done`);
}

console.log(
  `Triage staffing plan, ${RUNS} random instances per size (median; the plan includes ranking and explanations):\n`,
);
console.log(
  "| incidents × people | model variables | optimiser (HiGHS) | greedy | optimiser / greedy time | objective gain over greedy (mean, min) | solver status |",
);
console.log("|---|---|---|---|---|---|---|");
for (const row of rows) console.log(row);
console.log("");
console.log(`50 × 500 solved in ${target.toFixed(0)} ms (median): ${target < 1000 ? "PASS" : "OVER"} (target < 1 s)`);
console.log(`Optimiser objective ≥ greedy on every instance: ${allAtLeastGreedy ? "PASS" : "OVER"}`);
