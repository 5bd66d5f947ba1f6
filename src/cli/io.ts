/** What the CLI talks to: streams, environment, and (for tests) the clock and a stop signal. */
import type { Clock } from "../domain/shared/clock.js";

export interface CliOutput {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  env: Record<string, string | undefined>;
  /** The app's clock in local mode (tests, drills); the system clock otherwise. */
  clock?: Clock;
  /** Ends long-running commands (`timeline --follow`, `serve`); SIGINT/SIGTERM otherwise. */
  signal?: AbortSignal;
}
