/**
 * Arbitrary input at the chat routes: any text after `/incident` is answered (never a server
 * error); any body without Slack's signature is refused and changes nothing; any signed
 * payload or event body is either handled or refused with a 400 naming the problem.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatFixture, chatFixture, slackPost, slashForm } from "./helpers.js";

describe("chat routes under arbitrary input", () => {
  let f: ChatFixture;
  beforeAll(async () => {
    f = await chatFixture();
    await f.app.declare({ title: "Fuzzed", severity: "SEV-3" }, { actor: "alex-ic" });
  });
  afterAll(async () => f.close());

  const verbs = fc.constantFrom(
    "",
    "declare",
    "assign",
    "sev",
    "status",
    "update",
    "decide",
    "resolve",
    "help",
    "INC-1",
  );
  const words = fc.array(
    fc.oneof(
      fc.string(),
      fc.constantFrom("--sev", "--kind", "--choose", "--private", "INC-1", '"', "“", "<@U0SARAH|s>", "&amp;"),
    ),
    {
      maxLength: 6,
    },
  );

  it("any slash text is answered with a Slack message, never a server error", async () => {
    await fc.assert(
      fc.asyncProperty(verbs, words, async (verb, rest) => {
        f.clock.advance(1000); // a fresh signature each run
        const response = await slackPost(f, "/chat/slack/commands", slashForm([verb, ...rest].join(" ")));
        expect(response.statusCode).toBe(200);
        const body = response.json() as { response_type: string; text: string };
        expect(["ephemeral", "in_channel"]).toContain(body.response_type);
        expect(body.text.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  it("any unsigned or mis-signed body is refused (401; 400 for JSON that does not parse) and appends nothing", async () => {
    const head = await f.head();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/chat/slack/commands", "/chat/slack/interactions", "/chat/slack/events"),
        fc.string(),
        fc.option(fc.string({ maxLength: 80 }), { nil: null }),
        async (url, body, signature) => {
          const response = await slackPost(f, url, body, {
            signature: signature === null ? null : `v0=${signature}`,
            contentType: url.endsWith("events") ? "application/json" : "application/x-www-form-urlencoded",
          });
          // A JSON body that does not parse is refused before any check: 400, still nothing done.
          if (response.statusCode === 400) expect(response.json().code).toBe("request.malformed_json");
          else expect(response.statusCode).toBe(401);
        },
      ),
      { numRuns: 150 },
    );
    expect(await f.head()).toBe(head);
  });

  it("any signed payload or event body gets a 200 or a 400 naming the problem", async () => {
    const json = fc.oneof(
      fc.json(),
      fc
        .record({
          type: fc.constantFrom("block_actions", "event_callback", "url_verification"),
          actions: fc.anything(),
          event: fc.anything(),
          user: fc.anything(),
        })
        .map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(fc.boolean(), json, async (asEvent, text) => {
        f.clock.advance(1000);
        const response = asEvent
          ? await slackPost(f, "/chat/slack/events", text, { contentType: "application/json" })
          : await slackPost(f, "/chat/slack/interactions", new URLSearchParams({ payload: text }).toString());
        expect([200, 400]).toContain(response.statusCode);
        if (response.statusCode === 400) {
          const problem = response.json() as { code: string; errors: unknown[] };
          expect(["validation.failed", "request.malformed_json"]).toContain(problem.code);
          expect(problem.errors.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });
});
