/**
 * One writer at a time per stream inside this process, with the state that the last
 * writer's still-committing events will produce. Other processes are kept honest by the
 * store's expected-version guard; this only stops writers in one process from tripping
 * over each other.
 */
interface Entry<S> {
  tail: Promise<void>;
  state: S | undefined;
  /** Commands queued or committing on this stream; the entry is dropped at zero. */
  inFlight: number;
}

export interface PendingState<S> {
  /** The state after the previous writer's events, if they are still committing. */
  get(): S | undefined;
  /** Record the state this writer's events will produce once `commit` resolves. */
  set(state: S, commit: Promise<unknown>): void;
}

export class StreamLocks<S> {
  private readonly entries = new Map<string, Entry<S>>();

  run<T>(streamId: string, step: (pending: PendingState<S>) => Promise<T>): Promise<T> {
    let entry = this.entries.get(streamId);
    if (!entry) {
      entry = { tail: Promise.resolve(), state: undefined, inFlight: 0 };
      this.entries.set(streamId, entry);
    }
    const current = entry;
    current.inFlight++;
    let committing: Promise<unknown> = Promise.resolve();
    const pending: PendingState<S> = {
      get: () => current.state,
      set: (state, commit) => {
        current.state = state;
        committing = commit;
        // A failed commit means the pending state never happened: forget it.
        commit.catch(() => {
          if (current.state === state) current.state = undefined;
        });
      },
    };
    const result = current.tail.then(() => step(pending));
    current.tail = result.then(
      () => undefined,
      () => {
        current.state = undefined;
      },
    );
    const settle = () => {
      current.inFlight--;
      if (current.inFlight === 0 && this.entries.get(streamId) === current) this.entries.delete(streamId);
    };
    result.then(() => committing.then(settle, settle), settle);
    return result;
  }
}
