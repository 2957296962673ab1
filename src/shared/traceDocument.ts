// The `--json` document: tasks, console lines, errors and every step with its sentence, stack and queues.
// Written in pieces so a 100k-step trace streams to a file instead of becoming one giant string. A queue
// that did not change since the previous step reuses its already-serialised text.
//
// Shape (schemaVersion 1):
// { "schemaVersion": 1, "node": "v20.x", "module": "cjs"|"esm", "exit": { "code", "reason" },
//   "selection"?: { "ran": { "from", "to" }, "alsoRan": [ { "kind", "names", "from", "to" } ] },   (--lines)
//   "runs"?: { "count", "variants": [ { "count", "console": [texts], "runs": [run indexes] } ] },  (--runs N)
//   "threads": [ { "id": 0, "name": "main" }, { "id", "name", "file", "line", "parent" } ],   (workers: where
//               `new Worker` created them, in thread `parent`. A worker's tasks, console lines, errors and async
//               calls carry its "thread"; their ids and step numbers count within that thread: "steps" are main's)
//   "tasks": [ { "id", "thread", "queue", "label", "line", "file", "start", "end", "phase", "itemId", "firstStep",
//                "lastStep", "internal",                              (internal: ran none of the user's code)
//                "queuedAt"?, "due"?, "lateMs"?,                      (timers: due time and how late they ran, ms)
//                "messages"?: [ { "fromThread", "postedAt", "line", "file" } ],   (postMessage from another thread)
//                "value"?, "group"? } ],                              (promise reactions: see Item below)
//   "console": [ { "text", "stream", "task", "step", "stack": [names bottom to top], "line", "file", "thread",
//                  "open"?: true (the write ended without a newline: the stream's next write continues the line) } ],
//   "inFlight": [ { "id", "resource", "kind", "line", "file", "start", "fromStep", "toStep" } ],
//                 (operations outside the JS thread: in flight after steps fromStep..toStep-1; start in ms)
//   "errors": [ { "kind", "message", "line", "file", "column", "step", "task" } ],
//   "asyncCalls": [ { "id", "name", "file", "line", "thread", "start", "end" (null: never settled), "callerLine",
//                     "task", "step", "awaits": [ { "line", "start", "end", "step" } ] } ],   (suspended intervals)
//   "insights": [ { "kind", "message", "fix", "file", "line", "lines"?, "steps"?, "durationMs"?, "delayed"? } ],
//   "steps": [ { "index", "kind", "task", "line", "file", "phase", "draining", "time", "taskElapsed", "description",
//                "busyBefore"?: { "name", "ms" },   (a long synchronous stretch just before this step)
//                "stack": [ { "id", "name", "line", "file", "callerLine" } ],   (callerLine: the call site, in the frame below)
//                         library code between two of them: one { "library": true, "id": null, "name", "line": null, "file",
//                         "callerLine": null } (file: "node:events", a package's name, or null for a builtin: Array.map)
//                "queues": { "nextTick": Item[], "microtask": Item[], "timer": Item[], "immediate": Item[],
//                            "io": Item[], "close": Item[] },
//                "truncated"?: { "stack"?: fullDepth, queueName?: fullLength },
//                "calls"?: [ { "name", "line", "count", "ms" } ] } ],   (a "calls" step: calls counted, not stepped)
//   "tracing"?: { "callBudget", "events", "foldedCalls", "overheadMs" } }   (RunMeta.tracing: what tracing cost)
// A deep recursion or a burst of thousands of queued callbacks would repeat thousands of entries on every step:
// the CLI caps them (the top frames of the stack, the head of each queue) and says so in "truncated".
// Item = { "id", "label", "line", "file", "due"?, "value"?, "group"? }
// value = { "text", "rejected" }: a promise reaction (item or task): what its promise settled with, short ("42",
//         "'ok'", "Error: boom"), as read by the tracer (the first 500 per run)
// group = { "label", "number", "index", "count", "line" }: a reaction to member `index` (1-based) of `count` of
//         a Promise.all / allSettled / race / any call ("Promise.all", number: 1 for the run's first such call)
// time: ms since the run started; taskElapsed: ms since the running task started (null between tasks).
// Every "line" has a "file" beside it: the user's file it is in, relative to the traced file's folder with `/`
// separators (the traced file's own name for it), or null where no user file is involved.

import { QUEUE_NAMES, type QueueName } from './rawTrace';
import type { Frame, PromiseGroup, QueueItem, SettledWith, TraceModel } from './modelTypes';
import { describeStep } from './model/describe';
import { STACK } from './model/modelData';
import { StepModel } from './model/traceModel';
import { internalTasks } from './justMyCode';
import type { SelectionMeta, TracingMeta } from './rawTrace';
import { stepClock, syncStretchBefore } from './model/stepClock';
import type { OrderVariants } from './orderVariants';
import { findInsights, type Insight } from './insights';
import { MAIN_THREAD, promiseFields, threadList, threadParts, receivedBy } from './traceDocumentThreads';

export const TRACE_DOCUMENT_SCHEMA_VERSION = 1;

export interface TraceDocumentOptions {
  /** Write at most this many items per queue per step (the true length goes to the step's "truncated"). */
  maxQueueItems?: number;
  /** Write at most this many frames of the stack per step: the top ones (the true depth goes to "truncated"). */
  maxStackFrames?: number;
  /** `--runs N`: the console orders of the runs (src/shared/orderVariants.ts). */
  runs?: OrderVariants;
  /** A task longer than this is reported as a `blocked-loop` insight, ms. */
  blockedLoopMs?: number;
}

type Truncated = Partial<Record<QueueName | 'stack', number>>;

export interface TraceDocumentItem {
  id: string;
  label: string;
  line: number | null;
  file: string | null;
  due?: number;
  value?: SettledWith;
  group?: PromiseGroup;
}

export interface TraceDocument {
  schemaVersion: 1;
  node: string;
  module: 'cjs' | 'esm';
  exit: { code: number | null; reason: string };
  /** With `--lines`: what ran (RunMeta.selection). */
  selection?: SelectionMeta;
  /** With `--runs N`: each distinct console order with how many runs printed it (and which, 0-based). */
  runs?: OrderVariants;
  /** Main (id 0), then the workers: where `new Worker` created each (file, line) and the thread that did. */
  threads: { id: number; name: string; file?: string | null; line?: number | null; parent?: number }[];
  /** `internal`: the task ran none of the user's code (src/shared/justMyCode.ts). Timers add `due` and `lateMs`. */
  tasks: {
    id: number; thread: number; queue: string; label: string; line: number | null; file: string | null; start: number; end: number; phase: string; internal: boolean;
    queuedAt?: number; due?: number; lateMs?: number; value?: SettledWith; group?: PromiseGroup;
    /** A `message` task: the messages it received from other threads (postMessage): who posted each, when, where. */
    messages?: { fromThread: number; postedAt: number; line: number | null; file: string | null }[];
  }[];
  console: { text: string; stream: string; task: number | null; step: number; stack: string[]; line: number | null; file: string | null; thread: number; open?: true }[];
  /** Operations outside the JS thread (fs, sockets, child processes, workers), in flight after steps fromStep..toStep-1. */
  inFlight: { id: string; resource: string; kind: string; line: number | null; file: string | null; start: number; fromStep: number; toStep: number }[];
  errors: { kind: string; message: string; line: number | null; file: string | null; column: number | null; step: number; task: number | null; thread?: number }[];
  asyncCalls: {
    id: number; name: string; file: string | null; line: number; thread: number; start: number; end: number | null;
    callerLine: number | null; task: number | null; step: number;
    awaits: { line: number | null; start: number; end: number | null; step: number }[];
  }[];
  insights: Insight[];
  steps: {
    index: number;
    kind: string;
    task: number | null;
    line: number | null;
    file: string | null;
    phase: string | null;
    draining: string | null;
    time: number;
    /** ms since the running task started; null between tasks. */
    taskElapsed: number | null;
    description: string;
    /** The synchronous work just before this step, when it was long (model/stepClock.ts). */
    busyBefore?: { name: string; ms: number };
    stack: ({ id: number; name: string; line: number; file: string | null; callerLine: number | null } | { library: true; id: null; name: string; line: null; file: string | null; callerLine: null })[];
    queues: Record<QueueName, TraceDocumentItem[]>;
    truncated?: Truncated;
    /** A `calls` step: the functions whose calls past the task's or their own call budget were counted, not stepped. */
    calls?: { name: string; line: number | null; count: number; ms: number }[];
  }[];
  /** What tracing cost and left out (RunMeta.tracing). */
  tracing?: TracingMeta;
}

/** Pieces of text of at most ~64 KB (plus one step) that concatenate to the JSON document. */
export function* traceDocumentChunks(model: TraceModel, options: TraceDocumentOptions = {}): Generator<string> {
  const max = options.maxQueueItems ?? Infinity;
  const maxFrames = options.maxStackFrames ?? Infinity;
  const internal = internalTasks(model);
  const head = {
    schemaVersion: TRACE_DOCUMENT_SCHEMA_VERSION,
    node: model.meta.node,
    module: model.meta.module,
    exit: { code: model.meta.exit?.code ?? null, reason: model.meta.exit?.reason ?? 'completed' },
    ...(model.meta.selection ? { selection: model.meta.selection } : {}),
    ...(options.runs ? { runs: options.runs } : {}),
    threads: threadList(model),
    ...threadParts(model, MAIN_THREAD.id, internal, receivedBy(model, MAIN_THREAD.id)),
    insights: findInsights(model, { runs: options.runs, blockedLoopMs: options.blockedLoopMs }),
    ...(model.meta.tracing ? { tracing: model.meta.tracing } : {}),
  };
  for (const t of model.threads ?? []) {
    const parts = threadParts(t.model, t.id, internalTasks(t.model), receivedBy(model, t.id));
    head.tasks.push(...parts.tasks);
    head.console.push(...parts.console);
    head.errors.push(...parts.errors);
    head.asyncCalls.push(...parts.asyncCalls);
  }
  const opening = JSON.stringify(head);
  yield opening.slice(0, -1) + ',"steps":[';

  const containers = containerReader(model);
  let buffer = '';
  for (let i = 0; i < model.stepCount; i++) {
    const read = containers(i, max, maxFrames);
    const truncated = read.truncated ? `,"truncated":${JSON.stringify(read.truncated)}` : '';
    const clock = stepClock(model, i);
    const busy = syncStretchBefore(model, i);
    const busyBefore = busy ? `,"busyBefore":${JSON.stringify({ name: busy.name, ms: round3(busy.ms) })}` : '';
    const calls = model.kindAt(i) === 'calls' ? `,"calls":${callsJson(model, i)}` : '';
    buffer +=
      (i > 0 ? ',' : '') +
      `{"index":${i},"kind":${JSON.stringify(model.kindAt(i))},"task":${model.taskAt(i)},"line":${model.lineAt(i)},"file":${JSON.stringify(model.fileAt?.(i) ?? null)}` +
      `,"phase":${JSON.stringify(phaseOf(model, i))},"draining":${JSON.stringify(drainingOf(model, i))}` +
      `,"time":${num(clock.time)},"taskElapsed":${clock.taskElapsed === null ? 'null' : num(round3(clock.taskElapsed))}` +
      `,"description":${JSON.stringify(describeStep(model, i))}${busyBefore}` +
      `,"stack":${read.stack},"queues":{${read.queues}}${truncated}${calls}}`;
    if (buffer.length >= 65536) {
      yield buffer;
      buffer = '';
    }
  }
  yield buffer + ']}';
}

/** The whole document as an object (for small traces and tests). */
export function traceDocument(model: TraceModel, options?: TraceDocumentOptions): TraceDocument {
  return JSON.parse(Array.from(traceDocumentChunks(model, options)).join('')) as TraceDocument;
}

interface ContainerText {
  stack: string;
  queues: string;
  truncated?: Truncated;
}

/** Serialises a step's stack and queues, reusing the text of containers unchanged since the last step. */
function containerReader(model: TraceModel): (step: number, max: number, maxFrames: number) => ContainerText {
  if (!(model instanceof StepModel)) {
    return (step, max, maxFrames) => {
      const state = model.stateAt(step);
      const truncated: Truncated = {};
      if (state.stack.length > maxFrames) truncated.stack = state.stack.length;
      const queues = QUEUE_NAMES.map((q) => {
        const items = state.queues[q];
        if (items.length > max) truncated[q] = items.length;
        return `${JSON.stringify(q)}:[${items.slice(0, max).map(itemJson).join(',')}]`;
      }).join(',');
      const frames = state.stack.slice(Math.max(0, state.stack.length - maxFrames));
      return { stack: `[${frames.map(frameJson).join(',')}]`, queues, truncated: Object.keys(truncated).length ? truncated : undefined };
    };
  }
  const itemText: string[] = [];
  const frameText: string[] = [];
  const last = QUEUE_NAMES.map(() => ({ changes: -1, text: '' }));
  const lastStack = { changes: -1, text: '' };
  return (step, max, maxFrames) => {
    const cursor = model.cursorAt(step);
    const box = cursor.containers[STACK];
    let truncated: Truncated | undefined;
    if (box.length > maxFrames) (truncated ??= {}).stack = box.length;
    if (box.changes !== lastStack.changes) {
      const refs = box.view();
      const first = Math.max(0, refs.length - maxFrames);
      const parts: string[] = new Array(refs.length - first);
      for (let k = first; k < refs.length; k++) parts[k - first] = frameText[refs[k]] ??= frameJson(model.frame(refs[k]));
      lastStack.changes = box.changes;
      lastStack.text = `[${parts.join(',')}]`;
    }
    const queues = QUEUE_NAMES.map((q, qi) => {
      const qbox = cursor.containers[qi + 1];
      if (qbox.length > max) (truncated ??= {})[q] = qbox.length;
      const seen = last[qi];
      if (qbox.changes !== seen.changes) {
        const refs = qbox.view();
        const n = Math.min(refs.length, max);
        const parts: string[] = new Array(n);
        for (let k = 0; k < n; k++) parts[k] = itemText[refs[k]] ??= itemJson(model.item(refs[k]));
        seen.changes = qbox.changes;
        seen.text = `${JSON.stringify(q)}:[${parts.join(',')}]`;
      }
      return seen.text;
    }).join(',');
    return { stack: lastStack.text, queues, truncated };
  };
}

function callsJson(model: TraceModel, step: number): string {
  const subject = model.stateAt(step).subject;
  const calls = subject.kind === 'calls' ? subject.calls : [];
  return JSON.stringify(calls.map((c) => ({ name: c.name, line: c.line, count: c.count, ms: c.ms })));
}

/** A promise reaction's `value` (what its promise settled with) and `group` (the combinator member it is for). */
function itemJson(item: QueueItem): string {
  const base = { id: item.id, label: item.label, line: item.line, file: item.file ?? null };
  return JSON.stringify({ ...base, ...(item.due === undefined ? {} : { due: item.due }), ...promiseFields(item) });
}

/** A frame, after the library frame it was called through when there is one (Frame.via): marked `library`. */
function frameJson(frame: Frame): string {
  const own = JSON.stringify({ id: frame.id, name: frame.name, line: frame.line, file: frame.file ?? null, callerLine: frame.callerLine ?? null });
  return frame.via === undefined ? own : `${JSON.stringify({ library: true, id: null, name: frame.via.name, line: null, file: frame.via.file, callerLine: null })},${own}`;
}

function phaseOf(model: TraceModel, step: number): string | null {
  return model instanceof StepModel ? model.phaseAt(step) : model.stateAt(step).phase;
}

function drainingOf(model: TraceModel, step: number): string | null {
  return model instanceof StepModel ? model.drainingAt(step) : model.stateAt(step).draining;
}

/** Times are differences of µs-precise floats: rounded to the µs so 0.1 + 0.2 does not show. */
function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}
