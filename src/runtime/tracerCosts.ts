// What the tracer's two hot paths cost in this process, timed once before the user's code runs, so that the
// trace can say how much of its durations is tracing (RunMeta.tracing): writing one record (built in place
// and not appended: the stream is left as it was) and folding one call (counted and forgotten).
import { C } from './captured';
import { recordStart, int, lineOrNull } from './recordEncoding';
import { FIXED_RECORDS, type TracerCosts } from '../shared/eventRecords';
import { enterFolded, exitFolded, forgetFoldedCalls } from './foldedCalls';

const ENTER = FIXED_RECORDS.enter.code;

/** The fastest of a few batches, ns per iteration: the first batches run before V8 optimizes the code. */
function fastest(batches: number, n: number, body: (i: number) => void): number {
  let best = Infinity;
  for (let b = 0; b < batches; b++) {
    const t0 = C.perfNow();
    for (let i = 0; i < n; i++) body(i);
    best = C.min(best, ((C.perfNow() - t0) * 1e6) / n);
  }
  return C.round(best * 10) / 10;
}

/** About a millisecond: 10,000 records and 100,000 folded calls. */
export function measureTracerCosts(): TracerCosts {
  const recordNs = fastest(5, 2000, (i) => {
    let w = recordStart(ENTER);
    w = int(w, 0);
    w = int(w, i);
    lineOrNull(w, null); // no recordEnd: not appended
  });
  const foldedCallNs = fastest(5, 20000, () => exitFolded(enterFolded(0)));
  forgetFoldedCalls();
  return { recordNs, foldedCallNs };
}
