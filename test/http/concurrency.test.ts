/** ETag / If-Match, Idempotency-Key retries, and concurrent declares over real sockets. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { declare, expectProblem, get, type Json, ok, post, startTestApp, type TestApp } from "./helpers.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("optimistic concurrency with ETag and If-Match", () => {
  it("a stale If-Match is 409 stream.version_conflict and appends nothing", async () => {
    const id = await declare(t.http);
    const read = await get(t.http, `/api/incidents/${id}`);
    const tag = read.headers.etag as string;
    expect(tag).toBe('"1"');

    const first = await post(t.http, `/api/incidents/${id}/notes`, { text: "first" }, { "if-match": tag });
    expect(ok(first).appended).toHaveLength(1);
    expect(first.headers.etag).toBe('"2"');

    const before = await t.head();
    const stale = await post(t.http, `/api/incidents/${id}/notes`, { text: "second" }, { "if-match": tag });
    const problem = expectProblem(stale, "stream.version_conflict", "expectedVersion");
    expect(problem.detail).toContain("version 2");
    expect(await t.head()).toBe(before);
    expect((ok(await get(t.http, `/api/incidents/${id}/timeline`)).entries as Json[]).map((e) => e.text)).not.toContain(
      "second",
    );

    // A bare number works too, and so does the ETag returned by the last write.
    expect(
      ok(await post(t.http, `/api/incidents/${id}/notes`, { text: "third" }, { "if-match": "2" })).appended,
    ).toHaveLength(1);
    expect(await t.head()).toBe(before + 1);
  });

  it("If-Match on a friendly route with a stale version conflicts even when the command would be valid", async () => {
    const id = await declare(t.http);
    ok(await post(t.http, `/api/incidents/${id}/roles`, { role: "scribe", person: "carol" }));
    const before = await t.head();
    expectProblem(
      await post(t.http, `/api/incidents/${id}/roles`, { role: "deputy", person: "dan" }, { "if-match": '"1"' }),
      "stream.version_conflict",
    );
    expect(await t.head()).toBe(before);
  });

  it("a malformed If-Match is refused naming the header", async () => {
    const id = await declare(t.http);
    const before = await t.head();
    for (const value of ["abc", 'W/"1"', '"1', "-1", "1.5"]) {
      expectProblem(
        await post(t.http, `/api/incidents/${id}/notes`, { text: "x" }, { "if-match": value }),
        "validation.failed",
        "If-Match",
      );
    }
    expect(await t.head()).toBe(before);
  });
});

describe("Idempotency-Key", () => {
  it("a retried command returns the first result with duplicate: true and appends nothing", async () => {
    const id = await declare(t.http);
    const headers = { "idempotency-key": "note-7f3a" };
    const first = ok(await post(t.http, `/api/incidents/${id}/notes`, { text: "DB failover started" }, headers));
    const after = await t.head();
    const retry = ok(await post(t.http, `/api/incidents/${id}/notes`, { text: "DB failover started" }, headers));
    expect(retry.duplicate).toBe(true);
    expect(retry.appended).toEqual(first.appended);
    expect((retry.incident as Json).version).toBe((first.incident as Json).version);
    expect(await t.head()).toBe(after);

    const reused = await post(t.http, `/api/incidents/${id}/notes`, { text: "something else" }, headers);
    expectProblem(reused, "idempotency.key_reused", "idempotencyKey");
    expect(await t.head()).toBe(after);
  });

  it("the same key from a different person is a different request", async () => {
    const id = await declare(t.http);
    const headers = { "idempotency-key": "who-acts" };
    ok(await post(t.http, `/api/incidents/${id}/notes`, { text: "hello" }, headers, "alice"));
    const before = await t.head();
    expectProblem(
      await post(t.http, `/api/incidents/${id}/notes`, { text: "hello" }, headers, "bob"),
      "idempotency.key_reused",
    );
    expect(await t.head()).toBe(before);
  });

  it("a retried declare returns the same incident, status and Location", async () => {
    const headers = { "idempotency-key": "declare-2b91" };
    const body = { title: "Login failures", severity: "SEV-1" };
    const first = await post(t.http, "/api/incidents", body, headers);
    expect(first.statusCode).toBe(201);
    const after = await t.head();
    const retry = await post(t.http, "/api/incidents", body, headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers.location).toBe(first.headers.location);
    const [a, b] = [first.json() as Json, retry.json() as Json];
    expect(b.duplicate).toBe(true);
    expect(b.appended).toEqual(a.appended);
    expect((b.incident as Json).id).toBe((a.incident as Json).id);
    expect(await t.head()).toBe(after);
    expectProblem(
      await post(t.http, "/api/incidents", { ...body, severity: "SEV-2" }, headers),
      "idempotency.key_reused",
    );
    expect(await t.head()).toBe(after);
  });

  it("a malformed key is refused naming the header", async () => {
    const id = await declare(t.http);
    const before = await t.head();
    for (const key of ["has space", "x".repeat(256), "ключ"]) {
      const response = await t.http.inject({
        method: "POST",
        url: `/api/incidents/${id}/notes`,
        headers: { "warroom-actor": "alice", "content-type": "application/json", "idempotency-key": key },
        payload: JSON.stringify({ text: "x" }),
      });
      expectProblem(response, "validation.failed", "Idempotency-Key");
    }
    expect(await t.head()).toBe(before);
  });
});

describe("concurrent declares over real sockets", () => {
  it("get distinct incident numbers with no gaps", async () => {
    const fresh = await startTestApp();
    try {
      const url = await fresh.listen();
      const count = 30;
      const responses = await Promise.all(
        Array.from({ length: count }, (_, i) =>
          fetch(`${url}/api/incidents`, {
            method: "POST",
            headers: { "content-type": "application/json", "warroom-actor": `ic-${i}` },
            body: JSON.stringify({ title: `Parallel ${i}`, severity: "SEV-3" }),
          }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(count).fill(201));
      const bodies = (await Promise.all(responses.map((r) => r.json()))) as {
        incident: { id: string; title: string };
      }[];
      const numbers = bodies.map((b) => Number(b.incident.id.replace("INC-", ""))).sort((x, y) => x - y);
      expect(numbers).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      // Each response's Location names its own incident, and each title landed once.
      expect(responses.map((r) => r.headers.get("location"))).toEqual(
        bodies.map((b) => `/api/incidents/${b.incident.id}`),
      );
      expect(new Set(bodies.map((b) => b.incident.title)).size).toBe(count);
      expect(await fresh.head()).toBe(count);
      const list = (await (await fetch(`${url}/api/incidents`)).json()) as { incidents: unknown[] };
      expect(list.incidents).toHaveLength(count);
    } finally {
      await fresh.close();
    }
  });
});
