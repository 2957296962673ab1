// The determinism check's pure half (`loopscope trace FILE --runs N`): the console orders of N runs of the
// same program, grouped into variants. Node guarantees some orders and not others (a 0 ms timer against an
// immediate from the main module, two timers a millisecond apart, I/O completions); running the program
// several times is the only honest way to show which of its orders are stable.

import type { RawEvent } from './rawTrace';

/** One distinct console order and how many of the runs printed exactly it. */
export interface OrderVariant {
  count: number;
  /** The console texts in the order they were printed. */
  console: string[];
  /** 0-based indexes of the runs that printed this order, in run order. */
  runs: number[];
}

export interface OrderVariants {
  /** How many runs were made. */
  count: number;
  /** The distinct orders, most frequent first (ties: the one seen first). */
  variants: OrderVariant[];
}

/** Groups the runs' console orders (one array of texts per run) into variants. */
export function groupOrderVariants(orders: readonly (readonly string[])[]): OrderVariants {
  const byKey = new Map<string, OrderVariant>();
  orders.forEach((order, run) => {
    const key = JSON.stringify(order);
    const seen = byKey.get(key);
    if (seen) {
      seen.count++;
      seen.runs.push(run);
    } else byKey.set(key, { count: 1, console: [...order], runs: [run] });
  });
  // a stable sort keeps first-seen order among equal counts
  const variants = [...byKey.values()].sort((a, b) => b.count - a.count);
  return { count: orders.length, variants };
}

/**
 * Where two console orders first differ: the 0-based index of the first printed line that is not the same in
 * both, or null when they are equal. A shorter order that is a prefix of the longer one differs at its end.
 */
export function firstDifference(a: readonly string[], b: readonly string[]): number | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? null : n;
}

/** The console texts of one raw trace, in the order the program printed them. */
export function consoleOrder(events: readonly RawEvent[]): string[] {
  const order: string[] = [];
  for (const e of events) if (e[0] === 'console') order.push(e[3]);
  return order;
}

/** "2 different console orders in 10 runs (7, 3)" / "every one of 10 runs printed the same console order". */
export function orderStabilitySummary(runs: OrderVariants): string {
  if (runs.variants.length <= 1) return `every one of ${runs.count} runs printed the same console order`;
  return `${runs.variants.length} different console orders in ${runs.count} runs (${runs.variants.map((v) => v.count).join(', ')})`;
}

/** How many of an order's first console lines a viewer shows to tell it from the others, and their length. */
const PREVIEW_LINES = 6;
const PREVIEW_CHARS = 80;

/** An order's first console lines, each cut to a readable length: what a picker shows to tell orders apart. */
export function orderPreview(order: readonly string[]): string[] {
  return order.slice(0, PREVIEW_LINES).map((t) => (t.length > PREVIEW_CHARS ? `${t.slice(0, PREVIEW_CHARS - 1)}…` : t));
}
