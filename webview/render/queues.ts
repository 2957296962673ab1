// One queue lane (nextTick, microtasks, timers, immediates, I/O, close): its items left to right in run
// order, head first. Keyed by item id, so a callback keeps its element from enqueue until it leaves; a long
// queue shows what fits and a "+N more" chip (never one element per queued item). Items Node's own code
// queued (just my code, webview/internalTaskIndex.ts) are drawn dimmed.

import { select } from 'd3-selection';
import type { QueueItem } from '../../src/shared/modelTypes';
import type { QueueName } from '../../src/shared/rawTrace';
import { fadeIn, fadeOutAndRemove, moveTo, placeAt } from '../motion';
import { QUEUE_LONG_TITLES, formatMs, otherFile, placeLabel, placeWords } from '../format';
import { CHIP_PITCH } from '../geometry';

export interface ChipDatum {
  key: string;
  more: number;
  item: QueueItem | null;
}

export interface QueueRenderOptions {
  duration: number;
  /** How many chips fit (from the measured track width); Infinity when unknown. */
  capacity: number;
  /** The queue's length when `items` is only its head (a long queue is never materialised). */
  total?: number;
  /** Whether Node's own code queued the item of this id (O(1): looked up per drawn chip). */
  queuedByNode?: (itemId: string) => boolean;
  /** The traced file's name (format.ts entryFileName): an item of another file names its file. */
  entry?: string;
}

/** The tooltip of a chip Node's own code queued, and what a screen reader hears after its label. */
export const QUEUED_BY_NODE = "queued by Node's own code";

/** The chips to draw: the head that fits, and a "+N more" chip for the rest. */
export function queueChips(items: readonly QueueItem[], capacity: number, total = items.length): ChipDatum[] {
  const fits = total <= capacity || capacity < 2;
  const shown = Math.min(items.length, fits ? total : capacity - 1);
  const chips: ChipDatum[] = [];
  for (let i = 0; i < shown; i++) chips.push({ key: items[i].id, more: 0, item: items[i] });
  if (shown < total) chips.push({ key: ' more', more: total - shown, item: null });
  return chips;
}

/** What a lane drew last, so an unchanged queue costs nothing on the next step. */
const drawn = new WeakMap<HTMLElement, { ids: string; total: number; capacity: number }>();

function chipMeta(queue: QueueName, item: QueueItem, entry: string): string {
  const parts: string[] = [];
  if (queue === 'timer' && item.due !== undefined) parts.push(`due ${formatMs(item.due)}`);
  if (item.line != null) parts.push(placeLabel(item.line, otherFile(item.file, entry)));
  return parts.join(' · ');
}

const at = (_d: ChipDatum, i: number): string => `translate(${i * CHIP_PITCH}px, 0px)`;

export function renderQueue(
  lane: HTMLElement,
  queue: QueueName,
  items: readonly QueueItem[],
  opts: QueueRenderOptions,
): void {
  const track = lane.querySelector<HTMLElement>('.ls-queue-track');
  const count = lane.querySelector<HTMLElement>('.ls-queue-count');
  if (!track || !count) throw new Error(`queue lane ${queue} without track/count`);
  const total = opts.total ?? items.length;
  const chips = queueChips(items, opts.capacity, total);
  const ms = opts.duration;
  const byNode = (d: ChipDatum): boolean => !!d.item && !!opts.queuedByNode?.(d.item.id);
  const entry = opts.entry ?? '';
  const other = (d: ChipDatum): string | null => otherFile(d.item?.file, entry);
  const ids = chips.map((c) => (byNode(c) ? `${c.key}\u0001` : c.key)).join('\u0000');
  const last = drawn.get(lane);
  if (last && last.ids === ids && last.total === total && last.capacity === opts.capacity) return;
  drawn.set(lane, { ids, total, capacity: opts.capacity });

  const joined = select(track)
    .selectAll<HTMLElement, ChipDatum>('.ls-chip:not(.is-exiting)')
    .data(chips, (d) => d.key)
    .join(
      (enter) => {
        const el = enter.append<HTMLElement>('div').attr('class', 'ls-chip');
        el.append('span').attr('class', 'ls-chip-label');
        el.append('span').attr('class', 'ls-chip-meta');
        placeAt(el, (_d, i) => `translate(${i * CHIP_PITCH}px, ${ms > 0 ? -10 : 0}px)`, false);
        fadeIn(el, ms);
        return el;
      },
      (update) => update,
      (exit) => fadeOutAndRemove(exit, ms, (_d, i) => `translate(${i * CHIP_PITCH}px, 14px)`),
    );

  joined
    .classed('is-more', (d) => d.item === null)
    .classed('is-head', (_d, i) => i === 0)
    .classed('is-internal', byNode)
    .attr('data-id', (d) => (d.item ? d.item.id : null))
    .attr('data-line', (d) => (d.item?.line == null ? null : String(d.item.line)))
    .attr('data-file', (d) => (d.item?.line == null ? null : other(d)))
    .attr('tabindex', (d) => (d.item?.line == null ? null : '0'))
    .attr('role', (d) => (d.item?.line == null ? null : 'button'))
    .attr('aria-label', (d) => (d.item ? `${d.item.label}${d.item.line == null ? '' : `, ${placeWords(d.item.line, other(d))}`}${byNode(d) ? `, ${QUEUED_BY_NODE}` : ''}` : `${d.more} more`))
    .attr('title', (d) => (byNode(d) ? QUEUED_BY_NODE : d.item ? `${d.item.label}${d.item.line == null ? '' : ` — ${placeWords(d.item.line, other(d))}`}` : `${d.more} more items queued`));
  joined.select('.ls-chip-label').text((d) => (d.item ? d.item.label : `+${d.more} more`));
  joined.select('.ls-chip-meta').text((d) => (d.item ? chipMeta(queue, d.item, entry) : ''));
  moveTo(joined, ms, at);
  joined.order();

  count.textContent = String(total);
  lane.classList.toggle('is-empty', total === 0);
  lane.setAttribute('aria-label', `${QUEUE_LONG_TITLES[queue]}: ${total === 0 ? 'empty' : `${total} waiting`}`);
}

/** Where a queue item's element is on screen right now, if it is shown (to fly it to the call stack). */
export function queueItemRect(lane: HTMLElement, itemId: string): DOMRect | null {
  for (const el of lane.querySelectorAll<HTMLElement>('.ls-chip:not(.is-exiting)')) {
    if (el.dataset.id === itemId) return el.getBoundingClientRect();
  }
  return null;
}
