// Where a queued timer is shown at a step: counting down in "In flight" (src/shared/model/inFlight.ts) while
// its due time is later than the step's, in the Timers lane once it is due (then late-coloured while it waits),
// never in both. A timer without a due time (the runtime could not read one) is never counting down: lane.
//
// The due time the runtime records is read from Node's timer (libuv's millisecond clock) and may be up to about
// a millisecond later than the time Node itself held it due: a timer can run before the recorded due time
// passed. Such a timer (the queue's head: every run is at the head of its queue) counts as due at the step
// before it starts, so it is in the lane before it leaves for the call stack.
//
// Scale: O(log n) per step (the timer queue is kept in due order, no due last), plus O(max) for the items listed.

import type { QueueItem, TraceModel } from '../modelTypes';
import { containerOfQueue } from './modelData';
import { timeOfStep } from './stepClock';
import { StepModel } from './traceModel';

/** How the timer queue after a step splits: [0, due) due, [due, noDueFrom) counting down, [noDueFrom, length) without a due time. */
export interface TimerSplit {
  time: number;
  due: number;
  noDueFrom: number;
  length: number;
}

/**
 * Whether the timer that starts at step + 1 (the queue's head) ran before its recorded due time: then Node held
 * it due already, and it is in the lane at `step`, whatever its time says. A timer that starts after its due
 * time became due while the loop waited: it counts down in In flight until then.
 */
function startsNextBeforeItsDue(model: TraceModel, step: number, headDue: number | undefined): boolean {
  if (headDue === undefined || step + 1 >= model.stepCount || model.kindAt(step + 1) !== 'task-start') return false;
  const task = model.taskAt(step + 1);
  return task !== null && model.tasks[task]?.queue === 'timer' && timeOfStep(model, step + 1) < headDue;
}

/** The timer queue after `step`, split into due, counting down and without a due time. */
export function timerSplitAt(model: StepModel, step: number): TimerSplit {
  const time = timeOfStep(model, step);
  const box = model.cursorAt(step).containers[containerOfQueue('timer')];
  const dues = model.data.items.dues;
  // in due order, NaN (no due) last: two binary searches
  let due = box.lowerBound((ref) => dues[ref] <= time);
  const noDueFrom = box.lowerBound((ref) => !Number.isNaN(dues[ref]));
  if (due === 0 && noDueFrom > 0 && startsNextBeforeItsDue(model, step, dues[box.at(0)])) due = 1;
  return { time, due, noDueFrom, length: box.length };
}

/** The Timers lane after `step`: the first `max` timers that are due (or have no due time), and how many there are. */
export function timerLaneAt(model: TraceModel, step: number, max: number): { items: QueueItem[]; total: number } {
  if (!(model instanceof StepModel)) {
    // another TraceModel (tests): the same rule over the materialised queue
    const time = timeOfStep(model, step);
    const all = model.queueHeadAt(step, 'timer', model.queueLengthsAt(step).timer);
    const early = all.length > 0 && startsNextBeforeItsDue(model, step, all[0].due);
    const shown = all.filter((it, i) => it.due === undefined || it.due <= time || (i === 0 && early));
    return { items: shown.slice(0, Math.max(0, max)), total: shown.length };
  }
  const split = timerSplitAt(model, step);
  const box = model.cursorAt(step).containers[containerOfQueue('timer')];
  const total = split.due + (split.length - split.noDueFrom);
  const items: QueueItem[] = [];
  for (let k = 0; k < split.due && items.length < max; k++) items.push(model.item(box.at(k)));
  for (let k = split.noDueFrom; k < split.length && items.length < max; k++) items.push(model.item(box.at(k)));
  return { items, total };
}
