/**
 * Word lists the rules match against. Phrases are matched word by word (see
 * `phrase-matcher.ts`): case, hyphens and contractions are handled there, so each
 * phrase is written once in its plain form.
 */

export { JARGON } from "./lexicon-jargon.js";

/** Admissions of not knowing. */
export const UNCERTAINTY = [
  "not sure",
  "unsure",
  "no idea",
  "no clue",
  "not clear",
  "unclear",
  "don't know",
  "dont know yet",
  "do not yet know",
  "don't know yet",
  "don't really know",
  "don't have a cause",
  "don't have an eta",
  "dunno",
  "idk",
  "not known",
  "not yet known",
  "unknown cause",
  "cause unknown",
  "cause is unknown",
  "cause is not known",
  "root cause unknown",
  "root cause is unknown",
  "no root cause yet",
  "no root cause",
  "no eta",
  "no eta yet",
  "no timeline yet",
  "still investigating",
  "still looking",
  "still looking into it",
  "still trying to figure out",
  "still trying to understand",
  "still figuring out",
  "still digging",
  "still unknown",
  "can't tell",
  "can't say",
  "hard to say",
  "hard to tell",
  "haven't figured out",
  "haven't found",
  "haven't identified",
  "have not identified",
  "have not found",
  "not identified yet",
  "not found yet",
  "yet to identify",
  "yet to find",
  "nobody knows",
  "no one knows",
  "something weird",
  "something odd",
  "something strange",
  "something funny",
  "weird patterns",
  "scratching our heads",
  "baffled",
  "puzzled",
  "mystery",
  "no explanation",
  "can't explain",
  "cannot explain",
  "not certain",
  "uncertain",
  "investigating the cause",
  "cause is still",
  "cause still",
  "nobody can tell",
  "no one can tell",
  "nobody can explain",
  "no one can explain",
  "can't tell why",
  "no answer yet",
  "not landed on an answer",
  "haven't landed on",
  "have not landed on",
  "haven't found the cause",
  "have not found the cause",
  "haven't pinned it down",
  "not pinned down",
  "still working through the possibilities",
  "still working through the different possibilities",
  "no clue what",
  "no idea what",
  "no idea why",
  "don't understand",
  "do not understand",
  "can't be sure",
  "cannot be sure",
  "can't confirm",
  "cannot confirm",
  "not confirmed yet",
  "not yet confirmed",
];

/** Blaming words that need no named subject, with the kind of blame they carry. */
export type BlameKind = "human-error" | "hindsight" | "person";

export const BLAME_WORDS: [phrase: string, kind: BlameKind][] = [
  ...(
    [
      "human error",
      "human mistake",
      "operator error",
      "pilot error",
      "user error",
      "engineer error",
      "engineering error",
      "careless",
      "carelessness",
      "carelessly",
      "negligence",
      "negligent",
      "incompetence",
      "incompetent",
      "sloppy",
      "sloppiness",
      "reckless",
      "recklessly",
      "lazy",
      "laziness",
      "fat finger",
      "fat fingered",
      "rookie mistake",
      "not paying attention",
      "wasn't paying attention",
      "lack of attention",
      "inattention",
      "inattentive",
    ] as const
  ).map((p): [string, BlameKind] => [p, "human-error"]),
  ...(
    [
      "should have known better",
      "didn't follow",
      "failed to follow",
      "neglected to",
      "ignored the checklist",
      "ignored the runbook",
      "ignored the process",
      "ignored the warning",
      "ignored the warnings",
      "ignored the alert",
      "ignored the alerts",
      "dropped the ball",
    ] as const
  ).map((p): [string, BlameKind] => [p, "hindsight"]),
  ...(
    [
      "his fault",
      "her fault",
      "their fault",
      "whose fault",
      "the fault of",
      "to blame",
      "blame on",
      "blamed on",
      "his mistake",
      "her mistake",
      "their mistake",
      "his error",
      "her error",
    ] as const
  ).map((p): [string, BlameKind] => [p, "person"]),
];

/** Alarmed words. */
export const PANIC = [
  "disaster",
  "disastrous",
  "catastrophe",
  "catastrophic",
  "nightmare",
  "meltdown",
  "melting down",
  "apocalypse",
  "armageddon",
  "chaos",
  "chaotic",
  "panic",
  "panicking",
  "freaking out",
  "freak out",
  "on fire",
  "everything is broken",
  "everything is down",
  "everything is on fire",
  "total mess",
  "complete mess",
  "dumpster fire",
  "we're screwed",
  "we are doomed",
  "doomed",
  "omg",
  "wtf",
  "holy shit",
  "oh no",
  "oh god",
  "what the hell",
  "all hell",
  "hell broke loose",
  "mayday",
  "sos",
  "insane",
  "worst ever",
  "worst outage",
  "unbelievable",
  "huge problem",
  "massive problem",
  "massive outage",
  "crisis",
];

/** Words that apologise. */
export const APOLOGY = [
  "sorry",
  "apologise",
  "apologize",
  "apologies",
  "apology",
  "apologising",
  "apologizing",
  "we regret",
  "regret the",
  "regret any",
  "deeply regret",
];

/** Acronyms written in capitals that are not shouting. */
export const ACRONYMS = new Set(
  (
    "SEV SEV1 SEV2 SEV3 SEV4 IC API APIS ETA UTC GMT BST CET CEST EST EDT PST PDT CST CDT IST JST AEST URL URLS DNS SQL CPU GPU " +
    "RAM AWS GCP CDN SLA SLAS SLO SLOS SLI RCA TBD TBC FYI ASAP QA UI UX PR PRS HR CEO CTO CFO COO CISO CIO VP SVP EVP GM PM " +
    "EU US USA UK EMEA APAC LATAM GDPR CCPA HIPAA PCI DSS PII PHI SOC SOC2 ISO HTTP HTTPS TLS SSL SSO SAML MFA OTP DB DBA VPN IP " +
    "ID IDS OK AM EOD COB EOW TL DR TLDR JSON YAML XML CSV PDF REST RPC SMS MMS CRM ERP SAAS IT IOS SDK CLI SRE NOC SOC OPS " +
    "DEVOPS BGP TCP UDP VPC QPS RPS OOM GC JVM AZ IAM KMS SES SNS SQS RDS EC2 EBS S3 ELB ALB NLB CI CD NTP SMTP IMAP LDAP " +
    "AD SLA-S P0 P1 P2 P3 P4 P99 P95 P50 SME DRI MTTR MTTD MTTA OKR KPI ARR MRR NPS B2B B2C POS ATM ACH SEPA KYC AML FAQ " +
    "ET PT CT MT Z UTC+1 NA N/A LLC INC LTD CSM AE SE TAM"
  ).split(" "),
);

/** Capitalised words that, even when short, are shouting rather than acronyms. */
export const SHOUT_WORDS = new Set(
  (
    "NOW STOP HELP DOWN ALL NOT MUST WHY WHAT HOW YES NO NEVER EVER NEED NEEDS AND THE THIS IS ARE WAS " +
    "HELL DEAD BAD FIX GO GET ME YOU WE OUR ANY OFF OUT BIG HUGE VERY REAL SO OMG WTF"
  ).split(" "),
);

/** People-ish subjects that are not names ("someone on the team"). */
export const GENERIC_PEOPLE = [
  "someone",
  "somebody",
  "someone on the team",
  "someone from the team",
  "one of our engineers",
  "one of the engineers",
  "one of our developers",
  "an engineer",
  "the engineer",
  "a developer",
  "the developer",
  "a dev",
  "the dev",
  "an operator",
  "the operator",
  "the intern",
  "an intern",
  "a junior engineer",
  "the junior engineer",
  "the new hire",
  "a new hire",
  "the contractor",
  "a contractor",
  "the on call",
  "the on call engineer",
  "the oncall",
  "the dba",
  "a team member",
  "the sre",
  "an sre",
  "ops",
  "he",
  "she",
  "they",
];

/** Capitalised words that start sentences and are not people. */
export const NOT_NAMES = new Set(
  (
    "the a an this that these those it its our we you they he she i there here what which who whose when where why how " +
    "if then so but and or because since after before while during yesterday today tonight tomorrow someone somebody " +
    "everyone everything nothing something anyone nobody checkout login payments payment search production prod staging " +
    "traffic deploy deployment release change config migration update patch script job cron database cache service system " +
    "server network vendor provider monday tuesday wednesday thursday friday saturday sunday january february march april " +
    "may june july august september october november december team engineering ops infra security support product " +
    "customers users impact timeline plan status incident outage issue root cause summary mitigation next note update " +
    "investigation resolution action actions owner owners decision rationale stakeholders communication roles role " +
    "immediate parallel work option options all some most many none no yes ok okay thanks thank please also just still " +
    "now currently unfortunately sadly again apparently basically initially finally later meanwhile earlier " +
    "restore rollback failover workaround fix hotfix backup recovery monitoring alerting testing review process " +
    "procedure checklist runbook pipeline build code data storage disk memory load queue worker api app site website " +
    "page platform dashboard portal feature request requests error errors latency performance cluster region zone " +
    "time date everybody anybody people staff folks one each every another other both either neither someone's " +
    "legal press media leadership management board executives exec execs ceo cto vp comms support sales marketing"
  ).split(" "),
);
