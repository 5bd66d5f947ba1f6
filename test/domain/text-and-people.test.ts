/** The shared guards: free text (empty, byte limits in UTF-8) and "name one person". */
import { describe, expect, it } from "vitest";
import type { IncidentEvent } from "../../src/domain/incident/events.js";
import { addMinutes, optionalText, requireNamedPerson, requireText } from "../../src/domain/incident/guards.js";
import { DEFAULT_POLICY } from "../../src/domain/incident/policy.js";
import {
  type CommandInputAny,
  DEV,
  declared,
  given,
  optionProposed,
  policyWith,
  resolved,
  staffed,
  taskAssigned,
} from "./helpers.js";

const LIMIT = DEFAULT_POLICY.maxTextBytes;
const utf8 = (s: string) => new TextEncoder().encode(s).length;

/** Strings of exactly `bytes` UTF-8 bytes built from one repeated character (plus ASCII padding). */
function ofBytes(bytes: number, char: string): string {
  const size = utf8(char);
  const text = char.repeat(Math.floor(bytes / size)) + "a".repeat(bytes % size);
  expect(utf8(text)).toBe(bytes);
  return text;
}

describe("text limits at the default limit (64 KiB)", () => {
  it.each([
    ["ASCII", "a"],
    ["2-byte é", "é"],
    ["3-byte €", "€"],
    ["4-byte emoji", "😀"],
  ])("accepts exactly the limit and refuses one byte more (%s)", (_name, char) => {
    given(declared())
      .when({ type: "add-note", text: ofBytes(LIMIT, char) })
      .emitsOne("NoteAdded");
    given(declared())
      .when({ type: "add-note", text: ofBytes(LIMIT + 1, char) })
      .throws("text.too_long", "text");
  });

  it("mixes widths: 21845 × € plus one ASCII byte is the limit, plus a 2-byte é is one over", () => {
    const euros = "€".repeat(21_845);
    expect(utf8(`${euros}a`)).toBe(LIMIT);
    expect(utf8(`${euros}é`)).toBe(LIMIT + 1);
    given(declared())
      .when({ type: "add-note", text: `${euros}a` })
      .emitsOne("NoteAdded");
    const error = given(declared())
      .when({ type: "add-note", text: `${euros}é` })
      .throws("text.too_long", "text");
    expect(error.message).toContain(`${LIMIT + 1} bytes`);
    expect(error.message).toContain(`limit is ${LIMIT} bytes`);
  });

  it("measures the text after trimming", () => {
    given(declared())
      .when({ type: "add-note", text: `   ${ofBytes(LIMIT, "é")}\n` })
      .emitsOne("NoteAdded");
  });

  it("reports the byte size in the message", () => {
    const error = given(declared())
      .when({ type: "add-note", text: "ééé" }, { policy: policyWith({ maxTextBytes: 5 }) })
      .throws("text.too_long");
    expect(error.message).toContain("6 bytes");
  });
});

describe("text limits on every free-text field (small policy)", () => {
  const policy = policyWith({ maxTextBytes: 8 });
  const long = "éééé€"; // 5 characters, 11 bytes
  const cases: [string, CommandInputAny, string, IncidentEvent[]][] = [
    ["declare title", { type: "declare", title: long, severity: "SEV-1" }, "title", []],
    ["severity reason", { type: "change-severity", severity: "SEV-1", reason: long }, "reason", staffed()],
    ["release reason", { type: "release-role", role: "tech-lead", reason: long }, "reason", staffed()],
    [
      "handover overrideReason",
      { type: "hand-over-role", role: "incident-commander", to: DEV, overrideReason: long },
      "overrideReason",
      staffed(),
    ],
    ["note", { type: "add-note", text: long }, "text", staffed()],
    ["update text", { type: "publish-update", audience: "team", text: long }, "text", staffed()],
    ["workstream name", { type: "start-workstream", name: long, lead: DEV, goal: "g" }, "name", staffed()],
    ["workstream goal", { type: "start-workstream", name: "n", lead: DEV, goal: long }, "goal", staffed()],
    ["task title", { type: "assign-task", title: long, assignee: DEV }, "title", staffed()],
    ["option title", { type: "propose-option", title: long }, "title", staffed()],
    ["action item title", { type: "add-action-item", title: long, owner: DEV }, "title", staffed()],
    ["resolve summary", { type: "resolve", summary: long }, "summary", staffed()],
  ];

  it.each(cases)("%s", (_name, input, field, history) => {
    given(history).when(input, { policy }).throws("text.too_long", field);
  });

  it("covers the fields that need prior state", () => {
    given(staffed(), taskAssigned("T1", DEV))
      .when({ type: "complete-task", taskId: "T1", outcome: long }, { policy })
      .throws("text.too_long", "outcome");
    given(staffed(), taskAssigned("T1", DEV))
      .when({ type: "cancel-task", taskId: "T1", reason: long }, { policy })
      .throws("text.too_long", "reason");
    given(staffed(), optionProposed("A"))
      .when({ type: "record-decision", kind: "trade-off", chosen: ["A"], rationale: long }, { policy })
      .throws("text.too_long", "rationale");
    given(staffed(), optionProposed("A"))
      .when({ type: "record-decision", kind: "trade-off", chosen: ["A"], rationale: "r", fallback: long }, { policy })
      .throws("text.too_long", "fallback");
    given(staffed(), resolved()).when({ type: "reopen", reason: long }, { policy }).throws("text.too_long", "reason");
  });
});

describe("guards", () => {
  it("requireText trims and refuses blank", () => {
    expect(requireText("  x  ", "f", DEFAULT_POLICY)).toBe("x");
    expect(() => requireText(" \n ", "f", DEFAULT_POLICY)).toThrow(expect.objectContaining({ code: "text.empty" }));
  });

  it("optionalText maps undefined and blank to null", () => {
    expect(optionalText(undefined, "f", DEFAULT_POLICY)).toBeNull();
    expect(optionalText("   ", "f", DEFAULT_POLICY)).toBeNull();
    expect(optionalText(" y ", "f", DEFAULT_POLICY)).toBe("y");
  });

  it.each(["sarah-db", "@sarah-db", "J.Smith_2", "zoë"])("requireNamedPerson accepts %s", (value) => {
    expect(requireNamedPerson(value, "assignee")).toBe(value.replace(/^@/, ""));
  });

  it.each([
    "someone",
    "SOMEBODY",
    "@here",
    "@channel",
    "all",
    "the-team",
    "none",
    "unassigned",
    "can someone look",
    " ",
  ])("requireNamedPerson refuses %j", (value) => {
    expect(() => requireNamedPerson(value, "assignee")).toThrow(
      expect.objectContaining({ code: "task.unassigned", details: [expect.objectContaining({ field: "assignee" })] }),
    );
  });

  it("requireNamedPerson refuses a handle longer than 100 characters", () => {
    expect(() => requireNamedPerson("x".repeat(101), "owner")).toThrow(
      expect.objectContaining({ code: "validation.failed" }),
    );
  });

  it("addMinutes adds across days and keeps UTC", () => {
    expect(addMinutes("2026-03-01T23:50:00.000Z", 15)).toBe("2026-03-02T00:05:00.000Z");
    expect(addMinutes("2026-03-01T10:00:00+01:00", 0)).toBe("2026-03-01T09:00:00.000Z");
  });
});
