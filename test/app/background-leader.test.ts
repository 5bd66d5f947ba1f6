/**
 * The background leader's own rules, with a lock the test controls (the real one,
 * PostgreSQL's advisory lock between two servers, is in test/ops/leader.test.ts): lead
 * at once without a lock, wait for a held lock, resign when it is lost, let it go on stop.
 */
import { describe, expect, it } from "vitest";
import { BackgroundLeader } from "../../src/app/background-leader.js";
import type { LeaderLock } from "../../src/store/event-store.js";

/** One lock for several contenders, as the database would hold it. */
class SharedLock {
  holder: object | null = null;
  alive = true;
  released = 0;
  take(owner: object): LeaderLock | null {
    if (this.holder !== null) return null;
    this.holder = owner;
    this.alive = true;
    return {
      check: async () => this.alive,
      release: async () => {
        this.released++;
        this.holder = null;
      },
    };
  }
}

function contender(lock: SharedLock | null, log: string[], name: string) {
  const owner = {};
  const store = lock === null ? {} : { leaderLock: async () => lock.take(owner) };
  return new BackgroundLeader({
    store,
    start: async () => {
      log.push(`${name} start`);
    },
    stop: async () => {
      log.push(`${name} stop`);
    },
    retryMs: 20,
  });
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

describe("BackgroundLeader", () => {
  it("leads at once when the store has no leader lock", async () => {
    const log: string[] = [];
    const alone = contender(null, log, "a");
    await alone.start();
    expect(alone.leading).toBe(true);
    await alone.stop();
    expect(log).toEqual(["a start", "a stop"]);
    expect(alone.leading).toBe(false);
  });

  it("lets one of two lead, hands over when the leader stops, and never runs both", async () => {
    const lock = new SharedLock();
    const log: string[] = [];
    const a = contender(lock, log, "a");
    const b = contender(lock, log, "b");
    await a.start();
    await b.start();
    expect([a.leading, b.leading]).toEqual([true, false]);
    await a.stop();
    expect(lock.released).toBe(1);
    await until(() => b.leading);
    await b.stop();
    expect(log).toEqual(["a start", "a stop", "b start", "b stop"]);
  });

  it("stops the work when the lock is lost, and takes it again once it is free", async () => {
    const lock = new SharedLock();
    const log: string[] = [];
    const a = contender(lock, log, "a");
    await a.start();
    lock.alive = false; // the lock's connection dropped: the database let it go
    await until(() => !a.leading);
    expect(log).toEqual(["a start", "a stop"]);
    await until(() => a.leading);
    expect(log).toEqual(["a start", "a stop", "a start"]);
    await a.stop();
  });
});
