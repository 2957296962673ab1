// Where each queued microtask item's enqueue record sits in the events stream. Node reports no "queued" moment
// for promise jobs; code that is not instrumented (Node's own ESM loader, a library in node_modules) resolves
// promises with thenables, and such a thenable job is seen only when it runs. The microtask queue is FIFO, so
// a job that runs while items we saw queued are still waiting was queued before all of them: its enqueue record
// goes just before the enqueue record of the queue's current head, which the events stream keeps in memory until
// that head has run (recordStream.setFlushLimit). When nothing waits, the job was queued by the task that ran
// last: its enqueue record goes before that task's 'done' record. Cost: one array slot per microtask item, no
// per-item objects.
import { streamOffset, setFlushLimit, timeOfRecordAt, holdLifted } from './recordStream';
import { insertRecordBefore } from './recordEncoding';
import { C } from './captured';

/** By seq - base: the stream offset of the item's enqueue record, minus `shift` when it was recorded. */
const offsets: number[] = [];
let base = 1;
let head = 1; // the smallest sequence number that has not run
let last = 0; // the largest sequence number recorded
/** Bytes inserted so far. Insertions happen at the head, before every waiting item's record, so all of them move. */
let shift = 0;
/** Stream offset of the last task's 'done' record while no other task has started since, else -1. */
let doneAt = -1;

export function installLedger(): void {
  setFlushLimit(heldFrom);
}

/** Call just before emitting the enqueue record of microtask item `seq` (sequence numbers grow by one). */
export function recordMicrotask(seq: number): void {
  if (seq < base) return;
  offsets[seq - base] = streamOffset() - shift;
  if (seq > last) last = seq;
}

/** Microtask item `seq` runs: it and everything queued before it have left the queue. */
export function microtaskRan(seq: number): void {
  if (seq < head) return;
  head = seq + 1;
  const dead = head - base;
  if (dead > 4096 && dead * 2 > offsets.length) {
    C.splice(offsets, 0, dead); // C.splice: user code may replace Array.prototype.splice
    base = head;
  }
}

/** A macrotask starts: the microtask queue is empty, whatever was recorded is settled. */
export function microtaskQueueEmpty(): void {
  offsets.length = 0;
  base = last + 1;
  head = base;
  doneAt = -1;
  holdLifted();
}

/** Call just before emitting a task's 'done' record. */
export function taskEnding(): void {
  doneAt = streamOffset();
}

/** A task starts: the previous one can no longer have queued an unseen job. */
export function taskStarting(): void {
  doneAt = -1;
}

/** Do microtask items we saw queued still wait to run? */
export function microtasksWaiting(): boolean {
  return head <= last;
}

/** Stream offset of the head's enqueue record, or Infinity when nothing waits. */
function headAt(): number {
  if (head > last) return Infinity;
  const o = offsets[head - base];
  return o === undefined ? Infinity : o + shift;
}

/** Records from here on stay in memory: the head's enqueue record, or the last 'done' record. */
function heldFrom(): number {
  const h = headAt();
  return doneAt >= 0 && doneAt < h ? doneAt : h;
}

/**
 * A microtask job runs that was never seen queued: put its enqueue record (built by `record` with the time, in
 * µs, of the record it goes before) ahead of the waiting items. Returns false when nothing waits or the place
 * is written already; the caller then writes the record now.
 */
export function insertUnseenMicrotask(record: (timeMicros: number) => Buffer): boolean {
  const h = headAt();
  const at = h !== Infinity ? h : doneAt >= 0 ? doneAt : -1;
  if (at < 0) return false;
  const time = timeOfRecordAt(at);
  if (time !== time) return false;
  const inserted = insertRecordBefore(at, record(time));
  if (inserted === 0) return false;
  if (h !== Infinity) shift += inserted; // every waiting item's record moved
  if (doneAt >= at) doneAt += inserted;
  return true;
}
