// The run's clock: event times are microseconds since the tracer opened the events file.
import { C } from './captured';
import { settle } from './deferredWork';

let t0 = 0;

/**
 * `epochStart` (a worker thread): the main thread's run start as an epoch time, so that every thread's events
 * are on the main thread's clock (each thread's performance.now() counts from its own time origin).
 */
export function startRunClock(epochStart?: number): void {
  t0 = epochStart === undefined ? C.perfNow() : epochStart - performance.timeOrigin;
}

/** Microseconds since the run started. */
export function micros(): number {
  return C.round((C.perfNow() - t0) * 1000);
}

/**
 * Milliseconds since the run started, rounded to the microsecond, for events written as JSON text. Deferred
 * work is settled first, so it is written before the event, with earlier times.
 */
export function now(): number {
  settle();
  return micros() / 1000;
}

/** performance.now() of the run's start: converts other clocks (timer due times) to event time. */
export function startTime(): number {
  return t0;
}
