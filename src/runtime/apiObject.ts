// The injected runtime object `R` (globalThis[LOOPSCOPE_RUNTIME_NAME]). Created empty here so every runtime
// module can read `R.l` (the running ORIGINAL line, written by the instrumented code) without import cycles;
// runtimeApi.ts fills in the methods.
import { INJECTED_API as API } from '../shared/runtimeContract';

/** Keyed by the contract's names (src/shared/runtimeContract.ts): `R.l`, `R.e` ... compile only while they agree. */
export interface RuntimeApi {
  /** The running line of the original file; written by `R.l = LINE;` before each statement. */
  [API.line]: number | null;
  [API.enter](probe: number): number;
  [API.exit](inv: number): void;
  [API.suspend]<T>(inv: number | null, value: T): T;
  [API.resume]<T>(inv: number, value: T): T;
  [API.forAwait]<T>(inv: number, source: T): T | AsyncIterable<unknown>;
  [API.callback]<T>(probe: number, fn: T): T;
  [API.thenable]<T>(probe: number, value: T): T;
  [API.guard](): void;
  /** The loop guard's countdown, decremented inline by every loop iteration; R.g resets it. */
  [API.guardCountdown]: number;
  /**
   * A window of counted calls is open (a task's or a function's call budget spent): functions with a fast
   * copy run it, only counted (foldedCalls.ts).
   */
  [API.fast]: boolean;
  /** The fast copies' counts: [0] all, [probe + 1] each function's. */
  [API.fastCounts]: Float64Array;
  /** Loopscope-internal: end-of-module marker appended to ES module entries by the load hook. */
  [API.moduleEnd](): void;
  /** Loopscope-internal: the ES module graph starts evaluating (a data: module the entry imports first). */
  [API.moduleStart](): void;
}

export const R = { l: null, n: 0, h: false, k: new Float64Array(1) } as RuntimeApi;

/** What the instrumented code is awaiting (set by R.s, consumed by the next promise inits). */
export const awaitWatch = {
  mode: 0, // 0 none, 1 native promise (throwaway has parent === target), 2 wrapper expected next
  target: null as object | null,
  inv: -1, // -2: top-level await of an ES module
  probe: -1,
  line: null as number | null, // the await's line (the frame has left the stack: R.l is the caller's)
  thenable: false, // wrapper mode: the awaited value is a thenable (a thenable job follows)
  tailAfter: false, // ESM: the module body suspended; ignore the loader's own promises afterwards
};
