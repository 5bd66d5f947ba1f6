/**
 * `#/search?q=…`: every incident's timeline searched on the server, newest entry first,
 * each hit linking to its war room with the matched words marked.
 */
import { useEffect, useMemo, useState } from "react";
import { api } from "../api/client";
import type { SearchAnswer, SearchQuery, SearchStatus } from "../api/search-types";
import { Link, navigate, usePath } from "../router";
import { KindFilterSelect, StatusFilterSelect } from "../ui/incident-filters";
import { ErrorBox } from "../ui/parts";
import { focusById, type Shortcut, useShortcuts } from "../ui/shortcuts";
import { useApi } from "../ui/use-api";
import { keepSearchFocus, SEARCH_BOX_ID, SearchBox } from "./search-box";
import { SearchHitItem } from "./search-hit";
import { parseSearchPath, SEARCH_LIMIT_MAX, searchPath } from "./search-path";
import "./search.css";

const SCOPE: Record<SearchStatus, string> = {
  open: "open incidents",
  resolved: "resolved incidents",
  all: "all incidents",
};

export function SearchPage() {
  const path = usePath();
  const query = parseSearchPath(path);
  const { q, status, mode, limit } = query;
  const [draft, setDraft] = useState(q);
  // Back and forward change the address under the page: the box follows it.
  useEffect(() => setDraft(q), [q]);

  // Each answer carries the search it answers, so a new address never shows the last one's hits.
  const asked = searchPath(query);
  const result = useApi<{ asked: string; answer: SearchAnswer } | null>(
    () =>
      q.trim()
        ? api.get<SearchAnswer>("/api/search", { q, status, mode, limit }).then((answer) => ({ asked, answer }))
        : Promise.resolve(null),
    [asked],
  );

  const go = (next: SearchQuery) => {
    const to = searchPath(next);
    // The same search again (Enter twice) asks the server again: new entries may have come in.
    if (to === path) result.reload();
    else navigate(to);
  };
  const search = (words: string) => {
    keepSearchFocus();
    go({ q: words, status, ...(mode ? { mode } : {}) });
  };

  const shortcuts = useMemo<Shortcut[]>(
    () => [
      {
        key: "/",
        description: "Search every timeline (Enter searches, Escape clears)",
        run: () => focusById(SEARCH_BOX_ID),
      },
    ],
    [],
  );
  useShortcuts(shortcuts);

  const answer = !result.loading && result.data?.asked === asked ? result.data.answer : null;
  const scope = `${SCOPE[status]}${mode === "drill" ? ", drills only" : mode === "live" ? ", live only" : ""}`;

  return (
    <div className="search-page">
      <div className="page-head">
        <h1>Search</h1>
        <Link to="/incidents">Back to the incidents</Link>
      </div>
      <section className="panel" aria-labelledby="search-title">
        <div className="panel-head">
          <h2 id="search-title">Every incident's timeline</h2>
        </div>
        <div className="form-row filters">
          <SearchBox value={draft} onChange={setDraft} onSearch={search} placeholder='words or "a phrase"' />
          <StatusFilterSelect value={status} onChange={(next) => go({ q, status: next, ...(mode ? { mode } : {}) })} />
          <KindFilterSelect
            value={mode ?? ""}
            onChange={(next) => go({ q, status, ...(next ? { mode: next } : {}) })}
          />
        </div>
        <p className="muted search-help">
          Every word must appear in an entry, in any case; put "quoted words" together to find them as one phrase.
        </p>
        {!q.trim() && <p className="muted">Type what you are looking for and press Enter.</p>}
        {q.trim() && result.loading && (
          <p className="muted" role="status">
            Searching {scope}…
          </p>
        )}
        {!result.loading && <ErrorBox error={result.error} />}
        {answer && (
          <Results
            answer={answer}
            scope={scope}
            onWiden={status === "all" && !mode ? null : () => go({ q, status: "all" })}
            onMore={
              answer.truncated && (limit ?? 0) < SEARCH_LIMIT_MAX
                ? () => go({ q, status, ...(mode ? { mode } : {}), limit: SEARCH_LIMIT_MAX })
                : null
            }
          />
        )}
      </section>
    </div>
  );
}

function Results({
  answer,
  scope,
  onWiden,
  onMore,
}: {
  answer: SearchAnswer;
  scope: string;
  onWiden: (() => void) | null;
  onMore: (() => void) | null;
}) {
  const incidents = new Set(answer.hits.map((h) => h.incidentId)).size;
  if (answer.hits.length === 0) {
    return (
      <div className="search-empty" role="status">
        <p>
          No entries match <q>{answer.query}</q> in {scope}.
        </p>
        {onWiden && (
          <button type="button" onClick={onWiden}>
            Search all incidents
          </button>
        )}
      </div>
    );
  }
  return (
    <>
      <p className="search-summary" role="status">
        {answer.hits.length} {answer.hits.length === 1 ? "entry" : "entries"} in {incidents}{" "}
        {incidents === 1 ? "incident" : "incidents"} match <q>{answer.query}</q>, newest first ({scope}).
      </p>
      {answer.truncated && (
        <p className="search-truncated" role="note">
          Only the newest {answer.hits.length} matches are shown; there are more. Add a word to narrow the search
          {onMore && (
            <>
              {" "}
              or{" "}
              <button type="button" className="link" onClick={onMore}>
                show up to {SEARCH_LIMIT_MAX}
              </button>
            </>
          )}
          .
        </p>
      )}
      <ol className="search-hits" aria-label="Matching entries, newest first">
        {answer.hits.map((hit) => (
          <SearchHitItem key={`${hit.position}:${hit.field}`} hit={hit} terms={answer.terms} />
        ))}
      </ol>
    </>
  );
}
