/** `analyse(text, audience)`: lint one message for one audience. Pure and deterministic. */
import { buildContext } from "./context.js";
import { capPerRule, type RawHit, settle, toFinding } from "./findings.js";
import { DEFAULT_MAX_WORDS, severityFor } from "./policy.js";
import { RULES } from "./rules/index.js";
import { type AnalyseOptions, type Analysis, AUDIENCES, type Audience } from "./types.js";

export function analyse(text: string, audience: Audience, options: AnalyseOptions = {}): Analysis {
  if (!AUDIENCES.includes(audience)) throw new TypeError(`unknown audience: ${String(audience)}`);
  const input = typeof text === "string" ? text : "";
  const ctx = buildContext(input, audience);
  const ruleOptions = {
    now: options.now ?? null,
    maxWords: { ...DEFAULT_MAX_WORDS, ...definedOnly(options.maxWords) },
  };
  const raw: RawHit[] = [];
  for (const [ids, rule] of RULES) {
    if (!ids.some((id) => severityFor(id, audience) !== null)) continue;
    for (const hit of rule(ctx, ruleOptions)) {
      const base = severityFor(hit.rule, audience);
      if (base === null || hit.severity === null) continue;
      raw.push({
        rule: hit.rule,
        start: hit.start,
        end: hit.end,
        severity: hit.severity ?? base,
        ...(hit.detail !== undefined ? { detail: hit.detail } : {}),
      });
    }
  }
  const findings = settle(capPerRule(raw).map((h) => toFinding(input, h, audience)));
  return {
    audience,
    ok: !findings.some((f) => f.severity === "error"),
    findings,
    extracted: ctx.extracted,
    stats: { words: ctx.words, sentences: ctx.sentences.length },
  };
}

function definedOnly(limits: AnalyseOptions["maxWords"]): Partial<Record<Audience, number>> {
  const out: Partial<Record<Audience, number>> = {};
  for (const a of AUDIENCES) {
    const v = limits?.[a];
    if (typeof v === "number" && Number.isFinite(v) && v > 0) out[a] = Math.floor(v);
  }
  return out;
}
