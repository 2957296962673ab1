// The offset of libuv's clock to the run's clock, from bracketed readings (pendingTimers.ts takes them). Pure,
// so that the choice is unit-tested without a process.

/** libuv's whole-ms clock as setTimeout read it (a timer's _idleStart), between two reads of the run's clock. */
export interface ClockReading {
  before: number;
  libuvMs: number;
  after: number;
}

/** Readings whose own clock reads are this close (ms) bracket libuv's tightly enough: no further try needed. */
export const TIGHT_READING_MS = 0.05;

/**
 * What to add to a libuv time (ms) to get the run's clock's time at which that libuv ms began, so that a
 * timer's due time is when Node may fire it at the earliest. The tightest reading is taken: a preemption
 * between its two reads would shift every due time of the run by its length. libuv read its whole ms up to
 * 1 ms after that ms began: taking off half of that centres the error (±0.5 ms instead of 0 to 1 ms late).
 * NaN without readings.
 */
export function timerClockOffset(readings: readonly ClockReading[]): number {
  let best: ClockReading | null = null;
  for (let i = 0; i < readings.length; i++) {
    const r = readings[i];
    if (best === null || r.after - r.before < best.after - best.before) best = r;
  }
  return best === null ? NaN : best.before - best.libuvMs - 0.5;
}
