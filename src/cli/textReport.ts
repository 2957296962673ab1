// The terminal step-through: one block per task (what started it, what it printed, what it queued, what
// went wrong), then a summary. A pure function of the model: lines out, no I/O, so it is testable and
// streams a large trace without building one huge string.

import type { ConsoleLine, ErrorInfo, FoldedCalls, PromiseGroup, SettledWith, TaskInfo, TraceModel } from '../shared/modelTypes';
import { promiseGroupText, settledText } from '../shared/model/promiseGroups';
import type { ExitReason, TracingMeta } from '../shared/rawTrace';
import { foldedCallsNames, formatCount, formatMs } from '../shared/model/foldedCallsLabel';
import { SOURCES, type TaskSource } from '../shared/eventLoop';
import { plainStyle, type Style } from './style';
import { isLibraryFrameLabel } from '../shared/libraryFrame';
import { alsoRanSummary } from '../shared/selectionSummary';
import type { OrderVariants } from '../shared/orderVariants';
import { orderStabilityLines } from './orderStabilityReport';
import { functionCallBudget } from '../shared/runtimeContract';
import { findInsights } from '../shared/insights';
import { insightsLines } from './insightsReport';
import { messagesByTask, threadsSummaryLines, threadTitle } from './threadsReport';
import { foldInternalTasks, internalFoldSummary, internalTasks } from '../shared/justMyCode';
import { clockText, durationText, stretchText, syncStretchBefore, taskRanMs, timeOfStep } from '../shared/model/stepClock';

export interface TextReportOptions {
  style?: Style;
  /** Queue operations listed per task before the rest is summarised as "… N more". */
  maxQueuedPerTask?: number;
  /** Show tasks that ran none of the user's code one by one (`--all-tasks`); default: folded. */
  allTasks?: boolean;
  /** `--runs N`: the console orders of the runs, reported after the summary. */
  runs?: OrderVariants;
}

const queueWord = (source: TaskSource): string => SOURCES[source].word;

const REASON_TEXT: Record<ExitReason, string> = {
  completed: 'completed (the event loop ran out of work)',
  timeout: 'stopped by the time limit (--timeout)',
  'event-cap': 'stopped by the event limit (--max-events)',
  'uncaught-error': 'ended by an uncaught error',
  'process-exit': 'process.exit() was called',
};

function groupBy<T>(items: readonly T[], key: (item: T) => number | null): Map<number | null, T[]> {
  const groups = new Map<number | null, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** A position in the text: " (line 3)", " (util.ts line 3:5)" — the file only where it is not the entry. */
type At = (line: number | null, column?: number | null, file?: string | null) => string;

/** "  · at 48.9 ms", dimmed: when a step happened (ms since the run started). */
const atTime = (model: TraceModel, step: number, style: Style): string =>
  step >= 0 && step < model.stepCount ? style.dim(`  · at ${clockText(timeOfStep(model, step))}`) : '';

function positionWriter(model: TraceModel): At {
  const entry = model.files?.[0]?.path ?? model.meta.file.split(/[\\/]/).pop() ?? null;
  const fileWord = (file: string | null | undefined): string => (file != null && file !== entry ? `${file} ` : '');
  return (line, column, file) => (line === null ? '' : column ? ` (${fileWord(file)}line ${line}:${column})` : ` (${fileWord(file)}line ${line})`);
}

function* printedLines(model: TraceModel, lines: ConsoleLine[], style: Style, at: At): Iterable<string> {
  for (const c of lines) {
    const [first, ...more] = c.text.split('\n');
    const tag = c.stream === 'stderr' ? style.error('printed!') : 'printed ';
    // a line printed by another of the project's files says which (the entry's go without: at() without a file)
    const where = c.line === null || at(c.line, null, c.file) === at(c.line) ? '' : style.dim(at(c.line, null, c.file));
    // library code between the user's frames (an emit, a map callback): the stack says how the line got there
    const via = c.stack.some(isLibraryFrameLabel) ? style.dim(` · in ${c.stack.join(' > ')}`) : '';
    // a write that ended without a newline: a terminal goes on with the stream's next write on the same line
    const open = c.open ? style.dim(' · no newline') : '';
    // the mark goes on the write's last text line
    const lines = [`  ${tag} ${first}${where}${atTime(model, c.step, style)}${via}`, ...more.map((m) => `           ${m}`)];
    lines[lines.length - 1] += open;
    yield* lines;
  }
}

function* errorLines(errors: ErrorInfo[], style: Style, at: At): Iterable<string> {
  for (const e of errors) {
    const kind = e.kind === 'uncaught' ? 'uncaught' : 'unhandled rejection';
    yield `  ${style.error(`error    ${kind}: ${e.message.split('\n')[0]}`)}${at(e.line, e.column, e.file)}`;
  }
}

function* queuedLines(model: TraceModel, task: TaskInfo, style: Style, max: number, at: At): Iterable<string> {
  let shown = 0;
  let hidden = 0;
  for (let step = task.firstStep; step <= task.lastStep && step < model.stepCount; step++) {
    const kind = model.kindAt(step);
    if (kind !== 'enqueue' && kind !== 'cancel') continue;
    if (shown >= max) {
      hidden++; // counted with the cheap per-step scalar only
      continue;
    }
    const subject = model.stateAt(step).subject;
    if (subject.kind !== 'enqueue' && subject.kind !== 'cancel') continue;
    const verb = subject.kind === 'enqueue' ? 'queued  ' : 'cancelled';
    const due = subject.item.due === undefined ? '' : style.dim(` due at ${subject.item.due.toFixed(1)} ms`);
    yield `  ${verb} ${style.queue(subject.queue, queueWord(subject.queue))} · ${subject.item.label}${at(subject.item.line, null, subject.item.file)}${due}${promiseNote(subject.item)}${atTime(model, step, style)}`;
    shown++;
  }
  if (hidden > 0) yield style.dim(`  … ${hidden} more queue operations`);
}

/**
 * The task's long synchronous stretches (stepClock.ts): "ran      `busyWork` 1,423 ms without a break". One
 * cheap time read per step; the stack is read only at a long gap.
 */
function* stretchLines(model: TraceModel, task: TaskInfo, style: Style, max: number): Iterable<string> {
  let shown = 0;
  for (let step = task.firstStep + 1; step <= task.lastStep && step < model.stepCount; step++) {
    const s = syncStretchBefore(model, step);
    if (!s) continue;
    if (shown++ >= max) continue;
    yield `  ${style.bold('busy    ')} ${stretchText(s).replace(/`/g, '')} without a break${atTime(model, step, style)}`;
  }
  if (shown > max) yield style.dim(`  … ${shown - max} more long stretches`);
}

/** The task's calls past its call budget, summed per function: "counted  fib ×629,000 (180 ms) ...". */
function* countedLines(model: TraceModel, task: TaskInfo, style: Style): Iterable<string> {
  const byName = new Map<string, FoldedCalls>();
  let ms = 0;
  for (let step = task.firstStep; step <= task.lastStep && step < model.stepCount; step++) {
    if (model.kindAt(step) !== 'calls') continue;
    const subject = model.stateAt(step).subject;
    if (subject.kind !== 'calls') continue;
    ms += subject.calls[0]?.ms ?? 0;
    for (const c of subject.calls) {
      const seen = byName.get(c.name);
      if (seen) seen.count += c.count;
      else byName.set(c.name, { ...c });
    }
  }
  if (byName.size === 0) return;
  const label = foldedCallsNames([...byName.values()]);
  yield `  counted  ${label} (${formatMs(ms)})${style.dim(': calls past the task\'s or the function\'s call budget, counted, not stepped (--full records them)')}`;
}

function taskHeader(model: TraceModel, task: TaskInfo, style: Style, at: At): string {
  const queue = style.queue(task.queue, queueWord(task.queue));
  const time = style.dim(`  [at ${clockText(task.start)}, ran ${durationText(taskRanMs(model, task))}]`);
  return `${style.bold(`Task ${task.id}`)} · ${queue} · ${task.label}${at(task.line, null, task.file)}${promiseNote(task)}${time}`;
}

/** " · Promise.all #1 · 2 of 3 · → 42": a promise reaction's group and what its promise settled with. */
function promiseNote(it: { settled?: SettledWith; group?: PromiseGroup }): string {
  return `${it.group ? ` · ${promiseGroupText(it.group)}` : ''}${it.settled ? ` · ${settledText(it.settled)}` : ''}`;
}

export function* textReportLines(model: TraceModel, opts: TextReportOptions = {}): Iterable<string> {
  const style = opts.style ?? plainStyle;
  const messages = messagesByTask(model);
  yield* taskBlocks(model, opts, style, messages.get(0));
  for (const t of model.threads ?? []) {
    yield style.bold(`=== ${threadTitle(t)} ===`);
    yield '';
    yield* taskBlocks(t.model, opts, style, messages.get(t.id));
  }
  const insights = findInsights(model, { runs: opts.runs });
  if (insights.length > 0) {
    yield* insightsLines(insights, style);
    yield '';
  }
  yield* summaryLines(model, style);
  if (model.threads !== undefined && model.threads.length > 0) {
    yield '';
    yield* threadsSummaryLines(model, style);
  }
  if (opts.runs) {
    yield '';
    yield* orderStabilityLines(opts.runs, style);
  }
}

/** One block per task of one thread, and what ran outside any task. */
function* taskBlocks(model: TraceModel, opts: TextReportOptions, style: Style, messages?: ReadonlyMap<number, string[]>): Iterable<string> {
  const max = opts.maxQueuedPerTask ?? 20;
  const at = positionWriter(model);
  const consoleByTask = groupBy(model.console, (c) => c.task);
  const errorsByTask = groupBy(model.errors, (e) => e.task);
  const internal = opts.allTasks ? model.tasks.map(() => false) : internalTasks(model);
  for (const run of foldInternalTasks(model.tasks, internal)) {
    if (run.kind === 'internal') {
      const first = run.tasks[0];
      const last = run.tasks[run.tasks.length - 1];
      const ids = first === last ? `Task ${first.id}` : `Tasks ${first.id}-${last.id}`;
      yield style.dim(`${ids} · ${internalFoldSummary(run.tasks)}: Node's own code, none of yours (--all-tasks shows them)`);
      yield '';
      continue;
    }
    const { task } = run;
    yield taskHeader(model, task, style, at);
    yield* stretchLines(model, task, style, max);
    yield* printedLines(model, consoleByTask.get(task.id) ?? [], style, at);
    yield* countedLines(model, task, style);
    yield* queuedLines(model, task, style, max, at);
    for (const m of messages?.get(task.id) ?? []) yield `  ${m}`;
    yield* errorLines(errorsByTask.get(task.id) ?? [], style, at);
    yield '';
  }
  const outside = consoleByTask.get(null) ?? [];
  const outsideErrors = errorsByTask.get(null) ?? [];
  if (outside.length > 0 || outsideErrors.length > 0) {
    yield style.bold('Outside any task') + style.dim(" (e.g. 'exit' listeners)");
    yield* printedLines(model, outside, style, at);
    yield* errorLines(outsideErrors, style, at);
    yield '';
  }
}

export function* summaryLines(model: TraceModel, style: Style = plainStyle): Iterable<string> {
  const { meta } = model;
  const counts = new Map<TaskSource, number>();
  for (const t of model.tasks) counts.set(t.queue, (counts.get(t.queue) ?? 0) + 1);
  const perQueue = [...counts].map(([q, n]) => `${queueWord(q)} ${n}`).join(', ');
  const code = meta.exit.code === null ? 'no exit code' : `exit code ${meta.exit.code}`;
  yield style.bold('Summary');
  const ran = meta.selection?.ran ?? meta.lines;
  yield `  node ${meta.node} · ${meta.module === 'esm' ? 'ES module' : 'CommonJS'}${ran ? ` · traced lines ${ran.from}-${ran.to} only` : ''}`;
  if (model.files !== undefined && model.files.length > 1) yield `  ${count(model.files.length, 'file')} traced: ${model.files.map((f) => f.path).join(', ')}`;
  const alsoRan = alsoRanSummary(meta.selection);
  if (alsoRan) yield `  ${alsoRan}`;
  yield `  run ${REASON_TEXT[meta.exit.reason]} · ${code}`;
  yield `  ${count(model.tasks.length, 'task')} (${perQueue}) · ${count(model.stepCount, 'step')} · ${count(model.console.length, 'console line')} · ${count(model.errors.length, 'error')}`;
  const t = meta.timings;
  yield style.dim(`  ${Math.round(t.total)} ms total (transpile ${Math.round(t.transpile)}, instrument ${Math.round(t.instrument)}, run ${Math.round(t.run)})`);
  const tracing = meta.tracing;
  if (tracing) yield style.dim(`  ${tracingSentence(tracing)}`);
}

/** "tracing added about 12 ms to the times above (20,026 events recorded, 2,662,537 calls counted, ...)". */
export function tracingSentence(tracing: TracingMeta): string {
  const budget = tracing.callBudget === null ? 'every call recorded (--full)' : `the first ${formatCount(tracing.callBudget)} calls of each task recorded, at most ${formatCount(functionCallBudget(tracing.callBudget))} of one function`;
  const counted = tracing.foldedCalls > 0 ? `, ${formatCount(tracing.foldedCalls)} calls counted, not stepped` : '';
  const added = tracing.overheadMs === null ? 'tracing' : `tracing added about ${formatMs(tracing.overheadMs)} to the times above (estimated)`;
  return `${added}: ${formatCount(tracing.events)} events recorded${counted}; ${budget}`;
}

/** The whole report as one string (tests, small traces). */
export function formatTextReport(model: TraceModel, opts: TextReportOptions = {}): string {
  return [...textReportLines(model, opts)].join('\n') + '\n';
}
