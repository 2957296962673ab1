// The event sink: RawEvent tuples (src/shared/rawTrace.ts) encoded by hand as JSON lines, buffered in one string
// and written with fs.writeSync in ~64 KB batches, after macrotasks, and once when the process ends. No
// closure and no JSON.stringify per event: the callers build each line from numbers and pre-quoted strings.
import { C } from './captured';
import type { ExitReason } from '../shared/rawTrace';

const BATCH = 65536;
/** Above this many buffered chars, flush() writes everything even past a held line (see setFlushLimit). */
const HOLD_MAX = 4 * 1024 * 1024;

let fd = -1;
let buf = '';
/** Chars already handed to the file: the stream offset of buf[0]. */
let written = 0;
let nextFlushAt = BATCH;
let flushLimit: () => number = () => Infinity;
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
  written = head.length;
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
  if (buf.length >= nextFlushAt) flush();
}

/** Where the next emitted line will start in the events stream (chars since the first line). */
export function streamOffset(): number {
  return written + buf.length;
}

/**
 * Lines from stream offset limit() on stay in memory (so insertBefore can still place a line there), unless the
 * buffer grows past HOLD_MAX. limit() returns Infinity when nothing is held.
 */
export function setFlushLimit(limit: () => number): void {
  flushLimit = limit;
}

/**
 * Puts `line` (one complete event line) at stream offset `at`, which must be the start of a line still in the
 * buffer: used for a job that ran without its queueing having been seen, whose enqueue belongs before the
 * queue's current head. Returns false when that part of the stream was written already.
 */
export function insertBefore(at: number, line: string): boolean {
  if (stopped) return true;
  const i = at - written;
  if (i < 0 || i > buf.length) return false;
  buf = C.slice(buf, 0, i) + line + C.slice(buf, i);
  if (++count >= maxEvents) stopNow('event-cap');
  return true;
}

/** The time field of the event line starting at stream offset `at` (a line still in the buffer), or null. */
export function timeOfLineAt(at: number): string | null {
  const i = at - written;
  if (i < 0 || i >= buf.length) return null;
  const from = C.indexOf(buf, ',', i) + 1;
  const to = C.indexOf(buf, ',', from);
  return from > 0 && to > from ? C.slice(buf, from, to) : null;
}

/** Writes the buffer, except lines held by the flush limit (all of it when `all`). */
export function flush(all = false): void {
  if (buf.length === 0 || fd < 0) return;
  let n = buf.length;
  if (!all && n < HOLD_MAX) {
    const held = flushLimit() - written;
    if (held < n) n = held > 0 ? held : 0;
  }
  nextFlushAt = buf.length - n + BATCH;
  if (n === 0) return;
  const s = n === buf.length ? buf : C.slice(buf, 0, n);
  buf = n === buf.length ? '' : C.slice(buf, n);
  written += n;
  try {
    C.writeSync(fd, s);
  } catch {
    // The events file is gone (runner killed us / disk full): nothing useful left to do.
  }
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
