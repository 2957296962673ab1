// `timing-race`: an order Node does not guarantee, seen in this run. The classic one: a 0 ms (or 1 ms) timer
// and an immediate both queued while the main script runs. Whether the timer fires first depends on whether
// a millisecond passed before the loop's first timers phase. Queued from an I/O callback the immediate always
// wins (the check phase comes first), so only the main script's queueing is flagged. Which timers have a 0 ms
// delay the source says (src/shared/sourcePatterns.ts).

import type { TaskInfo, TraceModel } from '../modelTypes';
import type { Insight } from './insight';
import { placeOf } from './insightPlace';

export function timingRaceInsights(model: TraceModel): Insight[] {
  const mainEnd = endOfMainPhase(model.tasks);
  if (mainEnd === null) return [];
  const queuedByMain = (t: TaskInfo): boolean => t.queuedAt !== undefined && t.queuedAt <= mainEnd;
  const zeroDelay = new Set(model.patterns.zeroDelayTimers);
  const timer = model.tasks.find((t) => t.queue === 'timer' && queuedByMain(t) && t.queuedLine !== undefined && zeroDelay.has(t.queuedLine));
  const immediate = model.tasks.find((t) => t.queue === 'immediate' && queuedByMain(t));
  if (!timer || !immediate) return [];
  // queued lines are located lines (src/shared/sourceFiles.ts): the timer's and the immediate's files
  const timerPlace = placeOf(model, timer.queuedLine as number);
  const immediatePlace = immediate.queuedLine !== undefined ? placeOf(model, immediate.queuedLine) : { file: immediate.file ?? null, line: immediate.line };
  const timerLine = timerPlace.line;
  const immediateLine = immediatePlace.line;
  const at = (place: { file: string | null; line: number | null }): string =>
    place.line === null ? '' : place.file === null || place.file === timerPlace.file ? ` (line ${place.line})` : ` (line ${place.line} of ${place.file})`;
  const first = timer.start < immediate.start ? 'the timer' : 'the immediate';
  return [
    {
      kind: 'timing-race',
      message:
        `A 0 ms timer${at(timerPlace)} and an immediate${at(immediatePlace)} were both queued by the main script: ` +
        `Node does not guarantee which runs first (in this run, ${first} did). It depends on whether 1 ms passed before the event loop started.`,
      fix: 'Do not depend on this order. If one must run first, queue the second from the first; from inside an I/O callback, setImmediate always runs before a 0 ms timer.',
      file: timerPlace.file,
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
