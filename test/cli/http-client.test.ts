/**
 * The HTTP client on its own: the SSE parser, error mapping, and a live stream that
 * survives a server restart, resuming with Last-Event-ID without gap or repeat.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { LiveEntry } from "../../src/app/api.js";
import { buildConfig } from "../../src/app/config.js";
import { WarroomHttpClient } from "../../src/client/http-client.js";
import { SseParser } from "../../src/client/sse.js";
import { isWarroomError, type WarroomError } from "../../src/domain/shared/errors.js";
import { startServer } from "../../src/http/server.js";
import { cli, tempDir, waitFor } from "./helpers.js";

describe("SseParser", () => {
  it("parses messages split across chunks, skipping comments", () => {
    const parser = new SseParser();
    expect(parser.push(': hello\n\nid: 7\r\nevent: entry\ndata: {"a"')).toEqual([]);
    expect(parser.push(":1}\n\nid: 8\nevent: entry\ndata: x\ndata: y\r")).toEqual([
      { id: "7", event: "entry", data: '{"a":1}', retry: undefined },
    ]);
    expect(parser.push("\n\r\nretry: 250\ndata:z\n\n")).toEqual([
      { id: "8", event: "entry", data: "x\ny", retry: undefined },
      { id: undefined, event: "message", data: "z", retry: 250 },
    ]);
  });
});

async function rejection(promise: Promise<unknown>): Promise<WarroomError> {
  try {
    await promise;
  } catch (error) {
    if (isWarroomError(error)) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("error mapping", () => {
  const fakeFetch = (status: number, body: string, type = "application/problem+json") =>
    (async () => new Response(body, { status, headers: { "content-type": type } })) as unknown as typeof fetch;

  it("keeps the code, detail and field errors of a problem+json", async () => {
    const body = JSON.stringify({
      type: "urn:warroom:error:task.not_found",
      title: "No such task",
      status: 404,
      detail: "no task T9 on INC-1",
      code: "task.not_found",
      errors: [
        { field: "taskId", message: "no task T9 on INC-1" },
        { field: null, message: "second" },
      ],
    });
    const client = new WarroomHttpClient("http://warroom.test/", { fetch: fakeFetch(404, body) });
    const error = await rejection(client.execute("INC-1", { type: "complete-task", taskId: "T9" }, { actor: "a" }));
    expect(error.code).toBe("task.not_found");
    expect(error.message).toBe("no task T9 on INC-1");
    expect(error.details).toEqual([{ field: "taskId", message: "no task T9 on INC-1" }, { message: "second" }]);
  });

  it("names a non-problem failure by its status", async () => {
    const client = new WarroomHttpClient("http://warroom.test", {
      fetch: fakeFetch(502, "<html>bad gateway</html>", "text/html"),
    });
    const error = await rejection(client.listIncidents());
    expect(error.code).toBe("store.unavailable");
    expect(error.message).toContain("http://warroom.test answered 502");
  });
});

describe("follow over a server restart", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it("resumes with Last-Event-ID: nothing missed, nothing repeated", async () => {
    const config = buildConfig({ auth: "off", dbPath: tmp.db, port: 0, logLevel: "silent", pollIntervalMs: 50 });
    const first = await startServer({ config });
    const port = Number(new URL(first.url).port);
    const resumedFrom: string[] = [];
    const recordingFetch = ((input: string | URL | Request, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      if (String(input).endsWith("/stream")) resumedFrom.push(headers.get("last-event-id") ?? "none");
      return fetch(input, init);
    }) as typeof fetch;
    const client = new WarroomHttpClient(first.url, {
      fetch: recordingFetch,
      reconnectDelayMs: 30,
      maxReconnectDelayMs: 100,
    });
    await client.declare({ title: "Payments timing out", severity: "SEV-2" }, { actor: "alex-ic" });

    const missing = await rejection(client.follow({ incidentId: "INC-7", afterPosition: 0 }, () => undefined));
    expect(missing.code).toBe("incident.not_found");

    const received: LiveEntry[] = [];
    const errors: Error[] = [];
    const subscription = await client.follow(
      { incidentId: "INC-1", afterPosition: 0 },
      (entry) => received.push(entry),
      (error) => errors.push(error),
    );
    await waitFor(() => received.length === 1, "the declaration");
    await first.close();

    // Written straight to the file while no server runs.
    const offline = await cli([
      "--db",
      tmp.db,
      "--as",
      "lisa-sre",
      "note",
      "INC-1",
      "written while the server was down",
    ]);
    expect(offline.code).toBe(0);

    const second = await startServer({ config: { ...config, port } });
    try {
      await waitFor(() => received.length === 2, "the entry written while down");
      await client.execute("INC-1", { type: "add-note", text: "after the restart" }, { actor: "mike-app" });
      await waitFor(() => received.length === 3, "the entry written after the restart");
      expect(received.map((e) => [e.incidentId, e.version, e.text])).toEqual([
        ["INC-1", 1, 'Declared SEV-2 "Payments timing out"; Incident Commander: alex-ic'],
        ["INC-1", 2, "written while the server was down"],
        ["INC-1", 3, "after the restart"],
      ]);
      expect(errors).toEqual([]);
      // The first open of INC-7 and INC-1 from 0, then every reopen from the last position seen.
      expect(resumedFrom.slice(0, 2)).toEqual(["0", "0"]);
      expect(resumedFrom.length).toBeGreaterThan(2);
      expect(new Set(resumedFrom.slice(2))).toEqual(new Set([String(received[0]?.position)]));
    } finally {
      subscription.close();
      await client.close();
      await second.close();
    }
  });
});
