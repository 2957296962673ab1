// Building records (layout: src/shared/eventRecords.ts) in place in the open chunk of the events stream
// (recordStream.ts), field by field: no string and no object per event, so the tracer adds almost no garbage.
// Rare events (console text, errors, the start and end) go in as text records of their JSON line. Every record
// is counted against the event cap; after the run ended (stopRecording) records are dropped.
import { C } from './captured';
import { TEXT_RECORD, LABEL_RECORD, FIXED_LABELS } from '../shared/eventRecords';
import { settle } from './deferredWork';
import { micros } from './runClock';
import {
  RECORD_ROOM, chunk, chunkEnd, chunkWords, ensureRoom, appendedTo, flushIfFull, insertAt,
} from './recordStream';

let count = 0;
let maxEvents = 100000;
let stopped = false;
let atCap: () => void = () => {};

/** Events recorded so far (what the cap counts). */
export function eventCount(): number {
  return count;
}

/** The event cap, and what to do when it is reached (end the run: runLifecycle.ts). */
export function setEventCap(limit: number, onCap: () => void): void {
  maxEvents = limit;
  atCap = onCap;
}

/**
 * Drops every record of the open chunk, uncounted (tracerCosts.ts times real calls at the end of the run, right
 * after a flush: it writes less than one chunk, so nothing it wrote went to the file).
 */
export function discardTimingRecords(): void {
  appendedTo(0);
}

/** The run ended: later records are dropped. */
export function stopRecording(): void {
  stopped = true;
}

export function isStopped(): boolean {
  return stopped;
}

// ---- a fixed record, in place -----------------------------------------------------------------------------
// `let w = recordStart(CODE)` (settles deferred work, writes the kind and the time), then `w = field(w, ...)`
// for each field, then recordEnd(w). `w` is a word index into the open chunk. Nothing may write a record
// between recordStart and recordEnd.

let lastMicros = 0;

/** Starts a fixed record of kind `code` with the current time. Returns the next word index. */
export function recordStart(code: number): number {
  settle(); // before the clock read: deferred records get earlier times
  ensureRoom(chunkEnd, RECORD_ROOM);
  const w = chunkEnd >> 3;
  chunkWords[w] = code;
  chunkWords[w + 1] = lastMicros = micros();
  return w + 2;
}

/**
 * recordStart with the previous record's time, for a record written in the same call right after another (a
 * resumed frame right after its job's run): a clock read costs as much as writing the record.
 */
export function recordStartSameTime(code: number): number {
  settle();
  ensureRoom(chunkEnd, RECORD_ROOM);
  const w = chunkEnd >> 3;
  chunkWords[w] = code;
  chunkWords[w + 1] = lastMicros;
  return w + 2;
}

/** A number field (item, int, queue, label, due in µs with NaN for none). */
export function int(w: number, n: number): number {
  chunkWords[w] = n;
  return w + 1;
}

/** An indexOrNull field: negative is null. */
export function indexOrNull(w: number, n: number): number {
  chunkWords[w] = n >= 0 ? n : NaN;
  return w + 1;
}

/** A lineOrNull field. */
export function lineOrNull(w: number, l: number | null): number {
  chunkWords[w] = l === null ? NaN : l;
  return w + 1;
}

/** Ends the record at word w: counts the event, and hands a full chunk to the file. */
export function recordEnd(w: number): void {
  if (stopped) return; // the run ended: the record is dropped (the chunk's end does not move)
  appendedTo(w << 3);
  counted();
}

function counted(): void {
  if (++count >= maxEvents) {
    atCap();
    return;
  }
  flushIfFull();
}

// ---- text and label records -------------------------------------------------------------------------------

/** A text record holding `json` (one event as a JSON line). Not counted: callers decide. */
export function putTextRecord(json: string): void {
  putStringRecord(TEXT_RECORD, -1, json);
}

/** [kind, (code,) byteLength, ...utf8 bytes padded to a word]: text and label records. code -1: none. */
function putStringRecord(kind: number, code: number, text: string): void {
  const n = C.byteLength(text, 'utf8');
  const head = code < 0 ? 16 : 24;
  const at = chunkEnd;
  ensureRoom(at, head + n + 8);
  const w = at >> 3;
  chunkWords[w] = kind;
  if (code >= 0) chunkWords[w + 1] = code;
  chunkWords[w + (head >> 3) - 1] = n;
  C.utf8Write(chunk, text, at + head);
  appendedTo(at + head + ((n + 7) & ~7));
}

/** A complete event as its JSON line (rare events: console text, errors). */
export function emitText(json: string): void {
  if (stopped) return;
  putTextRecord(json);
  counted();
}

// Labels: FIXED_LABELS have codes both sides know; any other label (an I/O resource type) gets the next code
// and a label record, written before the first record that uses it.
const labelCodes = new C.Map<string, number>();
for (let i = 0; i < FIXED_LABELS.length; i++) labelCodes.set(FIXED_LABELS[i], i);
let recording = false;

/** Label records are written from here on (before: the fixed labels' codes are taken at module load). */
export function startLabelRecords(): void {
  recording = true;
}

/** The code of a label, defining it in the file the first time: so never call it inside a record. */
export function labelCode(label: string): number {
  const known = labelCodes.get(label);
  if (known !== undefined) return known;
  const code = labelCodes.size;
  labelCodes.set(label, code);
  if (recording && !stopped) {
    // Counted like an event, so that a program making endless new resource types still meets the cap.
    if (++count >= maxEvents) atCap();
    putStringRecord(LABEL_RECORD, code, label);
  }
  return code;
}

/**
 * Puts `rec` (one complete record) at stream offset `at`, the start of a record still in memory: the enqueue
 * of a job that ran without its queueing having been seen, which belongs before the queue's current head.
 * Returns the bytes inserted, 0 when that part of the stream was written already.
 */
export function insertRecordBefore(at: number, rec: Buffer): number {
  if (stopped) return 0;
  const n = insertAt(at, rec);
  if (n === 0) return 0;
  if (++count >= maxEvents) atCap();
  return n;
}
