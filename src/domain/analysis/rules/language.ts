/** Words a reader outside the team should not meet: jargon, internal names, guesses, blame. */
import { findBlame } from "../blame.js";
import { JARGON } from "../lexicons.js";
import { PhraseMatcher } from "../phrase-matcher.js";
import { findTechTokens, type TechHit } from "../tech-tokens.js";
import type { Range } from "../tokenise.js";
import type { Hit, Rule } from "./rule.js";

const jargonTerms = new PhraseMatcher<"hard" | "soft">(JARGON);

/** Marks which characters are already covered by a finding, so overlap checks stay linear. */
class Coverage {
  private readonly taken: Uint8Array;
  constructor(length: number) {
    this.taken = new Uint8Array(length + 1);
  }
  overlaps(r: Range): boolean {
    for (let i = r.start; i < r.end; i++) if (this.taken[i]) return true;
    return false;
  }
  add(r: Range): void {
    this.taken.fill(1, r.start, r.end);
  }
}

const TECH_CACHE = new WeakMap<Parameters<Rule>[0], TechHit[]>();

/** Technical tokens of the message, found once and shared by the jargon and host-name rules. */
function techHits(ctx: Parameters<Rule>[0]): TechHit[] {
  const cached = TECH_CACHE.get(ctx);
  if (cached) return cached;
  const hits = findTechTokens(ctx.text, peopleOf(ctx));
  TECH_CACHE.set(ctx, hits);
  return hits;
}

function peopleOf(ctx: Parameters<Rule>[0]): Set<string> {
  const people = new Set<string>();
  for (const o of ctx.owners) people.add(o.person.toLowerCase());
  for (const r of ctx.roles) if (r.person) people.add(r.person.toLowerCase());
  return people;
}

export const hostnameRule: Rule = (ctx) =>
  techHits(ctx)
    .filter((h) => h.kind === "host")
    .map((h): Hit => ({ rule: "internal-hostname", start: h.start, end: h.end, detail: h.what }));

export const jargonRule: Rule = (ctx) => {
  const tech = techHits(ctx);
  const taken = new Coverage(ctx.text.length);
  for (const h of tech) if (h.kind === "host") taken.add(h);
  const hits: Hit[] = [];
  for (const h of tech) {
    if (h.kind !== "jargon" || taken.overlaps(h)) continue;
    hits.push({ rule: "jargon", start: h.start, end: h.end, detail: h.what });
    taken.add(h);
  }
  for (const m of jargonTerms.match(ctx.text, ctx.toks)) {
    if (taken.overlaps(m)) continue;
    // words inside an @handle or a hyphenated name are not jargon
    const prev = ctx.text[m.start - 1] ?? "";
    if (prev === "@" || /[\w-]/.test(prev) || /^[\w-]/.test(ctx.text[m.end] ?? "")) continue;
    hits.push({
      rule: "jargon",
      start: m.start,
      end: m.end,
      detail: m.value === "soft" ? "a borderline technical term" : "an engineering term",
      ...(m.value === "soft" ? { severity: "info" as const } : {}),
    });
    taken.add(m);
  }
  return hits;
};

export const blameRule: Rule = (ctx) =>
  findBlame(ctx.text, ctx.toks, "message").map((b): Hit => ({ rule: "blame.person", start: b.start, end: b.end }));
