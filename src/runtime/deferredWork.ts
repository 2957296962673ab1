// Work that must be written before the next record: lazy timer enqueues and the run of an I/O callback that
// turned out visible (asyncResourceHooks.ts). Every record settles it first, so the deferred records come
// before it, with earlier times.

let deferred = false;
let deferredRunner: () => void = () => {};

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
  if (deferred) {
    deferred = false;
    deferredRunner();
  }
}
