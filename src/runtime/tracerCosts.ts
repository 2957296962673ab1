// What the tracer's two hot paths cost in this process, timed once after the user's code ran, so that the
// trace can say how much of its durations is tracing (RunMeta.tracing): a recorded call (enter and exit, two
// records, written into the stream and then dropped before anything reaches the file) and a folded call
// (counted and forgotten). Other events (queues, console) cost about as much per record. A counted call that ran
// its fast copy (src/core/instrument/fastCopy.ts) costs its check and counters instead: foldedCallNs is the
// run's mean over both kinds.
import { C } from './captured';
import { enter, exit, liftCallBudgets, resetInvocations } from './callStack';
import { discardTimingRecords } from './recordEncoding';
import type { TracerCosts } from '../shared/eventRecords';
import { clearFastCounts, enterFolded, exitFolded, fastCallCount, foldedCallCount, forgetFoldedCalls } from './foldedCalls';
import { R } from './apiObject';

/** What a fast copy adds to a call: the check and the two counters, as the instrumenter writes them. */
function fastCall(): void {
  if (R.h) {
    R.k[0]++;
    R.k[1]++;
  }
}

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

/**
 * Timed at the end of the run (runLifecycle.ts endRun), right after a flush and with the cap lifted: by then
 * the paths are as warm as the user's code kept them, and nothing real is left to lose (the folded counts
 * were written). Timed at start-up instead, 100,000 cold calls added about 20 ms to every traced run.
 * `folded`: the run counted calls, so their cost is timed too.
 */
export function measureTracerCosts(folded: boolean): TracerCosts {
  // the last task's budget, or probe 0's own, may be spent: the timed calls would fold, and time the wrong path
  liftCallBudgets();
  // 400 calls are 800 records, 25 KB: less than a chunk, so the stream writes nothing before they are dropped
  const callNs = fastest(8, 400, () => exit(enter(0)), discardTimingRecords);
  resetInvocations();
  // read before the timing forgets them
  const all = foldedCallCount();
  const fast = fastCallCount();
  let foldedCallNs = folded ? fastest(10, 20000, () => exitFolded(enterFolded(0)), forgetFoldedCalls) : 0;
  if (fast > 0 && all > 0) {
    R.h = true;
    const fastNs = fastest(10, 20000, fastCall, () => {});
    clearFastCounts();
    foldedCallNs = C.round(((all - fast) * foldedCallNs + fast * fastNs) / all * 10) / 10;
  }
  return { recordNs: C.round(callNs * 5) / 10, foldedCallNs };
}
