// What the tracer's two hot paths cost in this process, timed once before the user's code runs, so that the
// trace can say how much of its durations is tracing (RunMeta.tracing): a recorded call (enter and exit, two
// records, written into the stream and then dropped before anything reaches the file) and a folded call
// (counted and forgotten). Other events (queues, console) cost about as much per record.
import { C } from './captured';
import { enter, exit, resetInvocations } from './callStack';
import { discardTimingRecords } from './recordEncoding';
import type { TracerCosts } from '../shared/eventRecords';
import { enterFolded, exitFolded, forgetFoldedCalls } from './foldedCalls';

/**
 * The fastest of a few batches, ns per iteration (the first batches run before V8 optimizes the code);
 * `after` runs after each batch, untimed.
 */
function fastest(batches: number, n: number, body: () => void, after: () => void): number {
  let best = Infinity;
  for (let b = 0; b < batches; b++) {
    const t0 = C.perfNow();
    for (let i = 0; i < n; i++) body();
    best = C.min(best, ((C.perfNow() - t0) * 1e6) / n);
    after();
  }
  return C.round(best * 10) / 10;
}

/** About a millisecond. Call before any real record is written (runLifecycle.ts: before the header). */
export function measureTracerCosts(): TracerCosts {
  // 400 calls are 800 records, 25 KB: less than a chunk, so the stream writes nothing before they are dropped
  const callNs = fastest(8, 400, () => exit(enter(0)), discardTimingRecords);
  resetInvocations();
  const foldedCallNs = fastest(5, 20000, () => exitFolded(enterFolded(0)), forgetFoldedCalls);
  return { recordNs: C.round(callNs * 5) / 10, foldedCallNs };
}
