// The queue inference's shared state (queueInference.ts): item numbering, the running task, the schedule site
// announced by R.c. One object, created once and imported where needed, so every file reads and writes the same
// fields and it is plain which state there is.
import type { PromiseRecord } from './promiseRecords';
import type { AsyncResourceRecord } from './asyncResourceRecords';

export interface InferenceState {
  /** The next item id to hand out (0 is the script). */
  nextItem: number;
  /** The last microtask sequence number handed out (microtaskLedger.ts). */
  microtaskSeq: number;
  /** The running task's item id: -1 none, 0 the script. */
  runningItem: number;
  /** The running task's kind (taskKinds.ts), 0 when none. */
  runningKind: number;
  /** The promise whose job is running. */
  runningPromise: PromiseRecord | null;
  /** The async id and record of the resource whose callback is running. */
  runningAsyncId: number;
  runningResource: AsyncResourceRecord | null;
  /** Callbacks nested inside the running one (async hooks before/after pairs not ours). */
  nestedCallbacks: number;
  /** nextTick items queued and not run yet. */
  queuedTicks: number;
  /** Schedule site announced by R.c, taken by the next matching init. */
  announcedSite: number;
  announcedCallback: unknown;
  /** ESM: after the module body ends, the loader's own promises/ticks are not the user's. */
  ignoreInits: boolean;
  /** Wall-clock deadline of the run, epoch ms. */
  deadline: number;
  /** Date.now() of the last flush after a macrotask. */
  lastFlush: number;
  /** performance.now() - libuv now, ms: converts timer due times to event time. */
  timeBase: number;
}

export const inference: InferenceState = {
  nextItem: 1,
  microtaskSeq: 0,
  runningItem: -1,
  runningKind: 0,
  runningPromise: null,
  runningAsyncId: -1,
  runningResource: null,
  nestedCallbacks: 0,
  queuedTicks: 0,
  announcedSite: -1,
  announcedCallback: null,
  ignoreInits: false,
  deadline: Infinity,
  lastFlush: 0,
  timeBase: 0,
};

/** Forgets the announced schedule site (taken, or not for this init). */
export function clearAnnouncedSite(): void {
  inference.announcedSite = -1;
  inference.announcedCallback = null;
}
