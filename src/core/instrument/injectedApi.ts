// The calls the instrumented code makes on the injected global `R` (docs/ARCHITECTURE.md, "The injected runtime
// API"). src/runtime implements them; this file is the instrumenter's single spelling of the names.

export const INJECTED_API = {
  /** `const Rf = R.e(probe)`: enter a function, returns the invocation id */
  enter: 'e',
  /** `R.x(Rf)` in the `finally` around every function body: exit */
  exit: 'x',
  /** `await R.s(Rf, X)` / `yield R.s(Rf, X)`: the frame suspends; returns X */
  suspend: 's',
  /** `R.r(Rf, yield ...)`: the generator frame resumes; returns the yield's value */
  resume: 'r',
  /** `for await (L of R.fa(Rf, X))`: async-iterable wrapper */
  forAwait: 'fa',
  /** `R.c(probe, fn)`: a callback handed to a schedule site; returns fn */
  callback: 'c',
  /** `R.t(probe, X)`: X may be a thenable adopted here; returns X */
  thenable: 't',
  /** `R.l = LINE;`: the running line (a property, not a call) */
  line: 'l',
  /** `R.g();`: wall-clock guard in loop bodies */
  guard: 'g',
} as const;

/** Per-function frame variables are named `R + FRAME_SUFFIX`. */
export const FRAME_SUFFIX = 'f';

/** The frame argument used outside any function (top-level await / for await in an ES module). */
export const TOP_LEVEL_FRAME = 'null';
