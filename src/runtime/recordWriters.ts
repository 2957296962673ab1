// The writers of the fixed records (src/shared/eventRecords.ts): one hand-unrolled function per kind, because
// the hot path writes a million of them per second and a writer walking the table's field list was slower.
// RECORD_WRITERS lists them by kind so that test/integration/recordsRoundTrip.test.ts checks every one word by
// word against the table; the compiler checks their arguments against it (RecordWriterArgs).
import { C } from './captured';
import { recordStart, recordStartSameTime, int, indexOrNull, lineOrNull, recordEnd } from './recordEncoding';
import { FIXED_RECORDS, type FixedRecordName, type RecordWriterArgs } from '../shared/eventRecords';

const ENQUEUE = FIXED_RECORDS.enqueue.code;
const RUN = FIXED_RECORDS.run.code;
const DONE = FIXED_RECORDS.done.code;
const CANCEL = FIXED_RECORDS.cancel.code;
const ENTER = FIXED_RECORDS.enter.code;
const EXIT = FIXED_RECORDS.exit.code;
const SUSPEND = FIXED_RECORDS.suspend.code;
const RESUME = FIXED_RECORDS.resume.code;
const PENDING = FIXED_RECORDS.pending.code;
const SETTLED = FIXED_RECORDS.settled.code;
const CALLS = FIXED_RECORDS.calls.code;
const VIA = FIXED_RECORDS.via.code;
const VALUE = FIXED_RECORDS.value.code;
const GROUP = FIXED_RECORDS.group.code;
const MEMBER = FIXED_RECORDS.member.code;

/** `due`: microseconds since the start, NaN for none; `site`: negative for none. */
export function writeEnqueue(id: number, queue: number, label: number, line: number | null, site: number, due: number): void {
  let w = recordStart(ENQUEUE);
  w = int(w, id);
  w = int(w, queue);
  w = int(w, label);
  w = lineOrNull(w, line);
  w = indexOrNull(w, site);
  recordEnd(int(w, due));
}

/**
 * An enqueue record as a buffer of its own, with a given time (µs): the enqueue of a job seen only when it
 * ran, inserted before records already written (microtaskLedger.ts). Same layout as writeEnqueue.
 */
export function enqueueRecord(timeMicros: number, id: number, queue: number, label: number, line: number | null, site: number, due: number): Buffer {
  const b = C.allocBuffer(8 * 8);
  const f = new C.Float64Array(b.buffer, b.byteOffset, 8);
  f[0] = ENQUEUE;
  f[1] = timeMicros;
  f[2] = id;
  f[3] = queue;
  f[4] = label;
  f[5] = line === null ? NaN : line;
  f[6] = site >= 0 ? site : NaN;
  f[7] = due;
  return b;
}

/** id 0: the script. */
export function writeRun(id: number): void {
  recordEnd(int(recordStart(RUN), id));
}

export function writeDone(id: number): void {
  recordEnd(int(recordStart(DONE), id));
}

export function writeCancel(id: number): void {
  recordEnd(int(recordStart(CANCEL), id));
}

/** `callerLine`: the line each lower frame of the panel's stack is at (the call site). */
export function writeEnter(probe: number, inv: number, callerLine: number | null): void {
  let w = recordStart(ENTER);
  w = int(w, probe);
  w = int(w, inv);
  recordEnd(lineOrNull(w, callerLine));
}

export function writeExit(inv: number): void {
  recordEnd(int(recordStart(EXIT), inv));
}

/** `line`: the line the frame stops at (its await / yield). */
export function writeSuspend(inv: number, line: number | null): void {
  recordEnd(lineOrNull(int(recordStart(SUSPEND), inv), line));
}

export function writeResume(inv: number): void {
  recordEnd(int(recordStart(RESUME), inv));
}

/** writeResume right after its job's run record, sharing its time: a clock read costs as much as the record. */
export function writeResumeSameTime(inv: number): void {
  recordEnd(int(recordStartSameTime(RESUME), inv));
}

/** An operation outside the JavaScript thread started; its callback will be item `id`. */
export function writePending(id: number, label: number, line: number | null): void {
  let w = recordStart(PENDING);
  w = int(w, id);
  w = int(w, label);
  recordEnd(lineOrNull(w, line));
}

/** The pending operation `id` finished without a callback of its own showing. */
export function writeSettled(id: number): void {
  recordEnd(int(recordStart(SETTLED), id));
}

/** `count` calls of function `probe` counted, not recorded, over `micros` µs (foldedCalls.ts). */
export function writeCalls(probe: number, count: number, micros: number): void {
  let w = recordStart(CALLS);
  w = int(w, probe);
  w = int(w, count);
  recordEnd(int(w, micros));
}

/** The next enter was called through library frame `name` of `file` (label codes: labelCode before the record). */
export function writeVia(name: number, file: number): void {
  recordEnd(int(int(recordStart(VIA), name), file));
}

/** Item `id` reacts to a promise that settled with `text` (a label code: take it before the record). */
export function writeValue(id: number, text: number, rejected: number): void {
  let w = recordStart(VALUE);
  w = int(w, id);
  w = int(w, text);
  recordEnd(int(w, rejected));
}

/** A promise combinator call returned: group `group`, its name (a label code), its member count, its line. */
export function writeGroup(group: number, label: number, count: number, line: number | null): void {
  let w = recordStart(GROUP);
  w = int(w, group);
  w = int(w, label);
  w = int(w, count);
  recordEnd(lineOrNull(w, line));
}

/** Item `id` is the reaction of member `index` of group `group`. */
export function writeMember(id: number, group: number, index: number): void {
  let w = recordStart(MEMBER);
  w = int(w, id);
  w = int(w, group);
  recordEnd(int(w, index));
}

/** The writer of each fixed kind, for the test that checks them against the table. */
export const RECORD_WRITERS: { readonly [K in FixedRecordName]: (...args: RecordWriterArgs<K>) => void } = {
  enqueue: writeEnqueue,
  run: writeRun,
  done: writeDone,
  cancel: writeCancel,
  enter: writeEnter,
  exit: writeExit,
  suspend: writeSuspend,
  resume: writeResume,
  pending: writePending,
  settled: writeSettled,
  calls: writeCalls,
  via: writeVia,
  value: writeValue,
  group: writeGroup,
  member: writeMember,
};
