// What the instrumented code announces before V8 acts on it: R.c (a callback handed to a schedule site, taken
// by the next matching init), R.t (a value that may be a thenable: resolving with it queues a thenable job) and
// R.s (an await: the promises V8 creates next belong to it). Thenable jobs announced by R.t wait here, FIFO like
// the microtask queue, until a promise job claims them or a later microtask overtakes them.
import { C } from './captured';
import { R, awaitWatch } from './apiObject';
import { inference } from './inferenceState';
import { L_THENABLE, writeMicrotaskEnqueue } from './queueEvents';
import { writeCancel } from './recordWriters';

/** Thenable jobs announced by R.t, not yet bound to the promise they resolve: items[head..] wait. */
const announcedThenables = {
  items: [] as number[],
  seqs: [] as number[],
  head: 0,
};

export function noteSchedule(probe: number, fn: unknown): void {
  inference.announcedSite = probe;
  inference.announcedCallback = fn;
}

function isNativePromise(x: object): boolean {
  return C.getPrototypeOf(x) === C.PromiseProto;
}
/** Would Promise.resolve(x) / await x use x itself (no wrapper): a native promise whose constructor is Promise. */
function isPlainNativePromise(x: object): boolean {
  return isNativePromise(x) && !C.hasOwn(x, 'constructor') && C.PromiseProto.constructor === C.Promise;
}
/** Has a callable `then` — without calling getters (an accessor counts as a thenable). */
function looksThenable(x: unknown): boolean {
  if (x === null || (typeof x !== 'object' && typeof x !== 'function')) return false;
  if (isNativePromise(x as object)) return true;
  let o: object | null = x as object;
  for (let i = 0; o !== null && i < 64; i++) {
    const d = C.getOwnPropertyDescriptor(o, 'then');
    if (d !== undefined) return 'value' in d ? typeof d.value === 'function' : true;
    o = C.getPrototypeOf(o);
  }
  return false;
}

export function noteThenable(probe: number, x: unknown, isPromiseResolve: boolean): void {
  if (!looksThenable(x)) return;
  if (isPromiseResolve && isPlainNativePromise(x as object)) return; // Promise.resolve(p) === p: no job
  const id = inference.nextItem++;
  const seq = ++inference.microtaskSeq;
  const waiting = announcedThenables;
  waiting.items[waiting.items.length] = id; // not push: user code may replace Array.prototype.push
  waiting.seqs[waiting.seqs.length] = seq;
  writeMicrotaskEnqueue(id, seq, L_THENABLE, R.l, probe);
}

export function noteAwait(inv: number, probe: number, x: unknown, line: number | null): void {
  awaitWatch.inv = inv;
  awaitWatch.probe = probe;
  awaitWatch.line = line;
  if (x !== null && typeof x === 'object' && isPlainNativePromise(x)) {
    awaitWatch.mode = 1;
    awaitWatch.target = x;
  } else {
    awaitWatch.mode = 2;
    awaitWatch.target = null;
    awaitWatch.thenable = looksThenable(x);
  }
}

/**
 * Takes the oldest announced thenable job, if one waits: its item id and sequence number go into `into`.
 * Returns false when none waits.
 */
export function takeAnnouncedThenable(into: { item: number; seq: number }): boolean {
  const waiting = announcedThenables;
  if (waiting.head >= waiting.items.length) return false;
  into.item = waiting.items[waiting.head];
  into.seq = waiting.seqs[waiting.head];
  waiting.head++;
  return true;
}

/** Microtask `seq` runs: thenable jobs announced by R.t before it that never ran never existed. */
export function cancelPhantoms(seq: number): void {
  // (a second resolve() call announces a job that V8 does not queue)
  const waiting = announcedThenables;
  while (waiting.head < waiting.items.length && waiting.seqs[waiting.head] < seq) {
    writeCancel(waiting.items[waiting.head]);
    waiting.head++;
  }
  if (waiting.head > 256 && waiting.head === waiting.items.length) {
    waiting.items.length = 0;
    waiting.seqs.length = 0;
    waiting.head = 0;
  }
}
