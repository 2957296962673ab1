// The runtime's own kinds of running task: which hook started it decides how it ends (a macrotask flushes the
// events file, an I/O task may turn out invisible). Runtime-internal: the events file records queues
// (src/shared/eventLoop.ts), not these.
import { isMacrotask as isMacrotaskSource, type TaskSource } from '../shared/eventLoop';

export const TASK_SCRIPT = 1;
export const TASK_TICK = 2;
export const TASK_QUEUE_MICROTASK = 3;
export const TASK_REACTION = 4;
export const TASK_AWAIT_RESUME = 5;
export const TASK_THENABLE = 6;
export const TASK_TIMER = 7;
export const TASK_IMMEDIATE = 8;
export const TASK_IO = 9;
export const TASK_CLOSE = 10;

/** The queue each kind of task comes from, by kind. */
const SOURCE_OF_KIND: readonly (TaskSource | null)[] = [
  null, 'script', 'nextTick', 'microtask', 'microtask', 'microtask', 'microtask', 'timer', 'immediate', 'io', 'close',
];
/** By kind, from the event loop's rules: an array read, as this runs at every task's end. */
const MACROTASK_KIND: readonly boolean[] = SOURCE_OF_KIND.map((s) => s !== null && isMacrotaskSource(s));

/** The script and the callbacks of the event loop's phases (timers, immediates, I/O, close): macrotasks. */
export function isMacrotask(kind: number): boolean {
  return MACROTASK_KIND[kind] === true;
}

/** An I/O or close callback: shown only when it does something visible, and ended only at the next callback. */
export function isIoKind(kind: number): boolean {
  return kind === TASK_IO || kind === TASK_CLOSE;
}
