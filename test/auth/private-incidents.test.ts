/**
 * A private incident is invisible to everyone but its members and admins, on every
 * surface: list and its filters, show, timeline, every route under /api/incidents/{id},
 * commands, open tasks and action items, both live streams, and /metrics. To a
 * non-member it answers exactly as an id that was never used.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthApp, startAuthApp } from "./helpers.js";

let t: AuthApp;
let privateId: string;
let publicId: string;
/** Tokens: the declarer (commander-person), an outsider responder, an explicit member, a viewer outsider. */
const tok: Record<string, string> = {};

async function token(person: string, role: string): Promise<string> {
  await t.app.people.add({ handle: person, name: person }, { actor: "setup" });
  return (await t.app.tokens.create({ person, role }, { actor: "setup" })).token;
}

function metricsOf(text: string): string[] {
  // The scrape counts itself; everything else must not move.
  return text.split("\n").filter((line) => line && !line.startsWith("#") && !line.includes('route="/metrics"'));
}

beforeAll(async () => {
  t = await startAuthApp();
  tok.declarer = t.tokens.commander;
  tok.admin = t.tokens.admin;
  tok.outsider = await token("outsider", "responder");
  tok.viewer = t.tokens.viewer;
  tok.added = await token("added-later", "viewer");
  tok.assignee = await token("assignee", "responder");
  const open = await t.call("POST", "/api/incidents", {
    token: tok.declarer,
    body: { title: "Open one", severity: "SEV-2" },
  });
  publicId = open.body.incident.id;
});
afterAll(async () => {
  await t.close();
});

describe("private incidents", () => {
  it("leave the metrics exactly as they were, and take a random id", async () => {
    const before = metricsOf((await t.call("GET", "/metrics", { token: tok.viewer })).body);
    const declared = await t.call("POST", "/api/incidents", {
      token: tok.declarer,
      body: { title: "Customer invoices exposed", severity: "SEV-1", private: true },
    });
    expect(declared.status).toBe(201);
    privateId = declared.body.incident.id;
    expect(privateId).toMatch(/^INC-P[0-9A-F]{12}$/);
    const id = privateId;
    for (const [path, body] of [
      ["tasks", { title: "Rotate the keys", assignee: "assignee" }],
      ["notes", { text: "scope: invoices only" }],
      ["action-items", { title: "Audit access", owner: "assignee" }],
      ["options", { title: "Take the portal down" }],
    ] as const) {
      expect((await t.call("POST", `/api/incidents/${id}/${path}`, { token: tok.declarer, body })).status).toBe(200);
    }
    expect((await t.call("GET", `/api/incidents/${id}`, { token: tok.declarer })).status).toBe(200);
    // Refused requests about it stay out too: bad input, a bad query.
    const empty = await t.call("POST", `/api/incidents/${id}/notes`, { token: tok.declarer, body: { text: "" } });
    expect(empty.status).toBe(400);
    expect((await t.call("GET", `/api/incidents/${id}/timeline?limit=0`, { token: tok.declarer })).status).toBe(400);
    const after = metricsOf((await t.call("GET", "/metrics", { token: tok.viewer })).body);
    expect(after).toEqual(before);
    // The next open incident takes the next number: no gap.
    const next = await t.call("POST", "/api/incidents", {
      token: tok.declarer,
      body: { title: "Next", severity: "SEV-4" },
    });
    expect(next.body.incident.id).toBe(`INC-${Number(publicId.slice(4)) + 1}`);
  });

  it("answer 404 to non-members on every route under /api/incidents/{id}, as an unknown id does", async () => {
    const unknownId = "INC-P000000000000";
    const docs = readFileSync(new URL("../../docs/permissions.md", import.meta.url), "utf8");
    const routes = [...docs.matchAll(/^\| (GET|POST) \| `(\/api\/incidents\/\{id\}[^`]*)` \|/gm)].map(
      (m) => [m[1] ?? "GET", m[2] ?? ""] as const,
    );
    expect(routes.length).toBeGreaterThan(30);
    let notFound = 0;
    for (const who of ["outsider", "viewer"]) {
      for (const [method, route] of routes) {
        const path = (id: string) => route.replace("{id}", id).replace(/\{[A-Za-z]+\}/g, "X1");
        const ask = async (id: string) => {
          const controller = new AbortController();
          const response = await fetch(`${t.url}${path(id)}`, {
            method,
            headers: {
              authorization: `Bearer ${tok[who]}`,
              ...(method === "POST" ? { "content-type": "application/json" } : {}),
            },
            ...(method === "POST" ? { body: JSON.stringify({ text: "x", title: "x" }) } : {}),
            signal: controller.signal,
          });
          let text = "";
          if (response.headers.get("content-type")?.startsWith("text/event-stream")) controller.abort();
          else text = await response.text();
          return {
            status: response.status,
            text: text
              .replaceAll(id, "ID")
              .replace(/"instance":"[^"]*"/, "")
              .replace(/"requestId":"[^"]*"/, ""),
          };
        };
        const secret = await ask(privateId);
        const unknown = await ask(unknownId);
        expect(secret, `${method} ${route} as ${who}`).toEqual(unknown);
        expect([400, 403, 404], `${method} ${route} as ${who}: ${secret.text}`).toContain(secret.status);
        if (secret.status === 404) notFound++;
      }
    }
    // Most routes get as far as looking the incident up (the rest refuse the role or the input first).
    expect(notFound).toBeGreaterThanOrEqual(15);
  });

  it("are left out of the list (with any filter), open tasks and action items for non-members", async () => {
    for (const query of ["", "?status=all", "?severity=SEV-1", "?status=open"]) {
      const list = await t.call("GET", `/api/incidents${query}`, { token: tok.outsider });
      expect(JSON.stringify(list.body)).not.toContain(privateId);
      const mine = await t.call("GET", `/api/incidents${query}`, { token: tok.declarer });
      expect(mine.body.incidents.map((i: { id: string }) => i.id)).toContain(privateId);
    }
    // The public status page, with no token at all.
    const status = await t.call("GET", "/status.json");
    expect(status.status).toBe(200);
    expect(JSON.stringify(status.body)).not.toContain(privateId);
    expect(JSON.stringify(status.body)).not.toContain("invoices");
    for (const path of ["/api/tasks", "/api/action-items", "/api/tasks?assignee=assignee", "/api/triage"]) {
      expect(JSON.stringify((await t.call("GET", path, { token: tok.outsider })).body)).not.toContain(privateId);
      expect(JSON.stringify((await t.call("GET", path, { token: tok.admin })).body)).toContain(privateId);
    }
  });

  it("are never found by search for non-members; members and admins find their notes and title", async () => {
    const search = (who: string, q: string) =>
      t.call("GET", `/api/search?q=${encodeURIComponent(q)}`, { token: tok[who] });
    for (const q of ["invoices", "scope", "rotate keys", "Customer"]) {
      for (const who of ["outsider", "viewer"]) {
        const answer = await search(who, q);
        expect(answer.status).toBe(200);
        expect(answer.body.hits, `${who} searching ${q}`).toEqual([]);
        expect(answer.body.truncated).toBe(false);
      }
    }
    for (const who of ["declarer", "assignee", "admin"]) {
      const answer = await search(who, "invoices");
      expect(
        answer.body.hits.map((h: { incidentId: string; field: string; private: boolean }) => [
          h.incidentId,
          h.field,
          h.private,
        ]),
      ).toEqual([
        [privateId, "text", true],
        [privateId, "title", true],
      ]);
    }
    // The public incident's own words are still found by everyone.
    const open = await search("outsider", "open one");
    expect(open.body.hits.map((h: { incidentId: string }) => h.incidentId)).toEqual([publicId]);
  });

  it("are visible to the declarer, an assignee, someone added explicitly, and admins; not after removal", async () => {
    const show = (who: string) => t.call("GET", `/api/incidents/${privateId}`, { token: tok[who] });
    expect((await show("declarer")).status).toBe(200);
    expect((await show("assignee")).status).toBe(200);
    expect((await show("admin")).status).toBe(200);
    expect((await show("added")).status).toBe(404);
    const add = await t.call("POST", `/api/incidents/${privateId}/members`, {
      token: tok.declarer,
      body: { person: "added-later" },
    });
    expect(add.status).toBe(200);
    expect((await show("added")).status).toBe(200);
    // The outsider cannot add themselves: the incident does not exist for them.
    const self = await t.call("POST", `/api/incidents/${privateId}/members`, {
      token: tok.outsider,
      body: { person: "outsider" },
    });
    expect(self.status).toBe(403);
    await t.call("POST", `/api/incidents/${privateId}/members/remove`, {
      token: tok.declarer,
      body: { person: "added-later" },
    });
    expect((await show("added")).status).toBe(404);
  });

  it("forget an added member removed from the directory, even when the handle comes back", async () => {
    await t.call("POST", `/api/incidents/${privateId}/members`, {
      token: tok.declarer,
      body: { person: "added-later" },
    });
    expect((await t.call("GET", `/api/incidents/${privateId}`, { token: tok.added })).status).toBe(200);
    expect((await t.call("DELETE", "/api/people/added-later", { token: tok.admin })).status).toBeLessThan(300);
    await t.call("POST", "/api/people", { token: tok.admin, body: { handle: "added-later", name: "Someone else" } });
    const fresh = await t.call("POST", "/api/tokens", {
      token: tok.admin,
      body: { person: "added-later", role: "viewer" },
    });
    expect((await t.call("GET", `/api/incidents/${privateId}`, { token: fresh.body.token })).status).toBe(404);
    const members = await t.call("GET", `/api/incidents/${privateId}/members`, { token: tok.declarer });
    expect(JSON.stringify(members.body)).not.toContain("added-later");
  });

  it("never reach a non-member on the all-incidents stream; members get them", async () => {
    const read = async (who: string): Promise<string> => {
      const controller = new AbortController();
      const response = await fetch(`${t.url}/api/stream?access_token=${tok[who]}`, { signal: controller.signal });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      let text = "";
      const deadline = Date.now() + 1500;
      // Read until the open incident's latest entry has arrived (the replay is in position order).
      while (!text.includes('"title":"done reading"') && Date.now() < deadline) {
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 200))]);
        if (chunk && !chunk.done) text += new TextDecoder().decode(chunk.value);
      }
      controller.abort();
      return text;
    };
    await t.call("POST", `/api/incidents/${publicId}/options`, {
      token: tok.declarer,
      body: { title: "done reading" },
    });
    const outsider = await read("outsider");
    expect(outsider).toContain(publicId);
    expect(outsider).toContain("done reading");
    expect(outsider).not.toContain(privateId);
    expect(outsider).not.toContain("invoices");
    const member = await read("assignee");
    expect(member).toContain(privateId);
  });
});
