// `order-varies` (with --runs N): the program printed its console lines in more than one order across runs.
// Names the first console line where the usual order and another part.

import type { TraceModel } from '../modelTypes';
import { firstDifference, type OrderVariants } from '../orderVariants';
import type { Insight } from './insight';

export function orderVariesInsights(model: TraceModel, runs: OrderVariants | undefined): Insight[] {
  if (!runs || runs.variants.length < 2) return [];
  const [usual, other] = runs.variants;
  const at = firstDifference(usual.console, other.console) ?? 0;
  // the model is a run of the usual order, so its console line `at` is where that order went its own way
  const shown = model.console[at];
  const quote = (s: string | undefined): string => (s === undefined ? 'nothing' : JSON.stringify(s.split('\n')[0]));
  return [
    {
      kind: 'order-varies',
      message:
        `The console order differed between runs: ${runs.variants.length} orders in ${runs.count} runs. ` +
        `They first differ at console line ${at + 1}: ${quote(usual.console[at])} in ${usual.count} runs, ${quote(other.console[at])} in ${other.count}.`,
      fix: 'Something there races: two timers, a timer and an immediate, or I/O completions. Chain what must happen in order (await it, or queue the second from the first).',
      file: null,
      line: shown?.line ?? null,
      steps: shown ? [shown.step] : [],
    },
  ];
}
