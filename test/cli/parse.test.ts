/** Flag parsing: durations, percentages, times, extras, severities, and the grouped-command rewrite. */
process.env.TZ = "UTC";

import { describe, expect, it } from "vitest";
import { formatMinutes, headerLine, shortDuration } from "../../src/cli/format.js";
import { collect, normaliseSeverity, parseExtras, parseMinutes, parsePercent, parseWhen } from "../../src/cli/parse.js";
import { rewriteGrouped } from "../../src/cli/run.js";
import { styleFor } from "../../src/cli/style.js";
import { isWarroomError } from "../../src/domain/shared/errors.js";

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isWarroomError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return "no error";
}

describe("parseMinutes", () => {
  it.each([
    ["90", 90],
    ["4h", 240],
    ["30m", 30],
    ["30min", 30],
    ["1h30m", 90],
    ["1h 30m", 90],
    ["2d", 2880],
    ["1.5h", 90],
  ])("%s → %d minutes", (text, minutes) => {
    expect(parseMinutes(text, "--time")).toBe(minutes);
  });

  it.each(["", "soon", "4x", "h", "-5", "1h30"])("refuses %j", (text) => {
    expect(failure(() => parseMinutes(text, "--time"))).toMatch(/^validation\.failed: --time: /);
  });
});

describe("other values", () => {
  it("percentages take an optional %", () => {
    expect(parsePercent("85%", "--success")).toBe(85);
    expect(parsePercent(" 12.5 ", "--success")).toBe(12.5);
    expect(failure(() => parsePercent("most", "--success"))).toContain("--success: 'most' is not a percentage");
  });

  it("--next takes +duration, HH:MM (the next one) or an ISO time", () => {
    const now = Date.parse("2026-03-07T02:15:00.000Z");
    expect(parseWhen("+15m", now, "--next")).toBe("2026-03-07T02:30:00.000Z");
    expect(parseWhen("+1h", now, "--next")).toBe("2026-03-07T03:15:00.000Z");
    expect(parseWhen("02:30", now, "--next")).toBe("2026-03-07T02:30:00.000Z");
    expect(parseWhen("01:00", now, "--next")).toBe("2026-03-08T01:00:00.000Z");
    expect(parseWhen("2026-03-07T04:00:00+02:00", now, "--next")).toBe("2026-03-07T02:00:00.000Z");
    expect(failure(() => parseWhen("later", now, "--next"))).toContain("--next: 'later' is not a time");
  });

  it("extras keep numbers and booleans typed", () => {
    expect(parseExtras(["perf=15s", "rps=1200", "reversible=true", "note=a=b"], "--extra")).toEqual({
      perf: "15s",
      rps: 1200,
      reversible: true,
      note: "a=b",
    });
    expect(failure(() => parseExtras(["novalue"], "--extra"))).toContain("'novalue' is not key=value");
  });

  it("severities accept short forms; anything else goes to the app as given", () => {
    expect(["1", "sev1", "Sev-2", "SEV-3", "sev 4"].map(normaliseSeverity)).toEqual([
      "SEV-1",
      "SEV-1",
      "SEV-2",
      "SEV-3",
      "SEV-4",
    ]);
    expect(normaliseSeverity("critical")).toBe("critical");
  });

  it("repeatable options also split on commas", () => {
    expect(collect("b, c", collect("a", undefined))).toEqual(["a", "b", "c"]);
  });
});

describe("rewriteGrouped", () => {
  it("moves the sub-action before the incident id", () => {
    expect(rewriteGrouped(["task", "INC-1", "add", "x", "--to", "y"])).toEqual([
      "task",
      "add",
      "INC-1",
      "x",
      "--to",
      "y",
    ]);
    expect(rewriteGrouped(["--db", "f.db", "--json", "action", "3", "done", "AI-1"])).toEqual([
      "--db",
      "f.db",
      "--json",
      "action",
      "done",
      "3",
      "AI-1",
    ]);
  });

  it("leaves everything else alone", () => {
    for (const argv of [
      ["task", "add", "INC-1", "x"],
      ["note", "INC-1", "add", "more"],
      ["task", "INC-1", "frob"],
      ["--as", "task", "list"],
      [],
    ]) {
      expect(rewriteGrouped(argv)).toEqual(argv);
    }
  });
});

describe("human formatting", () => {
  const plain = styleFor(false);
  const base = {
    id: "INC-3",
    severity: "SEV-1",
    status: "mitigating",
    mode: "live",
    commander: "sarah-db",
    elapsedSeconds: 42 * 60 + 10,
    nextUpdateDue: "2026-03-07T02:30:00.000Z",
    overdue: false,
    overdueBySeconds: 0,
  };
  const now = Date.parse("2026-03-07T02:26:00.000Z");

  it("builds the header line", () => {
    expect(headerLine(base, now, plain)).toBe(
      "INC-3  SEV-1  mitigating  IC sarah-db  42m10s  next update 02:30 (in 4m)",
    );
    expect(headerLine({ ...base, overdue: true, overdueBySeconds: 192 }, now, plain)).toBe(
      "INC-3  SEV-1  mitigating  IC sarah-db  42m10s  next update OVERDUE by 3m12s",
    );
    expect(headerLine({ ...base, nextUpdateDue: null, mode: "drill" }, now, plain)).toBe(
      "INC-3  SEV-1  mitigating  IC sarah-db  42m10s  no update cadence  [drill]",
    );
    expect(headerLine({ ...base, status: "resolved" }, now, plain)).toBe("INC-3  SEV-1  resolved  IC sarah-db  42m10s");
  });

  it("colours only when asked", () => {
    expect(headerLine(base, now, styleFor(true))).toContain("\u001b[31m");
    expect(headerLine(base, now, plain)).not.toContain("\u001b");
  });

  it("shortens durations", () => {
    expect([45, 240, 3599, 7260].map(shortDuration)).toEqual(["45s", "4m", "59m", "2h01m"]);
    expect([30, 240, 270].map(formatMinutes)).toEqual(["30m", "4h", "4h30m"]);
  });
});
