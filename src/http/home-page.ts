/**
 * A small, self-contained page at `GET /`: the incident list, live from `/api/stream`,
 * and the timeline of the one you click. A stop-gap until the React UI lands.
 *
 * Safety: the page is static (no incident data is rendered on the server); the script
 * puts every piece of user text on the page with `textContent` and builds elements
 * with `createElement`, never HTML strings. The Content-Security-Policy allows only
 * this exact script and style (by hash), so even an injected handler would not run.
 */
import { createHash } from "node:crypto";

const STYLE = `
:root { color-scheme: light dark; --fg: #1d1f23; --muted: #5f6670; --line: #d8dbe0; --bg: #fff; --hi: #eef3ff;
  --sev1: #b3261e; --sev2: #c2410c; --sev3: #a16207; --sev4: #4b5563; --late: #c0151a; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e7ea; --muted: #9aa1ab; --line: #353941; --bg: #15171a; --hi: #1f2a3d; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; gap: 1rem; align-items: center; padding: .75rem 1.25rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.1rem; margin: 0; flex: 1; }
h2 { font-size: 1rem; margin: 0 0 .25rem; }
main { padding: 1rem 1.25rem; display: grid; gap: 1.5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
tbody tr { cursor: pointer; }
tbody tr:hover, tbody tr.selected { background: var(--hi); }
.sev { font-weight: 700; white-space: nowrap; }
.sev-SEV-1 { color: var(--sev1); } .sev-SEV-2 { color: var(--sev2); } .sev-SEV-3 { color: var(--sev3); } .sev-SEV-4 { color: var(--sev4); }
.overdue { color: var(--late); font-weight: 700; }
.muted, .meta { color: var(--muted); }
.drill { font-size: .75rem; border: 1px solid var(--line); border-radius: 4px; padding: 0 .3rem; margin-left: .4rem; }
#conn { font-size: .85rem; color: var(--muted); }
#conn.live { color: #15803d; }
#error { color: var(--late); }
ol { list-style: none; margin: .5rem 0 0; padding: 0; }
li.entry { display: grid; grid-template-columns: 6rem 8rem 11rem 1fr; gap: .6rem; padding: .3rem 0; border-bottom: 1px solid var(--line); }
li.entry time, li.entry .by, li.entry .type { color: var(--muted); font-size: .85rem; }
li.ch-tech .text { font-family: ui-monospace, monospace; font-size: .85rem; }
li.ch-stakeholder .text { font-style: italic; }
`;

const SCRIPT = `
"use strict";
(function () {
  var byId = function (id) { return document.getElementById(id); };
  var rows = byId("rows"), filter = byId("filter"), conn = byId("conn"), errorBox = byId("error");
  var detail = byId("detail"), detailTitle = byId("detail-title"), detailMeta = byId("detail-meta");
  var timeline = byId("timeline");
  var incidents = [], cells = new Map(), fetchedAt = Date.now(), serverOffset = 0;
  var selected = null, seen = new Set(), refreshTimer = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function duration(seconds) {
    var s = Math.max(0, Math.floor(seconds)), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return h > 0 ? h + "h " + m + "m" : m > 0 ? m + "m " + (s % 60) + "s" : s + "s";
  }
  function timeOf(iso) { return new Date(iso).toLocaleTimeString(); }
  function serverNow() { return Date.now() + serverOffset; }
  function getJson(url) {
    return fetch(url, { headers: { accept: "application/json" } }).then(function (res) {
      var date = res.headers.get("date");
      if (date) serverOffset = Date.parse(date) - Date.now();
      return res.json().then(function (body) {
        if (!res.ok) throw new Error(body && body.detail ? body.detail : res.statusText);
        return body;
      });
    });
  }

  function loadIncidents() {
    return getJson("/api/incidents?status=" + encodeURIComponent(filter.value)).then(function (body) {
      incidents = body.incidents;
      fetchedAt = Date.now();
      errorBox.textContent = "";
      render();
    }, function (err) { errorBox.textContent = "Could not load incidents: " + err.message; });
  }
  function scheduleRefresh() {
    if (refreshTimer !== null) return;
    refreshTimer = setTimeout(function () { refreshTimer = null; loadIncidents(); }, 250);
  }

  function render() {
    var fragment = document.createDocumentFragment();
    cells = new Map();
    incidents.forEach(function (incident) {
      var tr = el("tr", incident.id === selected ? "selected" : "");
      tr.tabIndex = 0;
      var title = el("td");
      title.append(el("span", "", incident.title));
      if (incident.mode === "drill") title.append(el("span", "drill", "drill"));
      var elapsed = el("td"), due = el("td");
      tr.append(
        el("td", "sev sev-" + incident.severity, incident.severity),
        el("td", "", incident.id),
        title,
        el("td", "", incident.status),
        el("td", "", incident.commander),
        elapsed,
        due
      );
      tr.addEventListener("click", function () { select(incident.id); });
      tr.addEventListener("keydown", function (event) { if (event.key === "Enter") select(incident.id); });
      cells.set(incident.id, { incident: incident, elapsed: elapsed, due: due, row: tr });
      fragment.append(tr);
    });
    rows.replaceChildren(fragment);
    byId("empty").hidden = incidents.length > 0;
    tick();
  }
  function tick() {
    var since = (Date.now() - fetchedAt) / 1000;
    cells.forEach(function (c) {
      var i = c.incident, open = i.status !== "resolved";
      c.elapsed.textContent = duration(open ? i.elapsedSeconds + since : i.elapsedSeconds);
      var dueAt = i.nextUpdateDue ? Date.parse(i.nextUpdateDue) : null;
      var late = open && dueAt !== null && (i.overdue || dueAt < serverNow());
      c.due.replaceChildren();
      if (!open || dueAt === null) { c.due.append(el("span", "muted", open ? "no cadence" : "resolved")); return; }
      c.due.append(el("span", "", timeOf(i.nextUpdateDue)));
      if (late) c.due.append(el("span", "overdue", " OVERDUE " + duration((serverNow() - dueAt) / 1000)));
    });
  }

  function select(id) {
    selected = id;
    seen = new Set();
    timeline.replaceChildren();
    detail.hidden = false;
    detailTitle.textContent = id;
    detailMeta.textContent = "Loading…";
    cells.forEach(function (c, key) { c.row.className = key === id ? "selected" : ""; });
    getJson("/api/incidents/" + encodeURIComponent(id)).then(function (d) {
      if (selected !== id) return;
      detailTitle.textContent = d.id + " · " + d.severity + " · " + d.title;
      detailMeta.textContent = "Status " + d.status + " · Incident Commander " + d.commander + " · version " + d.version;
      d.timeline.forEach(addEntry);
    }, function (err) { detailMeta.textContent = "Could not load " + id + ": " + err.message; });
  }
  function addEntry(entry) {
    if (seen.has(entry.position)) return;
    seen.add(entry.position);
    var li = el("li", "entry ch-" + entry.channel);
    li.dataset.position = String(entry.position);
    li.append(el("time", "", timeOf(entry.at)), el("span", "by", entry.by), el("span", "type", entry.type),
      el("span", "text", entry.text));
    var after = Array.prototype.find.call(timeline.children, function (n) { return Number(n.dataset.position) > entry.position; });
    timeline.insertBefore(li, after || null);
  }

  function connect(position) {
    var source = new EventSource("/api/stream?after=" + encodeURIComponent(position));
    source.onopen = function () { conn.textContent = "● live"; conn.className = "live"; };
    source.onerror = function () { conn.textContent = "○ reconnecting…"; conn.className = ""; };
    source.addEventListener("entry", function (message) {
      var entry = JSON.parse(message.data);
      if (entry.incidentId === selected) addEntry(entry);
      scheduleRefresh();
    });
  }

  filter.addEventListener("change", loadIncidents);
  getJson("/healthz").then(function (health) {
    connect(health.position);
    return loadIncidents();
  }, function (err) { errorBox.textContent = "The server does not answer: " + err.message; });
  setInterval(tick, 1000);
  setInterval(loadIncidents, 15000);
})();
`;

const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

export const HOME_PAGE_CSP = [
  "default-src 'none'",
  `script-src ${hash(SCRIPT)}`,
  `style-src ${hash(STYLE)}`,
  "connect-src 'self'",
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const HOME_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Warroom</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>Warroom · incidents</h1>
  <label>Show <select id="filter">
    <option value="open">open</option>
    <option value="all">all</option>
    <option value="resolved">resolved</option>
  </select></label>
  <span id="conn">○ connecting…</span>
</header>
<main>
  <p id="error" role="alert"></p>
  <section aria-labelledby="list-title">
    <h2 id="list-title">Incidents</h2>
    <table>
      <thead><tr><th>Severity</th><th>Id</th><th>Title</th><th>Status</th><th>Commander</th><th>Elapsed</th><th>Next update due</th></tr></thead>
      <tbody id="rows"></tbody>
    </table>
    <p id="empty" class="muted" hidden>No incidents.</p>
  </section>
  <section id="detail" hidden aria-live="polite">
    <h2 id="detail-title"></h2>
    <p id="detail-meta" class="meta"></p>
    <ol id="timeline"></ol>
  </section>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;

/** The page's script, exported for the static safety check in the tests. */
export const HOME_PAGE_SCRIPT = SCRIPT;
