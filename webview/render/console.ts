// The console lane: what the program printed up to the current step (a terminal does not show the future),
// virtualised. Each row names the task and line that printed it; clicking a row jumps to its step and shows
// its line in the editor (the row carries data-step / data-line, the app handles the click).

import type { TraceModel } from '../../src/shared/modelTypes';
import { SOURCES } from '../../src/shared/eventLoop';
import { entryFileName, otherFile, placeLabel } from '../format';
import { cutsShownAt, overprint, rowTextAt, rowWrittenAt, rowsUpTo, type OutputRow } from '../outputRows';
import { LIST_ROW_HEIGHT } from '../geometry';
import { VirtualList } from '../virtualList';

export class ConsoleView {
  private readonly list: VirtualList;
  private step = -1;
  private shown = -1;
  /** The traced file's name: a line printed by another file names that file. */
  private readonly entry: string;
  /** Step -> the row a write made at that step continued (OutputRow.cuts), which need not be the last row. */
  private readonly continued = new Map<number, number>();

  constructor(
    viewport: HTMLElement,
    private readonly model: TraceModel,
    private readonly rows: readonly OutputRow[],
  ) {
    this.entry = entryFileName(model);
    rows.forEach((r, i) => r.cuts?.forEach((c) => this.continued.set(c.step, i)));
    viewport.replaceChildren();
    this.list = new VirtualList(viewport, {
      rowHeight: LIST_ROW_HEIGHT,
      rowClass: 'ls-out',
      fallbackHeight: 200,
      renderRow: (el, i) => this.fill(el, i),
    });
  }

  /** Rows currently in the DOM (virtualised), for tests. */
  get list_(): VirtualList {
    return this.list;
  }

  render(step: number): void {
    const count = rowsUpTo(this.rows, step);
    const grew = count > this.shown;
    const before = this.step;
    this.step = step;
    this.list.setCount(count);
    // only rows printed at the old or the new step change their highlight
    if (before !== step) {
      this.refreshStep(before);
      this.refreshStep(step);
      // a row that later writes continued (OutputRow.cuts) shows what was printed by now, and is the current
      // one at each of its writes: of the rows on screen (a few dozen), those where either changed are drawn again
      this.list.refreshRenderedWhere((i) => {
        const r = this.rows[i];
        return r?.cuts !== undefined && (cutsShownAt(r, before) !== cutsShownAt(r, step) || rowWrittenAt(r, before) || rowWrittenAt(r, step));
      });
    }
    const continued = this.continued.get(step);
    if (continued !== undefined && before !== step) this.list.scrollToIndex(continued, 'nearest');
    else if (grew && count > 0) this.list.scrollToIndex(count - 1, 'nearest');
    this.shown = count;
    const vp = this.list.viewport;
    vp.setAttribute('aria-label', count === 0 ? 'Console output: nothing printed yet' : `Console output: ${count} line${count === 1 ? '' : 's'} so far`);
    vp.classList.toggle('is-empty', count === 0);
  }

  private refreshStep(step: number): void {
    if (step < 0) return;
    for (let i = rowsUpTo(this.rows, step - 1); i < this.list.length && this.rows[i].step === step; i++) this.list.refreshRow(i);
  }

  /** Shows the first row of the entry printed at `step` (after a jump), or the row its write continued. */
  reveal(step: number): void {
    const i = this.continued.get(step) ?? rowsUpTo(this.rows, step - 1);
    if (i < this.list.length) this.list.scrollToIndex(i, 'nearest');
  }

  private annotation(r: OutputRow): string {
    const parts: string[] = [];
    if (r.kind !== 'error') {
      const stack = this.model.console[r.entry]?.stack;
      const fn = stack && stack.length ? stack[stack.length - 1] : null;
      if (fn) parts.push(fn);
    }
    const task = r.task === null ? undefined : this.model.tasks[r.task];
    // the task's source in the shared table's word, as the text report and the stack say it
    if (task) parts.push(SOURCES[task.queue].word);
    if (r.line != null) parts.push(placeLabel(r.line, otherFile(r.file, this.entry)));
    return parts.join(' · ');
  }

  private fill(el: HTMLElement, i: number): void {
    const r = this.rows[i];
    el.className = `ls-out ls-out-${r.kind}`;
    const text = overprint(rowTextAt(r, this.step));
    el.classList.toggle('is-current', rowWrittenAt(r, this.step));
    el.classList.toggle('is-continuation', !r.first);
    el.dataset.step = String(r.step);
    if (r.line != null) el.dataset.line = String(r.line);
    else delete el.dataset.line;
    const other = r.line == null ? null : otherFile(r.file, this.entry);
    if (other !== null) el.dataset.file = other;
    else delete el.dataset.file;
    el.tabIndex = 0;
    el.setAttribute('role', 'button');
    const note = r.first ? this.annotation(r) : '';
    el.setAttribute('aria-label', `${text}${note ? ` (${note})` : ''}, go to step ${r.step + 1}`);
    const writes = continuedBy(r.cuts);
    el.title = `step ${r.step + 1}${writes}${note ? ` · ${note}` : ''} — click to go to this step`;
    let textEl = el.firstElementChild as HTMLElement | null;
    let meta = el.lastElementChild as HTMLElement | null;
    if (!textEl || textEl === meta) {
      const doc = el.ownerDocument;
      textEl = doc.createElement('span');
      textEl.className = 'ls-out-text';
      meta = doc.createElement('span');
      meta.className = 'ls-out-meta';
      el.replaceChildren(textEl, meta);
    }
    textEl.textContent = text;
    meta!.textContent = note;
  }
}

/** "(continued by the writes of steps 12, 15)", or for many, their count and first and last step. */
function continuedBy(cuts: OutputRow['cuts']): string {
  if (cuts === undefined) return '';
  if (cuts.length === 1) return ` (continued by the write of step ${cuts[0].step + 1})`;
  if (cuts.length <= 5) return ` (continued by the writes of steps ${cuts.map((c) => c.step + 1).join(', ')})`;
  return ` (continued by ${cuts.length} writes, steps ${cuts[0].step + 1} to ${cuts[cuts.length - 1].step + 1})`;
}
