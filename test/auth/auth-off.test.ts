/** With auth off (tests, a single-user laptop): headers meant for auth are ignored, and nothing is hidden. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../http/helpers.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("auth off", () => {
  it("ignores an Authorization header of any kind and strips ?access_token= from live streams", async () => {
    const list = await t.http.inject({
      method: "GET",
      url: "/api/incidents",
      headers: { authorization: "Basic eDp5" },
    });
    expect(list.statusCode).toBe(200);
    const url = await t.listen();
    const controller = new AbortController();
    const stream = await fetch(`${url}/api/stream?access_token=anything`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    controller.abort();
    const me = await t.http.inject({ method: "GET", url: "/api/me" });
    expect(me.json()).toEqual({ auth: "off", person: null, role: "admin", tokenId: null });
  });

  it("shows private incidents to whoever asks (there is no one to hide them from)", async () => {
    const declared = await t.http.inject({
      method: "POST",
      url: "/api/incidents",
      headers: { "content-type": "application/json", "warroom-actor": "alex" },
      payload: { title: "Quiet one", severity: "SEV-2", private: true },
    });
    const id = declared.json().incident.id as string;
    expect((await t.http.inject({ method: "GET", url: `/api/incidents/${id}` })).statusCode).toBe(200);
    expect((await t.http.inject({ method: "GET", url: "/api/incidents" })).body).toContain(id);
  });
});
