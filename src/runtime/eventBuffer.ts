// The event sink: RawEvent tuples (src/shared/rawTrace.ts) as binary records (src/shared/eventCodes.ts: a few
// float64 words each), written with fs.writeSync after macrotasks, every ~64 KB, and once when the process
// ends. Hot events are built field by field (lineStart, int, lineNo, lineEnd) in a preallocated buffer outside
// the JS heap: no string and no object per event, so the tracer adds almost no garbage. Rare events (console
// text, errors, inserted lines) go through emit(JSON line) as text records. Records from a held offset on
// (microtaskLedger.ts) stay in memory, in chunks, so that a record can still be inserted there without
// copying everything after it. Stream offsets count bytes since the first record; every record is a whole
// number of 8-byte words, so every offset is too.
import { C } from './captured';
import type { ExitReason } from '../shared/rawTrace';
import { TEXT_RECORD, LABEL_RECORD, FIXED_LABELS, eventsFileHeader } from '../shared/eventRecords';

const BATCH = 65536;
/** Room kept free before a hot record starts: the largest one is 64 bytes. */
const LINE_ROOM = 512;
/** Above this many buffered bytes, flush() writes everything even past a held record (see setFlushLimit). */
const HOLD_MAX = 1024 * 1024;
const CHUNK = BATCH + LINE_ROOM * 2;

let fd = -1;
/** The open chunk, being appended to: out[0, pos) starts at stream offset outStart; outF is its word view. */
let out: Buffer = C.allocBuffer(CHUNK);
let outF = wordsOf(out);
let pos = 0;
let outStart = 0;
/** Where the record being built started in `out`. */
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

/** The float64 words of a buffer the tracer allocated (offset 0, length a multiple of 8). */
function wordsOf(b: Buffer): Float64Array {
  return new C.Float64Array(b.buffer, b.byteOffset, b.length >> 3);
}

export function openEvents(path: string, limit: number, module: 'cjs' | 'esm'): void {
  fd = C.openSync(path, 'w');
  maxEvents = limit;
  t0 = C.perfNow();
  // A header line (not a RawEvent) so the runner learns which Node ran the code, padded so that records start
  // on a word boundary; written at once, with the start event, so a run killed before its first flush still
  // shows that the tracer started.
  C.writeSync(fd, eventsFileHeader(C.version, C.pid));
  putText('["start",0,"' + module + '"]');
  flush(true);
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

// ---- building a record in place ---------------------------------------------------------------------------
// A hot record is `let w = lineStart(KIND)` (settles deferred work, writes the kind and the time), then
// `w = field(w, ...)` for each field, then lineEnd(w). `w` is a word index into the open chunk. Nothing may
// emit between lineStart and lineEnd.

/** Makes room for n more bytes after position p (the record being built ends at p). */
function room(p: number, n: number): void {
  if (p + n <= out.length) return;
  const bigger = C.allocBuffer(C.max(out.length * 2, (p + n + LINE_ROOM + 7) & ~7));
  out.copy(bigger, 0, 0, p);
  out = bigger;
  outF = wordsOf(out);
}

let lastMicros = 0;

/** Starts a hot record of `kind` (eventCodes.ts) with the current time. Returns the next word index. */
export function lineStart(kind: number): number {
  return startRecord(kind, true);
}

/**
 * lineStart with the previous record's time, for a record written in the same call right after another (a
 * resumed frame right after its job's run): a clock read costs as much as writing the record.
 */
export function lineStartSameTime(kind: number): number {
  return startRecord(kind, false);
}

function startRecord(kind: number, freshTime: boolean): number {
  settle(); // before the clock read: deferred records get earlier times
  room(pos, LINE_ROOM);
  lineAt = pos;
  const w = pos >> 3;
  outF[w] = kind;
  outF[w + 1] = freshTime ? (lastMicros = micros()) : lastMicros;
  return w + 2;
}

/** A number field: ids, probes, invocations, queue and label codes, due times in µs (NaN: none). */
export function int(w: number, n: number): number {
  outF[w] = n;
  return w + 1;
}

/** An integer that may be absent (negative: null). */
export function intOrNull(w: number, n: number): number {
  outF[w] = n >= 0 ? n : NaN;
  return w + 1;
}

/** A line number or null. */
export function lineNo(w: number, l: number | null): number {
  outF[w] = l === null ? NaN : l;
  return w + 1;
}

/** Ends the record at word w: counts the event, and hands a full batch to the file. */
export function lineEnd(w: number): void {
  pos = w << 3;
  counted();
}

/** A text record holding `line` (one event as a JSON line) at pos. Not counted: callers decide. */
function putText(line: string): void {
  const n = C.byteLength(line, 'utf8');
  room(pos, 16 + n + 8);
  const w = pos >> 3;
  outF[w] = TEXT_RECORD;
  outF[w + 1] = n;
  C.utf8Write(out, line, pos + 16);
  pos += 16 + ((n + 7) & ~7);
}

// Labels: FIXED_LABELS have codes both sides know; any other label (an I/O resource type) gets the next code
// and a label record, written before the first record that uses it.
const labelCodes = new C.Map<string, number>();
for (let i = 0; i < FIXED_LABELS.length; i++) labelCodes.set(FIXED_LABELS[i], i);

/** The code of a label, defining it in the file the first time: so never call it inside a record. */
export function labelCode(label: string): number {
  const known = labelCodes.get(label);
  if (known !== undefined) return known;
  const code = labelCodes.size;
  labelCodes.set(label, code);
  if (fd >= 0 && !stopped) {
    // Counted like an event, so that a program making endless new resource types still meets the cap.
    if (++count >= maxEvents) stopNow('event-cap');
    const n = C.byteLength(label, 'utf8');
    room(pos, 24 + n + 8);
    const w = pos >> 3;
    outF[w] = LABEL_RECORD;
    outF[w + 1] = code;
    outF[w + 2] = n;
    C.utf8Write(out, label, pos + 24);
    pos += 24 + ((n + 7) & ~7);
  }
  return code;
}

function counted(): void {
  if (stopped) {
    pos = lineAt; // the run ended: later records are dropped
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

/** A complete event as its JSON line (rare events: console text, errors). */
export function emit(line: string): void {
  if (stopped) return;
  lineAt = pos;
  putText(line);
  counted();
}

/** Chunks already written to the file, for reuse: a new 64 KB buffer per chunk was garbage to collect. */
const spare: Buffer[] = [];

function seal(): void {
  sealed[sealed.length] = out; // not push: user code may replace Array.prototype.push
  sealedLen[sealedLen.length] = pos;
  sealedStart[sealedStart.length] = outStart;
  outStart += pos;
  if (spare.length > 0) {
    out = spare[spare.length - 1]; // not pop: user code may replace Array.prototype.pop
    spare.length -= 1;
  } else {
    out = C.allocBuffer(CHUNK);
  }
  outF = wordsOf(out);
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
 * Puts `rec` (one complete record, a whole number of words) at stream offset `at`, which must be the start of
 * a record still in memory: used for a job that ran without its queueing having been seen, whose enqueue
 * belongs before the queue's current head. Returns the bytes inserted, 0 when that part of the stream was
 * written already.
 */
export function insertBefore(at: number, rec: Buffer): number {
  if (stopped) return 0;
  const c = chunkAt(at);
  if (c === -2) return 0;
  const n = rec.length;
  if (c === -1) {
    const i = at - outStart;
    room(pos, n);
    out.copy(out, i + n, i, pos);
    rec.copy(out, i);
    pos += n;
  } else {
    const i = at - sealedStart[c];
    const old = sealed[c];
    const len = sealedLen[c];
    const grown = C.allocBuffer(len + n);
    old.copy(grown, 0, 0, i);
    rec.copy(grown, i);
    old.copy(grown, i + n, i, len);
    sealed[c] = grown;
    sealedLen[c] = len + n;
    for (let k = c + 1; k < sealed.length; k++) sealedStart[k] += n;
    outStart += n;
  }
  if (++count >= maxEvents) stopNow('event-cap');
  return n;
}

/** The time (µs) of the record starting at stream offset `at` (a record still in memory), or NaN. */
export function timeOfRecordAt(at: number): number {
  const c = chunkAt(at);
  if (c === -2) return NaN;
  const b = c === -1 ? out : sealed[c];
  const end = c === -1 ? pos : sealedLen[c];
  const i = at - (c === -1 ? outStart : sealedStart[c]);
  if (i + 16 > end) return NaN;
  const f = c === -1 ? outF : wordsOf(b);
  const w = i >> 3;
  if (f[w] !== TEXT_RECORD) return f[w + 1];
  // an event as its JSON line: its time, in ms
  const parsed = C.parse(b.toString('utf8', i + 16, i + 16 + f[w + 1])) as unknown[];
  return typeof parsed[1] === 'number' ? C.round(parsed[1] * 1000) : NaN;
}

function write(b: Buffer, n: number): void {
  try {
    // A short write would shift every later record off its word boundary: write until all of it is out.
    for (let done = 0; done < n; ) {
      const wrote = C.writeSync(fd, b, done, n - done);
      if (wrote <= 0) break;
      done += wrote;
    }
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
    const done = sealed[first];
    if (done.length === CHUNK && spare.length < 64) spare[spare.length] = done;
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
  putText('["end",' + now() + ',"' + reason + '",' + (code === null ? 'null' : code) + ']');
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
