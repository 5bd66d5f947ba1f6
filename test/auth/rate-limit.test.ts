import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { type AuthApp, startAuthApp } from "./helpers.js";

let t: AuthApp;
const clock = new ManualClock("2026-05-01T09:00:00.000Z");
beforeAll(async () => {
  t = await startAuthApp({ clock, rateLimit: { perSecond: 0.5, burst: 5 } });
});
afterAll(async () => {
  await t.close();
});

describe("rate limits per token", () => {
  it("answers 429 problem+json with Retry-After past the burst, per token, and refills with time", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await t.call("GET", "/api/incidents", { token: t.tokens.viewer })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await t.call("GET", "/api/incidents", { token: t.tokens.viewer });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toContain("application/problem+json");
    expect(limited.body.code).toBe("rate.limited");
    expect(limited.headers.get("retry-after")).toBe("2");
    // Another token has its own bucket.
    expect((await t.call("GET", "/api/incidents", { token: t.tokens.responder })).status).toBe(200);
    // Two seconds refill one request at 0.5/s.
    clock.advance(2_000);
    expect((await t.call("GET", "/api/incidents", { token: t.tokens.viewer })).status).toBe(200);
    expect((await t.call("GET", "/api/incidents", { token: t.tokens.viewer })).status).toBe(429);
    // Health is public and never limited.
    expect((await t.call("GET", "/healthz")).status).toBe(200);
  });
});
