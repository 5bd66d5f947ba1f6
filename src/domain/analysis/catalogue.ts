/**
 * What each rule says: a one-line message and a one-line suggestion, in the product's own
 * words. `{x}` is replaced by the excerpt, `{audience}` by the audience, `{detail}` by a
 * rule-specific detail.
 */
import type { RuleId } from "./policy.js";

export interface RuleText {
  message: string;
  suggestion: string;
}

export const RULE_TEXT: Record<RuleId, RuleText> = {
  "impact.missing": {
    message: "The message does not say who is affected or how badly.",
    suggestion: 'Open with the impact in plain words, e.g. "About 5% of customers cannot sign in."',
  },
  "impact.not-first": {
    message: "The impact comes late; an executive reads the first lines only.",
    suggestion: "Move the impact statement to the first sentence, before the details.",
  },
  "timeline.missing": {
    message: "No timeline: when it started, how long it has lasted, or when it should end.",
    suggestion: 'Add when it began and how long it has run, e.g. "Started 14:03 UTC, 20 minutes so far."',
  },
  "next-update.missing": {
    message: "The reader is not told when the next update will come.",
    suggestion: 'End with a time for the next update, e.g. "Next update at 14:30 UTC."',
  },
  "next-update.past": {
    message: "The next-update time {x} has already passed.",
    suggestion: "Give a next-update time that is still ahead of the clock.",
  },
  "plan.missing": {
    message: "No plan: the message does not say what is being done or what happens if it fails.",
    suggestion: 'State the current action and its trigger, e.g. "If not fixed by 14:25 we roll back."',
  },
  jargon: {
    message: '"{x}" is technical language ({detail}) for {reader}.',
    suggestion: 'Say what it means for the reader instead, e.g. "a recent change" or "some requests fail".',
  },
  "internal-hostname": {
    message: '"{x}" is an internal {detail} and means nothing outside the team.',
    suggestion: 'Name the feature people use instead, e.g. "sign-in" or "the checkout page".',
  },
  "uncertainty.no-plan": {
    message: 'Admits "{x}" without saying how or when it will be found out.',
    suggestion: 'Pair the unknown with the next step and a time, e.g. "we will know by 14:25 and update you then."',
  },
  speculation: {
    message: 'Guesses at a cause: "{x}".',
    suggestion: "Report what is confirmed; say a cause is under investigation until it is known.",
  },
  "blame.person": {
    message: 'Points at a person as the cause: "{x}".',
    suggestion: "Describe what the system allowed to happen, not who did it.",
  },
  "eta.promise": {
    message: 'Commits to a resolution time: "{x}".',
    suggestion: "Promise the next update time instead of a fix time, or mark it clearly as an estimate.",
  },
  length: {
    message: "{detail} words; a message for {reader} should stay under {limit}.",
    suggestion: "Cut the play-by-play and keep impact, timeline, plan and next update.",
  },
  "sentence.long": {
    message: "A sentence of {detail} words is hard to take in during an incident.",
    suggestion: "Split it into short sentences, one fact each.",
  },
  "tone.panic": {
    message: '"{x}" sounds alarmed.',
    suggestion: "State the facts calmly; the reader takes their cue from your tone.",
  },
  "tone.exclamation": {
    message: 'Exclamation marks ("{x}") read as shouting.',
    suggestion: "Use plain full stops; let the facts carry the urgency.",
  },
  "apology.missing": {
    message: "The message about an outage does not apologise to customers.",
    suggestion: 'Add a short, sincere apology, e.g. "We are sorry for the disruption."',
  },
  "data-loss.unstated": {
    message: 'The resolution message ("{x}") does not say whether any data was lost.',
    suggestion: 'Say plainly whether data was lost, e.g. "No data was lost."',
  },
  "data.unstated": {
    message: "Legal needs to know what data, if any, was involved.",
    suggestion: 'State the data involved or that none was, e.g. "No personal data was exposed."',
  },
};
