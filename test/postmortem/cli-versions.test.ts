/**
 * `warroom postmortem save|publish|show` in local mode: revisions from a file and from
 * standard input, a stale base revision refused, publishing refused before resolving,
 * published versions frozen — each refusal storing nothing.
 */
process.env.TZ = "UTC";

import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HANDBOOK_BAD_POSTMORTEM } from "../analysis/fixtures/handbook.js";
import { cliKit } from "./cli-kit.js";
import { OWN_GOOD_POSTMORTEM } from "./fixtures.js";

const { tmp, at, file, ok, withStdin, expectRefused, declareIncident } = cliKit("warroom-pm-versions-");

beforeAll(declareIncident);
afterAll(() => tmp.cleanup());

describe("postmortem save, publish, show", () => {
  it("saves a revision from a file, then from stdin against the revision it edited", async () => {
    const first = await ok(["postmortem", "save", "INC-1", file("pm1.md", HANDBOOK_BAD_POSTMORTEM)]);
    expect(first.stdout).toContain("✓ INC-1 Postmortem revision 1 saved");
    expect(first.stdout).toMatch(/✗ lint: \d+ errors, \d+ warnings; see warroom postmortem lint/);
    const second = await withStdin(["postmortem", "save", "INC-1", "-", "--base-revision", "1"], OWN_GOOD_POSTMORTEM);
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Postmortem revision 2 saved");
    expect(second.stdout).toContain("✓ lint: no findings");
  });

  it("refuses a stale base revision and stores nothing", async () => {
    const problem = await expectRefused(
      ["postmortem", "save", "INC-1", file("pm-stale.md", `${OWN_GOOD_POSTMORTEM}\nMore.\n`), "--base-revision", "1"],
      "postmortem.stale_revision",
      4,
      /revision 2, not 1/,
    );
    expect(problem.errors[0]?.field).toBe("baseRevision");
  });

  it("refuses to publish before the incident is resolved, storing nothing", async () => {
    await expectRefused(["postmortem", "publish", "INC-1"], "incident.not_resolved", 4, /resolve it before publishing/);
  });

  it("publishes the latest revision as version 1, then a later revision as version 2", async () => {
    at(70);
    await ok(["resolve", "INC-1", "--summary", "Release rolled back"]);
    const published = await ok(["postmortem", "publish", "INC-1"]);
    expect(published.stdout).toContain("Postmortem published as version 1 (revision 2)");
    await expectRefused(["postmortem", "publish", "INC-1"], "validation.failed", 2, /already published as version 1/);
    await withStdin(
      ["postmortem", "save", "INC-1", "-"],
      `${OWN_GOOD_POSTMORTEM}\n## Where we got lucky\nIt was a Sunday.\n`,
    );
    expect((await ok(["postmortem", "publish", "INC-1"])).stdout).toContain("published as version 2 (revision 3)");
  });

  it("shows the latest revision, or a published version frozen as it was", async () => {
    const latest = await ok(["postmortem", "show", "INC-1"]);
    expect(latest.stdout).toMatch(
      /^INC-1 postmortem {2}revision 3 {2}\d\d:\d\d by alex\n {2}published: v1 \(rev 2\), v2 \(rev 3\)\n\n# Postmortem: INC-12/,
    );
    const v1 = (await ok(["postmortem", "show", "INC-1", "--version", "1", "--json"])).json<Record<string, unknown>>();
    expect(v1).toMatchObject({
      kind: "published",
      version: 1,
      revision: 2,
      latestRevision: 3,
      markdown: OWN_GOOD_POSTMORTEM.trim(),
    });
    const v2 = (await ok(["postmortem", "show", "INC-1", "--version=2", "--json"])).json<{ markdown: string }>();
    expect(v2.markdown).toContain("It was a Sunday.");
    expect((await ok(["show", "INC-1"])).stdout).toContain("  postmortem revision 3 · published v2 (revision 3)");
  });

  it("refuses a version that does not exist, a bad number, and an incident with no postmortem", async () => {
    const problem = await expectRefused(
      ["postmortem", "show", "INC-1", "--version", "7"],
      "postmortem.not_found",
      3,
      /no published version 7 \(published: 1, 2\)/,
    );
    expect(problem.errors[0]?.field).toBe("version");
    await expectRefused(
      ["postmortem", "show", "INC-1", "--version", "two"],
      "validation.failed",
      2,
      /--version: 'two' is not a whole number/,
    );
    await ok(["declare", "Slow search", "--sev", "SEV-3"]);
    await expectRefused(
      ["postmortem", "show", "INC-2"],
      "postmortem.not_found",
      3,
      /no postmortem has been saved for INC-2/,
    );
    await expectRefused(
      ["postmortem", "save", "INC-2", file("n.md", "x"), "--base-revision", "x"],
      "validation.failed",
      2,
      /--base-revision/,
    );
  });

  it("refuses bad files for save with nothing stored", async () => {
    await expectRefused(
      ["postmortem", "save", "INC-2", file("empty.md", "")],
      "text.empty",
      2,
      /the file .*empty\.md is empty/,
    );
    await expectRefused(
      ["postmortem", "save", "INC-2", join(tmp.dir, "missing.md")],
      "validation.failed",
      2,
      /cannot read .*missing\.md: no such file/,
    );
  });
});
