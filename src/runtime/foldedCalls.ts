// Hot code degrades, never dies: past the running task's call budget, or its function's (callStack.ts), a call
// is counted, not recorded. A folded call writes nothing: it gives its caller's line back on return, and per
// probe it bumps a counter. Before the next record
// (deferredWork.ts settles it) or at the task's end, one `calls` record per probe called meanwhile says how
// many calls ran and for how long: the model shows them as one step, on top of the recorded stack, which did
// not change meanwhile.
//
// A folded frame's invocation id carries what its return and its await need, so that a folded call writes no
// array but its probe's counter: FOLDED - (lineCode + probe * LINE_CODES), where lineCode is the caller's
// running line + 1 (0: none, or a line past LINE_CODES - 2, which is then not restored). For probes below
// 16,383 the id is a small integer (no allocation); above, a double, exact and a little slower. Measured on
// recursive fib (2.7M calls): a stack of caller lines and probes in arrays cost about 2 ns a call more.
//
// Cheaper still, a function with a fast copy (src/core/instrument/fastCopy.ts) calls nothing: while a window is
// open (R.h), it runs its uninstrumented copy and bumps R.k[probe + 1] (and R.k[0], all fast calls). The
// window closes at the next record, which adds those counts to the window's; R.h falls with it, so the next
// call folds the slow way, opens the next window and raises R.h again. Frames entered before the switch exit
// through R.x as before. A fast call has no return the runtime sees: the window ends at the last outermost
// folded return or loop guard that saw the fast count move, or, when fast calls ran since, at the record.
import { R } from './apiObject';
import { C } from './captured';
import { micros } from './runClock';
import { markFoldsPending, setFoldWriter } from './deferredWork';
import { writeCalls } from './recordWriters';

/** Folded invocation ids are FOLDED and below: -1 is unknown, -2 an ES module's top-level await. */
export const FOLDED = -3;
const LINE_CODES = 65536;

/** Folded frames on the stack (for the clock read at an outermost return). */
let depth = 0;
/**
 * Folded generators resumed by R.r, innermost last: their id carries the line of the call that first ran them,
 * but a yield or return must give the line back to whoever resumed them now.
 */
const resumedInvs: number[] = [];
const resumedLines: (number | null)[] = [];
let resumedDepth = 0;

/** Calls counted since the window opened, by probe; `touched` lists the probes with a count, in first-call order. */
const counts: number[] = [];
const touched: number[] = [];
/** The window: µs of its first call, and of the end of its last outermost call (-1: none yet). */
let windowStart = -1;
let windowEnd = -1;
/** Calls folded since the run started; the clock is read at an outermost return once `nextRead` is passed. */
let folded = 0;
let nextRead = 0;
/** Clock reads at outermost returns are at least this many calls apart (a read costs ~10 folded calls). */
const READ_EVERY = 256;
/** Fast copies may run (the run's probe count sized R.k), and R.k[0] when the window's end was last read. */
let fastEnabled = false;
let seenFast = 0;
/** Of the calls counted since the run started, those that ran a fast copy. */
let fastFolded = 0;

/** The run's instrumented files have `probeCount` probes: R.k gets a count for each, and fast copies may run. */
export function enableFastCopies(probeCount: number): void {
  R.k = new C.Float64Array(probeCount + 1);
  fastEnabled = true;
  // Written twice before any user code: V8 then treats R.h as a field that changes. Code optimized while it
  // was only ever false would embed that and be thrown away when it first changes (the instrumented fib
  // compiled twice, ~50 ms of compiler time each).
  R.h = true;
  R.h = false;
}

/** A folded call is running: a call made now folds too, so no recorded frame stands on a folded one (callStack.ts). */
export function foldingInside(): boolean {
  return depth > 0;
}

export function enterFolded(probe: number): number {
  const line = R.l;
  R.l = null;
  depth++;
  folded++;
  const c = counts[probe];
  if (c > 0) counts[probe] = c + 1;
  else firstCall(probe);
  return FOLDED - ((line !== null && line < LINE_CODES - 1 ? line + 1 : 0) + probe * LINE_CODES);
}

/** The caller's line a folded invocation id carries. */
function callerLine(inv: number): number | null {
  const code = ((FOLDED - inv) % LINE_CODES) | 0; // | 0: an int32, so R.l stays a small integer (no boxed double)
  return code === 0 ? null : code - 1;
}

function firstCall(probe: number): void {
  while (counts.length <= probe) counts[counts.length] = 0; // not push: user code may replace it
  counts[probe] = 1;
  touched[touched.length] = probe;
  if (windowStart < 0) {
    windowStart = micros();
    windowEnd = -1;
    nextRead = folded;
    markFoldsPending();
    R.h = fastEnabled;
  }
}

export function exitFolded(inv: number): void {
  R.l = resumedDepth > 0 && resumedInvs[resumedDepth - 1] === inv ? resumedLines[--resumedDepth] : callerLine(inv);
  // depth 0: a frame resumed in a later task (an await's resume of a folded frame is not recorded)
  if (depth > 0 && --depth === 0 && folded >= nextRead) {
    windowEnd = micros();
    nextRead = folded + READ_EVERY;
    seenFast = R.k[0];
  }
}

/** The loop guard ran (R.g, every 1,023 iterations): fast calls since its last look end the window later. */
export function noteFastProgress(): void {
  if (R.h && R.k[0] !== seenFast) {
    windowEnd = micros();
    seenFast = R.k[0];
  }
}

/** R.s of a folded frame: it leaves the stack (no record). Returns its probe, for the resume's label. */
export function suspendFolded(inv: number): number {
  if (depth > 0) depth--;
  R.l = resumedDepth > 0 && resumedInvs[resumedDepth - 1] === inv ? resumedLines[--resumedDepth] : callerLine(inv);
  return C.floor((FOLDED - inv) / LINE_CODES);
}

/** R.r of a folded generator: it is back on top, at a line only its next statement says. */
export function resumeFolded(inv: number): void {
  resumedInvs[resumedDepth] = inv;
  resumedLines[resumedDepth++] = R.l;
  depth++;
  R.l = null;
}

/** Writes the window's `calls` records (run before the next record, and at the task's end). */
export function writeFoldedCalls(): void {
  if (windowStart < 0) return;
  const fast = R.k[0];
  const ms = (windowEnd >= windowStart && fast === seenFast ? windowEnd : micros()) - windowStart;
  windowStart = -1; // first: writing a record settles pending folds again
  R.h = false;
  if (fast > 0) takeFastCounts();
  for (let i = 0; i < touched.length; i++) {
    const probe = touched[i];
    writeCalls(probe, counts[probe], ms);
    counts[probe] = 0;
  }
  touched.length = 0;
}

/** Adds the fast copies' counts to the window's (probes first counted there after the others) and zeroes them. */
function takeFastCounts(): void {
  const k = R.k;
  folded += k[0];
  fastFolded += k[0];
  k[0] = 0;
  seenFast = 0;
  for (let i = 1; i < k.length; i++) {
    const c = k[i];
    if (c === 0) continue;
    k[i] = 0;
    const probe = i - 1;
    while (counts.length <= probe) counts[counts.length] = 0;
    if (counts[probe] === 0) touched[touched.length] = probe;
    counts[probe] += c;
  }
}

/** The task ended: folded frames still open (parked generators) are gone from its stack. */
export function endFoldedTask(): void {
  writeFoldedCalls();
  depth = 0;
  resumedDepth = 0;
}

/** Forgets every folded call so far (the calls that timed the folded path: tracerCosts.ts). */
export function forgetFoldedCalls(): void {
  for (let i = 0; i < touched.length; i++) counts[touched[i]] = 0;
  touched.length = 0;
  windowStart = -1;
  depth = 0;
  resumedDepth = 0;
  folded = 0;
  clearFastCounts();
}

/** R.h down and every fast count zero (loops, not fill: user code may replace built-in methods). */
export function clearFastCounts(): void {
  R.h = false;
  const k = R.k;
  for (let i = 0; i < k.length; i++) k[i] = 0;
  seenFast = 0;
}

/** Calls counted, not recorded, since the run started. */
export function foldedCallCount(): number {
  return folded;
}

/** Of those, the calls that ran a fast copy. */
export function fastCallCount(): number {
  return fastFolded;
}

setFoldWriter(writeFoldedCalls);
