// The clock of a step: when it happened (ms since the run started), how long its task had been running, and
// the long stretches of synchronous work between two adjacent steps of one task ("`busyWork` ran 1,423 ms").
// Nothing else can run on the JavaScript thread meanwhile, so a long stretch is what makes a timer late or a
// server slow; between two steps it is otherwise invisible. Pure functions of the model, O(1) per step except
// when a stretch is long (then one stack read).

import type { TaskInfo, TraceModel } from '../modelTypes';
import { stepTime } from './stepTime';
import { RESUME_MODULE_LABEL } from './itemLabel';

/** A gap of at least this many ms between two adjacent steps of one task is called out. */
export const LONG_STRETCH_MS = 20;

export interface StepClock {
  /** ms since the run started. */
  time: number;
  /** The running task's elapsed time at this step (ms since its task-start step), or null between tasks. */
  taskElapsed: number | null;
}

export interface SyncStretch {
  /** The function on top of the stack during the stretch, or the script/module body's top level. */
  name: string;
  /** Whether `name` is a function of the user's code (false: "the main script"). */
  isFunction: boolean;
  ms: number;
}

/** A step's time, ms since the run started (one reader: stepTime.ts). */
export const timeOfStep = stepTime;

export function stepClock(model: TraceModel, step: number): StepClock {
  const time = timeOfStep(model, step);
  const task = model.taskAt(step);
  const info = task === null ? undefined : model.tasks[task];
  return { time, taskElapsed: info ? Math.max(0, time - info.start) : null };
}

/**
 * The synchronous work between step `step - 1` and `step` when it took at least `minMs` and both steps belong
 * to the same task: who ran (the top frame after the earlier step; the top level of the script when its stack
 * was empty) and for how long. Null otherwise, and when the stack was empty in a task that is not the script
 * (or the rest of a module body after a top-level await):
 * that gap is Node's own bookkeeping or, for I/O callbacks, the loop waiting before it reports the task's end.
 */
export function syncStretchBefore(model: TraceModel, step: number, minMs = LONG_STRETCH_MS): SyncStretch | null {
  if (step <= 0 || step >= model.stepCount) return null;
  const task = model.taskAt(step);
  if (task === null || model.taskAt(step - 1) !== task) return null;
  const ms = timeOfStep(model, step) - timeOfStep(model, step - 1);
  if (!(ms >= minMs)) return null;
  const stack = model.stateAt(step - 1).stack;
  const top = stack[stack.length - 1];
  if (top) return { name: top.name, isFunction: true, ms };
  // the top level has no frame: the script's own task, or the job resuming a module body after a top-level await
  const info = model.tasks[task];
  if (info?.queue !== 'script' && info?.label !== RESUME_MODULE_LABEL) return null;
  return { name: model.meta.module === 'esm' ? 'the module body' : 'the main script', isFunction: false, ms };
}

/**
 * How long a task held the thread, ms. An I/O or close callback's end is written only with the next event
 * (the runtime holds it: Node may still drain jobs in its callback scope, src/runtime/runningTask.ts holdEnd),
 * so the loop's idle time before that event is not the task's: its last step before the end counts instead.
 */
export function taskRanMs(model: TraceModel, task: TaskInfo): number {
  const heldEnd = task.queue === 'io' || task.queue === 'close';
  if (!heldEnd || task.lastStep <= task.firstStep || task.lastStep >= model.stepCount || model.kindAt(task.lastStep) !== 'task-end') {
    return Math.max(0, task.end - task.start);
  }
  return Math.max(0, timeOfStep(model, task.lastStep - 1) - task.start);
}

/** "212.4 ms" (one decimal under 10 s, then seconds): when a step happened. */
export function clockText(ms: number): string {
  if (!Number.isFinite(ms)) return '? ms';
  if (ms < 10000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** "1,423 ms" / "0.4 ms": a duration, whole ms with separators from 10 ms on. */
export function durationText(ms: number): string {
  if (!Number.isFinite(ms)) return '? ms';
  if (ms < 10) return `${Number(Math.max(0, ms).toFixed(1))} ms`;
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

/** "`busyWork` ran 1,423 ms" / "the main script ran 40 ms" (code in backticks, as describeStep writes it). */
export function stretchText(s: SyncStretch): string {
  return `${s.isFunction ? '`' + s.name.replace(/`/g, 'ˋ') + '`' : s.name} ran ${durationText(s.ms)}`;
}

/** A step's sentence with the stretch before it: "`busyWork` returned (before it, `busyWork` ran 1,423 ms without a break)". */
export function withStretch(sentence: string, s: SyncStretch | null): string {
  return s ? `${sentence} (before it, ${stretchText(s)} without a break)` : sentence;
}
