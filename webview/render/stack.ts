// The call stack lane: the running task's callback at the bottom (it arrived from its queue), the user's
// frames above it, top of stack highlighted. Library code between two of the user's frames (an EventEmitter's
// emit, Array.map: Frame.via) is one dimmed row tagged "library", with no line to show. The callback is one row: once Node has called it, its frame is
// the bottom frame, and that row shows the function's name and the line it is at (not a second row). Keyed joins keep each frame's element for its whole life, and
// fixed row geometry means a push never moves the rows below it.

import { select } from 'd3-selection';
import type { Frame, StepState, TaskInfo, TraceModel } from '../../src/shared/modelTypes';
import { frameLines } from '../../src/shared/model/frameLines';
import { fadeIn, fadeOutAndRemove, moveTo, placeAt } from '../motion';
import { SOURCES, type TaskSource } from '../../src/shared/eventLoop';
import { entryFileName, otherFile, placeLabel, placeWords } from '../format';
import { STACK_PITCH } from '../geometry';
import { queueColour } from '../queueColour';

export interface StackRow {
  key: string;
  kind: 'task' | 'frame' | 'library' | 'more';
  name: string;
  detail: string;
  line: number | null;
  /** The file `line` is in when it is not the traced file (a frame of another module), else null. */
  file?: string | null;
  /** Task rows: the queue the callback came from (colours the row like its queue lane). */
  queue?: TaskSource;
}

export interface StackRenderOptions {
  /** Transition duration, 0 for none. */
  duration: number;
  /** How many rows fit (from the measured lane height); Infinity when unknown. */
  capacity: number;
}

export function taskRowKey(itemId: string): string {
  return `t:${itemId}`;
}

/** A function the runtime could not name: the queued callback's source text says more. */
const ANONYMOUS = '(anonymous)';

function taskRow(task: TaskInfo): StackRow {
  const script = task.queue === 'script';
  return {
    key: taskRowKey(task.itemId),
    kind: 'task',
    name: task.label || (script ? 'main script' : SOURCES[task.queue].word),
    // the queue's word, as in the console notes and the text report
    detail: script ? '' : SOURCES[task.queue].word,
    line: task.line,
    queue: task.queue,
  };
}

function frameRow(f: Frame, at: number, entry: string): StackRow {
  // a frame's lines are all in its function's file
  return { key: `f:${f.id}`, kind: 'frame', name: f.name, detail: '', line: at, file: otherFile(f.file, entry) };
}

/** The library frame a frame was called through: no line (its code is not the user's), its file as the detail. */
function libraryRow(f: Frame, via: NonNullable<Frame['via']>): StackRow {
  return { key: `l:${f.id}`, kind: 'library', name: via.name, detail: via.file ?? 'built-in', line: null };
}

/** Rows bottom-up; when they do not fit, the bottom ones are folded into one "more" row. */
export function stackRows(state: StepState, model: TraceModel, capacity: number): StackRow[] {
  const rows: StackRow[] = [];
  // at its task-end step the callback has returned: the stack is empty, as the sentence says
  const task = state.task === null || state.kind === 'task-end' ? undefined : model.tasks[state.task];
  // each frame shows the line it is at (as a debugger does): the call site of the frame above, or the running line
  const at = frameLines(state.stack, state.line);
  const entry = entryFileName(model);
  if (task) {
    const row = taskRow(task);
    row.file = otherFile(task.file, entry);
    // the script is where its first frame was called from (its own line while no function runs; right after a
    // function awaited, where that function was called from)
    if (task.queue === 'script') {
      const left = state.subject.kind === 'suspend' ? state.subject.frame.callerLine : undefined;
      row.line = state.stack.length ? (state.stack[0].callerLine ?? row.line) : (left ?? state.line ?? row.line);
      row.file = otherFile(state.stack.length ? state.stack[0].callerFile : state.subject.kind === 'suspend' ? state.subject.frame.callerFile : state.file, entry);
    }
    rows.push(row);
  }
  // a queued task's bottom frame is its callback (Node called it): the task row stands for it
  const merged = task && task.queue !== 'script' && state.stack.length > 0;
  if (merged) {
    const row = rows[rows.length - 1];
    const callback = state.stack[0];
    // the queued function itself keeps its source text as the name (stable from task start to end); another
    // function Node called in the task (a resumed async function, a listener) is named as a debugger would
    if (callback.line !== task.line && callback.name !== ANONYMOUS) row.name = callback.name;
    row.line = at[0];
  }
  state.stack.forEach((f, i) => {
    if (i > 0 || !merged) {
      if (f.via !== undefined) rows.push(libraryRow(f, f.via));
      rows.push(frameRow(f, at[i], entry));
    }
  });
  if (rows.length <= capacity || capacity < 2) return rows;
  const hidden = rows.length - (capacity - 1);
  const more: StackRow = { key: 'more', kind: 'more', name: `… ${hidden} more below`, detail: '', line: null };
  return [more, ...rows.slice(hidden)];
}

const y = (i: number): number => -i * STACK_PITCH;
const rest = (_d: StackRow, i: number): string => `translate(0px, ${y(i)}px)`;

/** What a lane drew last, so an unchanged stack costs nothing on the next step. */
const drawn = new WeakMap<HTMLElement, string>();

export function renderStack(lane: HTMLElement, state: StepState, model: TraceModel, opts: StackRenderOptions): void {
  const track = lane.querySelector<HTMLElement>('.ls-stack-track');
  if (!track) throw new Error('stack lane without .ls-stack-track');
  const rows = stackRows(state, model, opts.capacity);
  const ms = opts.duration;
  const keys = rows.map((r) => (r.kind === 'more' ? r.name : `${r.key}@${r.file ?? ''}:${r.line}`)).join(' ');
  if (drawn.get(lane) === keys) return;
  drawn.set(lane, keys);

  const joined = select(track)
    .selectAll<HTMLElement, StackRow>('.ls-frame:not(.is-exiting)')
    .data(rows, (d) => d.key)
    .join(
      (enter) => {
        const el = enter.append<HTMLElement>('div').attr('class', 'ls-frame');
        el.append('span').attr('class', 'ls-frame-name');
        el.append('span').attr('class', 'ls-frame-tag');
        el.append('span').attr('class', 'ls-frame-detail');
        el.append('span').attr('class', 'ls-frame-line');
        placeAt(el, rest, true);
        fadeIn(el, ms);
        return el;
      },
      (update) => update,
      (exit) => fadeOutAndRemove(exit, ms, (_d, i) => `translate(24px, ${y(i)}px)`),
    );

  const top = rows.length - 1;
  joined
    .classed('is-task', (d) => d.kind === 'task')
    .classed('is-more', (d) => d.kind === 'more')
    .classed('is-library', (d) => d.kind === 'library')
    .classed('is-top', (d, i) => i === top && d.kind !== 'more')
    .attr('data-key', (d) => d.key)
    .attr('data-queue', (d) => d.queue ?? null)
    // the main script has no lane to match, and its row has never had a queue colour
    .style('--ls-q', (d) => (d.queue && d.queue !== 'script' ? queueColour(d.queue) : null))
    .attr('data-line', (d) => (d.line == null ? null : String(d.line)))
    .attr('data-file', (d) => (d.line == null ? null : (d.file ?? null)))
    .attr('tabindex', (d) => (d.line == null ? null : '0'))
    .attr('role', (d) => (d.line == null ? null : 'button'))
    .attr('aria-label', (d) =>
      d.kind === 'more'
        ? d.name
        : d.kind === 'library'
          ? `library frame ${d.name}, ${d.detail}`
          : `${d.kind === 'task' ? 'task' : 'frame'} ${d.name}${d.line == null ? '' : `, ${placeWords(d.line, d.file ?? null)}`}`,
    )
    .attr('title', (d) =>
      d.kind === 'library'
        ? `${d.name} (${d.detail}): library code between your functions, not instrumented`
        : d.line == null
          ? d.name
          : `${d.name} — ${placeWords(d.line, d.file ?? null)} (click to show in the editor)`,
    );
  joined.select('.ls-frame-name').text((d) => d.name);
  joined.select('.ls-frame-tag').text((d) => (d.kind === 'library' ? 'library' : ''));
  joined.select('.ls-frame-detail').text((d) => d.detail);
  joined.select('.ls-frame-line').text((d) => placeLabel(d.line, d.file ?? null));

  moveTo(joined, ms, rest);
  joined.order();

  const topRow = rows[top];
  lane.setAttribute(
    'aria-label',
    rows.length === 0
      ? 'Call stack: empty'
      : `Call stack: ${state.stack.length} frame${state.stack.length === 1 ? '' : 's'}, top: ${topRow.name}${topRow.line == null ? '' : ` ${placeWords(topRow.line, topRow.file ?? null)}`}`,
  );
  lane.classList.toggle('is-empty', rows.length === 0);
}
