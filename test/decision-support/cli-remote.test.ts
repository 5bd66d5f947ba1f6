/** Decision support through the CLI in remote mode (`--server`): the same answers as local mode. */
import { describe, expect, it } from "vitest";
import { buildConfig } from "../../src/app/config.js";
import type { OptionsMatrix } from "../../src/domain/decision-support/index.js";
import { ManualClock } from "../../src/domain/shared/clock.js";
import { startServer } from "../../src/http/server.js";
import { bound, tempDir } from "../cli/helpers.js";
import { EXERCISE_1, IC } from "./fixtures.js";

describe("decision support through the CLI against a server (--server)", () => {
  it("gives the same matrix and record as local mode", async () => {
    const dir = tempDir("warroom-ds-remote-");
    const remoteClock = new ManualClock("2026-03-07T02:05:00.000Z");
    const server = await startServer({
      config: buildConfig({ auth: "off", dbPath: dir.db, port: 0 }),
      clock: remoteClock,
    });
    try {
      const remote = bound({ server: server.url }, { env: { WARROOM_USER: IC } });
      const local = bound({ db: dir.db }, { clock: remoteClock, env: { WARROOM_USER: IC } });
      expect(
        (await remote(["declare", "Sign-in failing", "--sev", "1", "--impact", "5% of users cannot sign in"])).code,
      ).toBe(0);
      for (const o of EXERCISE_1) {
        const attributes = o.attributes;
        const argv = ["option", "INC-1", "add", o.title, "--time", String(attributes.timeToCompleteMinutes)];
        argv.push(
          "--data-loss",
          attributes.dataLoss ?? "",
          "--risk",
          attributes.risk ?? "",
          "--user-impact",
          attributes.userImpact ?? "",
        );
        expect((await remote(argv)).code).toBe(0);
      }
      expect(
        (
          await remote([
            "decide",
            "INC-1",
            "--kind",
            "trade-off",
            "--choose",
            "D",
            "--rationale",
            "Fast relief, no data lost",
          ])
        ).code,
      ).toBe(0);
      const viaServer = await remote(["options", "INC-1", "--hybrid", "C,A", "--json"]);
      const viaFile = await local(["options", "INC-1", "--hybrid", "C,A", "--json"]);
      expect(viaServer.code).toBe(0);
      expect(viaServer.json<OptionsMatrix>().winner).toBe("D");
      expect(viaServer.stdout).toBe(viaFile.stdout);
      const record = await remote(["decision", "INC-1", "D1", "--audience", "customer"]);
      expect(record.stdout).toBe((await local(["decision", "INC-1", "D1", "--audience", "customer"])).stdout);
      expect(record.stdout).toContain("Your data: we do not expect any data to be lost.");
    } finally {
      await server.close();
      dir.cleanup();
    }
  });
});
