// What tracing added to a run's durations, estimated from what the child timed before the user's code ran
// (src/runtime/tracerCosts.ts: ns per recorded event and per folded call) times what the run recorded and
// folded. An estimate: it leaves out Node's async hooks and V8 compiling the instrumented code.
import type { RawEvent, TracingMeta } from '../../shared/rawTrace';
import type { TracerCosts } from '../../shared/eventRecords';

/** The run's tracing figures: its recorded events and folded calls, and the estimated overhead (null: not timed). */
export function tracingMeta(events: readonly RawEvent[], callBudget: number | null, costs: TracerCosts | null): TracingMeta {
  let folded = 0;
  for (const e of events) if (e[0] === 'calls') folded += e[3];
  const overheadMs = costs === null ? null : (events.length * costs.recordNs + folded * costs.foldedCallNs) / 1e6;
  return {
    callBudget,
    events: events.length,
    foldedCalls: folded,
    overheadMs: overheadMs === null ? null : Math.round(overheadMs * 10) / 10,
  };
}
