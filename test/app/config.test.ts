import { describe, expect, it } from "vitest";
import { buildConfig, policyFromConfig } from "../../src/app/config.js";
import { WarroomError } from "../../src/domain/shared/errors.js";
import { appFixture, IC } from "./helpers.js";

describe("config", () => {
  it("applies defaults", () => {
    const config = buildConfig({});
    expect(config.dbPath).toBe("./data/warroom.db");
    expect(config.port).toBe(3000);
    expect(policyFromConfig(config).severities["SEV-1"].cadenceMinutes).toBe(15);
  });

  it("lists every problem in a bad config", () => {
    let error: unknown;
    try {
      buildConfig({ port: -1, logLevel: "loud", policy: { customRoles: [{ id: "Bad Role", title: "" }] }, extra: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WarroomError);
    const message = (error as WarroomError).message;
    for (const field of ["port", "logLevel", "policy.customRoles.0.id", "policy.customRoles.0.title"]) {
      expect(message).toContain(field);
    }
    expect(message).toMatch(/extra/);
  });

  it("uses configured cadences and custom roles", async () => {
    const f = await appFixture({
      policy: {
        severities: { "SEV-2": { cadenceMinutes: 20 } },
        customRoles: [{ id: "security-lead", title: "Security" }],
      },
    });
    try {
      const result = await f.app.declare({ title: "Token leak", severity: "SEV-2" }, IC);
      expect(result.incident.cadenceMinutes).toBe(20);
      const assigned = await f.app.execute("INC-1", { type: "assign-role", role: "security-lead", person: "kim" }, IC);
      expect(assigned.incident.roles["security-lead"]?.person).toBe("kim");
    } finally {
      await f.cleanup();
    }
  });
});
