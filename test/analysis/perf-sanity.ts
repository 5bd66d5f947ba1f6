/**
 * Performance sanity check, not a test: `npx tsx test/analysis/perf-sanity.ts`.
 * Prints the median time to analyse ~64 KiB inputs of several shapes for each audience.
 */
import { AUDIENCES, analyse, lintPostmortem } from "../../src/domain/analysis/index.js";

const SIZE = 64 * 1024;
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

const shapes: Record<string, string> = {
  "realistic update": fill(
    "Checkout is failing for about 30% of customers since 09:10 UTC. We are rolling back the release; if errors persist at 10:00 we switch to the backup provider. @sarah-db is leading, owner: lisa. Probably the cache on db-prod-03, p99 at 4s. Next update at 09:45. ",
  ),
  "one long sentence": fill("and the users cannot log in because the connection pool "),
  "no spaces": fill("a"),
  "hyphen chain": fill("a-"),
  "digits and colons": fill("1:"),
  "exclamations and questions": fill("?!"),
  dotted: fill("a."),
  handles: fill("@a "),
  caps: fill("ABCDE "),
  "random letters": Array.from({ length: SIZE }, (_, i) => String.fromCharCode(32 + ((i * 7919) % 95))).join(""),
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

// warm the JIT on every shape and audience before measuring anything
for (let round = 0; round < 2; round++) {
  for (const text of Object.values(shapes)) for (const audience of AUDIENCES) analyse(text, audience);
}

for (const [name, text] of Object.entries(shapes)) {
  const times: Record<string, number> = {};
  for (const audience of AUDIENCES) {
    const runs: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      analyse(text, audience);
      runs.push(performance.now() - t0);
    }
    times[audience] = median(runs);
  }
  const t0 = performance.now();
  lintPostmortem(text);
  const pm = performance.now() - t0;
  const cells = Object.entries(times)
    .map(([a, ms]) => `${a} ${ms.toFixed(1)}`)
    .join("  ");
  console.log(`${name.padEnd(28)} ${cells}  postmortem ${pm.toFixed(1)} ms`);
}
