// Jumps a viewer offers: next/previous console line, task start, error, or any step kind, and the steps
// that ran a given line. Each index is built once per model in one pass (O(steps)); a jump is then a binary
// search, O(log steps), however far the next match is.

import type { StepKind, TraceModel } from '../modelTypes';
import { STEP_KIND_CODE, STEP_KINDS } from './modelData';
import { StepModel } from './traceModel';

interface StepIndexes {
  byKind: Map<StepKind, Int32Array>;
  /** Steps sorted by line: steps of line L are lineSteps[lineStart[L] .. lineStart[L + 1]). */
  lineStart?: Int32Array;
  lineSteps?: Int32Array;
}

const cache = new WeakMap<TraceModel, StepIndexes>();

function indexes(model: TraceModel): StepIndexes {
  let idx = cache.get(model);
  if (!idx) {
    const n = model.stepCount;
    const codes =
      model instanceof StepModel
        ? model.data.kinds
        : Uint8Array.from({ length: n }, (_, i) => STEP_KIND_CODE[model.kindAt(i)]);
    const counts = new Int32Array(STEP_KINDS.length);
    for (let i = 0; i < n; i++) counts[codes[i]]++;
    const lists = STEP_KINDS.map((_, k) => new Int32Array(counts[k]));
    const fill = new Int32Array(STEP_KINDS.length);
    for (let i = 0; i < n; i++) lists[codes[i]][fill[codes[i]]++] = i;
    idx = { byKind: new Map(STEP_KINDS.map((k, i) => [k, lists[i]])) };
    cache.set(model, idx);
  }
  return idx;
}

/** The index of the first element > from (sorted ascending). */
function upper(sorted: Int32Array, from: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function nextIn(sorted: Int32Array, from: number): number {
  const k = upper(sorted, from);
  return k < sorted.length ? sorted[k] : -1;
}

function prevIn(sorted: Int32Array, from: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? sorted[lo - 1] : -1;
}

/** The first step after `from` of one of `kinds`, or -1. */
export function nextStepOfKind(model: TraceModel, from: number, kinds: StepKind | readonly StepKind[]): number {
  let best = -1;
  for (const k of typeof kinds === 'string' ? [kinds] : kinds) {
    const s = nextIn(indexes(model).byKind.get(k)!, from);
    if (s >= 0 && (best < 0 || s < best)) best = s;
  }
  return best;
}

/** The last step before `from` of one of `kinds`, or -1. */
export function prevStepOfKind(model: TraceModel, from: number, kinds: StepKind | readonly StepKind[]): number {
  let best = -1;
  for (const k of typeof kinds === 'string' ? [kinds] : kinds) best = Math.max(best, prevIn(indexes(model).byKind.get(k)!, from));
  return best;
}

/** All steps of a kind, ascending (shared: do not modify). */
export function stepsOfKind(model: TraceModel, kind: StepKind): Int32Array {
  return indexes(model).byKind.get(kind)!;
}

export const nextConsoleStep = (model: TraceModel, from: number): number => nextStepOfKind(model, from, 'console');
export const prevConsoleStep = (model: TraceModel, from: number): number => prevStepOfKind(model, from, 'console');
export const nextTaskStart = (model: TraceModel, from: number): number => nextStepOfKind(model, from, 'task-start');
export const prevTaskStart = (model: TraceModel, from: number): number => prevStepOfKind(model, from, 'task-start');
export const nextErrorStep = (model: TraceModel, from: number): number => nextStepOfKind(model, from, 'error');

/** The first step after `from` where `test(step)` holds, or -1 (a linear scan: for ad-hoc conditions). */
export function nextStepWhere(model: TraceModel, from: number, test: (step: number) => boolean): number {
  for (let i = Math.max(0, from + 1); i < model.stepCount; i++) if (test(i)) return i;
  return -1;
}

/** The last step before `from` where `test(step)` holds, or -1. */
export function prevStepWhere(model: TraceModel, from: number, test: (step: number) => boolean): number {
  for (let i = Math.min(model.stepCount, from) - 1; i >= 0; i--) if (test(i)) return i;
  return -1;
}

/** Steps whose running line is `line`, ascending (shared: do not modify). */
export function stepsAtLine(model: TraceModel, line: number): Int32Array {
  const idx = indexes(model);
  if (!idx.lineStart || !idx.lineSteps) {
    const n = model.stepCount;
    let maxLine = 0;
    for (let i = 0; i < n; i++) maxLine = Math.max(maxLine, model.lineAt(i) ?? 0);
    const start = new Int32Array(maxLine + 2);
    for (let i = 0; i < n; i++) {
      const l = model.lineAt(i);
      if (l != null) start[l + 1]++;
    }
    for (let l = 1; l < start.length; l++) start[l] += start[l - 1];
    const steps = new Int32Array(start[start.length - 1]);
    const fill = start.slice(0, start.length - 1);
    for (let i = 0; i < n; i++) {
      const l = model.lineAt(i);
      if (l != null) steps[fill[l]++] = i;
    }
    idx.lineStart = start;
    idx.lineSteps = steps;
  }
  if (!(line >= 0 && line + 1 < idx.lineStart.length)) return new Int32Array(0);
  return idx.lineSteps.subarray(idx.lineStart[line], idx.lineStart[line + 1]);
}

export const nextStepAtLine = (model: TraceModel, from: number, line: number): number => nextIn(stepsAtLine(model, line), from);
export const prevStepAtLine = (model: TraceModel, from: number, line: number): number => prevIn(stepsAtLine(model, line), from);

/** The task-start step of task `task` (tasks are numbered in run order). */
export function taskStartStep(model: TraceModel, task: number): number {
  return model.tasks[task]?.firstStep ?? -1;
}
