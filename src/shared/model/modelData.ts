// The model's internal storage: flat columns, one entry per step, per queue item and per frame, plus the
// change list (ops) of every step and periodic checkpoints. Nothing here holds a copy of the queues or the
// stack per step: memory grows with events, not events x queue length.

import type { ExitReason, Probe } from '../rawTrace';
import type { StepKind } from '../modelTypes';
import { QUEUE_NAMES, SOURCES, type JobQueue, type QueueName, type TaskSource } from '../eventLoop';

export const STEP_KINDS: readonly StepKind[] = [
  'task-start',
  'task-end',
  'enqueue',
  'cancel',
  'push',
  'pop',
  'suspend',
  'resume',
  'console',
  'error',
  'end',
  'calls',
];
export const STEP_KIND_CODE: Readonly<Record<StepKind, number>> = Object.fromEntries(
  STEP_KINDS.map((k, i) => [k, i]),
) as Record<StepKind, number>;

/** Phases are stored as indexes into eventLoop.ts PHASES. */
export const NO_PHASE = 255;
/** The draining column: 0 = no job queue, else the queue's drain rank (eventLoop.ts). */
export const DRAINING: readonly (JobQueue | null)[] = [null, 'nextTick', 'microtask'];
export function drainingCode(source: TaskSource): number {
  return SOURCES[source].drainRank;
}

/** Container 0 is the call stack; 1..6 are the queues in QUEUE_NAMES order. */
export const STACK = 0;
export const CONTAINER_COUNT = 1 + QUEUE_NAMES.length;
export function containerOfQueue(q: QueueName): number {
  return QUEUE_NAMES.indexOf(q) + 1;
}
/** The queue container `c` holds (c >= 1). */
export function queueOfContainer(c: number): QueueName {
  return QUEUE_NAMES[c - 1];
}

/** An op code: bit 3 set = remove, low bits = container. */
export const OP_REMOVE = 8;

/** One record per enqueue (an interval re-armed gets a new record with the same id). */
export interface ItemTable {
  ids: string[];
  labels: string[];
  /** -1 = unknown */
  lines: number[];
  /** NaN = none (non-timer queues) */
  dues: number[];
  /** When it was queued, ms since the run started. */
  times: number[];
  queues: number[];
  /** Site probe index, -1 = none. */
  probes: number[];
  /** Bit flags: ITEM_REARMED, ITEM_MOVED. */
  flags: number[];
  /** Sparse, by record: what the promise a reaction reacts to settled with ('value' events). */
  settled: Map<number, { text: string; rejected: boolean }>;
  /** Sparse, by record: [group number, 0-based member index] ('member' events). */
  members: Map<number, [number, number]>;
  /** Promise combinator calls by group number ('group' events): name, member count, located line (-1 unknown). */
  groups: Map<number, { label: string; count: number; line: number }>;
}
/** The id had already run before this enqueue (an interval re-arming). */
export const ITEM_REARMED = 1;
/** The id was still queued: this enqueue moved it. */
export const ITEM_MOVED = 2;

import type { LibraryFrame } from '../libraryFrame';

/** One record per `enter`. */
export interface FrameTable {
  invs: number[];
  probes: number[];
  /** The caller's running line at the call (-1 unknown). */
  callerLines: number[];
  /** The library frame it was called through (an index into `libraries`), -1: called directly. */
  vias: number[];
  /** The library frames seen (`via` events), each once. */
  libraries: LibraryFrame[];
}

export type { LibraryFrame } from '../libraryFrame';

/**
 * One record per `pending` event: an operation outside the JavaScript thread (eventLoop.ts IN_FLIGHT_RESOURCES),
 * in flight after steps fromStep .. toStep - 1: it leaves at the step its callback is queued (same item id) or,
 * when it settled unseen, at the next step. fromStep never decreases (records are appended in event order).
 */
export interface InFlightTable {
  ids: string[];
  /** Node's resource type, e.g. "FSREQCALLBACK". */
  labels: string[];
  /** -1 = unknown */
  lines: number[];
  /** ms since the run started. */
  starts: number[];
  fromSteps: number[];
  toSteps: number[];
  /** toSteps sorted ascending (filled when the model is built): how many left by a step, by binary search. */
  toSorted: Int32Array;
}

/**
 * One row per `calls` event. Rows of one step are contiguous: a `calls` step's subject is its first row, and
 * the rows after it with the same step belong to it.
 */
export interface FoldedTable {
  steps: number[];
  probes: number[];
  counts: number[];
  ms: number[];
}

export interface Checkpoints {
  /** The step each checkpoint was taken after (state after that step). */
  steps: Int32Array;
  /** Offset of checkpoint k's refs in `pool`; its containers follow each other, lengths in `lens`. */
  offsets: Int32Array;
  /** CONTAINER_COUNT lengths per checkpoint. */
  lens: Int32Array;
  pool: Int32Array;
  count: number;
}

export interface ModelData {
  probes: Probe[];
  stepCount: number;
  kinds: Uint8Array;
  /** Running task id, -1 = none. */
  tasks: Int32Array;
  /** -1 = unknown. */
  lines: Int32Array;
  times: Float64Array;
  /** Task id, item record, frame record, console index or error index, by kind. */
  subjects: Int32Array;
  phases: Uint8Array;
  draining: Uint8Array;
  /** Ops of step i are opStart[i] .. opStart[i + 1] - 1. */
  opStart: Int32Array;
  opCode: Uint8Array;
  opPos: Int32Array;
  opRef: Int32Array;
  checkpoints: Checkpoints;
  items: ItemTable;
  frames: FrameTable;
  inFlight: InFlightTable;
  folded: FoldedTable;
  /** 'end' steps: reason and exit code. */
  ends: Map<number, { reason: ExitReason; code: number | null }>;
}
