/**
 * The postmortem evaluators on small runs of postmortem-leadership: each one awards its
 * points for the right thing and withholds them for the wrong one, with evidence naming
 * the action and the words; plus the evidence of the reference transcripts.
 */
import { describe, expect, it } from "vitest";
import { resolveScenario } from "../../src/training/scenario-loader.js";
import { actionsOf, evidenceActions, inline, item, referenceTranscript, scored, scoreReference } from "./helpers.js";

const ID = "postmortem-leadership";
const scenario = resolveScenario(ID);

const GOOD_DOC = `# Postmortem
## Summary
A release opened 10x the connections per request.
## Impact
4 hours 7 minutes, 450K users, $1.2M, 8,400 tickets.
## Timeline
- 14:03 release deployed
## Contributing causes
Staging runs at 1/100th of production load.
## What went well
- Detection in 9 minutes
## What went poorly
- No load test
## Action items
- Alert on pool saturation above 80% (owner: omar-sre, due 2026-03-12)
## Lessons learned
The process had a gap.`;

const postmortem = (at: string, markdown: string) =>
  `  - at: ${at}\n    do: postmortem\n    markdown: |\n${markdown
    .split("\n")
    .map((l) => `      ${l}`)
    .join("\n")}\n`;

describe("postmortem evaluators", () => {
  it("postmortem-written: every section and the figures earn it; missing sections and numbers cost it", async () => {
    const { score: good } = await scored(scenario, inline(postmortem("5m", GOOD_DOC)));
    expect(item(good, "postmortem-complete").points).toBe(10);
    const thin = "# Postmortem\n## Root cause\nThe pool ran out.\n## Impact\nEveryone was affected.";
    const { score: bad } = await scored(scenario, inline(postmortem("5m", thin)));
    const complete = item(bad, "postmortem-complete");
    expect(complete.points).toBeLessThan(3);
    expect(complete.evidence.map((e) => e.note)).toContain("the impact section gives no numbers");
    expect(complete.advice).toContain("timeline");
    const { score: none } = await scored(scenario, inline("  - { at: 1m, do: say, text: hello }\n"));
    expect(item(none, "postmortem-complete").points).toBe(0);
  });

  it("postmortem-blameless: judges the last revision; human error and punishment take the points", async () => {
    const blaming = GOOD_DOC.replace("The process had a gap.", "Human error. Mike to receive additional training.");
    const { score } = await scored(scenario, inline(postmortem("5m", blaming)));
    const blameless = item(score, "postmortem-blameless");
    expect(blameless.points).toBe(3);
    expect(blameless.evidence.flatMap((e) => e.words ?? [])).toEqual(
      expect.arrayContaining(["Human error", "Mike to receive additional training"]),
    );
    expect(blameless.evidence[0]?.action).toBe(0);
    const fixed = inline(postmortem("5m", blaming) + postmortem("9m", GOOD_DOC));
    const { score: later } = await scored(scenario, fixed);
    expect(item(later, "postmortem-blameless").points).toBe(15);
    expect(item(later, "postmortem-blameless").evidence[0]?.action).toBe(1);
  });

  it("postmortem-actions: owned, dated items over the horizons earn it; a punitive item halves it", async () => {
    const actions = [
      ["Alert on pool saturation above 80%", "omar-sre", "immediate"],
      ["Templates for customer outage notices", "leah-support", "immediate"],
      ["Load test at production volume in the pipeline", "omar-sre", "short-term"],
      ["Staging at 10% of production load", "omar-sre", "short-term"],
      ["Canary analysis for every release", "priya-ic", "long-term"],
      ["Feature flags for risky changes", "dana-manager", "long-term"],
    ]
      .map(
        ([title, owner, horizon], i) =>
          `  - { at: ${i + 1}m, do: action, title: ${title}, owner: ${owner}, horizon: ${horizon}, due: "2026-04-01" }\n`,
      )
      .join("");
    const { score: good } = await scored(scenario, inline(actions + postmortem("10m", GOOD_DOC)));
    expect(item(good, "action-items-owned").points).toBe(15);
    const punitive = `${actions}  - { at: 8m, do: action, title: Mike to receive additional training, owner: dana-manager, due: "2026-04-01" }\n`;
    const { score: bad } = await scored(scenario, inline(punitive + postmortem("10m", GOOD_DOC)));
    const owned = item(bad, "action-items-owned");
    expect(owned.points).toBeLessThanOrEqual(7.5);
    expect(owned.evidence.find((e) => e.words?.length)?.action).toBe(6);
    const undated = "  - { at: 1m, do: action, title: Alert on pool saturation above 80%, owner: omar-sre }\n";
    const { score: thin } = await scored(scenario, inline(undated));
    expect(item(thin, "action-items-owned").points).toBeLessThan(5);
    expect(item(thin, "action-items-owned").advice).toContain("a due date on each");
  });

  it("steps-in-order: the meeting in order earns it; action items before the timeline cost the step half", async () => {
    const ordered = `  - { at: 0m, do: say, text: "A blameless review to learn." }
  - { at: 2m, do: say, text: "The timeline: 14:03 release, 14:05 pool empty." }
  - { at: 5m, do: say, text: "Five whys on the root cause." }
  - { at: 8m, do: say, text: "What went well: detection in nine minutes. Thank you." }
  - { at: 9m, do: action, title: Alert on pool saturation above 80%, owner: omar-sre, due: "2026-04-01" }
`;
    const { score: good } = await scored(scenario, inline(ordered));
    expect(item(good, "meeting-order").points).toBe(8);
    expect(evidenceActions(good, "meeting-order")).toEqual([0, 1, 2, 3, 4]);
    const fixesFirst = `  - { at: 0m, do: action, title: Alert on pool saturation above 80%, owner: omar-sre, due: "2026-04-01" }\n${ordered.replace(/at: (\d+)m/g, (_, m) => `at: ${Number(m) + 1}m`)}`;
    const { score: early } = await scored(scenario, inline(fixesFirst));
    const order = item(early, "meeting-order");
    expect(order.points).toBe(7);
    expect(order.evidence.find((e) => e.note.includes("started before"))?.action).toBe(0);
    const { score: none } = await scored(scenario, inline("  - { at: 1m, do: say, text: hello }\n"));
    expect(item(none, "meeting-order").points).toBe(0);
  });

  it("question-style: how and what earn it; asking a person why they did it halves it each time", async () => {
    const open = `  - { at: 1m, do: ask, to: omar-sre, text: "How did the pool run out?" }
  - { at: 2m, do: ask, to: priya-ic, text: "How did we notice?" }
  - { at: 3m, do: ask, to: leah-support, text: "What did customers see?" }
  - { at: 4m, do: ask, to: mike-dev, text: "Walk us through the deploy, what did staging show?" }
`;
    const { score: good } = await scored(scenario, inline(open));
    expect(item(good, "how-not-why").points).toBe(6);
    const why = `${open}  - { at: 5m, do: ask, to: mike-dev, text: "Why did you skip the load test?" }\n`;
    const { score: bad, run } = await scored(scenario, inline(why));
    const style = item(bad, "how-not-why");
    expect(style.points).toBe(3);
    expect(style.evidence.find((e) => e.words?.includes("why did you"))?.action).toBe(4);
    expect(run.facts.map((f) => f.fact)).toContain("mike-defensive");
  });
});

describe("postmortem-leadership reference evidence", () => {
  it("credits the opening, the deflection and the refusal to the messages that carried them", async () => {
    const t = referenceTranscript(ID, "strong");
    const { score } = await scoreReference(ID, "strong");
    const says = actionsOf(t, "say");
    expect(evidenceActions(score, "tone-and-agenda")).toEqual([says[0]]);
    expect(evidenceActions(score, "blame-deflected")).toEqual([says[3]]);
    expect(evidenceActions(score, "punishment-refused")).toEqual([says.find((i) => t.actions[i]?.at === 41 * 60)]);
    expect(evidenceActions(score, "postmortem-blameless")).toEqual([actionsOf(t, "postmortem").at(-1)]);
    expect(evidenceActions(score, "action-items-owned")).toEqual([
      ...actionsOf(t, "action"),
      actionsOf(t, "postmortem").at(-1),
    ]);
  });

  it("names the weak facilitator's blame, punishment and why-questions", async () => {
    const t = referenceTranscript(ID, "weak");
    const { score } = await scoreReference(ID, "weak");
    expect(score.passed).toBe(false);
    expect(item(score, "postmortem-blameless").points).toBe(0);
    expect(item(score, "postmortem-blameless").evidence.flatMap((e) => e.words ?? [])).toContain("Human error");
    expect(
      item(score, "how-not-why")
        .evidence.filter((e) => e.words?.includes("why did you"))
        .map((e) => e.action),
    ).toEqual([actionsOf(t, "ask")[0]]);
    expect(item(score, "blame-deflected").evidence[0]).toMatchObject({ words: ["fair point", "consequence"] });
  });
});
