// The queue and label codes the queue inference writes (queue codes from src/shared/eventLoop.ts, fixed label
// codes from src/shared/eventRecords.ts), and the enqueue of a microtask item, which the ledger must know of.
import { settle } from './deferredWork';
import { labelCode } from './recordEncoding';
import { queueCode } from '../shared/eventLoop';
import { recordMicrotask } from './microtaskLedger';
import { writeEnqueue } from './recordWriters';

export const Q_NEXT_TICK = queueCode('nextTick');
export const Q_MICROTASK = queueCode('microtask');
export const Q_TIMER = queueCode('timer');
export const Q_IMMEDIATE = queueCode('immediate');
export const Q_IO = queueCode('io');
export const Q_CLOSE = queueCode('close');
export const L_THEN = labelCode('then');
export const L_THENABLE = labelCode('thenable');
export const L_RESUME = labelCode('resume');
export const L_RESUME_MODULE = labelCode('resume module');
export const L_QUEUE_MICROTASK = labelCode('queueMicrotask');
export const L_SET_TIMEOUT = labelCode('setTimeout');
export const L_SET_INTERVAL = labelCode('setInterval');
export const L_SET_IMMEDIATE = labelCode('setImmediate');
export const L_NEXT_TICK = labelCode('nextTick');

/** A microtask item's enqueue, recorded in the ledger (microtaskLedger.ts) at the offset its record gets. */
export function writeMicrotaskEnqueue(id: number, seq: number, label: number, line: number | null, site: number): void {
  settle(); // deferred records first
  recordMicrotask(seq);
  writeEnqueue(id, Q_MICROTASK, label, line, site, NaN);
}
