// One queue lane (nextTick, microtasks, timers, immediates, I/O, close): its items left to right in run
// order, head first. Keyed by item id, so a callback keeps its element from enqueue until it leaves; a long
// queue shows what fits and a "+N more" chip (never one element per queued item).

import { select } from 'd3-selection';
import type { QueueItem } from '../../src/shared/modelTypes';
import type { QueueName } from '../../src/shared/rawTrace';
import { fadeIn, fadeOutAndRemove, moveTo } from '../motion';
import { QUEUE_LONG_TITLES, formatMs, lineLabel } from '../format';

/** Chip width plus gap, px (styles.css: .ls-chip width 180px + 6px). */
export const CHIP_PITCH = 186;

export interface ChipDatum {
  key: string;
  more: number;
  item: QueueItem | null;
}

export interface QueueRenderOptions {
  duration: number;
  /** How many chips fit (from the measured track width); Infinity when unknown. */
  capacity: number;
}

export function queueChips(items: readonly QueueItem[], capacity: number): ChipDatum[] {
  const fits = items.length <= capacity || capacity < 2;
  const shown = fits ? items.length : capacity - 1;
  const chips: ChipDatum[] = [];
  for (let i = 0; i < shown; i++) chips.push({ key: items[i].id, more: 0, item: items[i] });
  if (!fits) chips.push({ key: ' more', more: items.length - shown, item: null });
  return chips;
}

function chipMeta(queue: QueueName, item: QueueItem): string {
  const parts: string[] = [];
  if (queue === 'timer' && item.due !== undefined) parts.push(`due ${formatMs(item.due)}`);
  if (item.line != null) parts.push(lineLabel(item.line));
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
  const chips = queueChips(items, opts.capacity);
  const ms = opts.duration;

  const joined = select(track)
    .selectAll<HTMLElement, ChipDatum>('.ls-chip:not(.is-exiting)')
    .data(chips, (d) => d.key)
    .join(
      (enter) => {
        const el = enter.append<HTMLElement>('div').attr('class', 'ls-chip');
        el.append('span').attr('class', 'ls-chip-label');
        el.append('span').attr('class', 'ls-chip-meta');
        el.style('transform', (d, i) => `translate(${i * CHIP_PITCH}px, -10px)`);
        fadeIn(el, ms);
        return el;
      },
      (update) => update,
      (exit) => fadeOutAndRemove(exit, ms, (_d, i) => `translate(${i * CHIP_PITCH}px, 14px)`),
    );

  joined
    .classed('is-more', (d) => d.item === null)
    .classed('is-head', (_d, i) => i === 0)
    .attr('data-id', (d) => (d.item ? d.item.id : null))
    .attr('data-line', (d) => (d.item?.line == null ? null : String(d.item.line)))
    .attr('tabindex', (d) => (d.item?.line == null ? null : '0'))
    .attr('role', (d) => (d.item?.line == null ? null : 'button'))
    .attr('aria-label', (d) => (d.item ? `${d.item.label}${d.item.line == null ? '' : `, line ${d.item.line}`}` : `${d.more} more`))
    .attr('title', (d) => (d.item ? `${d.item.label}${d.item.line == null ? '' : ` — line ${d.item.line}`}` : `${d.more} more items queued`));
  joined.select('.ls-chip-label').text((d) => (d.item ? d.item.label : `+${d.more} more`));
  joined.select('.ls-chip-meta').text((d) => (d.item ? chipMeta(queue, d.item) : ''));
  moveTo(joined, ms, at);
  joined.order();

  count.textContent = String(items.length);
  lane.classList.toggle('is-empty', items.length === 0);
  lane.setAttribute('aria-label', `${QUEUE_LONG_TITLES[queue]}: ${items.length === 0 ? 'empty' : `${items.length} waiting`}`);
}

/** Where a queue item's element is on screen right now, if it is shown (to fly it to the call stack). */
export function queueItemRect(lane: HTMLElement, itemId: string): DOMRect | null {
  for (const el of lane.querySelectorAll<HTMLElement>('.ls-chip:not(.is-exiting)')) {
    if (el.dataset.id === itemId) return el.getBoundingClientRect();
  }
  return null;
}
