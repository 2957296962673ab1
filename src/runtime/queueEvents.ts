// The queue events the inference writes (enqueue, cancel), built in place in the event buffer, and the queue
// and label codes they use (queue codes from src/shared/eventLoop.ts, fixed label codes from the record table).
import { settle, lineStart, lineEnd, int, intOrNull, lineNo, labelCode } from './eventBuffer';
import * as EV from '../shared/eventCodes';
import { queueCode } from '../shared/eventLoop';
import { recordMicrotask } from './microtaskLedger';

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

/** `due`: microseconds since the start, NaN for none. */
export function writeEnqueue(id: number, queue: number, label: number, line: number | null, site: number, due: number): void {
  let w = lineStart(EV.K_ENQUEUE);
  w = int(w, id);
  w = int(w, queue);
  w = int(w, label);
  w = lineNo(w, line);
  w = intOrNull(w, site);
  lineEnd(int(w, due));
}

/** A microtask item's enqueue, recorded in the ledger (microtaskLedger.ts) at the offset its record gets. */
export function writeMicrotaskEnqueue(id: number, seq: number, label: number, line: number | null, site: number): void {
  settle(); // deferred records first
  recordMicrotask(seq);
  writeEnqueue(id, Q_MICROTASK, label, line, site, NaN);
}

export function writeCancel(id: number): void {
  lineEnd(int(lineStart(EV.K_CANCEL), id));
}
