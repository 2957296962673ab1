// The step model's public shape: what the CLI, the panel and exported pages read. Built from a RawTrace by
// buildModel (src/shared/model/). Pure data types: no Node, no DOM.
//
// Scale rule: a model never stores the full stack/queues per step. It keeps per-step scalars in flat arrays,
// the changes (deltas) each step makes, and a full checkpoint every few hundred steps; `stateAt(i)` replays
// from the nearest checkpoint. Memory grows with events, not events x queue length.

import type { ExitReason, ModuleFormat, QueueName, RunMeta, SourceFile, TaskSource } from './rawTrace';
import type { SourcePatterns } from './sourcePatterns';

export type StepKind =
  | 'task-start' // a task began: its callback left its queue (or the script started)
  | 'task-end'
  | 'enqueue' // an item joined a queue
  | 'cancel' // an item left a queue without running
  | 'push' // a frame was pushed (function entered)
  | 'pop' // a frame was popped (function returned or threw)
  | 'suspend' // await/yield took a frame off the stack
  | 'resume' // an awaiting frame came back
  | 'calls' // calls past the task's or the function's call budget, counted, not stepped: "fib ×629,000 (180 ms)"
  | 'console'
  | 'error'
  | 'end';

/** The event loop phase a task ran in (eventLoop.ts). `main` is the synchronous script. */
export type { LoopPhase } from './eventLoop';
import type { JobQueue, LoopPhase } from './eventLoop';
import type { ThreadMessage } from './model/threadMessages';

/**
 * `file` fields name the user's file a line is in: relative to the traced file's folder, `/` separators
 * (the entry's own name for the entry, RawTrace.files), or null where no user file is involved.
 */
export interface QueueItem {
  /** Stable across steps: the same callback keeps its id from enqueue to run (D3 keys on it). */
  id: string;
  label: string;
  line: number | null;
  file?: string | null;
  /** Timers only: due time in ms since the run started. */
  due?: number;
  /** When it was enqueued, ms since the run started (with `due`: the delay it was given). */
  enqueuedAt?: number;
  /** The call that queued it as written, arguments shortened: `setTimeout(greet, 10)` (model/callSite.ts). */
  call?: string;
  /** The callback's text when `call` shortened it: `() => console.log('a')`. */
  body?: string;
  /** Timers: the delay as written in the call (`setTimeout(f, 10)`: 10), when it is a number literal. */
  delay?: number;
  /** A promise reaction: what the promise it reacts to settled with, when the tracer read it. */
  settled?: SettledWith;
  /** A reaction to a member of a Promise.all / allSettled / race / any call. */
  group?: PromiseGroup;
}

/** What a promise settled with, short ("42", "'ok'", "Error: boom"), and whether it was rejected. */
export interface SettledWith {
  text: string;
  rejected: boolean;
}

/** A Promise.all / allSettled / race / any call, and which of its members a reaction waited for. */
export interface PromiseGroup {
  /** "Promise.all". */
  label: string;
  /** 1 for the run's first combinator call, 2 for the next, ... */
  number: number;
  /** 1-based member position. */
  index: number;
  /** Its members. */
  count: number;
  /** The line of the call, when known. */
  line: number | null;
}

export interface Frame {
  /** Invocation id, stable while the frame lives (D3 keys on it). */
  id: number;
  name: string;
  /** The function's own line. */
  line: number;
  /** The function's file: every line of the frame is in it. */
  file?: string | null;
  /**
   * The line its caller was running when it called this function (the call site), when known. The frame below
   * this one is at that line: with the step's line, each frame's current line (model/frameLines.ts).
   */
  callerLine?: number | null;
  /** The file of `callerLine` (the frame below's, or for the bottom frame, the module body that called it). */
  callerFile?: string | null;
  /**
   * Called through library code (an EventEmitter's `emit`, `Array.map`, a package): the outermost library frame
   * between this frame and the one below, shown between them as one frame marked as library code.
   */
  via?: { name: string; file: string | null };
}

export type Queues = Record<QueueName, QueueItem[]>;

export interface TaskInfo {
  id: number;
  /** The queue item id that ran ("script" for the synchronous run). */
  itemId: string;
  queue: TaskSource;
  phase: LoopPhase;
  label: string;
  line: number | null;
  file?: string | null;
  start: number;
  end: number;
  /** Index of its task-start step. */
  firstStep: number;
  lastStep: number;
  /** When its callback was queued (absent for the script and for callbacks queued unseen), ms. */
  queuedAt?: number;
  /** The line that queued it (the schedule call), when known. */
  queuedLine?: number;
  /** Timers: when it was due, ms since the run started. */
  due?: number;
  /** Timers: how long after its due time it started, ms (0 when on time). */
  lateMs?: number;
  /** A promise reaction: what the promise it reacted to settled with (QueueItem.settled). */
  settled?: SettledWith;
  /** A reaction to a member of a promise combinator call (QueueItem.group). */
  group?: PromiseGroup;
}

export interface ConsoleLine {
  text: string;
  stream: 'stdout' | 'stderr';
  task: number | null;
  step: number;
  /** Names of the user's functions on the stack, bottom to top, and library code between two of them as one
   * name marked " (library…)" (src/shared/libraryFrame.ts): `["main", "emit (library: node:events)", "listener"]`. */
  stack: string[];
  line: number | null;
  file?: string | null;
  /** The write ended without a newline: the next write on the same stream continues this line, as in a
   * terminal (`process.stdout.write('a')`). Absent when the write ended its line (console.log always does). */
  open?: true;
}

/** One call of a user async function: from the call until its body finished, with its suspended intervals. */
export interface AsyncCall {
  id: number;
  name: string;
  /** The function's own line, in its file. */
  line: number;
  /** Its file: an index into RawTrace.files (0 = the traced file). */
  file: number;
  /** The line that called it, when known: a located line (src/shared/sourceFiles.ts; the entry's are its lines). */
  callerLine: number | null;
  /** The task it was called in. */
  task: number | null;
  /** ms since the run started. */
  start: number;
  /** When its body finished (its promise settled); null when it never did in this run. */
  end: number | null;
  /** Its push step. */
  step: number;
  /** Each `await` it stopped at: located line, when it suspended and resumed (null: never), and the suspend step. */
  awaits: { line: number | null; start: number; end: number | null; step: number }[];
}

export interface ErrorInfo {
  kind: 'uncaught' | 'unhandled-rejection';
  message: string;
  line: number | null;
  file?: string | null;
  column: number | null;
  step: number;
  task: number | null;
}

/** Everything about one step, assembled on demand. */
export interface StepState {
  index: number;
  kind: StepKind;
  /** Running task id, or null between tasks. */
  task: number | null;
  /** The phase the loop is in at this step, and whether it is draining nextTicks/microtasks. */
  phase: LoopPhase | null;
  draining: JobQueue | null;
  line: number | null;
  /** The file of `line`. */
  file?: string | null;
  time: number;
  stack: Frame[];
  queues: Queues;
  /** What this step changed, for the sentence and the animation. */
  subject: StepSubject;
}

/** Calls of one function past the running task's or its own call budget, counted instead of stepped (a `calls` step). */
export interface FoldedCalls {
  /** The function's probe, name and line. */
  probe: number;
  name: string;
  line: number | null;
  count: number;
  /**
   * Milliseconds from the first of the step's calls to the end of the last (for all the functions of the step
   * together: they ran interleaved).
   */
  ms: number;
}

/** The thing a step is about. */
export type StepSubject =
  | { kind: 'task-start' | 'task-end'; task: number }
  | { kind: 'enqueue' | 'cancel'; queue: QueueName; item: QueueItem }
  | { kind: 'push' | 'pop' | 'suspend' | 'resume'; frame: Frame }
  | { kind: 'calls'; calls: FoldedCalls[] }
  | { kind: 'console'; console: number }
  | { kind: 'error'; error: number }
  | { kind: 'end'; reason: ExitReason; code: number | null };

export interface TraceModel {
  meta: RunMeta & { module: ModuleFormat };
  source: string;
  /** The traced files of a multi-file project (RawTrace.files), absent for one file. */
  files?: SourceFile[];
  tasks: TaskInfo[];
  console: ConsoleLine[];
  errors: ErrorInfo[];
  /** Every call of the user's async functions, in call order. */
  asyncCalls: AsyncCall[];
  /** Async patterns read from the source before the run (sequential awaits, floating promises). */
  patterns: SourcePatterns;
  stepCount: number;
  /** O(checkpoint interval) per call; sequential calls may be cheaper. */
  stateAt(step: number): StepState;
  /** Cheap per-step scalars (no stack/queue assembly). */
  kindAt(step: number): StepKind;
  taskAt(step: number): number | null;
  lineAt(step: number): number | null;
  /** The file of lineAt(step). */
  fileAt?(step: number): string | null;
  /**
   * The first `max` items of queue `queue` after `step`, head first (timers: earliest due first). Costs
   * O(max), not the queue's length: a renderer shows the head of a queue that may be 100k deep.
   */
  queueHeadAt(step: number, queue: QueueName, max: number): QueueItem[];
  /** How many items each queue holds after `step`, without building the item arrays. */
  queueLengthsAt(step: number): Record<QueueName, number>;
  /**
   * The worker threads the program created, each with its own model (its own tasks, console, stack, queues and
   * steps; times on the main thread's clock). This model is the main thread's (thread 0). Absent: no worker.
   */
  threads?: ThreadModel[];
  /** Messages between threads (postMessage), each with the task that received it (model/threadMessages.ts). */
  messages?: ThreadMessage[];
}

/** One worker thread of a trace (RawThread) and the model of its events. */
export interface ThreadModel {
  /** Node's threadId (the main thread is 0). */
  id: number;
  name: string;
  /** Where `new Worker` created it, in its parent thread: line within its file, and the file; null when unknown. */
  line: number | null;
  file: string | null;
  parent: number;
  model: TraceModel;
}
