// `sequential-awaits`: one function awaits independent operations one after another (the source says none
// uses another's result; src/core/analysis/asyncPatterns.ts). The run says what it cost: the awaits' summed
// durations minus the longest is what running them together (Promise.all) would have saved.

import type { AsyncCall, TraceModel } from '../modelTypes';
import type { SequentialAwaitsSite } from '../sourcePatterns';
import type { Insight } from './insight';
import { ms } from './blockedLoop';
import { placeOf } from './insightPlace';
import { lineInFile, locatedLine } from '../sourceFiles';

/** Saving below this is noise, not a lesson, ms. */
const MIN_SAVING_MS = 5;

export function sequentialAwaitsInsights(model: TraceModel): Insight[] {
  const found: Insight[] = [];
  for (const site of model.patterns.sequentialAwaits) {
    const measured = firstCallAwaitingAll(model.asyncCalls, site);
    if (!measured) continue; // never ran, or never got past them
    const durations = measured.awaits.map((a) => a.end! - a.start);
    const total = durations.reduce((s, d) => s + d, 0);
    const longest = Math.max(...durations);
    const savingMs = Math.round((total - longest) * 10) / 10;
    if (savingMs < MIN_SAVING_MS) continue;
    const place = placeOf(model, site.lines[0]);
    const lines = site.lines.map(lineInFile);
    const inFile = place.file === null || site.lines[0] === lines[0] ? '' : ` of ${place.file}`;
    found.push({
      kind: 'sequential-awaits',
      message:
        `${site.functionName}() awaits ${site.lines.length} independent operations one after another (lines ${lines.join(', ')}${inFile}): ` +
        `${ms(total)} in all, where awaiting them together would take about ${ms(longest)}.`,
      fix: `None uses another's result: start them together and await them once, e.g. const [a, b] = await Promise.all([first(), second()]).`,
      ...place,
      lines,
      steps: measured.awaits.map((a) => a.step),
      savingMs,
    });
  }
  return found;
}

/** The first call of the site's function whose awaits at the site's lines all finished, with those awaits. */
function firstCallAwaitingAll(calls: readonly AsyncCall[], site: SequentialAwaitsSite): { awaits: AsyncCall['awaits'] } | null {
  for (const call of calls) {
    if (locatedLine(call.file, call.line) !== site.functionLine) continue; // the site's lines are located lines
    const awaits = site.lines.map((line) => call.awaits.find((a) => a.line === line && a.end !== null));
    if (awaits.every((a) => a !== undefined)) return { awaits: awaits as AsyncCall['awaits'] };
  }
  return null;
}
