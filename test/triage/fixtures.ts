/** Triage inputs for tests: the handbook's Friday evening, and random instances for properties. */
import fc from "fast-check";
import type { Severity } from "../../src/domain/incident/policy.js";
import type { RosterPerson, TriageIncident, TriageInput } from "../../src/domain/triage/index.js";

export const NOW = "2026-11-27T18:00:00.000Z";

export function incident(id: string, fields: Partial<TriageIncident> = {}): TriageIncident {
  return {
    id,
    title: `Incident ${id}`,
    severity: "SEV-2",
    usersAffectedPct: null,
    revenueAtRiskPerHourUsd: null,
    impactStartsAt: null,
    worseningPctPerHour: null,
    needs: [],
    ...fields,
  };
}

export function person(handle: string, skills: string[] = [], fields: Partial<RosterPerson> = {}): RosterPerson {
  return { handle, skills, icQualified: false, available: true, ...fields };
}

export const ic = (handle: string, skills: string[] = []) => person(handle, skills, { icQualified: true });

/** Payments down (SEV-1), a slow database (SEV-2), a certificate expiring in 3 h; two ICs, six engineers. */
export function fridayEvening(): TriageInput {
  return {
    now: NOW,
    incidents: [
      incident("INC-1", {
        title: "Card payments failing",
        severity: "SEV-1",
        usersAffectedPct: 100,
        revenueAtRiskPerHourUsd: 540_000,
        needs: [{ skill: "payments", count: 2 }],
      }),
      incident("INC-2", {
        title: "Slow pages",
        severity: "SEV-2",
        usersAffectedPct: 20,
        worseningPctPerHour: 5,
        needs: [{ skill: "database", count: 3 }],
      }),
      incident("INC-3", {
        title: "CDN certificate expiring",
        severity: "SEV-2",
        usersAffectedPct: 100,
        impactStartsAt: "2026-11-27T21:00:00.000Z",
        needs: [{ skill: "networking", count: 1 }],
      }),
    ],
    people: [
      ic("alex-ic"),
      ic("riley-ic"),
      person("priya-pay", ["payments"]),
      person("tom-pay", ["payments"]),
      person("dana-db", ["database"]),
      person("omar-db", ["database"]),
      person("wei-db", ["database"]),
      person("kai-infra", ["networking"]),
    ],
    current: [],
  };
}

const SKILLS = ["database", "payments", "networking", "frontend", "security", "storage"];
const SEVERITIES: Severity[] = ["SEV-1", "SEV-2", "SEV-3", "SEV-4"];

/** A random instance; `scale` bounds the number of incidents and people. */
export function randomInput(seed: number, incidents: number, people: number, rng = mulberry32(seed)): TriageInput {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)] as T;
  const out: TriageInput = { now: NOW, incidents: [], people: [], current: [] };
  for (let i = 1; i <= incidents; i++) {
    const needs = SKILLS.filter(() => rng() < 0.3).map((skill) => ({ skill, count: 1 + Math.floor(rng() * 3) }));
    out.incidents.push(
      incident(`INC-${i}`, {
        severity: pick(SEVERITIES),
        usersAffectedPct: rng() < 0.8 ? Math.round(rng() * 100) : null,
        revenueAtRiskPerHourUsd: rng() < 0.5 ? Math.round(rng() * 1_000_000) : null,
        impactStartsAt: rng() < 0.2 ? new Date(Date.parse(NOW) + rng() * 8 * 3_600_000).toISOString() : null,
        worseningPctPerHour: rng() < 0.3 ? Math.round(rng() * 50) : null,
        needs,
      }),
    );
  }
  for (let p = 1; p <= people; p++) {
    const skills = SKILLS.filter(() => rng() < 0.25);
    out.people.push(person(`p${p}`, skills, { icQualified: rng() < 0.15, available: rng() < 0.92 }));
    if (rng() < 0.2 && incidents > 0) {
      out.current.push({ person: `p${p}`, incident: `INC-${1 + Math.floor(rng() * incidents)}`, as: "engineer" });
    }
  }
  return out;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** fast-check arbitrary of small instances (up to 5 incidents, 12 people). */
export const smallInstance = fc
  .record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    incidents: fc.integer({ min: 0, max: 5 }),
    people: fc.integer({ min: 0, max: 12 }),
  })
  .map(({ seed, incidents, people }) => randomInput(seed, incidents, people));
