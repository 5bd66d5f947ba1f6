/** Evaluator name → code. Every name in `params.ts` has exactly one entry (the type says so). */
import type { RubricContext } from "./context.js";
import { expectationsManaged, updateClarity, updateDetail } from "./evaluators-communication.js";
import {
  chaosPrevented,
  decisionDocumented,
  rolesAssigned,
  singleSource,
  techChannel,
  voicesHeard,
} from "./evaluators-coordination.js";
import { optionsGathered, reasoningJustified, timelyDecision, tradeOffsAssessed } from "./evaluators-decision.js";
import {
  crossCoordination,
  frontsDocumented,
  frontsPostmortem,
  frontsResolved,
  tradeoffsRecorded,
  updateCadence,
} from "./evaluators-fronts.js";
import { commandHandover, commandRelinquished, handoverBriefing } from "./evaluators-handover.js";
import {
  postmortemActions,
  postmortemBlameless,
  postmortemWritten,
  questionStyle,
  stepsInOrder,
} from "./evaluators-postmortem.js";
import {
  actionItemsAdded,
  decisionKind,
  declaration,
  resolutionSummary,
  severityRevised,
  stoodDown,
  verifiedFirst,
} from "./evaluators-procedure.js";
import {
  analyserRules,
  audiencesInformed,
  consulted,
  factsRevealed,
  messageConcepts,
  triggerSet,
} from "./evaluators-process.js";
import { staffingPlan } from "./evaluators-staffing.js";
import { deadlineMet, resourceAllocation, triage } from "./evaluators-triage.js";
import type { EvaluatorName, EvaluatorParams } from "./params.js";
import type { ItemOutcome } from "./types.js";

type Evaluator<K extends EvaluatorName> = (ctx: RubricContext, params: EvaluatorParams<K>) => ItemOutcome;

export const EVALUATORS: { [K in EvaluatorName]: Evaluator<K> } = {
  "roles-assigned": rolesAssigned,
  "single-source": singleSource,
  "tech-channel": techChannel,
  "voices-heard": voicesHeard,
  "chaos-prevented": chaosPrevented,
  "decision-documented": decisionDocumented,
  "options-gathered": optionsGathered,
  "trade-offs-assessed": tradeOffsAssessed,
  "timely-decision": timelyDecision,
  "reasoning-justified": reasoningJustified,
  "update-clarity": updateClarity,
  "update-detail": updateDetail,
  "expectations-managed": expectationsManaged,
  "analyser-rules": analyserRules,
  "message-concepts": messageConcepts,
  "facts-revealed": factsRevealed,
  consulted,
  "audiences-informed": audiencesInformed,
  "trigger-set": triggerSet,
  triage,
  "resource-allocation": resourceAllocation,
  "staffing-plan": staffingPlan,
  "deadline-met": deadlineMet,
  "cross-coordination": crossCoordination,
  "update-cadence": updateCadence,
  "tradeoffs-recorded": tradeoffsRecorded,
  "fronts-documented": frontsDocumented,
  "fronts-postmortem": frontsPostmortem,
  "fronts-resolved": frontsResolved,
  "postmortem-written": postmortemWritten,
  "postmortem-blameless": postmortemBlameless,
  "postmortem-actions": postmortemActions,
  "steps-in-order": stepsInOrder,
  "question-style": questionStyle,
  "action-items-added": actionItemsAdded,
  declaration,
  "severity-revised": severityRevised,
  "stood-down": stoodDown,
  "resolution-summary": resolutionSummary,
  "verified-first": verifiedFirst,
  "decision-kind": decisionKind,
  "command-handover": commandHandover,
  "handover-briefing": handoverBriefing,
  "command-relinquished": commandRelinquished,
};
