/**
 * The status page as HTML (server-rendered, every value escaped, no scripts) and as an
 * Atom feed (one entry per published customer update). Both render a `StatusView`.
 */
import type { PublicIncident, ServiceStatus, StatusView } from "./status-view.js";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/** XML 1.0 also refuses most control characters: drop them rather than emit a broken feed. */
export function escapeXml(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids
  return escapeHtml(value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ""));
}

/** "2026-03-01 10:05 UTC": readable without a script, and the same for every reader. */
function shownTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

const SERVICE_WORDS: Record<ServiceStatus, string> = {
  operational: "Operational",
  degraded: "Degraded",
  "major-outage": "Major outage",
};

export function renderStatusHtml(view: StatusView, links: { feed: string; json: string }): string {
  const open = view.incidents.filter((i) => i.status !== "resolved");
  const past = view.incidents.filter((i) => i.status === "resolved");
  const heading = view.service === null ? view.title : `${view.title}: ${view.service}`;
  const banner =
    open.length === 0 ? "All systems operational" : `${open.length} active incident${open.length === 1 ? "" : "s"}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)}</title>
<link rel="alternate" type="application/atom+xml" href="${escapeHtml(links.feed)}">
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
.banner{padding:.75rem 1rem;border-radius:.4rem;background:#e6f4ea}.banner.active{background:#fdecea}
.svc{display:flex;justify-content:space-between;border-bottom:1px solid #ddd;padding:.3rem 0}
.operational{color:#1e7d32}.degraded{color:#b26a00}.major-outage{color:#b3261e}
article{border:1px solid #ddd;border-radius:.4rem;padding:.5rem 1rem;margin:1rem 0}
.status{font-weight:600;text-transform:capitalize}time{color:#555;font-size:.9em}p{white-space:pre-wrap;margin:.3rem 0}
</style>
</head>
<body>
<h1>${escapeHtml(heading)}</h1>
<p class="banner${open.length > 0 ? " active" : ""}">${banner}</p>
${view.services.length > 0 ? `<section aria-label="Services">\n${view.services.map((s) => `<div class="svc"><span>${escapeHtml(s.name)}</span><span class="${s.status}">${SERVICE_WORDS[s.status]}</span></div>`).join("\n")}\n</section>` : ""}
${open.length > 0 ? `<h2>Active incidents</h2>\n${open.map(incidentHtml).join("\n")}` : ""}
${past.length > 0 ? `<h2>Recently resolved</h2>\n${past.map(incidentHtml).join("\n")}` : ""}
<footer><p><a href="${escapeHtml(links.feed)}">Atom feed</a> · <a href="${escapeHtml(links.json)}">JSON</a> · updated <time datetime="${escapeHtml(view.generatedAt)}">${escapeHtml(shownTime(view.generatedAt))}</time></p></footer>
</body>
</html>
`;
}

function incidentHtml(incident: PublicIncident): string {
  const updates = incident.updates
    .map(
      (u) =>
        `<li><span class="status">${escapeHtml(u.status)}</span> <time datetime="${escapeHtml(u.at)}">${escapeHtml(shownTime(u.at))}</time><p>${escapeHtml(u.text)}</p></li>`,
    )
    .join("\n");
  return `<article id="${escapeHtml(incident.id)}">
<h3>${escapeHtml(incident.name)} <span class="status">(${escapeHtml(incident.status)})</span></h3>
<ul>
${updates}
</ul>
</article>`;
}

export function renderStatusAtom(view: StatusView, links: { self: string; page: string }): string {
  // Newest first, as feed readers expect.
  const items = view.incidents
    .flatMap((incident) => incident.updates.map((update) => ({ incident, update })))
    .sort((a, b) => b.update.at.localeCompare(a.update.at));
  const entries = items.map(
    ({ incident, update: u }) => `<entry>
<id>urn:warroom:status:${escapeXml(incident.id)}:${escapeXml(u.id)}</id>
<title>${escapeXml(`${incident.name} — ${u.status}`)}</title>
<updated>${escapeXml(u.at)}</updated>
<link rel="alternate" href="${escapeXml(`${links.page}#${incident.id}`)}"/>
<content type="text">${escapeXml(u.text)}</content>
</entry>`,
  );
  const updated = items[0]?.update.at ?? view.generatedAt;
  const heading = view.service === null ? view.title : `${view.title}: ${view.service}`;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>urn:warroom:status:${escapeXml(view.service ?? "*")}</id>
<title>${escapeXml(heading)}</title>
<updated>${escapeXml(updated)}</updated>
<author><name>${escapeXml(view.title)}</name></author>
<link rel="self" href="${escapeXml(links.self)}"/>
<link rel="alternate" href="${escapeXml(links.page)}"/>
${entries.join("\n")}
</feed>
`;
}
