// Work that must be written before the next record: lazy timer enqueues and the run of an I/O callback that
// turned out visible (asyncResourceHooks.ts), and the summary of calls folded since the last record
// (foldedCalls.ts). Every record settles it first, so the deferred records come before it, with earlier times.

let deferred = false;
let deferredRunner: () => void = () => {};
let foldsPending = false;
let foldWriter: () => void = () => {};

/** The one function that writes the folded calls' summary (set once by the tracer). */
export function setFoldWriter(fn: () => void): void {
  foldWriter = fn;
}

/** Calls were folded: the next record writes their summary first. */
export function markFoldsPending(): void {
  foldsPending = true;
}

/** The one function that writes the deferred work (set once by the queue inference). */
export function setDeferredRunner(fn: () => void): void {
  deferredRunner = fn;
}

/** There is deferred work: the next record settles it first. */
export function markDeferred(): void {
  deferred = true;
}

/** Runs the deferred work, if any. */
export function settle(): void {
  if (foldsPending) {
    foldsPending = false;
    foldWriter();
  }
  if (deferred) {
    deferred = false;
    deferredRunner();
  }
}
