/**
 * Whatever a client sends to a drill, the answer is a 200 (the line was taken, or the
 * engine refused it as the trainee's error) or a 400 naming a field; never a 5xx. A 400
 * leaves the drill exactly as it was: same feed, same clock, no action recorded.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTrainingServer, type TrainingServer } from "./helpers.js";

const WORDS = ["say", "ask", "assign", "task", "add", "option", "decide", "update", "wait", "declare", "--sev", "--to"];
const line = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 8 })), { maxLength: 6 }).map((w) => w.join(" ")),
);
const body = fc.oneof(
  fc.record({ line }),
  fc.record({ action: fc.dictionary(fc.constantFrom("do", "text", "to", "role", "person", "at"), fc.jsonValue()) }),
  fc.jsonValue(),
);
const clockBody = fc.oneof(
  fc.record({ advance: fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -10, max: 4000 })) }),
  fc.record({ speed: fc.oneof(fc.double({ noNaN: true, min: -5, max: 500 }), fc.string({ maxLength: 3 })) }),
  fc.jsonValue(),
);

describe("drill input properties", () => {
  let s: TrainingServer;
  let id: string;
  beforeAll(async () => {
    s = await startTrainingServer();
    id = (await s.call("POST", "/api/drills", { scenario: "multi-team-coordination" }, "prop-ic")).body.id;
  });
  afterAll(async () => {
    await s.close();
  });

  const state = async () => {
    const drill = (await s.call("GET", `/api/drills/${id}`)).body;
    return { feed: drill.feedSize, offset: drill.clock.offset };
  };

  it("commands: 200 or a 400 that changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(body, async (sent) => {
        const before = await state();
        const answer = await s.call("POST", `/api/drills/${id}/commands`, sent, "prop-ic");
        expect([200, 400]).toContain(answer.status);
        if (answer.status === 400) {
          expect(answer.body.errors.length).toBeGreaterThan(0);
          expect(await state()).toEqual(before);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("clock moves: 200 or a 400 that moves nothing", async () => {
    await fc.assert(
      fc.asyncProperty(clockBody, async (sent) => {
        const before = await state();
        const answer = await s.call("POST", `/api/drills/${id}/clock`, sent, "prop-ic");
        expect([200, 400]).toContain(answer.status);
        if (answer.status === 400) expect(await state()).toEqual(before);
        else expect(answer.body.clock.offset).toBeGreaterThanOrEqual(before.offset);
      }),
      { numRuns: 100 },
    );
  });
});
