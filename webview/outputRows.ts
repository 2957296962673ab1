// The console lane's rows: every console line and every error, in step order, one row per text line (a
// console.log with "\n" inside is several rows of the same entry, like a terminal). A write that ended without
// a newline (ConsoleLine.open: `process.stdout.write('a')`) leaves its row open, and the same stream's next
// write continues it, as a terminal shows "ab" for write('a') then write('b\n'). Each stream keeps its own
// line (as two pipes would: the oracle reads them apart), so lines of the other stream may come between the
// writes of one row. Built once per trace.

import { bisector } from 'd3-array';
import type { TraceModel } from '../src/shared/modelTypes';

export interface OutputRow {
  text: string;
  kind: 'stdout' | 'stderr' | 'error';
  step: number;
  line: number | null;
  /** The file of `line` (the model's name for it). */
  file?: string | null;
  task: number | null;
  /** Index into model.console (kind stdout/stderr) or model.errors (kind error). */
  entry: number;
  /** First text line of its entry (where the entry's annotation is shown). */
  first: boolean;
  /** Later writes that continued this row: from text offset `at`, printed at step `step` (rising). */
  cuts?: { at: number; step: number }[];
}

type Cut = NonNullable<OutputRow['cuts']>[number];
const byStep = bisector((c: Cut) => c.step);

/**
 * What row `r` shows at `step`: the writes printed by then (a row is only listed once its first write is).
 * A binary search: a progress line of a hundred thousand dots is one row.
 */
export function rowTextAt(r: OutputRow, step: number): string {
  if (r.cuts === undefined) return r.text;
  const next = byStep.right(r.cuts, step);
  return next < r.cuts.length ? r.text.slice(0, r.cuts[next].at) : r.text;
}

/** How many of row `r`'s continuing writes were made by `step` (what it shows changes when this does). */
export function cutsShownAt(r: OutputRow, step: number): number {
  return r.cuts === undefined ? 0 : byStep.right(r.cuts, step);
}

/** Row `r` was written to at `step` (its first write, or one that continued it). */
export function rowWrittenAt(r: OutputRow, step: number): boolean {
  if (r.step === step) return true;
  if (r.cuts === undefined) return false;
  const i = byStep.left(r.cuts, step);
  return i < r.cuts.length && r.cuts[i].step === step;
}

export function buildOutputRows(model: TraceModel): OutputRow[] {
  const rows: OutputRow[] = [];
  /** Each stream's last row, while the write that made it left its line open. */
  const open: Record<OutputRow['kind'], OutputRow | null> = { stdout: null, stderr: null, error: null };
  const push = (text: string, base: Omit<OutputRow, 'text' | 'first'>, leavesOpen: boolean): void => {
    const lines = text.split(/\r?\n/);
    const continued = open[base.kind];
    // console.log adds no trailing newline of its own in the event text; a trailing "\n" in the user's
    // string is an empty last line, which a terminal shows as an empty row too.
    lines.forEach((t, i) => {
      if (i === 0 && continued !== null) {
        (continued.cuts ??= []).push({ at: continued.text.length, step: base.step });
        continued.text += t;
      } else {
        rows.push({ ...base, text: t, first: i === 0 });
      }
    });
    open[base.kind] = !leavesOpen ? null : lines.length === 1 && continued !== null ? continued : rows[rows.length - 1];
  };
  let c = 0;
  let e = 0;
  const cons = model.console;
  const errs = model.errors;
  while (c < cons.length || e < errs.length) {
    const takeError = c >= cons.length || (e < errs.length && errs[e].step < cons[c].step);
    if (takeError) {
      const er = errs[e];
      const kind = er.kind === 'uncaught' ? 'Uncaught' : 'Unhandled rejection:';
      push(`${kind} ${er.message}`, { kind: 'error', step: er.step, line: er.line, file: er.file, task: er.task, entry: e }, false);
      e++;
    } else {
      const cl = cons[c];
      push(cl.text, { kind: cl.stream, step: cl.step, line: cl.line, file: cl.file, task: cl.task, entry: c }, cl.open === true);
      c++;
    }
  }
  return rows;
}

/** How many rows were printed at or before `step` (rows are in step order): binary search. */
export function rowsUpTo(rows: readonly OutputRow[], step: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].step <= step) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * What a terminal shows for one line holding carriage returns: each `\r` goes back to the line's start and the
 * text after it overwrites what was there (`'10%\r20%'` shows `20%`, `'abc\rX'` shows `Xbc`), as a progress
 * counter written with `\r` reads in a terminal. Code units, not columns: wide characters are not measured.
 */
export function overprint(line: string): string {
  if (!line.includes('\r')) return line;
  let shown = '';
  for (const part of line.split('\r')) shown = part + shown.slice(part.length);
  return shown;
}
