/**
 * Owners and roles: "@sarah-db", "sarah-db is leading", "owner: lisa", "IC: alex",
 * "Tech Lead: sarah", "@lisa-sre - Infrastructure Lead", "I am the Incident Commander".
 */
import { ACTION_VERBS } from "./extract-plan.js";
import { NOT_NAMES } from "./lexicons.js";
import type { Range } from "./tokenise.js";

export interface OwnerHit extends Range {
  person: string;
}
export interface RoleHit extends Range {
  role: string;
  person: string | null;
}

const ROLE =
  "(?:incident commander|incident lead|deputy(?: ic| incident commander)?|ic deputy|scribe|note-?taker|tech(?:nical)? lead|comms? lead|communications? lead|customer liaison|internal liaison|external liaison|ops lead|operations lead|planning lead|infra(?:structure)? lead|app(?:lication)? lead|db lead|database lead|security lead|subject matter expert|sme|exec(?:utive)? stakeholder|exec(?:utive)? sponsor|exec(?:utive)? liaison|business impact(?: lead| assessment)?|support lead|customer support lead|product lead|primary on-?call|secondary on-?call|on-?call|ic|[A-Z][a-z]+ Lead)";
const HANDLE = String.raw`@[\w][\w.-]{0,40}[\w]|@[\w]`;
const NAME = String.raw`@?[A-Za-z][\w.-]{0,40}[\w]|@?[A-Za-z]`;
const OPEN = /^(?:tbd|tbc|tba|none|unassigned|open|vacant|needed|nobody|n\/a|\?+)$/i;
const SELF = /^(?:me|myself|i)$/i;

const ROLE_THEN_PERSON = new RegExp(
  String.raw`(?<![\w@.-])(${ROLE})(?![\w-])\s*(?:[:=]|->|=>|\s-\s|\s+is\s+(?:now\s+)?|\s+will be\s+)\s*(${NAME}|tbd|tbc|tba|n\/a|\?+)`,
  "gi",
);
const PERSON_THEN_ROLE = new RegExp(
  String.raw`(?<![\w@.-])(${NAME})\s*(?:[:=]|\s-\s|-|\s+is\s+(?:now\s+)?(?:the\s+|our\s+|acting\s+)?|\s+as\s+(?:the\s+|our\s+|acting\s+)?|\s+will be\s+(?:the\s+|our\s+)?|,\s+(?:our|the)\s+)\s*(${ROLE})(?![\w-])`,
  "gi",
);
const SELF_ROLE = new RegExp(
  String.raw`\b(?:i(?:'m|\s+am|m)\s+(?:now\s+)?(?:the\s+|your\s+|acting\s+|taking\s+(?:over\s+as\s+)?)*|i(?:'ll|\s+will)\s+(?:be|act as|take)\s+(?:the\s+|acting\s+)?|taking\s+(?:over\s+as\s+)?)(${ROLE})(?![\w-])`,
  "gi",
);

const OWNER_LABEL = new RegExp(
  String.raw`\b(?:owners?|owned by|assigned to|assignee|dri|led by|handled by|driven by|point person|on point)\s*[:=-]?\s*(${NAME})`,
  "gi",
);
const OWNER_IS = new RegExp(
  String.raw`(?<![\w@.-])(${NAME})\s+(?:is|'s)\s+(?:now\s+|currently\s+)?(?:leading|driving|owning|handling|on it|on point|running point|taking (?:this|it|point|the \w+)|working (?:on|through)|investigating|looking into|checking|on the \w+|the owner|owner|responsible for|coordinating|running the|(?:${ACTION_VERBS})\w*)`,
  "gi",
);
const OWNER_WILL = new RegExp(
  String.raw`(?<![\w@.-])(${NAME})\s+(?:owns|will own|will lead|will drive|will handle|will coordinate|will investigate|executes|verifies|leads|handles|drives|runs|coordinates|investigates|checks|confirms|monitors|takes (?:it|this|point)|to (?:own|lead|drive|handle|investigate|deploy|restore|run|prepare|draft|write|fix|check|confirm|coordinate|look into|roll back|fail over|execute|verify|monitor|page|contact|call))\b`,
  "gi",
);
const HANDLE_ASSIGNED = new RegExp(
  String.raw`(${HANDLE})(?=\s*(?:[:,(]|\s-\s|-\s|\s+(?:is|will|to|owns|has|takes|taking|leads|leading|please|pls|can you|could you|on\b|handles|handling|investigat|working|checking|driving|running|please|keep|start|deploy|restore|check|look|prepare|prep|roll|fail|take|own|lead|handle|draft|write|run|get|find|confirm|pull|stand|watch|monitor|page|call|contact|ping|coordinate|verify|validate|drive|stay|fix|revert|apply|scale|restart|drain|disable|enable|promote)\b))`,
  "gi",
);

function personOf(raw: string): string {
  return raw.replace(/^@/, "");
}

function plausiblePerson(raw: string): boolean {
  if (raw.startsWith("@")) return raw.length > 1;
  const bare = raw.toLowerCase();
  if (NOT_NAMES.has(bare) || OPEN.test(bare) || SELF.test(bare)) return false;
  if (/^\d/.test(bare) || bare.length < 2) return false;
  return !COMMON.has(bare);
}

/** Words that follow "X:" or "X is" often enough to be mistaken for names. */
const COMMON = new Set(
  "out on in off up down back here there not being going done ready available unavailable away sick busy lead owner who".split(
    " ",
  ),
);

export function findRoles(text: string): RoleHit[] {
  const out: RoleHit[] = [];
  for (const m of text.matchAll(ROLE_THEN_PERSON)) {
    const role = m[1] ?? "";
    const who = m[2] ?? "";
    if (!isRole(role)) continue;
    const open = OPEN.test(who);
    if (!open && !plausiblePerson(who) && !SELF.test(who)) continue;
    // "Tech lead is investigating": after "is", only a handle or a capitalised name is a person
    const sep = m[0].slice(role.length, m[0].length - who.length);
    if (/\b(?:is|will be)\b/i.test(sep) && !open && !/^@|^[A-Z]/.test(who)) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      role: role.trim(),
      person: open || SELF.test(who) ? null : personOf(who),
    });
  }
  for (const m of text.matchAll(PERSON_THEN_ROLE)) {
    const who = m[1] ?? "";
    const role = m[2] ?? "";
    if (!isRole(role) || !plausiblePerson(who)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, role: role.trim(), person: personOf(who) });
  }
  for (const m of text.matchAll(SELF_ROLE)) {
    const role = m[1] ?? "";
    if (!isRole(role)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, role: role.trim(), person: null });
  }
  return dedupe(out);
}

/** A generic "X Lead" must look like a role title, not "the lead" or "a lead". */
function isRole(role: string): boolean {
  return !/^(?:the|a|an|our|my|your|their|his|her) lead$/i.test(role);
}

export function findOwners(text: string): OwnerHit[] {
  const out: OwnerHit[] = [];
  const add = (re: RegExp, whole: boolean) => {
    for (const m of text.matchAll(re)) {
      const who = m[1] ?? "";
      if (!plausiblePerson(who)) continue;
      const at = whole ? m.index : m.index + m[0].indexOf(who);
      const end = whole ? m.index + m[0].length : at + who.length;
      out.push({ start: at, end, person: personOf(who) });
    }
  };
  add(OWNER_LABEL, true);
  add(OWNER_IS, true);
  add(OWNER_WILL, true);
  add(HANDLE_ASSIGNED, false);
  const seen = new Set<string>();
  return dedupe(out).filter((o) => {
    const key = o.person.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dedupe<T extends Range>(hits: T[]): T[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: T[] = [];
  let reach = -1;
  for (const h of hits) {
    if (h.start < reach) continue;
    out.push(h);
    reach = h.end;
  }
  return out;
}
