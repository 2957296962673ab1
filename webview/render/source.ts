// The traced source, virtualised, with the running line highlighted and kept in view: after a step, when the
// lane is shown again or resized (a hidden webview ignores scrolling), and after a reload (the restored
// step's line). Long lines scroll sideways: the list is as wide as the widest line, the line numbers stay.
// For a traced selection, lines that did not run are dimmed (selectionLines.ts says which ran). Clicking a
// line shows it in the editor (data-line, handled by the app).

import { LIST_ROW_HEIGHT } from '../geometry';
import { ranFlags, type LineRange } from '../selectionLines';
import { VirtualList } from '../virtualList';

/** Tab stops of the source view (styles/virtualList.css tab-size). */
const TAB_SIZE = 4;

/** East Asian wide and emoji code points take two columns in a monospace font. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f000}-\u{3ffff}]/u;

/** Columns `line` takes in a monospace font: tabs to the next stop, wide characters two. O(length). */
export function displayColumns(line: string, tabSize = TAB_SIZE): number {
  let col = 0;
  for (const ch of line) {
    if (ch === '\t') col += tabSize - (col % tabSize);
    else col += WIDE.test(ch) ? 2 : 1;
  }
  return col;
}

export class SourceView {
  private lines: string[] = [];
  private readonly list: VirtualList;
  private current: number | null = null;
  private digits = 1;
  /** Per line (1-based): it ran; null when every line ran. */
  private ran: Uint8Array | null = null;

  /** `ran`: the line ranges that ran (null or absent: the whole file ran, nothing is dimmed). */
  constructor(viewport: HTMLElement, source: string, ran?: readonly LineRange[] | null) {
    viewport.replaceChildren();
    this.list = new VirtualList(viewport, {
      rowHeight: LIST_ROW_HEIGHT,
      rowClass: 'ls-src',
      fallbackHeight: 400,
      renderRow: (el, i) => this.fill(el, i),
      onResize: () => this.keepInView(),
    });
    this.setSource(source, ran);
  }

  /** Shows another text in the same list (the step went into another file of the project); no line highlighted. */
  setSource(source: string, ran?: readonly LineRange[] | null): void {
    this.lines = source.replace(/\r?\n$/, '').split(/\r?\n/);
    this.ran = ran ? ranFlags(this.lines.length, ran) : null;
    this.current = null;
    this.digits = String(this.lines.length).length;
    const viewport = this.list.viewport;
    viewport.scrollLeft = 0;
    viewport.style.setProperty('--ls-gutter-ch', String(this.digits + 1));
    // the rows are positioned absolutely: the spacer carries the widest line's width (source.css)
    viewport.style.setProperty('--ls-code-ch', String(this.lines.reduce((w, l) => Math.max(w, displayColumns(l)), 0)));
    this.list.setCount(this.lines.length);
    this.list.refresh();
  }

  get list_(): VirtualList {
    return this.list;
  }

  /** The highlighted line (1-based), or null. */
  get currentLine(): number | null {
    return this.current;
  }

  /** Highlights `line` (1-based, null for none) and scrolls it into view. */
  render(line: number | null): void {
    if (line === this.current) return;
    const before = this.current;
    this.current = line;
    if (before !== null) this.list.refreshRow(before - 1);
    if (line !== null) this.list.refreshRow(line - 1);
    if (line !== null) this.list.scrollToIndex(line - 1, 'center');
    this.list.viewport.setAttribute('aria-label', line === null ? 'Source' : `Source, running line ${line}`);
  }

  /** Scrolls to a line without changing the highlight (standalone "reveal"). */
  show(line: number): void {
    this.list.scrollToIndex(line - 1, 'center');
  }

  /** The lane got a new size (shown again, resized): the running line must still be in view. */
  private keepInView(): void {
    if (this.current !== null && !this.list.isInView(this.current - 1)) this.list.scrollToIndex(this.current - 1, 'center');
  }

  private fill(el: HTMLElement, i: number): void {
    const n = i + 1;
    el.className = 'ls-src';
    el.classList.toggle('is-current', n === this.current);
    el.classList.toggle('is-outside', !!this.ran && !this.ran[n]);
    el.dataset.line = String(n);
    if (n === this.current) el.setAttribute('aria-current', 'true');
    else el.removeAttribute('aria-current');
    let gutter = el.firstElementChild as HTMLElement | null;
    let code = el.lastElementChild as HTMLElement | null;
    if (!gutter || gutter === code) {
      const doc = el.ownerDocument;
      gutter = doc.createElement('span');
      gutter.className = 'ls-src-gutter';
      gutter.setAttribute('aria-hidden', 'true');
      code = doc.createElement('span');
      code.className = 'ls-src-code';
      el.replaceChildren(gutter, code);
    }
    gutter.textContent = String(n);
    code!.textContent = this.lines[i] === '' ? ' ' : this.lines[i];
  }
}
