// What a queue chip says (render/queues.ts): its label as code a person wrote (the call site,
// `setTimeout(greet, 10)`, else the model's label; a Promise.all member's reaction: its group), a second line
// with what its promise settled with ("→ 42"), a timer's delay and firing time, and the line, and the whole of
// both for the tooltip. Pure, so the words are unit-tested without a DOM.

import type { QueueItem } from '../src/shared/modelTypes';
import type { QueueName } from '../src/shared/rawTrace';
import { formatMs, placeLabel, placeWords } from './format';
import { promiseGroupText, promiseGroupWords, settledText, settledWords } from '../src/shared/model/promiseGroups';

export interface ChipText {
  label: string;
  meta: string;
  /** The tooltip: everything the chip says, whole. */
  title: string;
  /** For a screen reader. */
  aria: string;
}

/** The delay a timer was given: as written in the call when it is a literal, else due − enqueue time. */
export function timerDelay(item: QueueItem): number | undefined {
  if (item.due === undefined) return undefined;
  if (item.delay !== undefined) return item.delay;
  if (item.enqueuedAt === undefined) return undefined;
  return Math.max(0, Math.round(item.due - item.enqueuedAt));
}

/** "0 ms → at 59 ms": the delay it was given, and when it fires (ms since the run started). */
export function timerTiming(item: QueueItem): string | undefined {
  if (item.due === undefined) return undefined;
  const delay = timerDelay(item);
  const at = `at ${formatMs(item.due)}`;
  return delay === undefined ? at : `${formatMs(delay)} → ${at}`;
}

/** Whether a timer's due time has passed at time `now` while it still waits in its queue. */
export function isLate(item: QueueItem, now: number): boolean {
  return item.due !== undefined && now > item.due;
}

/** `otherFile`: the item's file when it is not the traced file (format.ts otherFile): its place names it. */
export function chipText(queue: QueueName, item: QueueItem, opts: { late?: boolean; queuedByNode?: string; otherFile?: string | null } = {}): ChipText {
  // a combinator's reaction to one of its members has no call of its own: its group names it
  const label = item.group ? promiseGroupText(item.group) : (item.call ?? item.label);
  const timing = queue === 'timer' ? timerTiming(item) : undefined;
  // what the promise settled with comes first: it is what the reaction will get
  const settled = item.settled ? settledText(item.settled) : undefined;
  // lateness is the chip's colour and edge (queues.css .is-late), and said in the tooltip and to a screen reader
  const other = opts.otherFile ?? null;
  const meta = [settled, timing, placeLabel(item.line, other)].filter(Boolean).join(' · ');
  const where = item.line == null ? '' : placeWords(item.line, other);
  const delay = timing === undefined ? undefined : timerDelay(item);
  const lines = [
    label,
    meta,
    item.body && item.body !== label ? `callback: ${item.body}` : '',
    item.settled ? `its promise ${settledWords(item.settled)}` : '',
    item.group ? `${promiseGroupWords(item.group)}: its reaction to that member` : '',
    timing && item.due !== undefined
      ? `${delay === undefined ? '' : `given ${formatMs(delay)}; `}fires ${formatMs(item.due)} after the run started${opts.late ? ' (late: that time has passed, it waits its turn)' : ''}`
      : '',
    opts.queuedByNode ?? '',
  ].filter(Boolean);
  const aria = [
    label,
    item.settled ? settledWords(item.settled) : '',
    timing ? timing.replace(' → ', ', fires ') : '',
    opts.late ? 'late' : '',
    where,
    opts.queuedByNode ?? '',
  ].filter(Boolean).join(', ');
  return { label, meta, title: lines.join('\n'), aria };
}
