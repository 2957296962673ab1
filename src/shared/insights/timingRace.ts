// `timing-race`: an order Node does not guarantee, seen in this run. The classic one: a 0 ms (or 1 ms) timer
// and an immediate both queued while the main script runs. Whether the timer fires first depends on whether
// a millisecond passed before the loop's first timers phase. Queued from an I/O callback the immediate always
// wins (the check phase comes first), so only the main script's queueing is flagged.

import type { TaskInfo, TraceModel } from '../modelTypes';
import type { Insight } from './insight';

/** setTimeout(…, 0) is setTimeout(…, 1): a due time this close to the queueing is the racing kind, ms. */
const RACING_DELAY_MS = 1.5;

export function timingRaceInsights(model: TraceModel): Insight[] {
  const mainEnd = endOfMainPhase(model.tasks);
  if (mainEnd === null) return [];
  const queuedByMain = (t: TaskInfo): boolean => t.queuedAt !== undefined && t.queuedAt <= mainEnd;
  const timer = model.tasks.find((t) => t.queue === 'timer' && queuedByMain(t) && t.due !== undefined && t.due - t.queuedAt! <= RACING_DELAY_MS);
  const immediate = model.tasks.find((t) => t.queue === 'immediate' && queuedByMain(t));
  if (!timer || !immediate) return [];
  const timerLine = timer.queuedLine ?? timer.line;
  const immediateLine = immediate.queuedLine ?? immediate.line;
  const first = timer.start < immediate.start ? 'the timer' : 'the immediate';
  return [
    {
      kind: 'timing-race',
      message:
        `A 0 ms timer${at(timerLine)} and an immediate${at(immediateLine)} were both queued by the main script: ` +
        `Node does not guarantee which runs first (in this run, ${first} did). It depends on whether 1 ms passed before the event loop started.`,
      fix: 'Do not depend on this order. If one must run first, queue the second from the first; from inside an I/O callback, setImmediate always runs before a 0 ms timer.',
      file: null,
      line: timerLine,
      lines: [timerLine, immediateLine].filter((l): l is number => l !== null),
      steps: [timer.firstStep, immediate.firstStep].sort((a, b) => a - b),
    },
  ];
}

/** When the main script and the jobs drained right after it were done, ms; null when the script never ran. */
function endOfMainPhase(tasks: readonly TaskInfo[]): number | null {
  let end: number | null = null;
  for (const t of tasks) {
    if (t.phase !== 'main') break;
    end = t.end;
  }
  return end;
}

const at = (line: number | null): string => (line === null ? '' : ` (line ${line})`);
