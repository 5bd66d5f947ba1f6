/**
 * The live stream (server-sent events). EventSource resumes by itself with Last-Event-ID
 * after a dropped connection; when the server refuses (closed for good) we reopen from the
 * last position we saw, so nothing is missed and nothing comes twice.
 */
import { useEffect, useRef, useState } from "react";
import { api } from "./client";
import type { LiveEntry } from "./types";

export type LiveState = "connecting" | "live" | "reconnecting";

export function useLiveStream(
  path: string | null,
  after: number | null,
  onEntry: (entry: LiveEntry) => void,
): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  const handler = useRef(onEntry);
  handler.current = onEntry;

  useEffect(() => {
    if (path === null || after === null) return;
    let last = after;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      source = new EventSource(api.streamUrl(path, last));
      source.onopen = () => setState("live");
      source.addEventListener("entry", (message) => {
        const event = message as MessageEvent<string>;
        const entry = JSON.parse(event.data) as LiveEntry;
        if (entry.position <= last) return;
        last = entry.position;
        handler.current(entry);
      });
      source.onerror = () => {
        setState("reconnecting");
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          retry = setTimeout(open, 2000);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [path, after]);

  return state;
}
