/**
 * The matrix in a terminal and as Markdown. Checked line by line for what matters (the
 * columns, a few cells, the score row, the winner and sensitivity lines), not byte for
 * byte, so spacing can change without rewriting the tests.
 */
import { describe, expect, it } from "vitest";
import {
  buildMatrix,
  type Paint,
  renderMatrixMarkdown,
  renderMatrixTerminal,
} from "../../src/domain/decision-support/index.js";
import { EXERCISE_1, EXERCISE_3 } from "./fixtures.js";

const matrix = buildMatrix({
  options: EXERCISE_1,
  hybrids: [["C", "A"]],
  decisions: [{ id: "D1", chosen: ["D"] }],
});
const cells = (line: string) => line.trim().split(/\s{2,}/);

describe("terminal rendering", () => {
  const lines = renderMatrixTerminal(matrix, "INC-1");
  const find = (start: string) => lines.find((l) => l.startsWith(start)) ?? "";

  it("puts the options across, a title row under the ids, and marks the chosen one", () => {
    expect(lines[0]).toBe("INC-1 OPTIONS  scores 0–1, higher is better; ×weight");
    expect(cells(lines[1] ?? "")).toEqual(["A", "B", "C", "D ✓", "C→A"]);
    expect(cells(lines[2] ?? "")[0]).toBe("Full backup rest…");
  });

  it("shows each criterion with its weight, each value as said and its score", () => {
    expect(cells(find("time to complete"))).toEqual([
      "time to complete",
      "×1",
      "4h",
      "0.20",
      "10m",
      "0.86",
      "30m",
      "0.67",
      "4h30m",
      "0.18",
      "4h30m",
      "0.18",
    ]);
    expect(find("data loss")).toMatch(/^data loss\s+×3\s+none\s+1\.00\s+2 hours of …\s+0\.33/);
    expect(find("user impact")).toContain("high: affec… 0.25");
  });

  it("lines the columns up: every cell of a column starts at the same place", () => {
    const header = lines[1] ?? "";
    const column = header.indexOf("B");
    for (const line of [find("time to complete"), find("risk"), find("SCORE")]) {
      expect(line[column - 1]).toBe(" ");
      expect(line[column]).not.toBe(" ");
    }
  });

  it("ends with the scores, the winner, the sensitivity and the legend", () => {
    expect(cells(find("SCORE"))).toEqual(["SCORE", "0.55 #4", "0.54 #5", "0.69 #2", "0.71 #1", "0.63 #3"]);
    expect(lines).toContain("Winner: D Hybrid: C then A (0.71), ahead of C by 0.03.");
    expect(lines).toContain(
      "Closest call: lowering user impact from 3 to 1.93 or less makes C the winner instead of D.",
    );
    expect(lines).toContain("  time to complete (weight 1): C wins at 1.55 or more");
    expect(lines).toContain("Chosen so far: D (D1).");
    expect(lines.some((l) => l.startsWith("Hybrids: times and money add up"))).toBe(true);
    expect(lines.some((l) => l.startsWith("Not given for any option: likelihood of success"))).toBe(true);
  });

  it("paints the winner and the closest call when given colours, and nothing otherwise", () => {
    const tag = (name: string) => (t: string) => `<${name}>${t}</${name}>`;
    const paint: Paint = { bold: tag("b"), dim: tag("d"), green: tag("g"), yellow: tag("y") };
    const painted = renderMatrixTerminal(matrix, "INC-1", paint);
    expect(painted.find((l) => l.includes("SCORE"))).toContain("<g><b>0.71 #1");
    expect(painted.some((l) => l.startsWith("<y>Closest call"))).toBe(true);
    const plain = lines.join("\n");
    expect(plain).not.toContain("<");
    expect(plain).not.toContain(String.fromCharCode(27));
  });

  it("marks unknowns with ? and says how they count", () => {
    const partial = buildMatrix({
      options: [
        { id: "A", title: "a", attributes: { risk: "low" } },
        { id: "B", title: "b", attributes: { risk: "high", timeToCompleteMinutes: 30 } },
      ],
    });
    const out = renderMatrixTerminal(partial, "INC-9");
    expect(cells(out.find((l) => l.startsWith("time to complete")) ?? "")).toEqual([
      "time to complete",
      "×1",
      "?",
      "?",
      "30m",
      "0.67",
    ]);
    expect(out).toContain("? = unknown, counted as 0.50 (neither rewarded nor punished).");
  });

  it("says so when there are no options", () => {
    expect(renderMatrixTerminal(buildMatrix({ options: [] }), "INC-2")).toEqual([
      "INC-2 has no options yet: propose some with `warroom option INC-2 add`.",
    ]);
  });
});

describe("Markdown rendering", () => {
  const md = renderMatrixMarkdown(matrix, "INC-1");
  const lines = md.split("\n");

  it("is one table with a header, an alignment row, a row per criterion and the score row", () => {
    const table = lines.filter((l) => l.startsWith("|"));
    expect(table[0]).toBe(
      "| Criterion | Weight | A: Full backup restore | B: Failover to the old cluster | C: Application workaround | D ✓: Hybrid: C then A | C→A: Application workaround, then Full backup restore |",
    );
    expect(table[1]).toBe("|---|---:|---|---|---|---|---|");
    expect(table[2]).toBe(
      "| time to complete | 1 | 4h (0.20) | 10m (0.86) | 30m (0.67) | 4h30m (0.18) | 4h30m (0.18) |",
    );
    expect(table.at(-1)).toBe(
      "| **Score** | | **0.55** (#4) | **0.54** (#5) | **0.69** (#2) | **0.71** (#1) | **0.63** (#3) |",
    );
    for (const row of table) expect(row.split(/(?<!\\)\|/).length).toBe(table[0]?.split("|").length);
  });

  it("ranks with each criterion's share, then the winner and the sensitivity", () => {
    expect(md).toContain("**Winner: D Hybrid: C then A (0.71), ahead of C by 0.03.**");
    expect(md).toContain("1. D — 0.71 (time 0.02, dataLoss 0.33, risk 0.11, userImpact 0.25)");
    expect(md).toContain(
      "**Sensitivity:** Closest call: lowering user impact from 3 to 1.93 or less makes C the winner instead of D.",
    );
    expect(md).toContain("- data loss (weight 3): B wins at 0.63 or less");
    expect(md.endsWith("\n")).toBe(true);
  });

  it("escapes pipes and line breaks typed into values", () => {
    const m = buildMatrix({
      options: [
        { id: "A", title: "Roll | back", attributes: { risk: "low", dataLoss: "none\nreally" } },
        { id: "B", title: "Wait", attributes: { risk: "high" } },
      ],
    });
    const out = renderMatrixMarkdown(m, "INC-3");
    expect(out).toContain("A: Roll \\| back");
    expect(out).toContain("none really (1.00)");
  });

  it("renders Exercise 3 with its six criteria and the no-flip line", () => {
    const out = renderMatrixMarkdown(buildMatrix({ options: EXERCISE_3 }), "INC-3");
    expect(out.split("\n").filter((l) => l.startsWith("| ")).length).toBe(1 + 6 + 1);
    expect(out).toContain("| revenue impact | 2 | $8M (0.11) | $50M+ (0.02) |");
    expect(out).toContain("**Sensitivity:** No single weight change within 0–10× flips the winner (A).");
  });
});
