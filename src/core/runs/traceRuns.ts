// `--runs N` / "Check Order Stability": the same program traced N times, at most two at a time (the machine
// running Loopscope is a laptop, and more runs at once would make the program's own timing races worse than
// they are for the user), with their console orders grouped into variants (src/shared/orderVariants.ts).

import { traceFile, type TraceOptions } from '../runTraced';
import type { RawTrace } from '../../shared/rawTrace';
import { consoleOrder, groupOrderVariants, orderPreview, type OrderVariants } from '../../shared/orderVariants';

/** How many runs go at once. */
export const RUNS_AT_ONCE = 2;
/** More runs than this is a typo, not a check (each run is a whole traced program). */
export const MAX_RUNS = 100;

export interface TracedRuns {
  /** The console orders grouped into variants, most frequent first. */
  variants: OrderVariants;
  /** One trace per variant, in the variants' order: the first run that printed that order. */
  traces: RawTrace[];
}

export interface TraceRunsOptions extends TraceOptions {
  runs: number;
  /** Called after each finished run with how many have finished. */
  onRunDone?: (done: number, total: number) => void;
}

export async function traceRuns(opts: TraceRunsOptions): Promise<TracedRuns> {
  const { runs, onRunDone, ...traceOptions } = opts;
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS) throw new RangeError(`runs must be 1-${MAX_RUNS}, got ${runs}`);
  // one failing run (bad input, a missing node) stops the others: they would fail the same way
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const orders: string[][] = new Array(runs);
  const firstTraceOf = new Map<string, { run: number; trace: RawTrace }>();
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < runs) {
      const run = next++;
      const trace = await traceFile({ ...traceOptions, signal: stop.signal });
      const order = consoleOrder(trace.events);
      orders[run] = order;
      const key = JSON.stringify(order);
      const kept = firstTraceOf.get(key);
      if (!kept || kept.run > run) firstTraceOf.set(key, { run, trace });
      onRunDone?.(++done, runs);
    }
  };
  let firstError: { error: unknown } | undefined;
  try {
    const workers = Array.from({ length: Math.min(RUNS_AT_ONCE, runs) }, () =>
      worker().catch((error: unknown) => {
        firstError ??= { error }; // the cause, not the AbortError it then causes in the other worker
        stop.abort(error);
      }),
    );
    await Promise.all(workers);
    if (opts.signal?.aborted) throw opts.signal.reason;
    if (firstError) throw firstError.error;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  const variants = groupOrderVariants(orders);
  const traces = variants.variants.map((v) => firstTraceOf.get(JSON.stringify(v.console))!.trace);
  return { variants, traces };
}

/**
 * Variant `index`'s trace, with its place among the runs' orders in its meta: viewers name it and offer the
 * other orders (their counts and first console lines).
 */
export function traceOfVariant(traced: TracedRuns, index: number): RawTrace {
  const raw = traced.traces[index];
  const { variants, count } = traced.variants;
  const orders = variants.map((v) => ({ count: v.count, console: orderPreview(v.console) }));
  return { ...raw, meta: { ...raw.meta, orderVariant: { index, of: variants.length, count: variants[index].count, runs: count, orders } } };
}
