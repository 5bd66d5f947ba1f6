import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildConfig, type ConfigInput } from "../../src/app/config.js";
import { createWarroomApp } from "../../src/app/create-app.js";
import type { WarroomApp } from "../../src/app/warroom-app.js";
import { ManualClock } from "../../src/domain/shared/clock.js";

export interface AppFixture {
  app: WarroomApp;
  clock: ManualClock;
  dbPath: string;
  /** Another app on the same database file, as a second process would be. */
  second(options?: { poll?: boolean }): Promise<WarroomApp>;
  cleanup(): Promise<void>;
}

export async function appFixture(config: Partial<ConfigInput> = {}): Promise<AppFixture> {
  const dir = mkdtempSync(join(tmpdir(), "warroom-app-"));
  const dbPath = join(dir, "warroom.db");
  const clock = new ManualClock("2026-03-07T02:00:00.000Z");
  const fullConfig = buildConfig({ ...config, dbPath, pollIntervalMs: 20 });
  const app = await createWarroomApp(fullConfig, { clock });
  const others: WarroomApp[] = [];
  return {
    app,
    clock,
    dbPath,
    async second(options = {}) {
      const other = await createWarroomApp(fullConfig, { clock, poll: options.poll ?? false });
      others.push(other);
      return other;
    },
    async cleanup() {
      for (const other of others) await other.close().catch(() => undefined);
      await app.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const IC = { actor: "alex-ic" };
