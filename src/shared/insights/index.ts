// Every insight kind found in one run, in one list: the text report, the JSON document and the panel read it.
// `sequential-awaits` and `floating-promise` need each async call's source and settle time, which the model
// does not carry yet; they are not found here.

import type { TraceModel } from '../modelTypes';
import type { OrderVariants } from '../orderVariants';
import { blockedLoopInsights } from './blockedLoop';
import { DEFAULT_BLOCKED_LOOP_MS, type Insight } from './insight';
import { orderVariesInsights } from './orderVaries';
import { timingRaceInsights } from './timingRace';
import { unhandledRejectionInsights } from './unhandledRejection';

export type { DelayedCallback, Insight, InsightKind } from './insight';
export { DEFAULT_BLOCKED_LOOP_MS } from './insight';

export interface InsightOptions {
  /** A task longer than this is a `blocked-loop`, ms (default 50). */
  blockedLoopMs?: number;
  /** `--runs N`: the console orders of the runs. */
  runs?: OrderVariants;
}

export function findInsights(model: TraceModel, options: InsightOptions = {}): Insight[] {
  const found = [
    ...orderVariesInsights(model, options.runs),
    ...timingRaceInsights(model),
    ...blockedLoopInsights(model, options.blockedLoopMs ?? DEFAULT_BLOCKED_LOOP_MS),
    ...unhandledRejectionInsights(model),
  ];
  // every insight is about the traced file until multi-file traces name others
  const entry = model.meta.file.split(/[\\/]/).pop() ?? null;
  return found.map((i) => ({ ...i, file: i.line === null ? null : entry }));
}
