/**
 * Technical-looking tokens: internal host names, IPs, internal URLs, Kubernetes names,
 * code identifiers, commands, file paths, hex ids and error codes. Tokens are cut with one
 * flat character class and classified in code, so the cost stays linear on any input.
 */
import type { Range } from "./tokenise.js";

export type TechKind = "host" | "jargon";
export interface TechHit extends Range {
  kind: TechKind;
  /** What it looks like, for the message: "IP address", "snake_case identifier", … */
  what: string;
}

const TOKEN = /(?<![\w@./:%=?&#~+\\-])[\w][\w./:@%?=&#~+\\-]*/g;

const INTERNAL_TLD =
  /\.(?:internal|local|corp|lan|intranet|svc|priv|private|int|localdomain|home\.arpa|cluster\.local)$/i;
const INTERNAL_URL_WORDS =
  /(?:^|[.-])(?:internal|corp|intranet|admin|grafana|kibana|jenkins|jira|confluence|vault|consul|argocd|argo|staging|stg|dev|prometheus|sentry|splunk|datadog|pagerduty|k8s|cluster|localhost|intra|vpn|bastion|console)(?:[.-]|$)/i;
const K8S_REF =
  /^(?:pod|pods|deployment|deploy|svc|service|ns|namespace|node|statefulset|sts|daemonset|ds|job|cronjob|configmap|cm|secret|ingress|replicaset|rs)\/[\w.-]+$/i;
const POD_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*-[a-z0-9]{8,10}-[a-z0-9]{5}$/;
const REGION =
  /^(?:us|eu|ap|sa|ca|me|af|il|us-gov)-(?:east|west|north|south|central|northeast|southeast|northwest|southwest)-\d$/i;
const NOT_HOST_PREFIX = new Set(
  "sev p t covid phase step round wave tier level option plan version v day week q top part item group batch stage sprint iso utf sha md x y h mp pci soc type class case ticket inc jira issue pr gen series model window f b a e c d hipaa gdpr web3 log4j t-minus follow check sign log opt pre post non re co self high low mid multi".split(
    " ",
  ),
);
const SERVICE_SUFFIX = new Set(
  "svc service api worker workers gateway gw proxy db cache queue consumer producer cron job daemon lb backend server srv cluster broker replica primary shard node pod redis kafka mq es pg mysql mongo prod production staging stg canary internal rds elb alb".split(
    " ",
  ),
);
const ENV_PREFIX = new Set("prod stg staging dev int k8s eks gke aks".split(" "));
const FILE_EXT =
  /\.(?:log|ya?ml|json|conf|cfg|ini|ts|js|mjs|py|go|java|rb|sh|sql|xml|toml|env|properties|tf|tfvars|jar|war|so|dll|exe|pem|crt|key|lock|csv)$/i;
const TECH_SUFFIX =
  /(?:Exception|Error|Service|Controller|Handler|Manager|Factory|Pool|Client|Server|Config|Worker|Queue|Cache|Repository|Impl|Provider|Adapter|Listener|Job|Task|Request|Response|Timeout|Builder|Helper|Utils?|Module|Resolver|Gateway|Proxy|Consumer|Producer)$/;
const CAMEL_ALLOW = new Set([
  "iPhone",
  "iPad",
  "iPod",
  "iOS",
  "macOS",
  "eBay",
  "iCloud",
  "iTunes",
  "watchOS",
  "tvOS",
  "iPadOS",
  "eCommerce",
  "eMail",
  "youTube",
]);

function isIPv4(t: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?::\d{1,5})?$/.exec(t);
  return m !== null && [m[1], m[2], m[3], m[4]].every((o) => Number(o) <= 255);
}

function classify(tok: string, people: ReadonlySet<string>): { kind: TechKind; what: string } | null {
  const lower = tok.toLowerCase();
  if (/^https?:\/\//i.test(tok)) {
    const host = lower.replace(/^https?:\/\//, "").split(/[/:?#]/)[0] ?? "";
    if (
      isIPv4(host) ||
      host === "localhost" ||
      INTERNAL_TLD.test(host) ||
      INTERNAL_URL_WORDS.test(host) ||
      !host.includes(".")
    ) {
      return { kind: "host", what: "internal URL" };
    }
    return null;
  }
  if (isIPv4(tok)) return { kind: "host", what: "IP address" };
  if (/^localhost(?::\d+)?$/i.test(tok)) return { kind: "host", what: "internal host name" };
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?$/i.test(tok) && INTERNAL_TLD.test(lower.replace(/:\d+$/, ""))) {
    return { kind: "host", what: "internal host name" };
  }
  if (K8S_REF.test(tok)) return { kind: "host", what: "Kubernetes object name" };
  if (POD_NAME.test(tok)) return { kind: "host", what: "Kubernetes pod name" };
  if (REGION.test(tok)) return { kind: "jargon", what: "cloud region" };
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tok))
    return { kind: "jargon", what: "id" };
  if (/^(?:0x)?[0-9a-f]{7,64}$/i.test(tok) && /\d/.test(tok) && /[a-f]/i.test(tok))
    return { kind: "jargon", what: "hex id" };
  if (/^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/.test(tok) && !people.has(lower)) {
    const parts = tok.split("-");
    const first = parts[0] ?? "";
    const last = parts[parts.length - 1] ?? "";
    if (!NOT_HOST_PREFIX.has(first)) {
      if (/\d/.test(last) && /^[a-z]/.test(first) && first.length >= 2) return { kind: "host", what: "host name" };
      if (SERVICE_SUFFIX.has(last) || (ENV_PREFIX.has(first) && parts.length >= 2)) {
        return { kind: "host", what: "internal service name" };
      }
    }
  }
  if (
    /^(?:\/[\w.-]+){2,}\/?$/.test(tok) ||
    (/[/]/.test(tok) && FILE_EXT.test(tok)) ||
    (/^[\w-]+\.[\w.-]*$/.test(tok) && FILE_EXT.test(tok))
  ) {
    return { kind: "jargon", what: "file path" };
  }
  if (/^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/i.test(tok)) return { kind: "jargon", what: "code identifier" };
  if (/^[a-z]+[A-Z][A-Za-z0-9]*$/.test(tok) && !CAMEL_ALLOW.has(tok))
    return { kind: "jargon", what: "code identifier" };
  if (
    /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+){1,}$/.test(tok) &&
    (TECH_SUFFIX.test(tok) || /(?:[A-Z][a-z0-9]+){3,}/.test(tok))
  ) {
    return { kind: "jargon", what: "code identifier" };
  }
  if (/^(?:E|ERR|ERROR)[-_]?\d{2,}$/i.test(tok) || /^[A-Z]{2,6}-\d{3,}$/.test(tok) || /^0x[0-9a-f]+$/i.test(tok)) {
    return { kind: "jargon", what: "error code" };
  }
  return null;
}

const CODE_SPANS: [RegExp, string][] = [
  [/(?<![\w/.-])\/[\w.-]+(?:\/[\w.-]+)+\/?/g, "file path"],
  [/`[^`\n]{1,120}`/g, "code"],
  [/(?<![\w-])--[a-z][\w-]{1,40}/gi, "command-line flag"],
  [/\b[A-Za-z_][\w.]{0,60}\(\)/g, "function call"],
  [/(?:^|\s)\$\s+[a-z][\w-]*/gm, "shell command"],
  [
    /\b[45]\d\d(?=\s+(?:errors?|responses?|status(?:es)?|codes?|bad gateway|service unavailable|gateway timeout|internal server error)\b)|\b[45]\d\ds\b|\b[45]xx\b|\bhttp\s?[45]\d\d\b|\b(?:status|code)\s*[:=]?\s*[45]\d\d\b/gi,
    "HTTP status code",
  ],
];

export function findTechTokens(text: string, people: ReadonlySet<string>): TechHit[] {
  const out: TechHit[] = [];
  for (const m of text.matchAll(TOKEN)) {
    let tok = m[0];
    // trailing punctuation belongs to the sentence, not the token
    while (tok.length > 0 && /[.,:;?!=&#~+/-]$/.test(tok) && !/^(?:\/[\w.-]+){2,}\/$/.test(tok)) tok = tok.slice(0, -1);
    if (tok.length < 3) continue;
    const c = classify(tok, people);
    if (c) out.push({ start: m.index, end: m.index + tok.length, ...c });
  }
  for (const [re, what] of CODE_SPANS) {
    for (const m of text.matchAll(re)) {
      const lead = m[0].length - m[0].trimStart().length;
      out.push({ start: m.index + lead, end: m.index + m[0].length, kind: "jargon", what });
    }
  }
  return out;
}
