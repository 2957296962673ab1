// The event sink: RawEvent tuples (src/shared/rawTrace.ts) encoded by hand as JSON lines straight into bytes,
// written with fs.writeSync after macrotasks, every ~64 KB, and once when the process ends. Hot lines are built
// field by field (lineStart, int, id, bytes, lineEnd) in a preallocated buffer outside the JS heap: no string
// per event, so the tracer adds almost no garbage (building line strings made GC the tracer's largest cost).
// Rare lines (console text, errors, inserted lines) go through emit(string). Lines from a held offset on
// (microtaskLedger.ts) stay in memory, in chunks, so that a line can still be inserted there without copying
// everything after it. Stream offsets count bytes since the first event line.
import { C } from './captured';
import type { ExitReason } from '../shared/rawTrace';

const BATCH = 65536;
/** Room kept free before a hot line starts: numeric fields and short labels never need more. */
const LINE_ROOM = 512;
/** Above this many buffered bytes, flush() writes everything even past a held line (see setFlushLimit). */
const HOLD_MAX = 1024 * 1024;

let fd = -1;
/** The open chunk, being appended to: out[0, pos) starts at stream offset outStart. */
let out: Buffer = C.allocBuffer(BATCH + LINE_ROOM * 2);
let pos = 0;
let outStart = 0;
/** Where the line being built started in `out`. */
let lineAt = 0;
/** Sealed chunks not written yet: sealed[i][0, sealedLen[i]) starts at stream offset sealedStart[i]. */
const sealed: Buffer[] = [];
const sealedLen: number[] = [];
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
}

/** The bytes of an ASCII string, for the constant parts of hot lines. */
export function ascii(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = C.charCodeAt(s, i);
  return b;
}

/** Runs the work that must be emitted before the next event (lazy timer enqueues, a deferred I/O run). */
export function settle(): void {
  if (deferred) {
    deferred = false;
    deferredRunner();
  }
}

/** Microseconds since the run started. */
function micros(): number {
  return C.round((C.perfNow() - t0) * 1000);
}

/**
 * Milliseconds since the run started, rounded to the microsecond. Every event line takes its time after
 * settle(), so deferred work is emitted before the line, with earlier times.
 */
export function now(): number {
  settle();
  return micros() / 1000;
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

// ---- building a line in place -----------------------------------------------------------------------------
// A hot line is `let p = lineStart(prefix)` (settles deferred work, writes `["kind",TIME`), then `p = field(p,
// ...)` for each field, then lineEnd(p). The write position travels as an argument and return value rather
// than through the module variable `pos` (stored once, by lineEnd): that made writing a line about a sixth
// cheaper, and 600k lines are written per second of traced run. Nothing may emit between lineStart and
// lineEnd.

/** Makes room for n more bytes after position p (the line being built ends at p). */
function room(p: number, n: number): void {
  if (p + n <= out.length) return;
  const bigger = C.allocBuffer(C.max(out.length * 2, p + n + LINE_ROOM));
  out.copy(bigger, 0, 0, p);
  out = bigger;
}

function putUint(p: number, n: number): number {
  const o = out;
  if (n < 10) {
    o[p] = 48 + n;
    return p + 1;
  }
  if (n > 0x7fffffff) return putAscii(p, '' + n);
  let len = 2;
  for (let t = (n / 100) | 0; t > 0; t = (t / 10) | 0) len++;
  const end = p + len;
  let i = end;
  while (n >= 10) {
    const q = (n / 10) | 0;
    o[--i] = 48 + n - q * 10;
    n = q;
  }
  o[--i] = 48 + n;
  return end;
}

/** A time in whole microseconds, written in ms with at most three decimals (what String(us / 1000) gives). */
function putMicros(p: number, us: number): number {
  const o = out;
  if (us < 0) {
    o[p++] = 45; // -
    us = -us;
  }
  if (us > 0x7fffffff) return putAscii(p, '' + us / 1000);
  const ms = (us / 1000) | 0;
  p = putUint(p, ms);
  const frac = us - ms * 1000;
  if (frac === 0) return p;
  o[p++] = 46; // .
  const d1 = (frac / 100) | 0;
  const rest = frac - d1 * 100;
  o[p++] = 48 + d1;
  if (rest === 0) return p;
  const d2 = (rest / 10) | 0;
  const d3 = rest - d2 * 10;
  o[p++] = 48 + d2;
  if (d3 !== 0) o[p++] = 48 + d3;
  return p;
}

function putAscii(p: number, s: string): number {
  const n = s.length;
  room(p, n * 3);
  const o = out;
  for (let i = 0; i < n; i++) {
    const c = C.charCodeAt(s, i);
    if (c >= 128) return p + C.utf8Write(o, C.slice(s, i), p);
    o[p++] = c;
  }
  return p;
}

function putBytes(p: number, b: Uint8Array): number {
  const o = out;
  const n = b.length;
  for (let i = 0; i < n; i++) o[p + i] = b[i];
  return p + n;
}

/** Starts a line: `prefix` is e.g. `["enter",` as bytes; the time follows. Returns the write position. */
export function lineStart(prefix: Uint8Array): number {
  settle();
  room(pos, LINE_ROOM);
  lineAt = pos;
  return putMicros(putBytes(pos, prefix), micros());
}

/** `,N` for a non-negative integer. */
export function int(p: number, n: number): number {
  out[p] = 44;
  return putUint(p + 1, n);
}

/** `,"N"`: an item id. */
export function itemId(p: number, n: number): number {
  out[p] = 44;
  out[p + 1] = 34;
  p = putUint(p + 2, n);
  out[p] = 34;
  return p + 1;
}

/** `,N` for an integer that may be absent (negative: null). */
export function intOrNull(p: number, n: number): number {
  return n >= 0 ? int(p, n) : putBytes(p, COMMA_NULL);
}

/** `,LINE` for a line number or null (any other value as its JS text, as before). */
export function lineNo(p: number, l: number | null): number {
  if (l === null) return putBytes(p, COMMA_NULL);
  if (l >= 0 && l <= 0x7fffffff && (l | 0) === l) return int(p, l);
  out[p] = 44;
  return putAscii(p + 1, '' + l);
}

/** `,` then a time given in microseconds (timer due times). */
export function micro(p: number, us: number): number {
  out[p] = 44;
  return putMicros(p + 1, us);
}

/** Constant bytes (separators, pre-quoted labels). */
export function bytes(p: number, b: Uint8Array): number {
  return putBytes(p, b);
}

/** A string as it is (pre-quoted JSON text); non-ASCII is written as UTF-8. */
export function text(p: number, s: string): number {
  return putAscii(p, s);
}

/** Ends the line at p: `]\n`, counts the event, and hands a full batch to the file. */
export function lineEnd(p: number): void {
  out[p] = 93;
  out[p + 1] = 10;
  pos = p + 2;
  counted();
}

const COMMA_NULL = ascii(',null');

function counted(): void {
  if (stopped) {
    pos = lineAt; // the run ended: later lines are dropped
    return;
  }
  if (++count >= maxEvents) {
    stopNow('event-cap');
    return;
  }
  if (pos >= BATCH) {
    seal();
    flush();
  }
}

/** A complete line as a string (rare lines: console text, errors, cancels). */
export function emit(line: string): void {
  if (stopped) return;
  lineAt = pos;
  pos = putAscii(pos, line);
  counted();
}

function seal(): void {
  sealed.push(out);
  sealedLen.push(pos);
  sealedStart.push(outStart);
  outStart += pos;
  out = C.allocBuffer(BATCH + LINE_ROOM * 2);
  pos = 0;
}

/** Stream offset of the first byte not handed to the file yet. */
function writtenUpTo(): number {
  return first < sealed.length ? sealedStart[first] : outStart;
}

/** Where the next emitted line will start in the events stream (bytes since the first line). */
export function streamOffset(): number {
  return outStart + pos;
}

/**
 * Lines from stream offset limit() on stay in memory (so insertBefore can still place a line there), unless more
 * than HOLD_MAX bytes are waiting. limit() returns Infinity when nothing is held.
 */
export function setFlushLimit(limit: () => number): void {
  flushLimit = limit;
}

/** The chunk holding stream offset `at` (-1: the open chunk), or -2 when it was written already. */
function chunkAt(at: number): number {
  if (at >= outStart) return at <= outStart + pos ? -1 : -2;
  for (let i = sealed.length - 1; i >= first; i--) if (sealedStart[i] <= at) return i;
  return -2;
}

/**
 * Puts `line` (one complete event line, ASCII) at stream offset `at`, which must be the start of a line still
 * in memory: used for a job that ran without its queueing having been seen, whose enqueue belongs before the
 * queue's current head. Returns false when that part of the stream was written already.
 */
export function insertBefore(at: number, line: string): boolean {
  if (stopped) return true;
  const c = chunkAt(at);
  if (c === -2) return false;
  const n = C.byteLength(line, 'utf8');
  if (c === -1) {
    const i = at - outStart;
    room(pos, n);
    out.copy(out, i + n, i, pos);
    C.utf8Write(out, line, i);
    pos += n;
  } else {
    const i = at - sealedStart[c];
    const old = sealed[c];
    const len = sealedLen[c];
    const grown = C.allocBuffer(len + n);
    old.copy(grown, 0, 0, i);
    C.utf8Write(grown, line, i);
    old.copy(grown, i + n, i, len);
    sealed[c] = grown;
    sealedLen[c] = len + n;
    for (let k = c + 1; k < sealed.length; k++) sealedStart[k] += n;
    outStart += n;
  }
  if (++count >= maxEvents) stopNow('event-cap');
  return true;
}

/** The time field of the event line starting at stream offset `at` (a line still in memory), or null. */
export function timeOfLineAt(at: number): string | null {
  const c = chunkAt(at);
  if (c === -2) return null;
  const b = c === -1 ? out : sealed[c];
  const end = c === -1 ? pos : sealedLen[c];
  let i = at - (c === -1 ? outStart : sealedStart[c]);
  while (i < end && b[i] !== 44) i++;
  const from = i + 1;
  i = from;
  while (i < end && b[i] !== 44) i++;
  if (i >= end || i === from) return null;
  let s = '';
  for (let k = from; k < i; k++) s += C.fromCharCode(b[k]);
  return s;
}

function write(b: Buffer, n: number): void {
  try {
    C.writeSync(fd, b, 0, n);
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
  while (first < sealed.length && sealedStart[first] + sealedLen[first] <= limit) {
    write(sealed[first], sealedLen[first]);
    sealed[first++] = out; // drop the reference (any Buffer will do)
  }
  if (first === sealed.length) {
    sealed.length = 0;
    sealedLen.length = 0;
    sealedStart.length = 0;
    first = 0;
    if (pos > 0 && outStart + pos <= limit) {
      write(out, pos);
      outStart += pos;
      pos = 0;
    } else if (limit > outStart && limit < outStart + pos) {
      const n = limit - outStart;
      write(out, n);
      out.copy(out, 0, n, pos);
      pos -= n;
      outStart = limit;
    }
  }
  flushDue = (flushDue || due) && (pos > 0 || first < sealed.length);
}

/** The hold was lifted (a macrotask starts: no microtask waits): write what a due flush had to leave. */
export function holdLifted(): void {
  if (flushDue) flush();
}

/** Writes the final 'end' event and flushes. Later events are dropped. */
export function endRun(reason: ExitReason, code: number | null): void {
  if (stopped) return;
  settle();
  endHook();
  stopped = true;
  pos = putAscii(pos, '["end",' + now() + ',"' + reason + '",' + (code === null ? 'null' : code) + ']\n');
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
