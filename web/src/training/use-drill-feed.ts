/**
 * A drill's feed and clock, kept live: the lines so far (GET …/feed), then the drill's
 * server-sent events (feed lines with their seq as id, clock moves, finished). Lines are
 * merged by seq, so a line that arrives twice (the stream and a command's answer) shows
 * once and none is lost when they race. A stream the server closed is reopened from the
 * last seq seen.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, api } from "../api/client";
import type { DrillClock, FeedEntry } from "./types";

export type LiveState = "connecting" | "live" | "reconnecting" | "ended";

export interface DrillFeed {
  feed: FeedEntry[];
  clock: DrillClock | null;
  finished: boolean;
  live: LiveState;
  /** Adds lines and the clock from a command's answer. */
  merge(entries: FeedEntry[], clock?: DrillClock): void;
}

export function useDrillFeed(id: string): DrillFeed {
  const [feed, setFeed] = useState<FeedEntry[]>([]);
  const [clock, setClock] = useState<DrillClock | null>(null);
  const [finished, setFinished] = useState(false);
  const [live, setLive] = useState<LiveState>("connecting");
  const last = useRef(0);

  const merge = useCallback((entries: FeedEntry[], next?: DrillClock) => {
    if (next) setClock((c) => (c === null || next.offset >= c.offset || next.speed !== c.speed ? next : c));
    const fresh = entries.filter((e) => e.seq > 0);
    if (fresh.length === 0) return;
    last.current = Math.max(last.current, ...fresh.map((e) => e.seq));
    setFeed((previous) => {
      const bySeq = new Map(previous.map((e) => [e.seq, e]));
      for (const e of fresh) bySeq.set(e.seq, e);
      return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    });
  }, []);

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const path = `/api/drills/${encodeURIComponent(id)}`;
    const open = () => {
      source = new EventSource(api.streamUrl(`${path}/stream`, last.current));
      source.onopen = () => setLive("live");
      source.addEventListener("feed", (message) => merge([JSON.parse((message as MessageEvent<string>).data)]));
      source.addEventListener("clock", (message) => merge([], JSON.parse((message as MessageEvent<string>).data)));
      source.addEventListener("finished", () => {
        stopped = true;
        setFinished(true);
        setLive("ended");
        source?.close();
      });
      source.onerror = () => {
        if (stopped) return;
        setLive("reconnecting");
        if (source?.readyState !== EventSource.CLOSED) return;
        // Closed for good: reopen unless the drill is gone (expired, or the server restarted).
        retry = setTimeout(() => {
          api.get(path).then(
            () => !stopped && open(),
            (error: unknown) => {
              if (error instanceof ApiError && error.status === 404) setLive("ended");
              else if (!stopped) open();
            },
          );
        }, 2000);
      };
    };
    api
      .get<{ entries: FeedEntry[]; clock: DrillClock; status: string }>(`${path}/feed`, { after: 0, limit: 1000 })
      .then((answer) => {
        merge(answer.entries, answer.clock);
        if (answer.status === "finished") {
          setFinished(true);
          setLive("ended");
        } else if (!stopped) open();
      })
      .catch(() => {
        if (!stopped) open();
      });
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [id, merge]);

  return { feed, clock, finished, live, merge };
}
