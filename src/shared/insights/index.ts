// Every insight kind found in one run, in one list: the text report, the JSON document and the panel read it.

import type { TraceModel } from '../modelTypes';
import type { OrderVariants } from '../orderVariants';
import { blockedLoopInsights } from './blockedLoop';
import { DEFAULT_BLOCKED_LOOP_MS, type Insight } from './insight';
import { orderVariesInsights } from './orderVaries';
import { timingRaceInsights } from './timingRace';
import { unhandledRejectionInsights } from './unhandledRejection';
import { sequentialAwaitsInsights } from './sequentialAwaits';
import { floatingPromiseInsights } from './floatingPromise';

export type { DelayedCallback, Insight, InsightKind } from './insight';
export { DEFAULT_BLOCKED_LOOP_MS } from './insight';

export interface InsightOptions {
  /** A task longer than this is a `blocked-loop`, ms (default 50). */
  blockedLoopMs?: number;
  /** `--runs N`: the console orders of the runs. */
  runs?: OrderVariants;
}

export function findInsights(model: TraceModel, options: InsightOptions = {}): Insight[] {
  const blockedLoopMs = options.blockedLoopMs ?? DEFAULT_BLOCKED_LOOP_MS;
  const found = [
    ...sequentialAwaitsInsights(model),
    ...floatingPromiseInsights(model),
    ...orderVariesInsights(model, options.runs),
    ...timingRaceInsights(model),
    ...blockedLoopInsights(model, blockedLoopMs),
    ...unhandledRejectionInsights(model),
    // each worker thread's own run, found the same way (the console order of the runs is the program's, above)
    ...(model.threads ?? []).flatMap((t) => workerInsights(t.model, blockedLoopMs).map((i) => ({ ...i, thread: t.id }))),
  ];
  // an insight that names no file is about the traced file (the pattern-based ones name theirs: insightPlace.ts)
  const entry = model.meta.file.split(/[\\/]/).pop() ?? null;
  return found.map((i) => ({ ...i, file: i.line === null ? null : (i.file ?? entry) }));
}

/**
 * A worker's run: the same kinds, except that a long task is the point of a worker (CPU-bound work moved off the
 * main thread) and is flagged only when it made the worker's own timers or immediates late.
 */
function workerInsights(model: TraceModel, blockedLoopMs: number): Insight[] {
  return [
    ...sequentialAwaitsInsights(model),
    ...floatingPromiseInsights(model),
    ...timingRaceInsights(model),
    ...blockedLoopInsights(model, blockedLoopMs).filter((i) => (i.delayed?.length ?? 0) > 0),
    ...unhandledRejectionInsights(model),
  ];
}
