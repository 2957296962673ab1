// The raw trace: what one traced run of the user's code produced, before any step is derived from it.
// It is the one artifact that travels: the child writes the events, src/core adds the probe table and meta
// (all positions already mapped to the user's original file), and the CLI, the panel and exported pages all
// derive their steps from it with the same pure model (src/shared/model). Pure data: no Node, no DOM.

export const RAW_TRACE_FORMAT = 'loopscope-raw-trace';
export const RAW_TRACE_VERSION = 1;

// The queues and their rules live in eventLoop.ts; re-exported here because every event names its queue.
import type { QueueName } from './eventLoop';
export { QUEUE_NAMES, type QueueName, type TaskSource } from './eventLoop';

export type ModuleFormat = 'cjs' | 'esm';
import type { SourcePatterns } from './sourcePatterns';

export type ExitReason = 'completed' | 'timeout' | 'event-cap' | 'uncaught-error' | 'process-exit';

/** A line/column in the user's ORIGINAL file (1-based line, 1-based column). */
export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * A probe: a place in the user's code the instrumenter marked. The injected code only passes the probe's
 * small integer id to the runtime; this table (built by the instrumenter, positions in the original file)
 * gives it meaning. Ids are indexes into RawTrace.probes.
 */
export type ProbeKind =
  | 'function' // a function/method/getter/setter/constructor/arrow body; `name` is its readable name
  | 'schedule' // a call that queues a callback: setTimeout, then, nextTick, ...; `name` is the API ("setTimeout", "then")
  | 'await' // an await expression; `name` is the enclosing function's name
  | 'yield' // a yield expression; `name` is the enclosing function's name
  | 'thenable'; // a place where a thenable may be adopted (resolve(x), Promise.resolve(x), return in async fn)

export interface Probe {
  kind: ProbeKind;
  /** Readable name: function name, `(anonymous)`, API name. */
  name: string;
  line: number;
  column: number;
  /** Short source text for labels, e.g. "() => console.log('a')" (at most ~40 chars, ellipsis "…"). */
  snippet?: string;
  /** `function` probes of async functions (not async generators): each call is an async call with a promise. */
  async?: true;
  /** The file the probe is in: an index into RawTrace.files; absent = 0, the entry. */
  file?: number;
}

/**
 * One event from the child. Tuples keep a 1M-event trace small; the first element is the kind, the second
 * the time in ms since the run started (float). `line` fields are lines of the ORIGINAL file or null:
 * "located lines" (src/shared/sourceFiles.ts) that also name the file, `file index * 1e6 + line` (the entry is
 * file 0, so in a one-file trace they are the plain lines).
 *
 * Queue semantics (the runtime is responsible for making these true, the model only applies them):
 * - `enqueue` puts item `id` at the tail of `queue` (timer queue: kept in due-time order by the model;
 *   an interval that re-arms is enqueued again with the same id and its new due time).
 * - `run` starts task `id`: the item is removed from its queue (it is at the queue's head, except in the
 *   timer queue where it is the earliest due) and becomes the running task. Item ids are unique per queued
 *   thing; the synchronous script/module body runs as id "script" with no enqueue.
 * - `done` ends the running task `id`.
 * - `cancel` removes a queued item that will never run (clearTimeout, clearImmediate, ...).
 * - `pending` says an operation outside the JavaScript thread started (an fs request on the thread pool, a
 *   socket, a child process, a worker; `label` is Node's resource type, e.g. "FSREQCALLBACK"): its callback will
 *   be enqueued later as item `id` in the I/O queue. `settled` says it finished without that callback showing.
 *   Neither changes a queue: the model keeps them aside as what is "in flight".
 * - `enter`/`exit` push/pop a frame of function probe `probe`; `inv` is a unique invocation number.
 *   `suspend` takes frame `inv` off the stack (await/yield), `resume` puts it back on top.
 * - `via` comes right before an `enter` whose function was called through library code (an EventEmitter's
 *   `emit`, `Array.map`, a package) while another user frame was on the stack: the outermost library frame.
 * - `calls`: past its call budget (or a function past its own) a task's further calls are only counted; before the next event the runtime
 *   writes one `calls` per function called meanwhile. Those calls ran on top of the stack as it is then.
 */
export type RawEvent =
  | ['start', number, ModuleFormat]
  | ['enqueue', number, string, QueueName, string, number | null, number | null, number | null]
  //            t       id      queue      label   line          site probe    due (ms since start, timers)
  | ['run', number, string, number | null]
  //        t       id      line (first line of the callback, if known)
  | ['done', number, string]
  | ['cancel', number, string]
  | ['pending', number, string, string, number | null]
  //            t       id      label   line
  | ['settled', number, string]
  | ['enter', number, number, number, (number | null)?]
  //          t       probe   inv     the caller's running line (the call site), when known
  | ['via', number, string, string]
  //        t       name    file ('' for a builtin): the next `enter` was called through this library frame
  | ['exit', number, number]
  | ['suspend', number, number, (number | null)?]
  //            t       inv     the line the frame stops at (its await / yield), when known
  | ['resume', number, number]
  | ['calls', number, number, number, number]
  //          t       probe   count   ms: calls of a function past the task's or its own call budget, counted
  //                                  (since the previous event; ms from the first of them to the end of the last)
  | ['value', number, string, string, number]
  //          t       id      text    rejected (1) or fulfilled (0): what the promise item `id` reacts to settled with
  | ['group', number, number, string, number, number | null]
  //          t       group   label   count   line: a Promise.all / allSettled / race / any call and its members
  | ['member', number, string, number, number]
  //           t       id      group   index: item `id` reacts to member `index` of group `group`
  | ['console', number, 'stdout' | 'stderr', string, number | null, 1?]
  //            t       stream                text    line           1: the write ended without a newline (the
  //                                                                 line stays open; text never has that newline)
  | ['error', number, 'uncaught' | 'unhandled-rejection', string, number | null, number | null]
  //          t       kind                                  message (e.g. "TypeError: x is not a function")  line  column
  | ['post', number, number, number | null]
  //         t       to thread  line: worker_threads postMessage to another thread (its `message` task is linked)
  | ['end', number, ExitReason, number | null];
//          t       reason      exit code

export type RawEventKind = RawEvent[0];

export interface RunMeta {
  /** `process.version` of the Node that ran the code, e.g. "v20.20.2". */
  node: string;
  module: ModuleFormat;
  /** Absolute path of the user's file. */
  file: string;
  /** The traced lines, when only a selection was traced. */
  lines?: { from: number; to: number };
  /** What ran for a selection (with `lines`): the selected statements and what they brought in. */
  selection?: SelectionMeta;
  exit: { code: number | null; reason: ExitReason };
  /** Wall-clock figures of the pipeline, ms. */
  timings: { transpile: number; instrument: number; run: number; total: number };
  /** The options the run used. */
  timeoutMs: number;
  maxEvents: number;
  /** Set on a worker thread's own model (src/shared/model/index.ts): which worker it is. Absent: the main thread. */
  worker?: { id: number; name: string };
  /** Check Order Stability / --runs: which console order this run printed among the runs' orders (0 = most frequent). */
  orderVariant?: OrderVariantMeta;
  /** What tracing cost and left out (absent in traces from older Loopscopes). */
  tracing?: TracingMeta;
}

/** Check Order Stability / --runs: this run's console order among the runs' orders. */
export interface OrderVariantMeta {
  /** 0-based; 0 = the most frequent order. */
  index: number;
  /** How many different orders the runs printed. */
  of: number;
  /** How many runs printed this order. */
  count: number;
  /** How many runs were made. */
  runs: number;
  /**
   * Every order, most frequent first, with its count and its first console lines: what a viewer offers to show
   * instead (the panel's order picker). Absent in traces from older Loopscopes.
   */
  orders?: { count: number; console: string[] }[];
}

/**
 * The tracer's share of the run: how many calls were counted instead of recorded, and an estimate of the time
 * tracing added to the durations the trace shows (what the panel and the reports state beside durations).
 */
export interface TracingMeta {
  /** Calls each task recorded before further ones were counted, not stepped; null: every call (`--full`). */
  callBudget: number | null;
  /** Events recorded. */
  events: number;
  /** Calls counted, not recorded (the sum of the `calls` events' counts). */
  foldedCalls: number;
  /**
   * Estimated ms the tracer added to the run: events x the cost of recording one + folded calls x the cost of
   * counting one, both timed in the traced process before the user's code ran (src/runtime/tracerCosts.ts);
   * null when the child did not say. An estimate: Node's async hooks and V8 compiling instrumented code
   * are left out.
   */
  overheadMs: number | null;
}

/** What ran when only some lines were traced (src/core/selection/planSelection.ts). */
export interface SelectionMeta {
  /** The lines of the selected statements, widened to whole statements. */
  ran: { from: number; to: number };
  /**
   * Top-level declarations outside the selection that it uses, brought in so it runs: all imports and
   * requires as one entry, then each declaration (function, class, variable, enum) by name.
   */
  alsoRan: Array<{ kind: 'imports' | 'declaration'; names: string[]; from: number; to: number }>;
}

/** One traced file of a multi-file project. */
export interface SourceFile {
  /** Relative to the entry's folder, `/` separators (e.g. "lib/util.ts", "../shared/a.js"). */
  path: string;
  /** Its original text (empty for the entry: RawTrace.source holds it). */
  source: string;
}

export interface RawTrace {
  format: typeof RAW_TRACE_FORMAT;
  version: typeof RAW_TRACE_VERSION;
  meta: RunMeta;
  /** The user's original source (the whole file), so a viewer can show it without the file. */
  source: string;
  /**
   * Every traced file of the project, the entry first (index 0, its source is `source`): the indexes that
   * probes (`Probe.file`) and located lines (sourceFiles.ts) name. Absent in a trace of one file.
   */
  files?: SourceFile[];
  probes: Probe[];
  /** Async patterns read from the source before the run (absent in traces from older versions). */
  patterns?: SourcePatterns;
  events: RawEvent[];
  /**
   * The worker threads the program created (node:worker_threads), each with its own events on the main
   * thread's clock; `events` above are the main thread's (thread 0). Absent when no worker was traced.
   */
  threads?: RawThread[];
}

/** One traced worker thread. */
export interface RawThread {
  /** Node's threadId of the worker (the main thread is 0). */
  id: number;
  /** The Worker's `name` option, else its script's file name. */
  name: string;
  /** The located line (sourceFiles.ts) of the `new Worker` that created it, in its parent thread, or null. */
  line: number | null;
  /** The thread that created it. */
  parent: number;
  /** Its events, the same kinds as the main thread's, ending with one 'end'. */
  events: RawEvent[];
}
