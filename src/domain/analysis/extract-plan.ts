/**
 * Plans and triggers: "if no root cause by 14:25 we roll back", "we are restoring from
 * backup", "next step: fail over", "Plan: …", "@mike: deploy the workaround".
 */
import { NOT_NAMES } from "./lexicons.js";
import { clauses, labelOf, type Range } from "./tokenise.js";

export interface PlanHit extends Range {
  kind: "trigger" | "label" | "action" | "assignment";
}

const ACTION_VERBS = String.raw`roll(?:ing)?\s+(?:it\s+|this\s+|that\s+|the\s+\w+\s+)?back|revert|restor|fail(?:ing)?\s+over|failover|deploy|apply|applying|reroute|rerout|redirect|scal(?:e|ing)|restart|drain|disabl|enabl|migrat|patch|mitigat|implement|switch|mov(?:e|ing)|shift|isolat|block|throttl|rate[- ]limit|add|increas|rebuild|replay|reprocess|backfill|purg|flush|rotat|renew|replac|promot|reboot|recover|repair|fix|bypass|paus|halt|stop|freez|shed|cut(?:ting)?\s+over|execut|escalat|engag|page|paging|bring|push|ship|releas|turn|put|run|running|start|begin|kick|attempt|tak(?:e|ing)\s+(?:the|a|it|them|that|this)|contact|call|work(?:ing)?\s+(?:on|with)\s+(?:a\s+|the\s+|our\s+)?(?:fix|mitigation|workaround|restore|rollback|vendor|provider|recovery|patch)|prepar|spin|provision|clear|reset|re-?run|retry|retrying|re-?enabl|re-?deploy|roll(?:ing)?\s+out|divert|evacuat|route|routing|sync|resync|reindex|re-?index|truncat|expand|grow|bump|rais|lower|reduc|limit|quarantin|contain|revok|invalidat|refund|credit|notify the|open a ticket|open a case|file a|raise a|test(?:ing)?\s+(?:a|the)\s+(?:fix|patch|workaround)|validat|verify|verifying|monitor(?:ing)?\s+(?:the\s+)?(?:fix|recovery|rollback|mitigation)|go(?:ing)?\s+with|proceed|choos|select|pick|lock|unlock|upgrad|downgrad|resiz|rebalanc|reconfigur|configur|rewrit|rebuild|hotfix|back\s?fill|queu|re-?load|rerun|undo|print|clos(?:e|ing)|re-?open|notif|email|call\s+off|hand[- ]?(?:process|write|print)|swap|flip|toggl|kill|terminat|cordon|evict|resiz|bump|disconnect|reconnect|request|order|doing\s+(?:a\s+|an\s+|the\s+)?(?:rollback|roll\s+back|failover|fail\s+over|restore|revert|fix|hotfix|switch|migration|restart|reboot|patch)|go(?:ing)?\s+back\s+to|go(?:ing)?\s+to\s+(?:the\s+)?(?:old|previous|backup|standby|secondary|last)|return(?:ing)?\s+to|use\s+(?:the\s+)?(?:old|previous|backup|standby|secondary)|keep(?!\s+(?:you|u|everyone|all|them|stakeholders|folks|people|leadership|customers|the team|posting|updating)\b)|hold|gather|draft`;

const TRIGGER =
  /\b(?:if|unless|in case|should (?:this|that|it|the \w+) (?:not|fail)|failing that|otherwise|if not|if that (?:fails|doesn't work|does not work))\b/i;
const TRIGGER_ACTION = new RegExp(
  String.raw`(?:\b(?:we|i|the team|the \w+ team|@[\w.-]{1,40}|[A-Z][a-z]+)(?:'ll|'d|\s+will|\s+would|\s+are going to|'re going to|ll)?\s+(?:[\w']+\s+){0,2}?|\bthen\s+|,\s*)(?:${ACTION_VERBS})`,
  "i",
);
const GERUND_START =
  /^\s*(?:now\s+|currently\s+|also\s+|next,?\s+|then\s+|meanwhile,?\s+|still\s+)?(?!starting\s+(?:at|from)|beginning\s+at)([a-z]+(?:-[a-z]+)?ing)\b/i;
const ACTION_AT_START = new RegExp(`^(?:${ACTION_VERBS})`, "i");
const CLAUSE_START_ACTION =
  /^\s*(?:now\s+|currently\s+|also\s+|next,?\s+|then\s+|meanwhile,?\s+)?(?:(?:roll back|fail over|revert|restore|restart|drain|disable|enable|deploy|apply|scale|promote|reboot|purge|flush|pause|halt|stop|freeze|block|throttle|reroute|redirect|switch|page|escalate|engage|bring)\s+(?:the|a|an|to|it|this|that|all|now|back|over|traffic|writes|reads|in|up|down|out)\b)/i;
const NAMED_ASSIGNMENT = new RegExp(
  String.raw`(?:^|[\s(])([A-Za-z][\w.-]{1,30})\s*(?::|\bto\b|\bwill\b)\s*(?:please\s+)?(?:${ACTION_VERBS}|check|investigat|look into|find|pull|confirm|own|lead|handle|draft|write|prep|coordinat|assess|measure|estimat)`,
  "i",
);

/** A "Label:" that introduces a plan: "Plan:", "Current plan unchanged:", "Next steps:", "IC decision:". */
const PLAN_LABEL =
  /\b(?:plan|plans|mitigation|mitigating|next\s+steps?|next\s+action|actions?|fallback|workaround|decision|remediation|recovery|fix|fixing|remedy|contingency|escalation|trigger|proposal|options?|approach|strategy)\b|^(?:doing|now|what's next|what we(?:'re| are) doing|immediate|parallel work|response|if not fixed.*|if .{1,40})$/i;

const ONGOING = new RegExp(
  String.raw`\b(?:we(?:'re|\s+are|re)|were(?=\s+\w+ing\b)|(?:the\s+)?(?:\w+\s+)?(?:team|teams|engineers|engineering|sre|ops|on-?call|vendor|provider)\s+(?:is|are)|i(?:'m|\s+am|m)|(?:currently|now|actively)(?=\s+\w+ing\b))\s+(?:now\s+|currently\s+|actively\s+|already\s+|also\s+|in the process of\s+|about to\s+|preparing to\s+|getting ready to\s+)?(?:${ACTION_VERBS})\w*`,
  "i",
);
const FUTURE = new RegExp(
  String.raw`\b(?:we(?:'ll|\s+will|ll|\s+are going to|'re going to|\s+plan to|\s+intend to|\s+have decided to|'ve decided to|\s+decided to|\s+will now|\s+need to|\s+should|\s+can|\s+must|'re about to|\s+are about to)|i(?:'ll|\s+will|\s+am going to|'m going to|'ve decided to|\s+have decided to|\s+decided to)|(?:the\s+)?plan is to|next(?:\s+step)?(?:\s+is)?(?:\s+to)?|then|(?:the\s+)?(?:\w+\s+)?team will|going with|decision:?|we're going with|option [a-e] (?:is|it is)|(?:is|are)\s+(?:now\s+|currently\s+)?being|will\s+(?:now\s+|then\s+)?be)\s+(?:now\s+|then\s+|immediately\s+|first\s+|also\s+|likely\s+|probably\s+)?(?:${ACTION_VERBS})`,
  "i",
);
/**
 * "Sarah is restoring", "@kai will revert": a named person doing an action. Case-sensitive, so
 * "the queue is growing" or "traffic will increase" (observations) are not read as plans.
 */
const NAMED_DOING = new RegExp(
  String.raw`(?<![\w@.-])(@[\w.-]{1,40}|[A-Z][a-z][\w-]{0,40})\s+(?:is|will|'s|'ll)\s+(?:now\s+|currently\s+|also\s+|then\s+|be\s+)?(?:${ACTION_VERBS})`,
  "",
);
const ASSIGNMENT = new RegExp(
  String.raw`(?:^|[\s(])(@[\w.-]{1,40})\s*[:,-]?\s*(?:please\s+|pls\s+|can you\s+|could you\s+)?(?:${ACTION_VERBS}|check|investigat|look|find|get|pull|confirm|own|lead|handle|draft|write|prep|set up|stand by|stay|coordinat|assess|measure|estimat)`,
  "i",
);
/** "Rollback in progress", "New key requested", "Failover underway": an action reported by its status. */
/** "We have paused the promotion", "we've disabled sign-ups": an action already taken. */
const TAKEN = new RegExp(
  String.raw`\bwe(?:'ve|\s+have|\s+had)\s+(?:now\s+|already\s+|just\s+|also\s+)?(?:${ACTION_VERBS})\w*`,
  "i",
);
const ACTION_STATUS =
  /^(?!.*\b(?:investigat|look|analy|review|diagnos|triag|discuss)\w*\b)(?:[\w'-]+\s+){0,4}?(?:in\s+progress|underway|under\s+way|initiated|kicked\s+off|requested|escalated|ordered|scheduled|queued)\b/i;
/** "Fix is being tested", "The rollback will start at 10:00": the remedy itself as the subject. */
const REMEDY_SUBJECT =
  /\b(?:fix|patch|hotfix|workaround|rollback|roll-?back|revert|restore|failover|fail-?over|mitigation|migration|new build|fixed build|fixed version|new version|update)\s+(?:is|are|was|will|has been)\s+(?:now\s+|currently\s+)?(?:being\s+\w+|in\s+progress|underway|ready|rolling\s+out|deploying|going\s+out|on\s+its\s+way|(?:be\s+)?(?:deployed|released|shipped|applied|started|live))/i;
const COMMS_ONLY =
  /^\w*\s*(?:[\w']+\s+)?(?:updat|post|let\b|keep|shar|tell|inform|notif|send|communicat|respond|repl|answer)/i;

export { ACTION_VERBS };

export function findPlans(text: string, sentences: readonly Range[]): PlanHit[] {
  const out: PlanHit[] = [];
  for (const sentence of sentences) {
    const body = text.slice(sentence.start, sentence.end);
    const label = labelOf(text, sentence);
    if (label && PLAN_LABEL.test(label.name) && sentence.end > label.contentStart) {
      const content = text.slice(label.contentStart, sentence.end);
      if (!/^\s*(?:none|tbd|tbc|unknown|n\/a|\?+)\s*[.!]?\s*$/i.test(content)) {
        out.push(trim(text, { start: label.contentStart, end: sentence.end, kind: "label" }));
        continue;
      }
    }
    const trigger = TRIGGER.exec(body);
    if (trigger && !/^if\s+you\b/i.test(body.slice(trigger.index))) {
      const rest = body.slice(trigger.index);
      if (TRIGGER_ACTION.test(rest)) {
        out.push(trim(text, { start: sentence.start + trigger.index, end: sentence.end, kind: "trigger" }));
        continue;
      }
    }
    for (const clause of clauses(text, sentence)) {
      const cbody = text.slice(clause.start, clause.end);
      const m = ONGOING.exec(cbody) ?? FUTURE.exec(cbody) ?? namedDoing(cbody);
      if (m && !COMMS_ONLY.test(cbody.slice(m.index + m[0].length))) {
        out.push(trim(text, { start: clause.start + m.index, end: clause.end, kind: "action" }));
        break;
      }
      const g = GERUND_START.exec(cbody);
      const gerund =
        (g?.[1] && ACTION_AT_START.test(cbody.slice(g.index + g[0].length - g[1].length))) ||
        CLAUSE_START_ACTION.test(cbody);
      if (gerund) {
        out.push(trim(text, { start: clause.start, end: clause.end, kind: "action" }));
        break;
      }
      if (ACTION_STATUS.test(cbody) || REMEDY_SUBJECT.test(cbody) || TAKEN.test(cbody)) {
        out.push(trim(text, { start: clause.start, end: clause.end, kind: "action" }));
        break;
      }
      const joined = joinedAction(cbody);
      if (joined !== null) {
        out.push(trim(text, { start: clause.start + joined, end: clause.end, kind: "action" }));
        break;
      }
      const a = ASSIGNMENT.exec(cbody) ?? namedAssignment(cbody);
      if (a?.[1]) {
        const at = cbody.indexOf(a[1], a.index);
        out.push(trim(text, { start: clause.start + at, end: clause.end, kind: "assignment" }));
        break;
      }
    }
  }
  return out;
}

/** Teams that act as a subject ("Support is contacting the merchants"), though not personal names. */
const DEPARTMENTS = new Set(
  "support engineering ops infra security legal comms product sre dba finance marketing sales it".split(" "),
);

function namedDoing(body: string): RegExpExecArray | null {
  const m = NAMED_DOING.exec(body);
  const who = m?.[1]?.toLowerCase() ?? "";
  if (!m || (NOT_NAMES.has(who) && !DEPARTMENTS.has(who))) return null;
  return m;
}

function namedAssignment(body: string): RegExpExecArray | null {
  const m = NAMED_ASSIGNMENT.exec(body);
  if (!m?.[1] || NOT_NAMES.has(m[1].toLowerCase())) return null;
  // a lower-case word is a name only where the clause starts: "lisa to prep the failover"
  const at = body.indexOf(m[1], m.index);
  if (!/^[A-Z@]/.test(m[1]) && body.slice(0, at).trim() !== "") return null;
  return m;
}

/** "we are making sure nothing is lost, and switching the page to read-only": an action joined to a "we are". */
const JOINED_GERUND =
  /(?:,\s*and|\band|,)\s+(?:(?:will|shall|'ll|is going to|are going to)\s+)?(?:now\s+|also\s+|then\s+)?([a-z]+)\b/gi;
const ONGOING_SUBJECT = /\b(?:we|(?:the\s+)?(?:\w+\s+)?(?:team|teams|engineers|engineering))\b/i;

function joinedAction(body: string): number | null {
  if (!ONGOING_SUBJECT.test(body)) return null;
  for (const m of body.matchAll(JOINED_GERUND)) {
    const verb = m[1] ?? "";
    const at = m.index + m[0].length - verb.length;
    // a gerund ("and switching …") or a future ("and will revert …")
    const shaped = verb.endsWith("ing") || /\b(?:will|shall|'ll|going to)\s+/i.test(m[0]);
    if (shaped && ACTION_AT_START.test(body.slice(at))) return at;
  }
  return null;
}

function trim(text: string, hit: PlanHit): PlanHit {
  let { start, end } = hit;
  while (end > start && /[\s.,;:!]/.test(text[end - 1] ?? "")) end--;
  while (start < end && /\s/.test(text[start] ?? "")) start++;
  return { ...hit, start, end };
}
