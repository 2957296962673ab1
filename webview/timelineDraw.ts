// Draws one frame of the Timeline on a canvas: the thread lanes (pinned under the axis; level of detail from
// timelineData.ts), then the scrolled rows that are in view: async calls (a solid span from the call until its
// promise settled, each `await` hatched and labelled by its line) and timer/I/O waits (scheduling to due, the
// lateness past due in its own colour, then the callback's run). Returns the boxes it drew, which hover and
// click hit-test and the browser tests read. Cost: O(visible tasks + visible rows), not O(trace).

import type { TaskInfo } from '../src/shared/modelTypes';
import type { TaskSource } from '../src/shared/eventLoop';
import { lineOf } from './timelineText';
import { mergedBars, type LinearMap, type RowCall, type TimelineData, type Wait } from './timelineData';

/** Heights of the drawing, px. */
export const TL = {
  gutter: 46,
  right: 10,
  laneHeight: 22,
  lanePitch: 26,
  rowHeight: 14,
  rowPitch: 20,
  headHeight: 18,
  font: 11,
} as const;

export interface TimelineColours {
  queue: Record<TaskSource, string>;
  fg: string;
  muted: string;
  border: string;
  panel: string;
  call: string;
  late: string;
  font: string;
}

export type TimelineHit =
  | { kind: 'tasks'; lane: number; first: number; last: number }
  | { kind: 'call'; call: RowCall }
  | { kind: 'await'; call: RowCall; index: number }
  | { kind: 'wait'; wait: Wait; part: 'wait' | 'late' | 'run' };

/** A drawn box in canvas CSS pixels. */
export interface DrawnBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  hit: TimelineHit;
}

/** The scrolled rows: a heading, then each async call, a heading, then each wait. */
export type TimelineRow = { kind: 'head'; text: string } | { kind: 'call'; call: RowCall } | { kind: 'wait'; wait: Wait };

/** Row `i` of the scrolled part, without materialising the list (O(1)). */
export function rowAt(data: TimelineData, i: number): TimelineRow | null {
  const calls = data.calls.length;
  const callRows = calls ? calls + 1 : 0;
  if (i < callRows) return i === 0 ? { kind: 'head', text: 'async functions' } : { kind: 'call', call: data.calls[i - 1] };
  const j = i - callRows;
  if (j >= (data.waits.length ? data.waits.length + 1 : 0)) return null;
  return j === 0 ? { kind: 'head', text: 'timers and I/O: scheduled → due → ran' } : { kind: 'wait', wait: data.waits[j - 1] };
}

export function rowCount(data: TimelineData): number {
  return (data.calls.length ? data.calls.length + 1 : 0) + (data.waits.length ? data.waits.length + 1 : 0);
}

/**
 * Messages between threads: a line from the sending lane at the post to the receiving lane at the task that
 * received it, with a dot where it was posted (not hit-tested: the receiving task's bar carries the details).
 */
function drawMessageLinks(ctx: CanvasRenderingContext2D, f: FrameInput, left: number, right: number): void {
  if (f.data.links.length === 0) return;
  const mid = (lane: number): number => lane * TL.lanePitch + 2 + TL.laneHeight / 2;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, 0, right - left, lanesHeight(f.data));
  ctx.clip();
  ctx.strokeStyle = f.colours.fg;
  ctx.fillStyle = f.colours.fg;
  ctx.lineWidth = 1.5;
  for (const l of f.data.links) {
    if (f.until !== null && l.receivedAt > f.until) continue;
    const x0 = f.x(l.postedAt);
    const x1 = f.x(l.receivedAt);
    if (Math.max(x0, x1) < left || Math.min(x0, x1) > right) continue;
    const y0 = mid(l.fromLane);
    const y1 = mid(l.toLane) + (l.toLane > l.fromLane ? -TL.laneHeight / 2 + 2 : TL.laneHeight / 2 - 2);
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(x0, y0, 2.5, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.restore();
}

/** A lane's name as fits the gutter: the thread's name, else "thread 1", else "T1" (the tooltip says it all). */
function laneLabel(ctx: CanvasRenderingContext2D, thread: { id: number; name: string }): string {
  const room = TL.gutter - 6;
  for (const label of [thread.name, `thread ${thread.id}`]) if (ctx.measureText(label).width <= room) return label;
  return `T${thread.id}`;
}

/** Where the scrolled rows start: under the lanes. */
export function lanesHeight(data: TimelineData): number {
  return data.lanes.length * TL.lanePitch + 4;
}

export interface FrameInput {
  data: TimelineData;
  tasks: readonly TaskInfo[];
  /** Per task id: Node's own (drawn faint). */
  internal: readonly boolean[];
  x: (ms: number) => number;
  /** The same map as `x`, as numbers (the lanes' hot loop). */
  linear: LinearMap;
  domain: [number, number];
  width: number;
  height: number;
  scrollTop: number;
  colours: TimelineColours;
  hatch: CanvasPattern | null;
  /** Presenter mode: draw only what happened by this time, ms (null: everything). */
  until: number | null;
}

function span(x0: number, x1: number): [number, number] {
  return x1 - x0 < 1 ? [x0, x0 + 1] : [x0, x1];
}

export function drawFrame(ctx: CanvasRenderingContext2D, f: FrameInput): DrawnBox[] {
  const { data, colours: c, width, height } = f;
  const boxes: DrawnBox[] = [];
  ctx.clearRect(0, 0, width, height);
  ctx.font = `${TL.font}px ${c.font}`;
  ctx.textBaseline = 'middle';
  const left = TL.gutter;
  const right = width - TL.right;

  // ---- the thread lanes, pinned ----
  data.lanes.forEach((lane, li) => {
    const y0 = li * TL.lanePitch + 2;
    ctx.fillStyle = c.muted;
    ctx.fillText(laneLabel(ctx, lane.thread), 4, y0 + TL.laneHeight / 2);
    ctx.strokeStyle = c.border;
    ctx.strokeRect(left - 0.5, y0 - 0.5, right - left + 1, TL.laneHeight + 1);
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, y0, right - left, TL.laneHeight);
    ctx.clip();
    const laneEnd = f.until === null ? f.domain[1] : Math.min(f.domain[1], f.until);
    const clip = f.until === null ? Infinity : f.x(f.until);
    for (const b of mergedBars(lane, f.domain[0], laneEnd, f.linear)) {
      // a merged bar takes the colour of its first task
      const task = (lane.table ?? f.tasks)[lane.tasks[b.first]];
      ctx.globalAlpha = (lane.internal ?? f.internal)[task.id] ? 0.4 : 1;
      ctx.fillStyle = c.queue[task.queue];
      const x0 = Math.max(left - 1, b.x0);
      const x1 = Math.min(right + 1, b.x1, Math.max(clip, b.x0 + 1));
      ctx.fillRect(x0, y0 + 2, Math.max(1, x1 - x0), TL.laneHeight - 4);
      boxes.push({ x0, x1: Math.max(x0 + 1, x1), y0: y0 + 2, y1: y0 + TL.laneHeight - 2, hit: { kind: 'tasks', lane: li, first: b.first, last: b.last } });
    }
    ctx.globalAlpha = 1;
    ctx.restore();
  });
  drawMessageLinks(ctx, f, left, right);

  // ---- the scrolled rows in view ----
  const top = lanesHeight(data);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, top, width, height - top);
  ctx.clip();
  const first = Math.max(0, Math.floor(f.scrollTop / TL.rowPitch));
  const last = Math.ceil((f.scrollTop + height - top) / TL.rowPitch);
  for (let i = first; i <= last; i++) {
    const row = rowAt(data, i);
    if (!row) break;
    const y0 = top + i * TL.rowPitch - f.scrollTop + (TL.rowPitch - TL.rowHeight) / 2;
    if (row.kind === 'head') {
      ctx.fillStyle = c.muted;
      ctx.fillText(row.text, 4, y0 + TL.rowHeight / 2);
    } else if (row.kind === 'call') drawCall(ctx, f, row.call, y0, left, right, boxes);
    else drawWait(ctx, f, row.wait, y0, left, right, boxes);
  }
  ctx.restore();
  return boxes;
}

function label(ctx: CanvasRenderingContext2D, f: FrameInput, text: string, x0: number, x1: number, y: number, right: number): void {
  const w = ctx.measureText(text).width;
  // after the span when there is room, else before it (rows may use the lanes' name gutter): the staircase
  // keeps its labels beside each step; else on the span, on a plate of the background
  let at = x1 + 6;
  if (at + w > right) at = x0 - 6 - w;
  if (at < 4) {
    at = Math.max(4, Math.min(right - w, x0 + 4));
    ctx.fillStyle = f.colours.panel;
    ctx.fillRect(at - 2, y - TL.font / 2 - 2, w + 4, TL.font + 4);
  }
  ctx.fillStyle = f.colours.fg;
  ctx.fillText(text, at, y);
}

function drawCall(ctx: CanvasRenderingContext2D, f: FrameInput, call: RowCall, y0: number, left: number, right: number, boxes: DrawnBox[]): void {
  const c = f.colours;
  const until = f.until ?? Infinity;
  if (call.start > until) return;
  const end = Math.min(call.end ?? f.data.domain[1], until);
  const [x0, x1] = span(f.x(call.start), f.x(end));
  const mid = y0 + TL.rowHeight / 2;
  if (x1 >= left && x0 <= right) {
    ctx.fillStyle = c.call;
    ctx.fillRect(x0, y0 + 3, x1 - x0, TL.rowHeight - 6);
    boxes.push({ x0, x1, y0, y1: y0 + TL.rowHeight, hit: { kind: 'call', call } });
    call.awaits.forEach((a, index) => {
      if (a.start > until) return;
      const [a0, a1] = span(f.x(a.start), f.x(Math.min(a.end ?? end, end)));
      ctx.fillStyle = c.panel;
      ctx.fillRect(a0, y0, a1 - a0, TL.rowHeight);
      ctx.fillStyle = f.hatch ?? c.muted;
      ctx.fillRect(a0, y0, a1 - a0, TL.rowHeight);
      ctx.strokeStyle = c.call;
      ctx.strokeRect(a0 + 0.5, y0 + 0.5, Math.max(0, a1 - a0 - 1), TL.rowHeight - 1);
      boxes.push({ x0: a0, x1: a1, y0, y1: y0 + TL.rowHeight, hit: { kind: 'await', call, index } });
      const text = lineOf(a.line);
      const w = ctx.measureText(text).width;
      if (text && a1 - a0 > w + 8) {
        ctx.fillStyle = c.panel;
        ctx.fillRect(a0 + (a1 - a0 - w) / 2 - 2, y0 + 2, w + 4, TL.rowHeight - 4);
        ctx.fillStyle = c.fg;
        ctx.fillText(text, a0 + (a1 - a0 - w) / 2, mid);
      }
    });
  }
  label(ctx, f, `${threadTag(call.thread)}${call.name}()${call.end === null && f.until === null ? ' (never settled)' : ''}`, x0, x1, mid, right);
}

function drawWait(ctx: CanvasRenderingContext2D, f: FrameInput, wait: Wait, y0: number, left: number, right: number, boxes: DrawnBox[]): void {
  const task = wait.task;
  const c = f.colours;
  const colour = c.queue[task.queue];
  const until = f.until ?? Infinity;
  const queued = wait.from;
  if (queued > until) return;
  const due = Math.min(task.due !== undefined ? Math.min(Math.max(task.due, queued), task.start) : task.start, until);
  const mid = y0 + TL.rowHeight / 2;
  ctx.globalAlpha = f.internal[task.id] ? 0.4 : 1;
  // waiting: a thin line from scheduling to due (timers) or to the callback (I/O)
  const [w0, w1] = span(f.x(queued), f.x(due));
  ctx.fillStyle = colour;
  ctx.fillRect(w0, mid - 2, w1 - w0, 4);
  ctx.fillRect(w0, y0 + 2, 1, TL.rowHeight - 4);
  boxes.push({ x0: w0, x1: w1, y0, y1: y0 + TL.rowHeight, hit: { kind: 'wait', wait, part: 'wait' } });
  // late: past due until it ran
  if ((task.lateMs ?? 0) > 0 && until > due) {
    const [l0, l1] = span(f.x(due), f.x(Math.min(task.start, until)));
    ctx.fillStyle = c.late;
    ctx.fillRect(l0, y0 + 2, l1 - l0, TL.rowHeight - 4);
    boxes.push({ x0: l0, x1: l1, y0, y1: y0 + TL.rowHeight, hit: { kind: 'wait', wait, part: 'late' } });
  }
  // the callback's run
  let r1w = w1;
  if (task.start <= until) {
    const [r0, r1] = span(f.x(task.start), f.x(Math.min(task.end, until)));
    r1w = Math.max(r1, r0 + 2);
    ctx.fillStyle = colour;
    ctx.fillRect(r0, y0, r1w - r0, TL.rowHeight);
    boxes.push({ x0: r0, x1: r1w, y0, y1: y0 + TL.rowHeight, hit: { kind: 'wait', wait, part: 'run' } });
  }
  ctx.globalAlpha = 1;
  if (w1 >= left - 200 && w0 <= right) label(ctx, f, `${threadTag(wait.thread)}${lineOf(wait.line ?? task.line)} ${task.queue === 'io' ? 'I/O' : 'timer'}`.trim(), w0, r1w, mid, right);
}

/** "T1 · " before a worker thread's row label, as its lane is labelled when the name does not fit. */
function threadTag(thread: number | undefined): string {
  return thread === undefined || thread === 0 ? '' : `T${thread} · `;
}

/**
 * The drawn box at (px, py), canvas pixels: a bar of 1-2 px is hit within 2 px; where boxes overlap, one
 * that contains the point beats a near miss, and the later drawn (on top) wins.
 */
export function boxAt(boxes: readonly DrawnBox[], px: number, py: number): DrawnBox | null {
  let best: DrawnBox | null = null;
  for (const b of boxes) {
    if (py < b.y0 || py > b.y1 || px < b.x0 - 2 || px > b.x1 + 2) continue;
    if (!best || (px >= b.x0 && px <= b.x1) || !(px >= best.x0 && px <= best.x1)) best = b;
  }
  return best;
}
