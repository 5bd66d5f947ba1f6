/**
 * Waiting for the end of a long-running command: the test's AbortSignal when given,
 * else SIGINT / SIGTERM. Holds a timer meanwhile so the process stays up even when
 * nothing else keeps the event loop busy (e.g. a local follow whose poller is unref'd).
 */
export interface Stopper {
  /** Resolves on stop; rejects when `fail` is called. */
  promise: Promise<void>;
  fail(error: Error): void;
  dispose(): void;
}

export function untilStopped(signal?: AbortSignal): Stopper {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const onSignal = () => resolve();
  if (signal) {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", onSignal, { once: true });
  } else {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  return {
    promise,
    fail: (error) => reject(error),
    dispose: () => {
      clearInterval(keepAlive);
      signal?.removeEventListener("abort", onSignal);
      process.removeListener("SIGINT", onSignal);
      process.removeListener("SIGTERM", onSignal);
    },
  };
}
