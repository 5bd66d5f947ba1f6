/**
 * Every route × every caller over real HTTP: no token, a malformed token, a revoked token,
 * and a token of each role. What is allowed comes from the table in docs/permissions.md
 * (checked first against the routes the server really has, with their access), plus a
 * few expectations stated here on their own; the code's access table is never the oracle.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/people/roles.js";
import { type AuthApp, ROLE_LIST, startAuthApp } from "./helpers.js";

type Access = "public" | "signed" | Role;
const RANK: Record<Role, number> = { viewer: 0, responder: 1, commander: 2, admin: 3 };
const AUTH_CODES = ["auth.missing_token", "auth.invalid_token", "auth.forbidden"];

/** `GET /api/incidents/{id}` → access, from the documented table. */
function documentedTable(): Map<string, Access> {
  const text = readFileSync(new URL("../../docs/permissions.md", import.meta.url), "utf8");
  const rows = new Map<string, Access>();
  for (const match of text.matchAll(/^\| (GET|POST|PATCH|PUT|DELETE) \| `([^`]+)` \| (\w+) \|/gm)) {
    rows.set(`${match[1]} ${match[2]}`, match[3] as Access);
  }
  return rows;
}

let t: AuthApp;
let incidentId: string;
beforeAll(async () => {
  t = await startAuthApp();
  // Declared by the commander: a responder is not its IC, so commander routes refuse them.
  const declared = await t.call("POST", "/api/incidents", {
    token: t.tokens.commander,
    body: { title: "Route walk", severity: "SEV-3" },
  });
  incidentId = declared.body.incident.id;
});
afterAll(async () => {
  await t.close();
});

interface Answer {
  status: number;
  code: string | undefined;
  contentType: string;
}

/** One request; a live stream is cut off once its status and headers are in. */
async function ask(method: string, path: string, authorization: string | undefined): Promise<Answer> {
  const controller = new AbortController();
  const withBody = method !== "GET" && method !== "DELETE";
  const response = await fetch(`${t.url}${path}`, {
    method,
    headers: {
      ...(authorization === undefined ? {} : { authorization }),
      ...(withBody ? { "content-type": "application/json" } : {}),
    },
    ...(withBody ? { body: "{}" } : {}),
    signal: controller.signal,
  });
  const contentType = response.headers.get("content-type") ?? "";
  if (contentType.startsWith("text/event-stream")) {
    controller.abort();
    return { status: response.status, code: undefined, contentType };
  }
  const text = await response.text();
  let code: string | undefined;
  if (contentType.startsWith("application/problem+json")) code = (JSON.parse(text) as { code: string }).code;
  return { status: response.status, code, contentType };
}

function concrete(route: string): string {
  return route
    .replace("{id}", incidentId)
    .replace(/\{[A-Za-z]+\}/g, "no-such-thing")
    .replace("*", "no-such-file.js");
}

describe("every route × every role", () => {
  it("docs/permissions.md lists exactly the routes the server has, with the same access", async () => {
    const documented = documentedTable();
    const openapi = await t.call("GET", "/openapi.json", { token: t.tokens.viewer });
    const actual = new Map<string, string>();
    for (const [path, ops] of Object.entries(
      openapi.body.paths as Record<string, Record<string, Record<string, string>>>,
    )) {
      for (const [method, op] of Object.entries(ops))
        actual.set(`${method.toUpperCase()} ${path}`, op["x-warroom-access"] ?? "");
    }
    const undocumented = [...actual.keys()].filter((k) => !documented.has(k));
    const stale = [...documented.keys()].filter((k) => !actual.has(k));
    expect(undocumented, "routes missing from docs/permissions.md").toEqual([]);
    expect(stale, "rows in docs/permissions.md for routes that do not exist").toEqual([]);
    const disagree = [...actual].filter(([k, access]) => documented.get(k) !== access);
    expect(disagree, "access in the code differs from docs/permissions.md").toEqual([]);
  });

  it("allows and refuses each caller as documented (401 / 403 problem+json)", async () => {
    const callers: { name: string; authorization: string | undefined; role: Role | null; expected?: string }[] = [
      { name: "no token", authorization: undefined, role: null, expected: "auth.missing_token" },
      { name: "malformed", authorization: "Bearer not-a-token", role: null, expected: "auth.invalid_token" },
      { name: "not bearer", authorization: "Basic dXNlcjpwYXNz", role: null, expected: "auth.invalid_token" },
      { name: "revoked", authorization: `Bearer ${t.revoked}`, role: null, expected: "auth.invalid_token" },
      ...ROLE_LIST.map((role) => ({ name: role, authorization: `Bearer ${t.tokens[role]}`, role })),
    ];
    const wrong: string[] = [];
    let requests = 0;
    for (const [key, access] of documentedTable()) {
      const [method, route] = key.split(" ") as [string, string];
      for (const caller of callers) {
        const answer = await ask(method, concrete(route), caller.authorization);
        requests++;
        const label = `${key} as ${caller.name}: ${answer.status} ${answer.code ?? ""}`;
        if (access === "public" || access === "signed") {
          if (AUTH_CODES.includes(answer.code ?? "")) wrong.push(`${label} (should not need a token)`);
          continue;
        }
        const allowed = caller.role !== null && RANK[caller.role] >= RANK[access];
        const expectedCode = caller.role === null ? caller.expected : allowed ? undefined : "auth.forbidden";
        if (expectedCode === undefined) {
          if (AUTH_CODES.includes(answer.code ?? "") || answer.status === 401)
            wrong.push(`${label} (should be allowed)`);
        } else {
          const status = expectedCode === "auth.forbidden" ? 403 : 401;
          if (
            answer.code !== expectedCode ||
            answer.status !== status ||
            !answer.contentType.startsWith("application/problem+json")
          ) {
            wrong.push(`${label} (expected ${status} ${expectedCode})`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(requests).toBeGreaterThanOrEqual(documentedTable().size * 8);
  });

  it("holds these expectations, stated on their own", async () => {
    const id = incidentId;
    const expectations: [string, string, Role | "none", number][] = [
      ["GET", "/healthz", "none", 200],
      ["GET", "/api/incidents", "viewer", 200],
      ["GET", `/api/incidents/${id}`, "viewer", 200],
      ["GET", "/api/incidents", "none", 401],
      ["POST", "/api/incidents", "viewer", 403],
      ["POST", `/api/incidents/${id}/notes`, "viewer", 403],
      ["POST", `/api/incidents/${id}/resolve`, "responder", 403],
      ["POST", `/api/incidents/${id}/severity`, "responder", 403],
      ["POST", `/api/incidents/${id}/decisions`, "responder", 403],
      ["GET", "/api/tokens", "commander", 403],
      ["POST", "/api/tokens", "commander", 403],
      ["POST", "/api/people", "commander", 403],
      ["GET", "/api/tokens", "admin", 200],
      ["GET", "/api/people", "viewer", 200],
    ];
    for (const [method, path, who, status] of expectations) {
      const answer = await ask(method, path, who === "none" ? undefined : `Bearer ${t.tokens[who]}`);
      expect(answer.status, `${method} ${path} as ${who}`).toBe(status);
    }
  });
});
