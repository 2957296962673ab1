// The event sink: RawEvent tuples (src/shared/rawTrace.ts) encoded by hand as JSON lines, buffered in one string
// and written with fs.writeSync in ~64 KB batches, after macrotasks, and once when the process ends. No
// closure and no JSON.stringify per event: the callers build each line from numbers and pre-quoted strings.
import { C } from './captured';
import type { ExitReason } from '../shared/rawTrace';

const BATCH = 65536;

let fd = -1;
let buf = '';
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
  // A header line (not a RawEvent) so the runner learns which Node ran the code.
  buf = '{"loopscope":1,"node":' + C.stringify(C.version) + ',"pid":' + C.pid + '}\n["start",0,"' + module + '"]\n';
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
  if (buf.length >= BATCH) flush();
}

export function flush(): void {
  if (buf.length === 0 || fd < 0) return;
  const s = buf;
  buf = '';
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
  flush();
}

/** Limits (event cap, deadline): end the trace and leave at once, without running user exit listeners. */
export function stopNow(reason: 'event-cap' | 'timeout'): never {
  endRun(reason, null);
  if (fd >= 0) C.closeSync(fd);
  if (typeof C.reallyExit === 'function') C.apply(C.reallyExit, process, [0]);
  C.apply(C.kill, process, [C.pid, 'SIGKILL']);
  throw new Error('unreachable');
}
