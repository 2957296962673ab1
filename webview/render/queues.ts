// One queue lane (nextTick, microtasks, timers, immediates, I/O, close): its items left to right in run
// order, head first. Keyed by item id, so a callback keeps its element from enqueue until it leaves. Chips
// share the lane's width (geometry.ts laneLayout); a long queue shows what fits and a "+N more" chip that
// expands the lane to a few rows (never one element per queued item). Items Node's own code queued (just my
// code, webview/internalTaskIndex.ts) are drawn dimmed; a timer whose due time has passed is marked late.
// A step's changes are sequenced so no two texts ever cross: leaving chips fade out first, then the rest
// slide into place, then new chips fade in (each a third of the step's transition).

import { select } from 'd3-selection';
import type { QueueItem } from '../../src/shared/modelTypes';
import type { QueueName } from '../../src/shared/rawTrace';
import { fadeIn, fadeOutAndRemove, moveTo, placeAt } from '../motion';
import { QUEUE_LONG_TITLES, otherFile } from '../format';
import { chipSlot, laneLayout, type LaneLayout } from '../geometry';
import { chipText, isLate } from '../chipText';

export interface ChipDatum {
  key: string;
  /** Items not shown, on the lane's last chip (the more/fewer toggle). */
  more: number;
  item: QueueItem | null;
}

export interface QueueRenderOptions {
  duration: number;
  /** How the lane lays out its chips (geometry.ts laneLayout, from the measured track width); unmeasured by default. */
  layout?: LaneLayout;
  /** Whether the user expanded the lane (the toggle chip then says "fewer"). */
  expanded?: boolean;
  /** The queue's length when `items` is only its head (a long queue is never materialised). */
  total?: number;
  /** The step's time, ms since the run started: a timer due before it is late. */
  now?: number;
  /** Whether Node's own code queued the item of this id (O(1): looked up per drawn chip). */
  queuedByNode?: (itemId: string) => boolean;
  /** The item that leaves for the call stack this step: it flies (webview/flight.ts), its chip goes at once. */
  departing?: string;
  /** The traced file's name (format.ts entryFileName): an item of another file names its file. */
  entry?: string;
}

/** The tooltip of a chip Node's own code queued, and what a screen reader hears after its label. */
export const QUEUED_BY_NODE = "queued by Node's own code";

/** The key of a lane's more/fewer chip. */
const TOGGLE_KEY = ' more';

/** The chips to draw: the head that fits, and the more/fewer toggle when the layout has one. */
export function queueChips(items: readonly QueueItem[], layout: LaneLayout): ChipDatum[] {
  const shown = Math.min(items.length, layout.shown);
  const chips: ChipDatum[] = [];
  for (let i = 0; i < shown; i++) chips.push({ key: items[i].id, more: 0, item: items[i] });
  if (layout.toggle) chips.push({ key: TOGGLE_KEY, more: layout.more, item: null });
  return chips;
}

/** What the more/fewer chip says. */
export function toggleLabel(more: number, expanded: boolean): string {
  if (!expanded) return `+${more} more`;
  return more > 0 ? `+${more} · fewer` : 'fewer';
}

/** What a lane drew last, so an unchanged queue costs nothing on the next step. */
const drawn = new WeakMap<HTMLElement, string>();

export function renderQueue(lane: HTMLElement, queue: QueueName, items: readonly QueueItem[], opts: QueueRenderOptions): void {
  const track = lane.querySelector<HTMLElement>('.ls-queue-track');
  const count = lane.querySelector<HTMLElement>('.ls-queue-count');
  if (!track || !count) throw new Error(`queue lane ${queue} without track/count`);
  const total = opts.total ?? items.length;
  const expanded = !!opts.expanded;
  const layout = opts.layout ?? laneLayout(0, total, expanded);
  const chips = queueChips(items, layout);
  const ms = opts.duration;
  const byNode = (d: ChipDatum): boolean => !!d.item && !!opts.queuedByNode?.(d.item.id);
  const entry = opts.entry ?? '';
  const other = (d: ChipDatum): string | null => otherFile(d.item?.file, entry);
  const late = (d: ChipDatum): boolean => !!d.item && opts.now !== undefined && isLate(d.item, opts.now);
  const ids = chips.map((c) => `${c.key}${byNode(c) ? '\u0001' : ''}${late(c) ? '\u0002' : ''}`).join('\u0000');
  const key = `${ids}|${total}|${layout.chipWidth}|${layout.columns}|${layout.more}|${expanded}`;
  if (drawn.get(lane) === key) return;
  drawn.set(lane, key);

  const third = ms / 3;
  const at = (_d: ChipDatum, i: number): string => {
    const { x, y } = chipSlot(layout, i);
    return `translate(${x}px, ${y}px)`;
  };
  const joined = select(track)
    .selectAll<HTMLElement, ChipDatum>('.ls-chip:not(.is-exiting)')
    .data(chips, (d) => d.key)
    .join(
      (enter) => {
        const el = enter.append<HTMLElement>('div').attr('class', 'ls-chip');
        el.append('span').attr('class', 'ls-chip-label');
        el.append('span').attr('class', 'ls-chip-meta');
        placeAt(el, at, true);
        el.filter((d) => d.item !== null).style('width', `${layout.chipWidth}px`);
        fadeIn(el, third, 2 * third);
        return el;
      },
      (update) => update,
      (exit) => {
        // the callback that starts running is drawn flying to the call stack: its chip is hidden at once, but
        // stays while the flight leaves its slot, so the lane's "empty" does not appear under the token
        const departing = exit.filter((d) => d.key === opts.departing).classed('is-departed', true);
        fadeOutAndRemove(departing, third);
        // gone (not just faint) before the others start to slide over their place
        fadeOutAndRemove(exit.filter((d) => d.key !== opts.departing), third * 0.8);
      },
    );

  joined
    .classed('is-more', (d) => d.item === null)
    .classed('is-head', (d, i) => i === 0 && d.item !== null)
    .classed('is-internal', byNode)
    .classed('is-late', late)
    .classed('is-grouped', (d) => !!d.item?.group)
    .attr('data-group', (d) => (d.item?.group ? String(d.item.group.number) : null))
    .attr('data-id', (d) => (d.item ? d.item.id : null))
    .attr('data-line', (d) => (d.item?.line == null ? null : String(d.item.line)))
    .attr('data-file', (d) => (d.item?.line == null ? null : other(d)))
    .attr('data-toggle', (d) => (d.item ? null : expanded ? 'fewer' : 'more'))
    .attr('tabindex', (d) => (d.item && d.item.line == null ? null : '0'))
    .attr('role', (d) => (d.item && d.item.line == null ? null : 'button'))
    .attr('aria-expanded', (d) => (d.item ? null : String(expanded)));
  joined.each(function (d) {
    const label = this.querySelector<HTMLElement>('.ls-chip-label');
    const meta = this.querySelector<HTMLElement>('.ls-chip-meta');
    if (!label || !meta) return;
    if (!d.item) {
      label.textContent = toggleLabel(d.more, expanded);
      meta.textContent = '';
      const what = expanded ? 'show fewer' : `show ${d.more} more`;
      this.title = `${d.more > 0 ? `${d.more} more item${d.more === 1 ? '' : 's'} queued. ` : ''}Click to ${what}.`;
      this.setAttribute('aria-label', `${d.more} more, ${what}`);
      return;
    }
    const text = chipText(queue, d.item, { late: late(d), queuedByNode: byNode(d) ? QUEUED_BY_NODE : undefined, otherFile: other(d) });
    label.textContent = text.label;
    meta.textContent = text.meta;
    this.title = text.title;
    this.setAttribute('aria-label', text.aria);
  });
  moveTo(joined, third, at, third);
  // a chip's width changes with the lane's layout; it changes with the slide (same delay, duration and
  // easing), so neighbours keep their gap throughout
  const width = (d: ChipDatum): string | null => (d.item ? `${layout.chipWidth}px` : null);
  if (third > 0) joined.filter((d) => d.item !== null).transition('size').delay(third).duration(third).style('width', width);
  else joined.interrupt('size').style('width', width);
  joined.order();

  track.style.setProperty('--ls-rows', String(layout.rows));
  lane.classList.toggle('is-expanded', expanded);
  count.textContent = String(total);
  lane.classList.toggle('is-empty', total === 0);
  lane.setAttribute('aria-label', `${QUEUE_LONG_TITLES[queue]}: ${total === 0 ? 'empty' : `${total} waiting`}`);
}

/** The element of a queue item, if it is shown (to fly it to the call stack). */
export function queueItemElement(lane: HTMLElement, itemId: string): HTMLElement | null {
  for (const el of lane.querySelectorAll<HTMLElement>('.ls-chip:not(.is-exiting)')) {
    if (el.dataset.id === itemId) return el;
  }
  return null;
}
