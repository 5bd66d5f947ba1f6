/**
 * Web benchmark: the war room with a 10,000-entry timeline against the same page with an
 * empty timeline (just the declaration), in one run, in real Chromium against a real server.
 * Target: each time at most 2× the empty page's.
 *
 *   npx tsx bench/web-timeline.ts [--entries 10000] [--rounds 7]
 *
 * Measured in the page, from navigation start (performance.timeOrigin):
 *   first render:  the `warroom:rendered` mark, set in a layout effect on the first commit
 *                  that has the incident (header, panels and the first timeline rows);
 *   interactive:   the moment the page has answered an input: as soon as it rendered, the
 *                  timeline search gets a word and we wait until the filtered list is on
 *                  screen (the count reads "1 of N" and a frame has passed).
 * Each round opens both pages in a fresh browser context (cold page, warm HTTP cache for the
 * hashed assets, as a commander reopening the war room), in alternating order; medians are
 * reported. Also prints the built JavaScript's size, raw and gzipped.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { launchChromium, startWebServer } from "../test/e2e/browser.js";
import setupWebBuild from "../test/e2e/global-setup.js";

const TARGET = 2;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
};
const ENTRIES = arg("entries", 10_000);
const ROUNDS = arg("rounds", 7);

interface Sample {
  rendered: number;
  interactive: number;
  rows: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Runs in the page: wait for the first render, then time an answer to a search. */
const MEASURE = `(async () => {
  const until = async (ok) => { while (!ok()) await new Promise((r) => setTimeout(r, 2)); };
  await until(() => performance.getEntriesByName("warroom:rendered").length > 0 && document.querySelector("#timeline-list .vrow"));
  const rendered = performance.getEntriesByName("warroom:rendered")[0].startTime;
  const rows = document.querySelectorAll("#timeline-list .vrow").length;
  const input = document.getElementById("timeline-search");
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(input, "Declared");
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await until(() => (document.getElementById("timeline-count")?.textContent ?? "").startsWith("1 of"));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return { rendered, interactive: performance.now(), rows };
})()`;

async function open(browser: Browser, url: string, token: string | null): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(
    (session) => localStorage.setItem("warroom.session", session),
    JSON.stringify({ handle: "bench", token }),
  );
  const page = await context.newPage();
  await page.goto(url);
  const sample = (await page.evaluate(MEASURE)) as Sample;
  await context.close();
  return sample;
}

function bundleSize(): { raw: number; gzip: number } {
  const dir = join(import.meta.dirname, "..", "dist", "web", "assets");
  let raw = 0;
  let gzip = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".js"))) {
    const body = readFileSync(join(dir, name));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gzip };
}

async function main(): Promise<void> {
  setupWebBuild();
  const web = await startWebServer({ reminderIntervalMs: 0, auth: "off" });
  const browser = await launchChromium();
  try {
    const { app } = web.server;
    const big = (await app.declare({ title: "Ten thousand entries", severity: "SEV-2" }, { actor: "bench" })).incident;
    const empty = (await app.declare({ title: "Empty timeline", severity: "SEV-2" }, { actor: "bench" })).incident;
    // Notes straight into the store in batches (what thousands of `add-note` calls would leave).
    let version = big.version;
    const at = new Date().toISOString();
    for (let i = 0; i < ENTRIES - 1; i += 1000) {
      const events = Array.from({ length: Math.min(1000, ENTRIES - 1 - i) }, (_, k) => {
        const data = {
          type: "NoteAdded",
          at,
          by: `responder-${(i + k) % 7}`,
          channel: (["command", "tech", "stakeholder"] as const)[(i + k) % 3],
          text: `Observation ${i + k}: p99 latency on checkout-api at ${400 + ((i + k) % 900)} ms, error rate ${(i + k) % 13}%`,
        };
        return { type: data.type, data };
      });
      version = (await app.store.append({ streamId: big.id, expectedVersion: version, events })).version;
    }
    await app.refresh();
    const timeline = (await app.getIncident(big.id)).timeline.length;
    if (timeline !== ENTRIES) throw new Error(`expected ${ENTRIES} entries, the server has ${timeline}`);

    const pages = { big: `${web.url}/#/incidents/${big.id}`, empty: `${web.url}/#/incidents/${empty.id}` };
    await open(browser, pages.empty, null); // warm-up: compile caches, assets in the HTTP cache
    await open(browser, pages.big, null);
    const samples: { big: Sample[]; empty: Sample[] } = { big: [], empty: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order: ("big" | "empty")[] = round % 2 === 0 ? ["big", "empty"] : ["empty", "big"];
      for (const which of order) samples[which].push(await open(browser, pages[which], null));
      const b = samples.big.at(-1);
      const e = samples.empty.at(-1);
      console.log(
        `round ${round + 1}: ${ENTRIES} entries render ${b?.rendered.toFixed(0)} ms, interactive ${b?.interactive.toFixed(0)} ms (${b?.rows} rows in the DOM) | empty render ${e?.rendered.toFixed(0)} ms, interactive ${e?.interactive.toFixed(0)} ms`,
      );
    }
    const row = (name: string, pick: (s: Sample) => number) => {
      const big = median(samples.big.map(pick));
      const small = median(samples.empty.map(pick));
      const ratio = big / small;
      console.log(
        `${name.padEnd(13)} ${ENTRIES} entries ${big.toFixed(0).padStart(5)} ms | empty ${small.toFixed(0).padStart(5)} ms | ratio ${ratio.toFixed(2)}× ${ratio <= TARGET ? "PASS" : "OVER"} (target ≤ ${TARGET}×)`,
      );
    };
    console.log(`\nmedians of ${ROUNDS} rounds, Chromium ${browser.version()}`);
    row("first render", (s) => s.rendered);
    row("interactive", (s) => s.interactive);
    const size = bundleSize();
    console.log(`built JavaScript: ${(size.raw / 1024).toFixed(1)} KiB, gzipped ${(size.gzip / 1024).toFixed(1)} KiB`);
  } finally {
    await browser.close();
    await web.close();
  }
}

await main();
