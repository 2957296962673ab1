// Async patterns read from the user's source before it runs (src/core/analysis/asyncPatterns.ts): places that
// may be sequential awaits or floating promises. Only the run can say whether they matter (how long the awaits
// took, what ran before the promises settled); the insights (src/shared/insights/) join the two.

export interface SequentialAwaitsSite {
  /** The enclosing function's name and line. */
  functionName: string;
  functionLine: number;
  /** The lines of two or more consecutive awaits where none uses what an earlier one bound. */
  lines: number[];
}

export interface FloatingPromiseSite {
  /**
   * `forEach`: `xs.forEach(async …)`, whose promises forEach drops; `map`: `xs.map(async …)` whose array of
   * promises nobody awaits; `call`: a call of an async function of this file, as a statement, not awaited.
   */
  kind: 'forEach' | 'map' | 'call';
  line: number;
  /** What is called: `forEach`, `map`, or the async function's name. */
  callee: string;
}

export interface SourcePatterns {
  sequentialAwaits: SequentialAwaitsSite[];
  floatingPromises: FloatingPromiseSite[];
  /**
   * Lines of `setTimeout(fn)`, `setTimeout(fn, 0)` and `setTimeout(fn, 1)`: the delay Node turns into 1 ms,
   * which races an immediate (timing-race). Read from the source because a timer's recorded due time comes
   * from libuv's cached clock and cannot tell a 0 ms delay from a 5 ms one.
   */
  zeroDelayTimers: number[];
}
