/** The score report's stylesheet, inlined into the page (the report loads nothing else). */
export const REPORT_CSS = `
:root { color-scheme: light; --ok: #1a7f37; --part: #9a6700; --miss: #cf222e; --ink: #1f2328; --dim: #59636e; --line: #d1d9e0; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0 auto; max-width: 960px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.meta { color: var(--dim); margin: 0 0 12px; }
.verdict { display: inline-block; font-weight: 700; padding: 2px 10px; border-radius: 12px; color: #fff; }
.verdict.pass { background: var(--ok); }
.verdict.fail { background: var(--miss); }
.total { font-size: 28px; font-weight: 700; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; vertical-align: top; }
th { color: var(--dim); font-weight: 600; font-size: 13px; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.bar { background: #eef1f4; border-radius: 4px; height: 12px; width: 100%; min-width: 120px; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--ok); }
.bar.part > span { background: var(--part); }
.bar.miss > span { background: var(--miss); }
.item { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.item header { display: flex; justify-content: space-between; gap: 12px; font-weight: 600; }
.item .advice { margin: 4px 0; }
.item.ok { border-left: 4px solid var(--ok); }
.item.part { border-left: 4px solid var(--part); }
.item.miss { border-left: 4px solid var(--miss); }
.critical { color: var(--miss); font-size: 12px; font-weight: 700; margin-left: 6px; }
ul.evidence { margin: 4px 0 0; padding-left: 18px; color: var(--dim); font-size: 14px; }
.words { font-style: italic; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; }
footer { color: var(--dim); font-size: 13px; margin-top: 32px; }
@media print { body { padding: 0; } .item { break-inside: avoid; } }
`;
