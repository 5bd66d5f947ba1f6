/** The command channel timeline: filters by channel, type and words; a note composer; live, virtualised. */
import { type FormEvent, useMemo, useState } from "react";
import { CHANNELS, type Channel, type TimelineEntry } from "../api/types";
import { clockTime } from "../ui/clock";
import { ErrorBox, Section } from "../ui/parts";
import { VirtualList } from "../ui/virtual-list";
import { type CommandRunner, useCommand } from "./use-command";

/** Fixed, for the virtual list: the meta line and up to two lines of text. */
const ROW_HEIGHT = 64;
const positionOf = (entry: TimelineEntry) => entry.position;

export function TimelinePanel({
  incidentId,
  entries,
  onChange,
  height,
}: {
  incidentId: string;
  /** Oldest first, as the server sends them. */
  entries: readonly TimelineEntry[];
  onChange: () => void;
  height: number;
}) {
  const [channels, setChannels] = useState<Record<Channel, boolean>>({ command: true, tech: true, stakeholder: true });
  const [type, setType] = useState("");
  const [words, setWords] = useState("");
  const [selected, setSelected] = useState<TimelineEntry | null>(null);
  const note = useCommand(incidentId, onChange);

  const types = useMemo(() => [...new Set(entries.map((e) => e.type))].sort(), [entries]);
  // Newest first; filtering 10,000 entries is a few milliseconds, rendering them is what the virtual list avoids.
  const shown = useMemo(() => {
    const needle = words.trim().toLowerCase();
    const out: TimelineEntry[] = [];
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i] as TimelineEntry;
      if (!channels[entry.channel]) continue;
      if (type && entry.type !== type) continue;
      if (needle && !`${entry.text} ${entry.by}`.toLowerCase().includes(needle)) continue;
      out.push(entry);
    }
    return out;
  }, [entries, channels, type, words]);

  return (
    <Section
      title="Timeline"
      actions={<span className="muted" id="timeline-count">{`${shown.length} of ${entries.length} entries`}</span>}
    >
      <fieldset className="form-row timeline-filters">
        <legend className="sr-only">Timeline filters</legend>
        {CHANNELS.map((channel) => (
          <label key={channel} className="inline">
            <input
              type="checkbox"
              checked={channels[channel]}
              onChange={(e) => setChannels({ ...channels, [channel]: e.target.checked })}
            />
            {channel}
          </label>
        ))}
        <label>
          Type
          <select id="timeline-type" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">all types</option>
            {types.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search the timeline
          <input id="timeline-search" type="search" value={words} onChange={(e) => setWords(e.target.value)} />
        </label>
      </fieldset>
      <NoteComposer runner={note} />
      <VirtualList
        id="timeline-list"
        label="Timeline entries, newest first"
        items={shown}
        rowHeight={ROW_HEIGHT}
        // As tall as the entries need, up to the room on screen.
        height={Math.min(height, Math.max(3, shown.length) * ROW_HEIGHT + 2)}
        keyOf={positionOf}
        renderRow={(entry) => <TimelineRow entry={entry} onSelect={setSelected} />}
      />
      {selected && <EntryDetail entry={selected} onClose={() => setSelected(null)} />}
    </Section>
  );
}

function TimelineRow({ entry, onSelect }: { entry: TimelineEntry; onSelect: (entry: TimelineEntry) => void }) {
  return (
    <button type="button" className={`entry ch-${entry.channel}`} title={entry.text} onClick={() => onSelect(entry)}>
      <time dateTime={entry.at} className="mono muted">
        {clockTime(entry.at)}
      </time>
      <span className="entry-meta">
        <span className="entry-by">@{entry.by}</span> <span className="entry-type">{entry.type}</span>
      </span>
      <span className="entry-text">{entry.text}</span>
    </button>
  );
}

function EntryDetail({ entry, onClose }: { entry: TimelineEntry; onClose: () => void }) {
  return (
    <div className="entry-detail" role="status">
      <div className="muted">
        {new Date(entry.at).toISOString().replace("T", " ").slice(0, 19)} UTC · @{entry.by} · {entry.type} ·{" "}
        {entry.channel}
      </div>
      <p>{entry.text}</p>
      <button type="button" className="link" onClick={onClose}>
        Close
      </button>
    </div>
  );
}

function NoteComposer({ runner }: { runner: CommandRunner }) {
  const [channel, setChannel] = useState<Channel>("command");
  const [text, setText] = useState("");
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await runner.run({ type: "add-note", channel, text })) setText("");
  };
  return (
    <form className="form-row note-form" onSubmit={submit}>
      <label className="wide">
        Timeline note
        <input
          id="note-text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="What happened, what you see"
        />
      </label>
      <label>
        Channel
        <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={runner.busy}>
        Add note
      </button>
      <ErrorBox error={runner.error} />
    </form>
  );
}
