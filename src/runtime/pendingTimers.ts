// Timers are enqueued lazily: Node sets a timer's due time after its init, so a new timer waits here until
// the next event is written (deferredWork.markDeferred) or it runs, and is then enqueued with its due time.
import { C } from './captured';
import { startTime } from './runClock';
import { inference } from './inferenceState';
import { AsyncResourceRecord, RESOURCE_PENDING, RESOURCE_QUEUED, type TimerLike } from './asyncResourceRecords';
import { Q_TIMER } from './queueEvents';
import { writeEnqueue } from './recordWriters';
import { TIGHT_READING_MS, timerClockOffset, type ClockReading } from './timerClock';

/** Timers created but not enqueued yet, in creation order. */
export const pendingTimers: AsyncResourceRecord[] = [];

/** A timer's due time in microseconds since the start, NaN when it has none. */
export function dueOf(res: TimerLike | null): number {
  if (res === null || typeof res._idleStart !== 'number' || typeof res._idleTimeout !== 'number' || res._idleTimeout < 0) return NaN;
  return C.round((res._idleStart + res._idleTimeout + inference.timeBase - startTime()) * 1000);
}

/** Enqueues every pending timer still pending (not cleared). */
export function flushTimers(): void {
  for (let i = 0; i < pendingTimers.length; i++) {
    const a = pendingTimers[i];
    if (a.state !== RESOURCE_PENDING) continue;
    a.state = RESOURCE_QUEUED;
    writeEnqueue(a.item, Q_TIMER, a.label, a.line, a.site, dueOf(a.resource));
  }
  pendingTimers.length = 0;
}

/**
 * Measures the offset of libuv's clock (timer due times: whole ms since the environment started) to ours:
 * a few readings of it bracketed by ours, until one is tight (timerClock.ts chooses).
 */
export function measureTimerClock(): void {
  const readings: ClockReading[] = [];
  for (let i = 0; i < READINGS; i++) {
    const before = C.perfNow();
    const t = C.setTimeout(noop, 1) as unknown as TimerLike;
    const after = C.perfNow();
    C.clearTimeout(t as unknown as NodeJS.Timeout);
    readings[i] = { before, libuvMs: t._idleStart ?? 0, after };
    if (after - before <= TIGHT_READING_MS) break;
  }
  inference.timeBase = timerClockOffset(readings);
}

const READINGS = 5;

function noop(): void {}
