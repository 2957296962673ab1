// `blocked-loop`: a task that ran so long that nothing else could (one thread runs all JavaScript), with the
// timers and immediates it made late. The lesson of examples/04: CPU-bound work delays every callback.

import type { TaskInfo, TraceModel } from '../modelTypes';
import type { DelayedCallback, Insight } from './insight';
import { stepTime } from '../model/stepTime';
import { taskRanMs } from '../model/stepClock';

/** Callbacks listed per blocking task; the message counts the rest. */
const MAX_DELAYED = 20;
/** How many tasks after a block are searched for the callbacks it delayed. */
const LOOK_AHEAD_TASKS = 5000;
/** Lateness below this is the loop's normal jitter, not the block's doing, ms. */
const MIN_LATE_MS = 1;

export function blockedLoopInsights(model: TraceModel, thresholdMs: number): Insight[] {
  const found: Insight[] = [];
  const tasks = model.tasks;
  for (let i = 0; i < tasks.length; i++) {
    const block = tasks[i];
    const durationMs = taskRanMs(model, block); // an I/O callback's recorded end can include the loop's idle time
    if (durationMs <= thresholdMs) continue;
    const delayed = delayedBy(block, block.start + durationMs, tasks, i + 1);
    const line = busiestLine(model, block) ?? block.line;
    const worst = delayed.reduce((m, d) => Math.max(m, d.lateMs), 0);
    found.push({
      kind: 'blocked-loop',
      message:
        `${what(block)} ran ${ms(durationMs)} without giving the event loop a turn` +
        (delayed.length > 0 ? `: ${delayed.length} callback${delayed.length === 1 ? '' : 's'} waited, the latest ${ms(worst)} late` : ''),
      fix: 'Move CPU-bound work to a worker thread (node:worker_threads), or split it into chunks with setImmediate between them so timers and I/O can run.',
      file: null,
      line,
      steps: [block.firstStep],
      durationMs: round(durationMs),
      delayed,
    });
  }
  return found;
}

/** Timers and immediates that were ready while `block` ran and started after it. */
function delayedBy(block: TaskInfo, blockEnd: number, tasks: readonly TaskInfo[], from: number): DelayedCallback[] {
  const delayed: DelayedCallback[] = [];
  // what was ready during the block runs within a few loop turns after it: a bounded look-ahead, not O(tasks²)
  const last = Math.min(tasks.length, from + LOOK_AHEAD_TASKS);
  for (let j = from; j < last && delayed.length < MAX_DELAYED; j++) {
    const t = tasks[j];
    const ready = t.queue === 'timer' ? t.due : t.queue === 'immediate' ? t.queuedAt : undefined;
    if (ready === undefined || ready >= blockEnd) continue;
    const lateMs = t.start - Math.max(ready, block.start);
    if (lateMs >= MIN_LATE_MS) delayed.push({ line: t.line, queue: t.queue, lateMs: round(lateMs) });
  }
  return delayed;
}

/** The line of the step after which the most time passed inside the task: where the CPU went. */
function busiestLine(model: TraceModel, task: TaskInfo): number | null {
  let best = -1;
  let bestGap = -1;
  let previous = stepTime(model, task.firstStep);
  for (let s = task.firstStep + 1; s <= task.lastStep && s < model.stepCount; s++) {
    const now = stepTime(model, s);
    if (now - previous > bestGap) {
      bestGap = now - previous;
      best = s - 1;
    }
    previous = now;
  }
  return best >= 0 ? model.lineAt(best) : null;
}

const what = (task: TaskInfo): string => (task.queue === 'script' ? 'The main script' : `Task ${task.id} (${task.label})`);
const round = (n: number): number => Math.round(n * 10) / 10;
export const ms = (n: number): string => `${Math.round(n).toLocaleString('en-US')} ms`;
