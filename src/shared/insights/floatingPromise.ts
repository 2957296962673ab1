// `floating-promise`: promises of the user's async functions that nobody awaited, returned or handled, such as
// `forEach(async …)` (src/core/analysis/asyncPatterns.ts finds the places). The run says what it meant: the
// calling code went on, and printed, before these promises settled.

import type { AsyncCall, TraceModel } from '../modelTypes';
import type { FloatingPromiseSite } from '../sourcePatterns';
import type { Insight } from './insight';
import { ms } from './blockedLoop';
import { stepTime } from '../model/stepTime';
import { lineWords, placeOf } from './insightPlace';

const FIXES: Record<FloatingPromiseSite['kind'], string> = {
  forEach: 'forEach ignores the promises its callback returns. Use await Promise.all(items.map(async (item) => …)), or a for…of loop with await inside to go one at a time.',
  map: 'Await the array of promises: await Promise.all(items.map(async (item) => …)).',
  call: 'Await the call (or return its promise), or handle it with .catch() if it is meant to run on its own.',
};

export function floatingPromiseInsights(model: TraceModel): Insight[] {
  const found: Insight[] = [];
  for (const site of model.patterns.floatingPromises) {
    const calls = model.asyncCalls.filter((c) => c.callerLine === site.line);
    if (calls.length === 0) continue;
    const what = site.kind === 'call' ? `the promise of ${site.callee}()` : `the promises of ${calls.length} async callback${calls.length === 1 ? '' : 's'} passed to ${site.callee}`;
    found.push({
      kind: 'floating-promise',
      message: `Nobody waits for ${what} (${lineWords(model, site.line)}). ${whatRanBefore(model, calls)}`,
      fix: FIXES[site.kind],
      ...placeOf(model, site.line),
      steps: [calls[0].step],
    });
  }
  return found;
}

/** "'All done!' printed 30 ms before these settled": the caller's task went on without them. */
function whatRanBefore(model: TraceModel, calls: readonly AsyncCall[]): string {
  const pending = calls.some((c) => c.end === null);
  const settled = pending ? null : Math.max(...calls.map((c) => c.end!));
  const task = calls[0].task;
  const first = calls[0].start;
  const these = calls.length === 1 ? 'it' : 'these';
  const line = model.console.find((c) => {
    const t = stepTime(model, c.step);
    return c.task === task && t > first && (settled === null || t < settled);
  });
  if (pending) return line ? `${quote(line.text)} printed, and ${these} had still not settled when the run ended.` : `${cap(these)} had still not settled when the run ended.`;
  if (line) return `${quote(line.text)} printed ${ms(settled! - stepTime(model, line.step))} before ${these} settled.`;
  return `The code that started ${these} went on; ${these} settled ${ms(settled! - first)} later.`;
}

const quote = (text: string): string => `'${text.split('\n')[0].slice(0, 60)}'`;
const cap = (s: string): string => s[0].toUpperCase() + s.slice(1);
