// The events stream between the record writers and the file: records are appended to an open chunk outside
// the JS heap (recordEncoding.ts writes them in place), full chunks are sealed, and fs.writeSync hands them to
// the file after macrotasks, every ~64 KB, and once when the process ends. Records from a held offset on
// (microtaskLedger.ts) stay in memory, in chunks, so that a record can still be inserted there without copying
// everything after it. Stream offsets count bytes since the first record; every record is a whole number of
// 8-byte words, so every offset is too.
import { C } from './captured';
import { TEXT_RECORD } from '../shared/eventRecords';

/** A full open chunk is sealed and flushed once it holds this many bytes. */
const BATCH = 65536;
/** Room kept free before a record starts: the largest fixed one is 64 bytes. */
export const RECORD_ROOM = 512;
/** Above this many buffered bytes, flush() writes everything even past a held record (see setFlushLimit). */
const HOLD_MAX = 1024 * 1024;
const CHUNK = BATCH + RECORD_ROOM * 2;

let fd = -1;
// The open chunk, being appended to: chunk[0, chunkEnd) starts at stream offset chunkStart; chunkWords is its
// float64 view. Exported (read-only bindings) for the record writers, which write into it in place.
export let chunk: Buffer = C.allocBuffer(CHUNK);
export let chunkWords = wordsOf(chunk);
export let chunkEnd = 0;
let chunkStart = 0;
/** Sealed chunks not written yet: sealed[i][0, sealedLen[i]) starts at stream offset sealedStart[i]. */
const sealed: Buffer[] = [];
const sealedLen: number[] = [];
const sealedStart: number[] = [];
let first = 0;
let flushLimit: () => number = () => Infinity;
let flushDue = false;

/** The float64 words of a buffer the tracer allocated (offset 0, length a multiple of 8). */
export function wordsOf(b: Buffer): Float64Array {
  return new C.Float64Array(b.buffer, b.byteOffset, b.length >> 3);
}

/** Opens the file (created or emptied). */
export function openStream(path: string): void {
  fd = C.openSync(path, 'w');
}

/** Writes the header line at once, before any record. */
export function writeHeader(header: string): void {
  C.writeSync(fd, header);
}

/** Rewrites the header line in place (the same length: eventsFileHeader). */
export function rewriteHeader(header: string): void {
  try {
    C.writeSync(fd, header, 0);
  } catch {
    // the header without costs stays: the trace only lacks its overhead estimate
  }
}

export function closeStream(): void {
  if (fd >= 0) C.closeSync(fd);
}

/** Makes room for n more bytes after byte p of the open chunk (the record being built ends at p). */
export function ensureRoom(p: number, n: number): void {
  if (p + n <= chunk.length) return;
  const bigger = C.allocBuffer(C.max(chunk.length * 2, (p + n + RECORD_ROOM + 7) & ~7));
  chunk.copy(bigger, 0, 0, p);
  chunk = bigger;
  chunkWords = wordsOf(chunk);
}

/** A record ends at byte `end` of the open chunk; a full chunk goes to the file. */
export function appendedTo(end: number): void {
  chunkEnd = end;
}

/** Hands a full open chunk to the file (called after each counted record). */
export function flushIfFull(): void {
  if (chunkEnd >= BATCH) {
    seal();
    flush();
  }
}

/** Chunks already written to the file, for reuse: a new 64 KB buffer per chunk was garbage to collect. */
const spare: Buffer[] = [];

function seal(): void {
  sealed[sealed.length] = chunk; // not push: user code may replace Array.prototype.push
  sealedLen[sealedLen.length] = chunkEnd;
  sealedStart[sealedStart.length] = chunkStart;
  chunkStart += chunkEnd;
  if (spare.length > 0) {
    chunk = spare[spare.length - 1]; // not pop: user code may replace Array.prototype.pop
    spare.length -= 1;
  } else {
    chunk = C.allocBuffer(CHUNK);
  }
  chunkWords = wordsOf(chunk);
  chunkEnd = 0;
}

/** Stream offset of the first byte not handed to the file yet. */
function writtenUpTo(): number {
  return first < sealed.length ? sealedStart[first] : chunkStart;
}

/** Where the next record will start in the events stream (bytes since the first record). */
export function streamOffset(): number {
  return chunkStart + chunkEnd;
}

/**
 * Records from stream offset limit() on stay in memory (so insertBefore can still place a record there), unless
 * more than HOLD_MAX bytes are waiting. limit() returns Infinity when nothing is held.
 */
export function setFlushLimit(limit: () => number): void {
  flushLimit = limit;
}

/** The chunk holding stream offset `at` (-1: the open chunk), or -2 when it was written already. */
function chunkAt(at: number): number {
  if (at >= chunkStart) return at <= chunkStart + chunkEnd ? -1 : -2;
  for (let i = sealed.length - 1; i >= first; i--) if (sealedStart[i] <= at) return i;
  return -2;
}

/**
 * Puts `rec` (one complete record, a whole number of words) at stream offset `at`, which must be the start of
 * a record still in memory. Returns the bytes inserted, 0 when that part of the stream was written already.
 */
export function insertAt(at: number, rec: Buffer): number {
  const c = chunkAt(at);
  if (c === -2) return 0;
  const n = rec.length;
  if (c === -1) {
    const i = at - chunkStart;
    ensureRoom(chunkEnd, n);
    chunk.copy(chunk, i + n, i, chunkEnd);
    rec.copy(chunk, i);
    chunkEnd += n;
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
    chunkStart += n;
  }
  return n;
}

/** The time (µs) of the record starting at stream offset `at` (a record still in memory), or NaN. */
export function timeOfRecordAt(at: number): number {
  const c = chunkAt(at);
  if (c === -2) return NaN;
  const b = c === -1 ? chunk : sealed[c];
  const end = c === -1 ? chunkEnd : sealedLen[c];
  const i = at - (c === -1 ? chunkStart : sealedStart[c]);
  if (i + 16 > end) return NaN;
  const f = c === -1 ? chunkWords : wordsOf(b);
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
 * Writes what is buffered, except the records held by the flush limit (everything when `all`). `due`: the
 * records held back are written as soon as the hold lifts (holdLifted), e.g. at the end of a macrotask, so that
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
    sealed[first++] = chunk; // drop the reference (any Buffer will do)
  }
  if (first === sealed.length) {
    sealed.length = 0;
    sealedLen.length = 0;
    sealedStart.length = 0;
    first = 0;
    if (chunkEnd > 0 && chunkStart + chunkEnd <= limit) {
      write(chunk, chunkEnd);
      chunkStart += chunkEnd;
      chunkEnd = 0;
    } else if (limit > chunkStart && limit < chunkStart + chunkEnd) {
      const n = limit - chunkStart;
      write(chunk, n);
      chunk.copy(chunk, 0, n, chunkEnd);
      chunkEnd -= n;
      chunkStart = limit;
    }
  }
  flushDue = (flushDue || due) && (chunkEnd > 0 || first < sealed.length);
}

/** The hold was lifted (a macrotask starts: no microtask waits): write what a due flush had to leave. */
export function holdLifted(): void {
  if (flushDue) flush();
}
