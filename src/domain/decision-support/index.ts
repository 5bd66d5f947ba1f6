/**
 * Decision support: the options matrix (normalised, weighted, ranked, with hybrids and
 * the winner's sensitivity to each weight) and its terminal and Markdown renderings.
 */
export { BUILTIN_CRITERIA, type BuiltinCriterion, builtinFor, CRITERIA } from "./criteria.js";
export { hybridId, parseHybrids } from "./hybrid.js";
export {
  type BreakdownItem,
  buildMatrix,
  type MatrixCell,
  type MatrixCriterion,
  type MatrixOption,
  type MatrixRequest,
  type MatrixRow,
  type OptionsMatrix,
} from "./matrix.js";
export {
  findLevel,
  formatMinutes,
  formatUsd,
  parseDuration,
  parseLevel,
  parseUsd,
  readDataLoss,
  withoutLevel,
} from "./normalise.js";
export { mdCell, renderMatrixMarkdown } from "./render-markdown.js";
export { type Paint, renderMatrixTerminal } from "./render-terminal.js";
export { rankIds, UNKNOWN_SCORE, weightedScore, winnerOf } from "./scoring.js";
export { criterionLine, type Flip, MAX_FACTOR, type Sensitivity, sensitivity } from "./sensitivity.js";
export {
  DEFAULT_WEIGHTS,
  type DecisionWeights,
  decisionWeightsSchema,
  MAX_WEIGHT,
  parseKeyList,
  parseWeights,
  type WeightOverrides,
} from "./weights.js";
