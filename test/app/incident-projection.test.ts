import { describe, expect, it } from "vitest";
import { IncidentProjection } from "../../src/app/incident-projection.js";
import type { IncidentEvent } from "../../src/domain/incident/events.js";
import type { StoredEvent } from "../../src/store/event-store.js";

let position = 0;
function stored(streamId: string, version: number, data: IncidentEvent): StoredEvent {
  position += 1;
  return { streamId, version, position, type: data.type, data, recordedAt: data.at };
}

const at = "2026-03-07T02:00:00.000Z";
const declared = (id: string): IncidentEvent => ({
  type: "IncidentDeclared",
  at,
  by: "alex",
  incidentId: id,
  title: "Checkout failing",
  severity: "SEV-1",
  impact: "",
  usersAffectedPct: null,
  services: [],
  mode: "live",
  private: false,
  commander: "alex",
  cadenceMinutes: 15,
});
const note = (text: string): IncidentEvent => ({ type: "NoteAdded", at, by: "alex", channel: "tech", text });
const task = (id: string): IncidentEvent => ({
  type: "TaskAssigned",
  at,
  by: "alex",
  taskId: id,
  title: "check",
  assignee: "kim",
  timeboxMinutes: 5,
  dueAt: at,
  workstreamId: null,
});

describe("IncidentProjection", () => {
  it("never changes a state it has handed out", () => {
    const projection = new IncidentProjection();
    projection.apply(stored("INC-1", 1, declared("INC-1")));
    projection.apply(stored("INC-1", 2, task("T1")));
    const seen = projection.get("INC-1");
    const snapshot = structuredClone(seen);
    projection.apply(stored("INC-1", 3, note("more")));
    projection.apply(stored("INC-1", 4, task("T2")));
    projection.apply(stored("INC-1", 5, { type: "TaskAcknowledged", at, by: "kim", taskId: "T1" }));
    expect(seen).toEqual(snapshot);
    const now = projection.get("INC-1");
    expect(now?.version).toBe(5);
    expect(now?.tasks.map((t) => [t.id, t.status])).toEqual([
      ["T1", "acknowledged"],
      ["T2", "assigned"],
    ]);
    expect(now?.noteCount.tech).toBe(1);
  });

  it("tracks the highest incident number and ignores other streams", () => {
    const projection = new IncidentProjection();
    projection.apply(stored("INC-7", 1, declared("INC-7")));
    projection.apply(stored("INC-3", 1, declared("INC-3")));
    projection.apply(stored("people", 1, note("not an incident")));
    expect(projection.highestIncidentNumber).toBe(7);
    expect(projection.size).toBe(2);
    expect(projection.get("people")).toBeUndefined();
  });
});
