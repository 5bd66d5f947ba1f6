/**
 * The rows of the matrix before they are weighted: one column per criterion (built-in,
 * then custom ones found in the options' numeric extras), one row per option and per
 * hybrid, each cell the value as said and its 0–1 score (custom criteria scored against
 * the other rows), plus the custom criteria's directions and the weight of each column.
 */
import { fail, WarroomError } from "../shared/errors.js";
import {
  aliasKey,
  BUILTIN_CRITERIA,
  builtinFor,
  COMBINE_TEXT,
  CRITERIA,
  type CriterionDef,
  type Reading,
} from "./criteria.js";
import { type Combined, combineCustom, combineReadings, hybridId } from "./hybrid.js";
import type { MatrixCell, MatrixOption } from "./matrix.js";
import { UNKNOWN_SCORE } from "./scoring.js";
import { type DecisionWeights, MAX_WEIGHT, type WeightOverrides } from "./weights.js";

export interface Column {
  id: string;
  label: string;
  direction: "higher" | "lower";
  scale: string;
  hybrid: string;
  custom: boolean;
  def: CriterionDef | null;
  extraKey: string | null;
}

export interface Draft {
  id: string;
  title: string;
  kind: "option" | "hybrid";
  steps: string[];
  cells: Record<string, MatrixCell>;
  /** Natural values of custom criteria, before they are scored against each other. */
  customValues: Record<string, number | null>;
}

export function columnsFor(options: readonly MatrixOption[]): Column[] {
  const builtins: Column[] = CRITERIA.map((def) => ({
    id: def.id,
    label: def.label,
    direction: def.direction,
    scale: def.scale,
    hybrid: `${def.label} ${COMBINE_TEXT[def.combine]}`,
    custom: false,
    def,
    extraKey: null,
  }));
  const keys = new Set<string>();
  for (const o of options) {
    for (const [key, value] of Object.entries(o.attributes.extras ?? {})) {
      if (typeof value === "number" && Number.isFinite(value)) keys.add(key);
    }
  }
  const customs: Column[] = [...keys].sort().map((key) => {
    const clash = builtinFor(key) !== null || aliasKey(key) === "custom";
    return {
      id: clash ? `extras.${key}` : key,
      label: key,
      direction: "higher",
      scale: "relative: the best option 1, the worst 0",
      hybrid: `${key} takes the worst step`,
      custom: true,
      def: null,
      extraKey: key,
    };
  });
  return [...builtins, ...customs];
}

export function resolveLowerBetter(keys: readonly string[], customs: Column[], field: string): Set<string> {
  const out = new Set<string>();
  for (const key of keys) {
    const column = customs.find((c) => c.id === key || c.extraKey === key);
    if (!column) {
      const known = customs.map((c) => c.id).join(", ") || "none";
      const builtin = builtinFor(key) !== null ? " (built-in criteria have a fixed direction)" : "";
      fail("validation.failed", `'${key}' is not a custom criterion${builtin}; custom criteria: ${known}`, field);
    }
    out.add(column.id);
  }
  for (const c of customs) c.direction = out.has(c.id) ? "lower" : "higher";
  return out;
}

export function resolveWeights(
  defaults: DecisionWeights,
  overrides: WeightOverrides,
  customs: Column[],
  field: string,
): (c: Column) => number {
  const problems: { field: string; message: string }[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    const known =
      (BUILTIN_CRITERIA as readonly string[]).includes(key) ||
      key === "custom" ||
      customs.some((c) => c.id === key || c.extraKey === key);
    if (!known) {
      const all = [...BUILTIN_CRITERIA, ...customs.map((c) => c.id), "custom"].join(", ");
      problems.push({ field, message: `no criterion '${key}'; criteria: ${all}` });
    } else if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > MAX_WEIGHT) {
      problems.push({ field, message: `the weight of ${key} must be a number from 0 to ${MAX_WEIGHT}` });
    }
  }
  if (problems.length > 0) {
    throw new WarroomError("validation.failed", `${field}: ${problems.map((p) => p.message).join("; ")}`, problems);
  }
  return (c) => {
    if (!c.custom) return overrides[c.id] ?? defaults[c.id as keyof DecisionWeights];
    return overrides[c.id] ?? overrides[c.extraKey ?? ""] ?? overrides.custom ?? defaults.custom;
  };
}

export function optionDraft(o: MatrixOption, columns: Column[]): Draft {
  const cells: Record<string, MatrixCell> = {};
  const customValues: Record<string, number | null> = {};
  for (const c of columns) {
    if (c.def) {
      const reading: Reading = c.def.read(o.attributes);
      cells[c.id] = { shown: reading.shown, score: reading.score, how: null };
    } else {
      const raw = o.attributes.extras?.[c.extraKey ?? ""];
      customValues[c.id] = typeof raw === "number" && Number.isFinite(raw) ? raw : null;
      cells[c.id] = { shown: raw === undefined ? null : String(raw), score: null, how: null };
    }
  }
  return { id: o.id, title: o.title, kind: "option", steps: [o.id], cells, customValues };
}

export function hybridDraft(
  steps: readonly string[],
  options: readonly MatrixOption[],
  drafts: readonly Draft[],
  columns: Column[],
  lower: Set<string>,
  field: string,
): Draft {
  const parts = steps.map((id) => {
    const wanted = id.trim().toUpperCase();
    const draft = drafts.find((d) => d.kind === "option" && d.id === wanted);
    if (!draft) {
      const known = options.map((o) => o.id).join(", ") || "none yet";
      fail("option.not_found", `hybrid ${steps.join(" then ")}: no option ${id} (options: ${known})`, field);
    }
    return { draft, option: options.find((o) => o.id === wanted) as MatrixOption };
  });
  const ids = parts.map((p) => p.draft.id);
  const cells: Record<string, MatrixCell> = {};
  const customValues: Record<string, number | null> = {};
  for (const c of columns) {
    if (c.def) {
      const def = c.def;
      const combined: Combined = combineReadings(
        def,
        parts.map((p) => ({ optionId: p.draft.id, reading: def.read(p.option.attributes) })),
      );
      cells[c.id] = { shown: combined.shown, score: combined.score, how: combined.how };
    } else {
      const combined = combineCustom(
        parts.map((p) => ({ optionId: p.draft.id, value: p.draft.customValues[c.id] ?? null })),
        lower.has(c.id),
      );
      customValues[c.id] = combined.value;
      const anyShown = parts.some((p) => p.draft.cells[c.id]?.shown !== null);
      cells[c.id] = {
        shown: combined.value === null ? (anyShown ? "?" : null) : String(combined.value),
        score: null,
        how: combined.how,
      };
    }
  }
  return {
    id: hybridId(ids),
    title: parts.map((p) => p.draft.title).join(", then "),
    kind: "hybrid",
    steps: ids,
    cells,
    customValues,
  };
}

/** Custom criteria have no fixed scale: the best value among the rows scores 1, the worst 0. */
export function scoreCustoms(rows: Draft[], customs: Column[], lower: Set<string>): void {
  for (const c of customs) {
    const values = rows.map((r) => r.customValues[c.id]).filter((v): v is number => v !== null && v !== undefined);
    if (values.length === 0) continue;
    const min = Math.min(...values);
    const max = Math.max(...values);
    for (const r of rows) {
      const value = r.customValues[c.id];
      const cell = r.cells[c.id];
      if (value === null || value === undefined || !cell) continue;
      const relative = max === min ? UNKNOWN_SCORE : (value - min) / (max - min);
      cell.score = lower.has(c.id) ? 1 - relative : relative;
    }
  }
}
