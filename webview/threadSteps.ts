// Worker threads in the step view (pure, no DOM): the threads a trace has (main first, each with its own
// model and steps), and "follow the thread that ran next": the step that comes next (or before) in time on any
// thread, so that stepping walks every thread's steps in the order they happened. Each thread's step times
// only grow, so every other thread costs one binary search.
import type { TraceModel } from '../src/shared/modelTypes';
import { stepTime } from '../src/shared/model/stepTime';

export interface ThreadChoice {
  id: number;
  /** "main", "1 · worker.js". */
  label: string;
  model: TraceModel;
}

/** The threads to choose from: main (the root model), then each worker; one entry when there is no worker. */
export function threadChoices(root: TraceModel): ThreadChoice[] {
  return [{ id: 0, label: 'main', model: root }, ...(root.threads ?? []).map((t) => ({ id: t.id, label: `${t.id} · ${t.name}`, model: t.model }))];
}

/** The first step of `model` whose time is after `t` (strictly), or stepCount. */
function firstAfter(model: TraceModel, t: number): number {
  let lo = 0;
  let hi = model.stepCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (stepTime(model, mid) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The last step of `model` whose time is before `t` (strictly), or -1. */
function lastBefore(model: TraceModel, t: number): number {
  let lo = 0;
  let hi = model.stepCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (stepTime(model, mid) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The step after (direction 1) or before (-1) step `step` of thread `from` in time, on whichever thread it is:
 * the thread's own next step unless another thread has one between them (a tie stays on the thread). Null at
 * the end (or start) of every thread.
 */
export function stepAcrossThreads(threads: readonly ThreadChoice[], from: number, step: number, direction: 1 | -1): { thread: number; step: number } | null {
  const own = threads.find((t) => t.id === from);
  if (!own) return null;
  const t = stepTime(own.model, step);
  const ownNext = step + direction;
  let best: { thread: number; step: number; time: number } | null =
    ownNext >= 0 && ownNext < own.model.stepCount ? { thread: from, step: ownNext, time: stepTime(own.model, ownNext) } : null;
  for (const other of threads) {
    if (other.id === from || other.model.stepCount === 0) continue;
    const s = direction === 1 ? firstAfter(other.model, t) : lastBefore(other.model, t);
    if (s < 0 || s >= other.model.stepCount) continue;
    const time = stepTime(other.model, s);
    if (best === null || (direction === 1 ? time < best.time : time > best.time)) best = { thread: other.id, step: s, time };
  }
  return best === null ? null : { thread: best.thread, step: best.step };
}
