import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SseClient } from "../http/sse-client.js";
import { type AuthApp, startAuthApp } from "./helpers.js";

let t: AuthApp;
beforeAll(async () => {
  t = await startAuthApp();
});
afterAll(async () => {
  await t.close();
});

describe("signing in with API tokens", () => {
  it("health needs no token; everything else answers 401 problem+json without one", async () => {
    expect((await t.call("GET", "/healthz")).status).toBe(200);
    const missing = await t.call("GET", "/api/incidents");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");
    expect(missing.body.code).toBe("auth.missing_token");
    for (const token of [t.revoked, "wrt_nope", "not a token"]) {
      const bad = await t.call("GET", "/api/incidents", { token });
      expect(bad.status).toBe(401);
      expect(bad.body.code).toBe("auth.invalid_token");
    }
    const malformed = await t.call("GET", "/api/incidents", { headers: { authorization: "Basic abc" } });
    expect(malformed.body.code).toBe("auth.invalid_token");
  });

  it("the actor is the token's person; naming someone else is refused unless admin", async () => {
    const declared = await t.call("POST", "/api/incidents", {
      token: t.tokens.responder,
      body: { title: "Checkout failing", severity: "SEV-2" },
    });
    expect(declared.status).toBe(201);
    expect(declared.body.incident.declaredBy).toBe("responder-person");
    const id = declared.body.incident.id;
    const impostor = await t.call("POST", `/api/incidents/${id}/notes`, {
      token: t.tokens.responder,
      headers: { "warroom-actor": "admin-person" },
      body: { text: "hi" },
    });
    expect(impostor.status).toBe(403);
    expect(impostor.body.code).toBe("auth.forbidden");
    const self = await t.call("POST", `/api/incidents/${id}/notes`, {
      token: t.tokens.responder,
      headers: { "warroom-actor": "Responder-Person" },
      body: { text: "me" },
    });
    expect(self.status).toBe(200);
    const onBehalf = await t.call("POST", `/api/incidents/${id}/notes`, {
      token: t.tokens.admin,
      headers: { "warroom-actor": "sarah-db" },
      body: { text: "relayed" },
    });
    expect(onBehalf.status).toBe(200);
    expect(onBehalf.body.appended[0].by).toBe("sarah-db");
  });

  it("a responder who commands the incident they declared may steer it; on someone else's they may not", async () => {
    const own = await t.call("POST", "/api/incidents", {
      token: t.tokens.responder,
      body: { title: "Mine", severity: "SEV-3" },
    });
    const severity = { severity: "SEV-2", reason: "more users" };
    const mine = await t.call("POST", `/api/incidents/${own.body.incident.id}/severity`, {
      token: t.tokens.responder,
      body: severity,
    });
    expect(mine.status).toBe(200);
    const theirs = await t.call("POST", "/api/incidents", {
      token: t.tokens.commander,
      body: { title: "Theirs", severity: "SEV-3" },
    });
    const refused = await t.call("POST", `/api/incidents/${theirs.body.incident.id}/severity`, {
      token: t.tokens.responder,
      body: severity,
    });
    expect(refused.status).toBe(403);
    const generic = await t.call("POST", `/api/incidents/${theirs.body.incident.id}/commands`, {
      token: t.tokens.responder,
      body: { type: "change-severity", ...severity },
    });
    expect(generic.status).toBe(403);
    expect(generic.body.code).toBe("auth.forbidden");
  });

  it("live streams take ?access_token= (EventSource cannot set headers)", async () => {
    const controller = new AbortController();
    const response = await fetch(`${t.url}/api/stream?access_token=${t.tokens.viewer}`, { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    controller.abort();
    const refused = await t.call("GET", `/api/incidents?access_token=${t.tokens.viewer}`);
    expect(refused.status).toBe(401);
  });

  it("/api/me names the person and role; tokens are listed without secrets, with last use", async () => {
    const me = await t.call("GET", "/api/me", { token: t.tokens.commander });
    expect(me.body).toMatchObject({ auth: "tokens", person: "commander-person", role: "commander" });
    const list = await t.call("GET", "/api/tokens", { token: t.tokens.admin });
    expect(list.status).toBe(200);
    const text = JSON.stringify(list.body);
    for (const token of Object.values(t.tokens)) expect(text).not.toContain(token.slice(4));
    expect(text).not.toContain('"hash"');
    const commander = list.body.tokens.find((x: { person: string }) => x.person === "commander-person");
    expect(commander.lastUsedAt).not.toBeNull();
  });

  it("revoking a token stops it at once; removing a person stops their tokens", async () => {
    const created = await t.call("POST", "/api/tokens", {
      token: t.tokens.admin,
      body: { person: "viewer-person", role: "viewer", name: "laptop" },
    });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect((await t.call("GET", "/api/incidents", { token })).status).toBe(200);
    const revoked = await t.call("POST", `/api/tokens/${created.body.record.id}/revoke`, { token: t.tokens.admin });
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await t.call("GET", "/api/incidents", { token })).status).toBe(401);
    const again = await t.call("POST", `/api/tokens/${created.body.record.id}/revoke`, { token: t.tokens.admin });
    expect(again.body.code).toBe("token.revoked");

    await t.call("POST", "/api/people", { token: t.tokens.admin, body: { handle: "temp", name: "Temp" } });
    const temp = await t.call("POST", "/api/tokens", {
      token: t.tokens.admin,
      body: { person: "temp", role: "viewer" },
    });
    expect((await t.call("GET", "/api/incidents", { token: temp.body.token })).status).toBe(200);
    await t.call("DELETE", "/api/people/temp", { token: t.tokens.admin });
    expect((await t.call("GET", "/api/incidents", { token: temp.body.token })).status).toBe(401);
    // The same handle added again (perhaps someone else) gets none of the old tokens back.
    await t.call("POST", "/api/people", { token: t.tokens.admin, body: { handle: "temp", name: "Another Temp" } });
    expect((await t.call("GET", "/api/incidents", { token: temp.body.token })).status).toBe(401);
    const listed = await t.call("GET", `/api/tokens/${temp.body.record.id}`, { token: t.tokens.admin });
    expect(listed.body.revokedAt).not.toBeNull();
  });

  it("ends open live streams when their token is revoked or its person removed; others carry on", async () => {
    const tokenFor = async (person: string) => {
      await t.call("POST", "/api/people", { token: t.tokens.admin, body: { handle: person, name: person } });
      const made = await t.call("POST", "/api/tokens", { token: t.tokens.admin, body: { person, role: "viewer" } });
      return made.body as { token: string; record: { id: string } };
    };
    const eve = await tokenFor("eve-stream");
    const finn = await tokenFor("finn-stream");
    const open = (token: string) => SseClient.open(`${t.url}/api/stream`, { authorization: `Bearer ${token}` });
    const [eveStream, finnStream, adminStream] = await Promise.all([
      open(eve.token),
      open(finn.token),
      open(t.tokens.admin),
    ]);
    const note = async (text: string) => {
      const declared = await t.call("POST", "/api/incidents", {
        token: t.tokens.commander,
        body: { title: text, severity: "SEV-4" },
      });
      expect(declared.status).toBe(201);
    };
    await note("before anything");
    await eveStream.until((c) => c.messages.some((m) => m.data.includes("before anything")), "the first entry");

    await t.call("POST", `/api/tokens/${eve.record.id}/revoke`, { token: t.tokens.admin });
    await note("after the revoke");
    await eveStream.until((c) => c.ended, "eve's stream to end");
    expect(eveStream.messages.some((m) => m.data.includes("after the revoke"))).toBe(false);

    await t.call("DELETE", "/api/people/finn-stream", { token: t.tokens.admin });
    await note("after the removal");
    await finnStream.until((c) => c.ended, "finn's stream to end");
    expect(finnStream.messages.some((m) => m.data.includes("after the removal"))).toBe(false);

    await adminStream.until((c) => c.messages.some((m) => m.data.includes("after the removal")), "the admin's entry");
    expect(adminStream.ended).toBe(false);
    adminStream.close();
    // Reconnecting with the revoked token is refused.
    const again = await fetch(`${t.url}/api/stream`, { headers: { authorization: `Bearer ${eve.token}` } });
    expect(again.status).toBe(401);
  });
});
