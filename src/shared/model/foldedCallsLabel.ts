// How a `calls` step (calls past the task's or the function's call budget, counted, not stepped) is named: "fib ×629,000
// (180 ms)". One spelling for the sentence, the text report and the panel.
import type { FoldedCalls } from '../modelTypes';

/** 629000 -> "629,000" (the same on every machine, unlike toLocaleString). */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Milliseconds as the step names them: "0.4 ms", "12 ms". */
export function formatMs(ms: number): string {
  return ms < 10 ? `${(Math.round(ms * 10) / 10).toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** "fib ×629,000", or "compare ×500,000, swap ×120,000" for a step with several functions. */
export function foldedCallsNames(calls: readonly FoldedCalls[]): string {
  return calls.map((c) => `${c.name} ×${formatCount(c.count)}`).join(', ');
}

/** "fib ×629,000 (180 ms)". */
export function foldedCallsLabel(calls: readonly FoldedCalls[]): string {
  return `${foldedCallsNames(calls)} (${formatMs(calls.length > 0 ? calls[0].ms : 0)})`;
}
