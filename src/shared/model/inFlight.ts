// What is pending outside the JavaScript thread at a step ("In flight"): timers counting down to a due time
// later than the step's, and operations the runtime saw start (fs requests on the thread pool, sockets,
// child processes, workers; eventLoop.ts IN_FLIGHT_RESOURCES) whose callback is not queued yet. A timer leaves
// when its due time passes (it is ready: the Timers lane shows it, timerLane.ts says which), an operation when
// its callback is queued.
//
// Scale: O(log n + max) per step for the timers (the timer queue is kept in due order), O(log n) for the
// operations' count and a bounded scan for the ones listed: never events x queue length.

import { IN_FLIGHT_KINDS, inFlightKind, type InFlightKind } from '../eventLoop';
import type { TraceModel } from '../modelTypes';
import { containerOfQueue } from './modelData';
import { timeOfStep } from './stepClock';
import { StepModel } from './traceModel';
import { lineInFile } from '../sourceFiles';
import { timerLaneAt, timerSplitAt } from './timerLane';

export interface InFlightTimer {
  id: string;
  label: string;
  /** The line that set it, in its file. */
  line: number | null;
  /** That file, as the model names files (null: unknown). */
  file: string | null;
  /** ms since the run started. */
  due: number;
  /** due - the step's time (> 0). */
  firesIn: number;
}

export interface InFlightOperation {
  id: string;
  kind: InFlightKind;
  /** Its kind's name ("fs", "socket", "child process"). */
  title: string;
  /** The same, short ("child"). */
  short: string;
  /** "on the thread pool". */
  where: string;
  /** "thread pool". */
  place: string;
  /** Node's resource type ("FSREQCALLBACK"). */
  resource: string;
  /** The line that started it, in its file. */
  line: number | null;
  /** That file, as the model names files (null: unknown). */
  file: string | null;
  /** ms since the run started. */
  since: number;
  /** The step's time - since. */
  pendingFor: number;
}

export interface InFlightAt {
  time: number;
  /** Earliest due first, at most `max`. */
  timers: InFlightTimer[];
  timerCount: number;
  /** Oldest first, at most `max`. */
  operations: InFlightOperation[];
  operationCount: number;
}

/** How many finished operations a step's listing looks past at most before it stops looking. */
const SCAN_LIMIT = 4096;

export function inFlightAt(model: TraceModel, step: number, max = 8): InFlightAt {
  const time = timeOfStep(model, step);
  const out: InFlightAt = { time, timers: [], timerCount: 0, operations: [], operationCount: 0 };
  if (model instanceof StepModel) {
    pendingTimers(model, step, time, max, out);
    pendingOperations(model, step, time, max, out);
  } else {
    // another TraceModel (tests): the timers the Timers lane does not show (timerLane.ts), by the same rule
    const all = model.queueHeadAt(step, 'timer', model.queueLengthsAt(step).timer);
    const lane = new Set(timerLaneAt(model, step, all.length).items);
    const later = all.filter((it) => it.due !== undefined && !lane.has(it));
    out.timerCount = later.length;
    out.timers = later.slice(0, max).map((it) => ({ id: it.id, label: it.label, line: it.line, file: it.file ?? null, due: it.due as number, firesIn: (it.due as number) - time }));
  }
  return out;
}

function pendingTimers(model: StepModel, step: number, time: number, max: number, out: InFlightAt): void {
  const box = model.cursorAt(step).containers[containerOfQueue('timer')];
  // the queue is in due order: the timers after the due ones (timerLane.ts) up to those without a due time
  const split = timerSplitAt(model, step);
  out.timerCount = split.noDueFrom - split.due;
  const n = Math.min(out.timerCount, max);
  const refs: number[] = [];
  for (let k = 0; k < n; k++) refs.push(box.at(split.due + k));
  for (const ref of refs) {
    const item = model.item(ref);
    out.timers.push({ id: item.id, label: item.label, line: item.line, file: item.file ?? null, due: item.due as number, firesIn: (item.due as number) - time });
  }
}

function pendingOperations(model: StepModel, step: number, time: number, max: number, out: InFlightAt): void {
  const f = model.data.inFlight;
  // started by this step: fromSteps[r] <= step (ascending); left by it: toSteps <= step
  const started = upperBound(f.fromSteps, step);
  const left = upperBound(f.toSorted, step);
  const count = started - left;
  const found: number[] = [];
  for (let r = started - 1, scanned = 0; r >= 0 && found.length < max && scanned < SCAN_LIMIT; r--, scanned++) {
    if (f.toSteps[r] > step) found.push(r);
  }
  found.reverse();
  for (const r of found) {
    const kind = inFlightKind(f.labels[r]) ?? 'fs'; // the model keeps only the kinds shown (replayHandlers.ts)
    const rule = IN_FLIGHT_KINDS[kind];
    out.operations.push({
      id: f.ids[r],
      kind,
      title: rule.title,
      short: rule.short,
      where: rule.where,
      place: rule.place,
      resource: f.labels[r],
      line: f.lines[r] >= 0 ? lineInFile(f.lines[r]) : null,
      file: model.fileOfLine(f.lines[r]),
      since: f.starts[r],
      pendingFor: Math.max(0, time - f.starts[r]),
    });
  }
  out.operationCount = count;
}

/** The number of entries <= x in an ascending array. */
function upperBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Per model: the in-flight record that lands (its callback is queued) at each step. */
const landings = new WeakMap<StepModel, Map<number, number>>();

/**
 * The operation whose callback step `step` queues, with how long it was in flight (pendingFor: from its start
 * to this step), or null. O(1) per call after one pass over the model's operations.
 */
export function operationLandingAt(model: TraceModel, step: number): InFlightOperation | null {
  if (!(model instanceof StepModel) || model.kindAt(step) !== 'enqueue') return null;
  const f = model.data.inFlight;
  let byStep = landings.get(model);
  if (!byStep) {
    byStep = new Map();
    for (let r = 0; r < f.ids.length; r++) byStep.set(f.toSteps[r], r);
    landings.set(model, byStep);
  }
  const r = byStep.get(step);
  if (r === undefined) return null;
  const subject = model.subjectAt(step);
  if (subject.kind !== 'enqueue' || subject.item.id !== f.ids[r]) return null;
  const kind = inFlightKind(f.labels[r]) ?? 'fs';
  const rule = IN_FLIGHT_KINDS[kind];
  const time = timeOfStep(model, step);
  return {
    id: f.ids[r], kind, title: rule.title, short: rule.short, where: rule.where, place: rule.place, resource: f.labels[r],
    line: f.lines[r] >= 0 ? lineInFile(f.lines[r]) : null, file: model.fileOfLine(f.lines[r]), since: f.starts[r], pendingFor: Math.max(0, time - f.starts[r]),
  };
}
