// Which source lines ran, for a trace of a selection: the selected statements (widened to whole statements)
// and every declaration brought in around them (RunMeta.selection). The source view dims every other line.
// Older traces have no `selection`: then only the traced range `meta.lines` counts as run.

import type { RunMeta } from '../src/shared/rawTrace';

export interface LineRange {
  from: number;
  to: number;
}

/** The line ranges that ran, or null when the whole file ran (nothing is dimmed). */
export function linesThatRan(meta: Pick<RunMeta, 'lines' | 'selection'>): LineRange[] | null {
  if (meta.selection) return [meta.selection.ran, ...meta.selection.alsoRan.map(({ from, to }) => ({ from, to }))];
  return meta.lines ? [meta.lines] : null;
}

/** The range a header names as traced: the widened selection when known, else the requested lines. */
export function tracedRange(meta: Pick<RunMeta, 'lines' | 'selection'>): LineRange | null {
  return meta.selection?.ran ?? meta.lines ?? null;
}

/** One flag per line (index = line number, 1-based; index 0 unused): the line ran. O(lines + ranges). */
export function ranFlags(lineCount: number, ranges: readonly LineRange[]): Uint8Array {
  const flags = new Uint8Array(lineCount + 1);
  for (const r of ranges) {
    for (let n = Math.max(1, r.from); n <= Math.min(lineCount, r.to); n++) flags[n] = 1;
  }
  return flags;
}
