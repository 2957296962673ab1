// The event sink: RawEvent tuples (src/shared/rawTrace.ts) encoded by hand as JSON lines, appended to a string
// that is sealed into a chunk every ~64 KB, and written with fs.writeSync after macrotasks, when chunks pile up,
// and once when the process ends. No closure and no JSON.stringify per event: the callers build each line from
// numbers and pre-quoted strings. Lines from a held offset on (microtaskLedger.ts) stay in memory, in chunks, so
// that a line can still be inserted there without copying everything after it.
import { C } from './captured';
import type { ExitReason } from '../shared/rawTrace';

const BATCH = 65536;
/** Above this many buffered chars, flush() writes everything even past a held line (see setFlushLimit). */
const HOLD_MAX = 1024 * 1024;

let fd = -1;
/** The open chunk, being appended to; it starts at stream offset bufStart. */
let buf = '';
let bufStart = 0;
/** Sealed chunks not written yet: sealed[i] starts at stream offset sealedStart[i]; sealed[first] is the oldest. */
const sealed: string[] = [];
const sealedStart: number[] = [];
let first = 0;
let flushLimit: () => number = () => Infinity;
let flushDue = false;
let count = 0;
let maxEvents = 100000;
let t0 = 0;
let stopped = false;
let deferred = false;
let deferredRunner: () => void = () => {};
let endHook: () => void = () => {};

export function openEvents(path: string, limit: number, module: 'cjs' | 'esm'): void {
  fd = C.openSync(path, 'w');
  maxEvents = limit;
  t0 = C.perfNow();
  // A header line (not a RawEvent) so the runner learns which Node ran the code; written at once, so a run
  // killed before its first flush still shows that the tracer started.
  const head = '{"loopscope":1,"node":' + C.stringify(C.version) + ',"pid":' + C.pid + '}\n["start",0,"' + module + '"]\n';
  C.writeSync(fd, head);
  bufStart = head.length;
}

/**
 * Milliseconds since the run started, rounded to the microsecond. Every event line calls it first, so this is
 * where deferred work (lazy timer enqueues, a deferred I/O run) is emitted: before the line, with earlier times.
 */
export function now(): number {
  if (deferred) {
    deferred = false;
    deferredRunner();
  }
  return C.round((C.perfNow() - t0) * 1000) / 1000;
}

/** performance.now() of the run's start: converts other clocks (timer due times) to event time. */
export function startTime(): number {
  return t0;
}

export function isStopped(): boolean {
  return stopped;
}

/** Work that must be emitted before the next event (lazy timer enqueues, deferred I/O runs). */
export function setDeferredRunner(fn: () => void): void {
  deferredRunner = fn;
}
export function markDeferred(): void {
  deferred = true;
}

/** Called by endRun before the 'end' line: lets the task tracker close the running task. */
export function setEndHook(fn: () => void): void {
  endHook = fn;
}

export function emit(line: string): void {
  if (stopped) return;
  buf += line;
  if (++count >= maxEvents) {
    stopNow('event-cap');
    return;
  }
  if (buf.length >= BATCH) {
    seal();
    flush();
    // A chunk held in memory is flattened: one string instead of a rope of thousands of line strings that
    // survive into the old generation (GC was the largest cost). Reading a char makes V8 flatten it.
    if (first < sealed.length) C.charCodeAt(sealed[sealed.length - 1], 0);
  }
}

function seal(): void {
  sealed.push(buf);
  sealedStart.push(bufStart);
  bufStart += buf.length;
  buf = '';
}

/** Stream offset of the first char not handed to the file yet. */
function writtenUpTo(): number {
  return first < sealed.length ? sealedStart[first] : bufStart;
}

/** Where the next emitted line will start in the events stream (chars since the first line). */
export function streamOffset(): number {
  return bufStart + buf.length;
}

/**
 * Lines from stream offset limit() on stay in memory (so insertBefore can still place a line there), unless more
 * than HOLD_MAX chars are waiting. limit() returns Infinity when nothing is held.
 */
export function setFlushLimit(limit: () => number): void {
  flushLimit = limit;
}

/** The chunk holding stream offset `at` (-1: the open chunk), or -2 when it was written already. */
function chunkAt(at: number): number {
  if (at >= bufStart) return at <= bufStart + buf.length ? -1 : -2;
  for (let i = sealed.length - 1; i >= first; i--) if (sealedStart[i] <= at) return i;
  return -2;
}

/**
 * Puts `line` (one complete event line) at stream offset `at`, which must be the start of a line still in
 * memory: used for a job that ran without its queueing having been seen, whose enqueue belongs before the
 * queue's current head. Returns false when that part of the stream was written already.
 */
export function insertBefore(at: number, line: string): boolean {
  if (stopped) return true;
  const c = chunkAt(at);
  if (c === -2) return false;
  if (c === -1) {
    const i = at - bufStart;
    buf = C.slice(buf, 0, i) + line + C.slice(buf, i);
  } else {
    const i = at - sealedStart[c];
    sealed[c] = C.slice(sealed[c], 0, i) + line + C.slice(sealed[c], i);
    for (let k = c + 1; k < sealed.length; k++) sealedStart[k] += line.length;
    bufStart += line.length;
  }
  if (++count >= maxEvents) stopNow('event-cap');
  return true;
}

/** The time field of the event line starting at stream offset `at` (a line still in memory), or null. */
export function timeOfLineAt(at: number): string | null {
  const c = chunkAt(at);
  if (c === -2) return null;
  const s = c === -1 ? buf : sealed[c];
  const i = at - (c === -1 ? bufStart : sealedStart[c]);
  if (i >= s.length) return null;
  const from = C.indexOf(s, ',', i) + 1;
  const to = C.indexOf(s, ',', from);
  return from > 0 && to > from ? C.slice(s, from, to) : null;
}

function write(s: string): void {
  try {
    C.writeSync(fd, s);
  } catch {
    // The events file is gone (runner killed us / disk full): nothing useful left to do.
  }
}

/**
 * Writes what is buffered, except the lines held by the flush limit (everything when `all`). `due`: the
 * lines held back are written as soon as the hold lifts (holdLifted), e.g. at the end of a macrotask, so that
 * a later task that blocks until the runner kills the process does not take them with it.
 */
export function flush(all = false, due = false): void {
  if (fd < 0) return;
  let limit = all ? Infinity : flushLimit();
  if (limit !== Infinity && streamOffset() - writtenUpTo() > HOLD_MAX) limit = Infinity;
  while (first < sealed.length && sealedStart[first] + sealed[first].length <= limit) {
    write(sealed[first]);
    sealed[first++] = '';
  }
  if (first === sealed.length) {
    sealed.length = 0;
    sealedStart.length = 0;
    first = 0;
    if (buf.length > 0 && bufStart + buf.length <= limit) {
      write(buf);
      bufStart += buf.length;
      buf = '';
    } else if (limit > bufStart && limit < bufStart + buf.length) {
      const n = limit - bufStart;
      write(C.slice(buf, 0, n));
      buf = C.slice(buf, n);
      bufStart = limit;
    }
  }
  flushDue = (flushDue || due) && (buf.length > 0 || first < sealed.length);
}

/** The hold was lifted (a macrotask starts: no microtask waits): write what a due flush had to leave. */
export function holdLifted(): void {
  if (flushDue) flush();
}

/** Writes the final 'end' event and flushes. Later events are dropped. */
export function endRun(reason: ExitReason, code: number | null): void {
  if (stopped) return;
  if (deferred) {
    deferred = false;
    deferredRunner();
  }
  endHook();
  stopped = true;
  buf += '["end",' + now() + ',"' + reason + '",' + (code === null ? 'null' : code) + ']\n';
  flush(true);
}

/** Limits (event cap, deadline): end the trace and leave at once, without running user exit listeners. */
export function stopNow(reason: 'event-cap' | 'timeout'): never {
  endRun(reason, null);
  if (fd >= 0) C.closeSync(fd);
  if (typeof C.reallyExit === 'function') C.apply(C.reallyExit, process, [0]);
  C.apply(C.kill, process, [C.pid, 'SIGKILL']);
  throw new Error('unreachable');
}
