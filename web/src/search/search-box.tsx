/**
 * The one search box, on the incident list and on the results page (`/` focuses it):
 * Enter searches every timeline, Escape clears it (a second Escape leaves the field).
 */
import { type FormEvent, useEffect, useRef } from "react";

export const SEARCH_BOX_ID = "incident-search";

/** Set just before moving to the results page, so the box there keeps the focus. */
let focusOnMount = false;
export function keepSearchFocus(): void {
  focusOnMount = true;
}

export function SearchBox({
  value,
  onChange,
  onSearch,
  placeholder,
}: {
  value: string;
  onChange: (value: string) => void;
  onSearch: (words: string) => void;
  placeholder: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!focusOnMount) return;
    focusOnMount = false;
    input.current?.focus();
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const words = value.trim();
    if (words) onSearch(words);
  };
  return (
    <search className="search-box" aria-label="Search incidents and timelines">
      <form onSubmit={submit}>
        <label>
          Search
          <input
            ref={input}
            id={SEARCH_BOX_ID}
            type="search"
            value={value}
            onChange={(e) => onChange(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== "Escape" || value === "") return;
              e.preventDefault();
              // Keep the shell's shortcut handler from also leaving the field.
              e.nativeEvent.stopPropagation();
              onChange("");
            }}
            placeholder={placeholder}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="search-hint"
          />
        </label>
        <span id="search-hint" className="sr-only">
          Enter searches every incident's timeline; Escape clears.
        </span>
      </form>
    </search>
  );
}
