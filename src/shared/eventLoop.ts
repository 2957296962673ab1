// The event loop's rules, as Node runs them: which queues exist, which are drained between macrotasks and in
// what order, which loop phase runs which queue, and what each is called and coloured. Everything else (the
// runtime's queue codes, the model's replay, the queue-discipline check, the sentences, the panel's lanes, the
// text report) reads from here, so a rule is written once. Pure data and small functions: no Node, no DOM.
//
// The rules (Node 20-24, see ../shared/design/tracing-notes.md):
// - One macrotask runs at a time: the script (or ES module body), then, loop turn by loop turn, the timers
//   phase, the poll phase (I/O callbacks), the check phase (setImmediate) and the close phase.
// - After every macrotask (and after each timer or immediate callback) Node drains the job queues: all
//   nextTicks, then all microtasks, and again until both are empty. No macrotask starts while either holds
//   an item.
// - In an ES module the body itself runs as a microtask job, so when it ends V8 drains the microtasks it
//   queued before Node gets to the nextTick queue.
// - The timers queue runs in due-time order; nextTicks, microtasks and immediates first in, first out; I/O
//   and close callbacks in the order libuv completes them.

/** The queues a callback can wait in; the order is the queue codes' order (the events file's numbers). */
export type QueueName = 'nextTick' | 'microtask' | 'timer' | 'immediate' | 'io' | 'close';
export const QUEUE_NAMES: readonly QueueName[] = ['nextTick', 'microtask', 'timer', 'immediate', 'io', 'close'];

/** Where a task came from: the synchronous script (or ES module body) or one of the queues. */
export type TaskSource = 'script' | QueueName;

/** The phases of one loop turn, plus 'main' for the script before the loop starts. */
export type LoopPhase = 'main' | 'timers' | 'poll' | 'check' | 'close';
/** In the order a loop turn visits them. */
export const PHASES: readonly LoopPhase[] = ['main', 'timers', 'poll', 'check', 'close'];

/** The two job queues drained between macrotasks. */
export type JobQueue = 'nextTick' | 'microtask';

export interface SourceRule {
  /** Drained between macrotasks (nextTick, microtask), or a macrotask source. */
  kind: 'job' | 'macrotask';
  /** The loop phase whose tasks come from here; null for the job queues, which run in whatever phase. */
  phase: LoopPhase | null;
  /** The order the job queues drain in after a CommonJS macrotask (1 first); 0 for macrotask sources. */
  drainRank: number;
  /**
   * How the next task is picked: first in first out, earliest due time, or in the order libuv completes the
   * operations (I/O and close callbacks: the model shows them in the order they were reported).
   */
  order: 'fifo' | 'due-time' | 'completion' | 'none';
  /** Lane title in the panel. */
  title: string;
  /** For screen readers and tooltips. */
  longTitle: string;
  /** In a sentence: "waits in the nextTick queue". */
  phrase: string;
  /** One word in the text report: "timer", "I/O". */
  word: string;
  /** The panel's colour: a CSS custom property each theme defines (webview/styles/theme.css). */
  colourToken: string;
  /** The terminal's colour: an ANSI foreground code. */
  ansiColour: number;
}

export const SOURCES: Readonly<Record<TaskSource, SourceRule>> = {
  script: {
    kind: 'macrotask', phase: 'main', drainRank: 0, order: 'none',
    title: 'Script', longTitle: 'Main script', phrase: 'the main script', word: 'script',
    colourToken: '--ls-q-script', ansiColour: 37,
  },
  nextTick: {
    kind: 'job', phase: null, drainRank: 1, order: 'fifo',
    title: 'nextTick', longTitle: 'nextTick queue', phrase: 'the nextTick queue', word: 'nextTick',
    colourToken: '--ls-q-nextTick', ansiColour: 35,
  },
  microtask: {
    kind: 'job', phase: null, drainRank: 2, order: 'fifo',
    title: 'Microtasks', longTitle: 'Microtask queue', phrase: 'the microtask queue', word: 'microtask',
    colourToken: '--ls-q-microtask', ansiColour: 36,
  },
  timer: {
    kind: 'macrotask', phase: 'timers', drainRank: 0, order: 'due-time',
    title: 'Timers', longTitle: 'Timers', phrase: 'the timers queue', word: 'timer',
    colourToken: '--ls-q-timer', ansiColour: 33,
  },
  immediate: {
    kind: 'macrotask', phase: 'check', drainRank: 0, order: 'fifo',
    title: 'Immediates', longTitle: 'Immediates', phrase: 'the check (setImmediate) queue', word: 'immediate',
    colourToken: '--ls-q-immediate', ansiColour: 32,
  },
  io: {
    kind: 'macrotask', phase: 'poll', drainRank: 0, order: 'completion',
    title: 'I/O', longTitle: 'I/O callbacks', phrase: 'the I/O queue', word: 'I/O',
    colourToken: '--ls-q-io', ansiColour: 34,
  },
  close: {
    kind: 'macrotask', phase: 'close', drainRank: 0, order: 'completion',
    title: 'Close', longTitle: 'Close callbacks', phrase: 'the close queue', word: 'close',
    colourToken: '--ls-q-close', ansiColour: 31,
  },
};

export interface PhaseRule {
  /** In the phase strip. */
  title: string;
  /** How a sentence opens when a macrotask of this phase starts: "Timers phase: the timer". */
  opening: string | null;
}

export const PHASE_RULES: Readonly<Record<LoopPhase, PhaseRule>> = {
  main: { title: 'main script', opening: null },
  timers: { title: 'timers', opening: 'Timers phase: the timer' },
  poll: { title: 'poll (I/O)', opening: 'Poll phase: the I/O callback' },
  check: { title: 'check (immediates)', opening: 'Check phase: the immediate' },
  close: { title: 'close', opening: 'Close phase: the close callback' },
};

/** The queue code the events file writes for a queue: its index in QUEUE_NAMES. */
export function queueCode(queue: QueueName): number {
  return QUEUE_NAMES.indexOf(queue);
}

export function isMacrotask(source: TaskSource): boolean {
  return SOURCES[source].kind === 'macrotask';
}

export function isJobQueue(source: TaskSource): source is JobQueue {
  return SOURCES[source].kind === 'job';
}

/** The phase a task runs in: its own for a macrotask, else the phase of the macrotask it drains after. */
export function phaseOfTask(source: TaskSource, enclosing: LoopPhase | null): LoopPhase {
  return SOURCES[source].phase ?? enclosing ?? 'main';
}

/**
 * The job queue whose job the main script itself is: an ES module's body is evaluated by V8 as a microtask
 * job; a CommonJS script is no job (null).
 */
export function scriptJobQueue(moduleFormat: 'cjs' | 'esm'): JobQueue | null {
  return moduleFormat === 'esm' ? 'microtask' : null;
}

/**
 * Which job queue Node drains first once a macrotask of `source` ends: the nextTick queue, except after an
 * ES module's body, which is itself a V8 job, so V8 drains its microtasks first.
 */
export function firstDrainedAfter(source: TaskSource, moduleFormat: 'cjs' | 'esm'): JobQueue {
  return source === 'script' && scriptJobQueue(moduleFormat) === 'microtask' ? 'microtask' : 'nextTick';
}

/**
 * May a job from `queue` run now, while Node drains `draining` and `waiting` items sit in the other job
 * queue? Once Node drains one job queue it empties it before it turns to the other.
 */
export function jobMayRun(queue: JobQueue, draining: JobQueue, otherWaiting: number): boolean {
  return queue === draining || otherWaiting === 0;
}

/** May a macrotask start while these job queues hold items? Never while either holds one. */
export function macrotaskMayStart(waitingTicks: number, waitingMicrotasks: number): boolean {
  return waitingTicks === 0 && waitingMicrotasks === 0;
}

/**
 * What waits outside the JavaScript thread ("in flight") until its callback is queued: fs requests and DNS
 * lookups on libuv's thread pool, sockets and servers waiting on the OS, child processes and workers running
 * beside the loop. Keyed by Node's async resource type (the runtime's `pending` label); a type not listed is
 * not shown as in flight (stdout's own pipe, write requests, Node's internal handles).
 */
export type InFlightKind = 'fs' | 'dns' | 'crypto' | 'zlib' | 'socket' | 'server' | 'child' | 'worker' | 'watch';

export interface InFlightRule {
  /** Its name in a sentence: "child process". */
  title: string;
  /** The same, short, for a narrow list: "child". */
  short: string;
  /** Where it waits, in a sentence: "on the thread pool". */
  where: string;
  /** The same in two words, for a narrow list: "thread pool". */
  place: string;
}

export const IN_FLIGHT_KINDS: Readonly<Record<InFlightKind, InFlightRule>> = {
  fs: { title: 'fs', short: 'fs', where: 'on the thread pool', place: 'thread pool' },
  dns: { title: 'DNS lookup', short: 'DNS', where: 'on the thread pool', place: 'thread pool' },
  crypto: { title: 'crypto', short: 'crypto', where: 'on the thread pool', place: 'thread pool' },
  zlib: { title: 'zlib', short: 'zlib', where: 'on the thread pool', place: 'thread pool' },
  socket: { title: 'socket', short: 'socket', where: 'waiting on the OS', place: 'OS socket' },
  server: { title: 'server', short: 'server', where: 'listening for connections', place: 'listening' },
  child: { title: 'child process', short: 'child', where: 'running beside the loop', place: 'process' },
  worker: { title: 'worker', short: 'worker', where: 'running on its own thread', place: 'own thread' },
  watch: { title: 'watcher', short: 'watcher', where: 'waiting for changes', place: 'watching' },
};

export const IN_FLIGHT_RESOURCES: Readonly<Record<string, InFlightKind>> = {
  FSREQCALLBACK: 'fs',
  FSREQPROMISE: 'fs',
  GETADDRINFOREQWRAP: 'dns',
  GETNAMEINFOREQWRAP: 'dns',
  QUERYWRAP: 'dns',
  PBKDF2REQUEST: 'crypto',
  RANDOMBYTESREQUEST: 'crypto',
  SCRYPTREQUEST: 'crypto',
  HKDFREQUEST: 'crypto',
  KEYGENREQUEST: 'crypto',
  ZLIB: 'zlib',
  TCPWRAP: 'socket',
  TCPCONNECTWRAP: 'socket',
  PIPECONNECTWRAP: 'socket',
  UDPWRAP: 'socket',
  TLSWRAP: 'socket',
  TCPSERVERWRAP: 'server',
  PIPESERVERWRAP: 'server',
  PROCESSWRAP: 'child',
  WORKER: 'worker',
  FSEVENTWRAP: 'watch',
  STATWATCHER: 'watch',
};

/** The in-flight kind of an async resource type, or undefined when it is not shown as in flight. */
export function inFlightKind(resourceType: string): InFlightKind | undefined {
  return Object.prototype.hasOwnProperty.call(IN_FLIGHT_RESOURCES, resourceType) ? IN_FLIGHT_RESOURCES[resourceType] : undefined;
}
