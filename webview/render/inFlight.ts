// The "In flight" region: what waits outside the JavaScript thread at this step (src/shared/model/inFlight.ts)
// — timers counting down to their due time, fs requests on the thread pool, sockets, child processes,
// workers — each with how long until it is due or how long it has been pending. An item leaves when it is
// ready (a timer's due time passed: the Timers lane has it) or its callback is queued (the I/O lane has it).
// A bounded list: at most `max` rows and a "+N more" line, whatever the trace holds.

import type { InFlightAt } from '../../src/shared/model/inFlight';
import { clockText, durationText } from '../../src/shared/model/stepClock';
import { h, setText } from '../dom';
import { otherFile, placeLabel, placeWords } from '../format';
import { paintQueueColour } from '../queueColour';

/** A row's height and the gap under it (styles/inFlight.css sets the same height), px. */
export const IN_FLIGHT_ROW_PITCH = 40;
/** What the column keeps for the call stack (its title and two frames) and the region's title, gaps and "+N more" line, px. */
const STACK_RESERVE = 130;
const REGION_CHROME = 52;
const MAX_ROWS = 6;

/** How many rows fit under the stack in a stack column `columnHeight` px tall (unmeasured, 0: the most). */
export function inFlightCapacity(columnHeight: number): number {
  if (!(columnHeight > 0)) return MAX_ROWS;
  const rows = Math.floor((columnHeight - STACK_RESERVE - REGION_CHROME) / IN_FLIGHT_ROW_PITCH);
  return Math.max(1, Math.min(MAX_ROWS, rows));
}

export interface InFlightRow {
  key: string;
  kind: 'timer' | 'operation';
  /** "timer", "fs", "socket". */
  title: string;
  /** What it is: the timer's callback, or where the operation waits. */
  what: string;
  line: number | null;
  /** The line's file when it is not the traced one (format.ts otherFile), else null. */
  file: string | null;
  /** "fires in 12 ms" / "pending 40 ms". */
  when: string;
  /** "due at 59.0 ms" / "since 19.4 ms". */
  detail: string;
  /** Tooltip and accessible description. */
  tip: string;
}

/**
 * The rows of the list, at most `max`: timers first (earliest due first), then operations (the most recently
 * started ones, oldest of them first); `more` counts the rest.
 */
export function inFlightRows(at: InFlightAt, max: number, entry: string | null = null): { rows: InFlightRow[]; more: number } {
  const rows: InFlightRow[] = [];
  const other = (file: string | null): string | null => (entry === null ? null : otherFile(file, entry));
  for (const t of at.timers) {
    rows.push({
      key: `t:${t.id}`,
      kind: 'timer',
      title: 'timer',
      what: t.label,
      line: t.line,
      file: other(t.file),
      when: `fires in ${durationText(t.firesIn)}`,
      detail: `due at ${clockText(t.due)}`,
      tip: `Timer ${t.label}${t.line != null ? ` (${placeWords(t.line, other(t.file))})` : ''}: due at ${clockText(t.due)}, in ${durationText(t.firesIn)}. It joins the Timers lane when its time comes.`,
    });
  }
  for (const o of at.operations) {
    rows.push({
      key: `o:${o.id}`,
      kind: 'operation',
      title: o.short,
      what: o.place,
      line: o.line,
      file: other(o.file),
      when: `pending ${durationText(o.pendingFor)}`,
      detail: `since ${clockText(o.since)}`,
      tip: `${o.title} (${o.resource})${o.line != null ? `, started on ${placeWords(o.line, other(o.file))}` : ''}: ${o.where} for ${durationText(o.pendingFor)}. Its callback joins the I/O lane when it completes.`,
    });
  }
  const total = at.timerCount + at.operationCount;
  // timers and operations each come bounded; keep at most `max` rows in all, and say how many more there are
  const shown = rows.slice(0, Math.max(0, max));
  return { rows: shown, more: total - shown.length };
}

function rowElement(doc: Document, r: InFlightRow): HTMLElement {
  const li = h(doc, 'li', { class: `ls-inflight-item is-${r.kind}`, title: r.tip, 'data-key': r.key }, [
    h(doc, 'span', { class: 'ls-inflight-kind' }, [r.title]),
    h(doc, 'span', { class: 'ls-inflight-what' }, [r.kind === 'timer' ? h(doc, 'code', {}, [r.what]) : r.what]),
    h(doc, 'span', { class: 'ls-inflight-line' }, [placeLabel(r.line, r.file)]),
    h(doc, 'span', { class: 'ls-inflight-when' }, [r.when]),
    h(doc, 'span', { class: 'ls-inflight-detail' }, [r.detail]),
  ]);
  paintQueueColour(li, r.kind === 'timer' ? 'timer' : 'io');
  return li;
}

/** Draws the list into the region's track; unchanged rows keep their elements (only their times change). */
/** `entry`: the traced file's name (format.ts entryFileName): a line of another file names its file. */
export function renderInFlight(region: HTMLElement, at: InFlightAt, max: number, entry: string | null = null): void {
  const doc = region.ownerDocument;
  const list = region.querySelector<HTMLElement>('.ls-inflight-list');
  const count = region.querySelector<HTMLElement>('.ls-inflight-count');
  if (!list) return;
  const { rows, more } = inFlightRows(at, max, entry);
  const total = at.timerCount + at.operationCount;
  if (count) setText(count, String(total));
  region.classList.toggle('is-empty', total === 0);
  const old = new Map<string, HTMLElement>();
  for (const el of Array.from(list.children) as HTMLElement[]) if (el.dataset.key) old.set(el.dataset.key, el);
  const next: HTMLElement[] = rows.map((r) => {
    const el = old.get(r.key);
    if (!el) return rowElement(doc, r);
    setText(el.querySelector('.ls-inflight-when')!, r.when);
    setText(el.querySelector('.ls-inflight-detail')!, r.detail);
    if (el.title !== r.tip) el.title = r.tip;
    return el;
  });
  if (more > 0) {
    const text = `+${more.toLocaleString('en-US')} more`;
    const el = old.get(' more') ?? h(doc, 'li', { class: 'ls-inflight-more', 'data-key': ' more' });
    setText(el, text);
    next.push(el);
  }
  const same = next.length === list.children.length && next.every((el, i) => list.children[i] === el);
  if (!same) list.replaceChildren(...next);
}

/**
 * The step that queues an operation's callback: a copy of its In-flight row flies from where the row was to
 * where the callback's chip now is, and goes (the row itself is already gone from the list). Only when
 * animating (`ms` > 0); a browser without the Web Animations API just shows the new state.
 */
export function flyIntoQueue(region: HTMLElement, row: { rect: DOMRect; copy: HTMLElement }, to: DOMRect, ms: number): void {
  const doc = region.ownerDocument;
  const ghost = row.copy;
  ghost.classList.add('ls-inflight-ghost');
  ghost.setAttribute('aria-hidden', 'true');
  ghost.removeAttribute('title');
  const { rect } = row;
  ghost.style.setProperty('left', `${rect.left}px`);
  ghost.style.setProperty('top', `${rect.top}px`);
  ghost.style.setProperty('width', `${rect.width}px`);
  doc.body.append(ghost);
  if (typeof ghost.animate !== 'function') {
    ghost.remove();
    return;
  }
  const dx = to.left - rect.left;
  const dy = to.top - rect.top;
  const sx = to.width > 0 ? to.width / rect.width : 1;
  const anim = ghost.animate(
    [
      { transform: 'translate(0px, 0px)', opacity: 0.95 },
      { transform: `translate(${dx}px, ${dy}px) scale(${sx}, 1)`, opacity: 0.25 },
    ],
    { duration: ms, easing: 'ease-in-out' },
  );
  const done = (): void => ghost.remove();
  anim.onfinish = done;
  anim.oncancel = done;
}

/** The row of operation `id` as it is drawn now (its place and a copy), before a render removes it; null when not listed or not laid out. */
export function takeInFlightRow(region: HTMLElement, id: string): { rect: DOMRect; copy: HTMLElement } | null {
  for (const el of region.querySelectorAll<HTMLElement>('.ls-inflight-item')) {
    if (el.dataset.key !== `o:${id}`) continue;
    const rect = el.getBoundingClientRect();
    return rect.width > 0 ? { rect, copy: el.cloneNode(true) as HTMLElement } : null;
  }
  return null;
}
