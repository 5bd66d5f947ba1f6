/** The drill's feed: who said what and when, newest at the bottom, kept in view as lines arrive. */
import { useEffect, useRef } from "react";
import type { FeedEntry } from "./types";

const KIND_LABEL: Record<FeedEntry["kind"], string> = {
  persona: "",
  trainee: "you",
  reminder: "reminder",
  system: "before the drill",
  error: "refused",
};

export function DrillFeedList({ feed, trainee }: { feed: FeedEntry[]; trainee: string }) {
  const box = useRef<HTMLOListElement>(null);
  // Follow new lines unless the reader scrolled up to read earlier ones (decided before they arrive).
  const follow = useRef(true);
  const count = feed.length;
  useEffect(() => {
    const el = box.current;
    if (el && follow.current && count > 0) el.scrollTop = el.scrollHeight;
  }, [count]);
  const onScroll = () => {
    const el = box.current;
    if (el) follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  };
  if (feed.length === 0) {
    return <p className="muted">The room is quiet. Read the briefing, then take command.</p>;
  }
  return (
    <ol className="feed" ref={box} onScroll={onScroll} aria-live="polite" aria-relevant="additions" aria-label="Feed">
      {feed.map((e) => (
        <li key={e.seq} className={`feed-line feed-${e.kind}`}>
          <span className="feed-time mono">{e.clock}</span>
          <span className="feed-who">{e.from === trainee ? "you" : e.from}</span>
          {KIND_LABEL[e.kind] && e.from !== trainee && <span className="feed-kind">{KIND_LABEL[e.kind]}</span>}
          {e.channel === "tech" && <span className="feed-kind">tech</span>}
          {e.incident && <span className="feed-kind">{e.incident}</span>}
          {e.asks && <span className="feed-asks">asks you</span>}
          <span className="feed-text">{e.text}</span>
        </li>
      ))}
    </ol>
  );
}
