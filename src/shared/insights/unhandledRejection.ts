// `unhandled-rejection`: a promise rejected and nobody handled it. Since Node 15 that ends the process, and
// everything still queued never runs.

import type { TraceModel } from '../modelTypes';
import type { Insight } from './insight';

export function unhandledRejectionInsights(model: TraceModel): Insight[] {
  return model.errors
    .filter((e) => e.kind === 'unhandled-rejection')
    .map((e) => ({
      kind: 'unhandled-rejection' as const,
      message: `A promise rejected and nothing handled it: ${e.message.split('\n')[0]}. Node ended the process there; whatever was still queued never ran.`,
      fix: 'Await the promise inside try/catch, or add .catch(); for promises started without waiting for them, collect them in Promise.allSettled.',
      file: null,
      line: e.line,
      steps: [e.step],
    }));
}
