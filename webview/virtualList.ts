// A fixed-row-height virtual list: only the rows in view (plus a few) exist in the DOM, so a source file of
// 10k lines or thousands of console lines cost the same per step as ten. Rows are keyed by index (d3 join),
// positioned absolutely inside a spacer as tall as all rows.

import { select } from 'd3-selection';

export interface VirtualListOptions {
  /** Row height in px; every row must be exactly this tall (geometry.ts, which the stylesheet also uses). */
  rowHeight: number;
  /** Fill a row element for index `i` (called for new rows and on refresh()). */
  renderRow: (row: HTMLElement, index: number) => void;
  /** Class of row elements. */
  rowClass: string;
  /** Viewport height to assume when the element has none (not laid out, e.g. under jsdom). */
  fallbackHeight?: number;
  overscan?: number;
  /** Called after the viewport changed size (shown after being hidden, the window resized). */
  onResize?: () => void;
}

export class VirtualList {
  private count = 0;
  private readonly spacer: HTMLElement;
  private pending = false;
  private viewportHeight = 0;
  /**
   * scrollTop as last set or seen in a scroll event: reading the live value in the middle of a render
   * would force a synchronous layout of everything the step just changed.
   */
  private scrollTop = 0;
  private readonly rows = new Map<number, HTMLElement>();

  constructor(
    readonly viewport: HTMLElement,
    private readonly opts: VirtualListOptions,
  ) {
    const doc = viewport.ownerDocument;
    this.spacer = doc.createElement('div');
    this.spacer.className = 'ls-vlist-spacer';
    viewport.append(this.spacer);
    viewport.addEventListener(
      'scroll',
      () => {
        this.scrollTop = viewport.scrollTop;
        this.schedule();
      },
      { passive: true },
    );
    const win = doc.defaultView;
    if (win && 'ResizeObserver' in win) {
      new win.ResizeObserver(() => {
        this.viewportHeight = viewport.clientHeight;
        // a viewport without a box (hidden, not laid out yet) ignores scrollTop: apply the position it missed
        if (this.viewportHeight > 0 && Math.abs(viewport.scrollTop - this.scrollTop) >= 1) {
          viewport.scrollTop = this.scrollTop;
          this.scrollTop = viewport.scrollTop;
        }
        this.update();
        this.opts.onResize?.();
      }).observe(viewport);
    }
  }

  get rowHeight(): number {
    return this.opts.rowHeight;
  }

  get length(): number {
    return this.count;
  }

  setCount(n: number): void {
    if (n === this.count) return;
    this.count = n;
    this.spacer.style.height = `${n * this.opts.rowHeight}px`;
    this.update();
  }

  /** Re-render every row in view (their content depends on something that changed, e.g. the step). */
  refresh(): void {
    this.update(true);
  }

  /** Re-render row `i` if it is in the DOM (a highlight moved). */
  refreshRow(i: number): void {
    const el = this.rows.get(i);
    if (el) this.opts.renderRow(el, i);
  }

  /** Scrolls so row `i` is visible: `nearest` moves as little as possible, `center` centres it. */
  scrollToIndex(i: number, mode: 'nearest' | 'center'): void {
    if (i < 0 || i >= this.count) return;
    const h = this.height();
    const top = i * this.opts.rowHeight;
    const bottom = top + this.opts.rowHeight;
    const cur = this.scrollTop;
    let next = cur;
    if (mode === 'center') {
      if (top < cur || bottom > cur + h) next = top - (h - this.opts.rowHeight) / 2;
    } else if (top < cur) next = top;
    else if (bottom > cur + h) next = bottom - h;
    next = Math.max(0, Math.min(next, this.count * this.opts.rowHeight - h));
    if (Math.abs(next - cur) >= 1) {
      this.viewport.scrollTop = next;
      this.scrollTop = next;
      this.update();
    }
  }

  /** Whether row `i` is wholly inside the viewport's height (as last scrolled). */
  isInView(i: number): boolean {
    const top = i * this.opts.rowHeight;
    return top >= this.scrollTop && top + this.opts.rowHeight <= this.scrollTop + this.height();
  }

  /** Renders again each row in the DOM for which `which(i)` holds (a few dozen rows at most: those on screen). */
  refreshRenderedWhere(which: (i: number) => boolean): void {
    for (const i of this.rows.keys()) if (which(i)) this.refreshRow(i);
  }

  /** Index range currently rendered, for tests. */
  renderedIndexes(): number[] {
    return Array.from(this.spacer.children, (el) => Number((el as HTMLElement).dataset.index));
  }

  private height(): number {
    if (!this.viewportHeight) this.viewportHeight = this.viewport.clientHeight;
    return this.viewportHeight || this.opts.fallbackHeight || 400;
  }

  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    const win = this.viewport.ownerDocument.defaultView;
    const run = (): void => {
      this.pending = false;
      this.update();
    };
    if (win?.requestAnimationFrame) win.requestAnimationFrame(run);
    else setTimeout(run, 0);
  }

  private update(all = false): void {
    const rh = this.opts.rowHeight;
    const over = this.opts.overscan ?? 6;
    const top = this.scrollTop;
    const first = Math.max(0, Math.floor(top / rh) - over);
    const last = Math.min(this.count - 1, Math.ceil((top + this.height()) / rh) + over);
    const indexes: number[] = [];
    for (let i = first; i <= last; i++) indexes.push(i);
    const { renderRow, rowClass } = this.opts;
    const rows = this.rows;
    select(this.spacer)
      .selectAll<HTMLElement, number>(`.${rowClass}`)
      .data(indexes, (d) => String(d))
      .join(
        (enter) =>
          enter
            .append<HTMLElement>('div')
            .attr('class', rowClass)
            .attr('data-index', (d) => String(d))
            .style('top', (d) => `${d * rh}px`)
            .each(function (d) {
              rows.set(d, this);
              renderRow(this, d);
            }),
        (update) =>
          all
            ? update.each(function (d) {
                renderRow(this, d);
              })
            : update,
        (exit) =>
          exit
            .each((d) => {
              rows.delete(d);
            })
            .remove(),
      )
      .order();
  }
}
