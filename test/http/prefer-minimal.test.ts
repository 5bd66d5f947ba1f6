/** `Prefer: return=minimal` on commands: positions instead of the incident, same log either way. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prefersMinimal } from "../../src/http/command-io.js";
import { startTestApp, type TestApp } from "./helpers.js";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

const json = { "content-type": "application/json", "warroom-actor": "sarah-db" };

async function declare(): Promise<string> {
  const response = await t.http.inject({
    method: "POST",
    url: "/api/incidents",
    headers: json,
    payload: { title: "Checkout failing", severity: "SEV-2" },
  });
  expect(response.statusCode).toBe(201);
  return (response.json() as { incident: { id: string } }).incident.id;
}

describe("Prefer: return=minimal", () => {
  it("answers a note with where it landed, and the note is in the log exactly as with a full answer", async () => {
    const id = await declare();
    const full = await t.http.inject({
      method: "POST",
      url: `/api/incidents/${id}/notes`,
      headers: json,
      payload: { channel: "tech", text: "full answer" },
    });
    const minimal = await t.http.inject({
      method: "POST",
      url: `/api/incidents/${id}/notes`,
      headers: { ...json, prefer: "return=minimal" },
      payload: { channel: "tech", text: "minimal answer" },
    });
    expect(full.headers["preference-applied"]).toBeUndefined();
    expect(full.json()).toHaveProperty("incident");
    expect(minimal.statusCode).toBe(200);
    expect(minimal.headers["preference-applied"]).toBe("return=minimal");
    expect(minimal.headers.etag).toBe('"3"');
    const body = minimal.json() as Record<string, unknown>;
    expect(body).toEqual({
      incidentId: id,
      version: 3,
      duplicate: false,
      appended: [{ version: 3, position: 3, type: "NoteAdded" }],
    });
    expect(minimal.body.length).toBeLessThan(full.body.length / 4);
    const timeline = await t.app.timeline(id);
    expect(timeline.map((e) => e.text).slice(-2)).toEqual(["full answer", "minimal answer"]);
  });

  it("applies to declare and to a retried command (the duplicate keeps the first positions)", async () => {
    const declared = await t.http.inject({
      method: "POST",
      url: "/api/incidents",
      headers: { ...json, prefer: "return=minimal" },
      payload: { title: "Login errors", severity: "SEV-1" },
    });
    expect(declared.statusCode).toBe(201);
    expect(declared.json()).toMatchObject({ incidentId: "INC-1", version: 1, duplicate: false });
    const send = () =>
      t.http.inject({
        method: "POST",
        url: "/api/incidents/INC-1/notes",
        headers: { ...json, prefer: "return=minimal", "idempotency-key": "note-1" },
        payload: { text: "once" },
      });
    const first = (await send()).json() as { appended: { position: number }[] };
    const again = (await send()).json() as { appended: unknown[]; duplicate: boolean };
    expect(again.duplicate).toBe(true);
    expect(again.appended).toEqual(first.appended);
    // Nothing after the first note: the retry appended nothing.
    expect(await t.head()).toBe(first.appended[0]?.position);
  });

  it("leaves errors as problem+json", async () => {
    const response = await t.http.inject({
      method: "POST",
      url: "/api/incidents/INC-9/notes",
      headers: { ...json, prefer: "return=minimal" },
      payload: { text: "nowhere" },
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toContain("application/problem+json");
  });
});

describe("prefersMinimal", () => {
  it.each([
    ["return=minimal", true],
    ["RETURN = minimal", true],
    ["respond-async, return=minimal", true],
    ["return=minimal; foo=bar", true],
    [["wait=5", "return=minimal"], true],
    ["return=representation", false],
    ["return=minimalist", false],
    ["", false],
    [undefined, false],
  ] as const)("%j → %s", (header, expected) => {
    expect(prefersMinimal(header as string | string[] | undefined)).toBe(expected);
  });
});
