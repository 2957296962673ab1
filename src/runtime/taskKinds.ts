// The runtime's own kinds of running task: which hook started it decides how it ends (a macrotask flushes the
// events file, an I/O task may turn out invisible). Runtime-internal: the events file records queues
// (src/shared/eventLoop.ts), not these.
export const TASK_SCRIPT = 1;
export const TASK_TICK = 2;
export const TASK_QUEUE_MICROTASK = 3;
export const TASK_REACTION = 4;
export const TASK_AWAIT_RESUME = 5;
export const TASK_THENABLE = 6;
/** From here on the kinds are macrotasks (see isMacrotask). */
export const TASK_TIMER = 7;
export const TASK_IMMEDIATE = 8;
export const TASK_IO = 9;
export const TASK_CLOSE = 10;

/** The script and the callbacks of the event loop's phases (timers, immediates, I/O, close): macrotasks. */
export function isMacrotask(kind: number): boolean {
  return kind >= TASK_TIMER || kind === TASK_SCRIPT;
}
