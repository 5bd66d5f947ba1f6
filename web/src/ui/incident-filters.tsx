/** The status and kind filters the incident list and the search page share. */
import type { Mode } from "../api/types";

export type StatusFilter = "open" | "resolved" | "all";
export type KindFilter = Mode | "";

export function StatusFilterSelect(props: { value: StatusFilter; onChange: (value: StatusFilter) => void }) {
  return (
    <label>
      Status
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as StatusFilter)}>
        <option value="open">open</option>
        <option value="resolved">resolved</option>
        <option value="all">all</option>
      </select>
    </label>
  );
}

export function KindFilterSelect(props: { value: KindFilter; onChange: (value: KindFilter) => void }) {
  return (
    <label>
      Kind
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as KindFilter)}>
        <option value="">live and drills</option>
        <option value="live">live only</option>
        <option value="drill">drills only</option>
      </select>
    </label>
  );
}
