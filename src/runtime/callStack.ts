// The traced call stack: frames pushed by R.e, popped by R.x, taken off by R.s (await/yield) and put back on
// resume. Parallel arrays keep the hot path free of allocations.
//
// The running line R.l belongs to the innermost frame: each frame remembers its caller's line when it is
// pushed and gives it back when it is popped, so `console.log(f())` reports its own line after f ran, not the
// last line run inside f. A suspended frame keeps its own line (the await's/yield's) for its resume.
//
// Each task may record a budget of calls, and each function a fifth of it (functionCallBudget); past either,
// calls are folded (foldedCalls.ts): counted, not recorded. Inside a folded call every call is folded too, so
// that no recorded frame ever stands on a folded one. Frames already on the stack stay and exit normally. The
// run as a whole may record at most `allowance` calls, so that calls alone never reach the event cap:
// task-level events (queues, console, errors) get the rest.
import { FOLDED, enterFolded, exitFolded, suspendFolded, resumeFolded, foldingInside } from './foldedCalls';
import { functionCallBudget } from '../shared/runtimeContract';
import { writeEnter, writeExit, writeSuspend, writeResume, writeResumeSameTime, writeVia } from './recordWriters';
import { libraryBetween, viaFile, viaName } from './libraryFrames';
import { labelCode } from './recordEncoding';
import { R, awaitWatch } from './apiObject';
import { IntMap } from './intMap';
import { C } from './captured';

const invs: number[] = [];
const probes: number[] = [];
/** The line of the frame below (the caller) when the frame was pushed; null outside any line. */
const callerLines: (number | null)[] = [];
let depth = 0;
let nextInv = 0;
/** Suspended frames: invocation -> function probe, and invocation -> the frame's line when it suspended. */
const suspended = new IntMap<number>();
const pausedLines = new IntMap<number | null>();

/** Calls the running task may still record (below 0: folding), what it started with, and the run's rest. */
let budget = Infinity;
let taskBudget = Infinity;
let budgetAtStart = Infinity;
let allowance = Infinity;

/** Calls one function may record per task; per probe, its calls recorded in the task `task` was stamped. */
let functionBudget = Infinity;
const probeCalls: number[] = [];
const probeTask: number[] = [];
let task = 0;

/** `perTask` calls per task, `total` for the run (Infinity: record every call, `--full`). */
export function setCallBudget(perTask: number, total: number): void {
  taskBudget = perTask;
  allowance = total;
  budget = budgetAtStart = C.min(perTask, total);
  functionBudget = functionCallBudget(perTask);
}

/** The run ended: every call is recorded again (tracerCosts.ts times the recorded path, not the folded one). */
export function liftCallBudgets(): void {
  budget = Infinity;
  functionBudget = Infinity;
}

/** A task starts: it gets its budget, or what is left of the run's allowance. */
export function startCallBudget(): void {
  if (taskBudget === Infinity) return;
  allowance -= budgetAtStart - C.max(budget, 0);
  budget = budgetAtStart = C.max(0, C.min(taskBudget, allowance));
  task++;
}

/** The call is one more of its function's in this task: is it past the function's budget? */
function pastFunctionBudget(probe: number): boolean {
  while (probeTask.length <= probe) {
    probeTask[probeTask.length] = -1; // not push: user code may replace it
    probeCalls[probeCalls.length] = 0;
  }
  if (probeTask[probe] !== task) {
    probeTask[probe] = task;
    probeCalls[probe] = 0;
  }
  return ++probeCalls[probe] > functionBudget;
}

/** R.e: a call starts (it is no await's: awaitWatch.mode is reset). */
export function enter(probe: number): number {
  awaitWatch.mode = 0;
  if (--budget < 0) return enterFolded(probe);
  if (functionBudget !== Infinity && (foldingInside() || pastFunctionBudget(probe))) {
    budget++; // a call folded for its function's sake leaves the task's budget to the others
    return enterFolded(probe);
  }
  // nested in a user frame: was it called directly, or through library code (libraryFrames.ts)?
  if (depth > 0) {
    // R.e is enter itself: its frame and those above are left out of the stack libraryFrames.ts takes
    const via = libraryBetween(probe, R.l, enter);
    if (via >= 0) writeVia(labelCode(viaName(via)), labelCode(viaFile(via) ?? ''));
  }
  const inv = ++nextInv;
  invs[depth] = inv;
  callerLines[depth] = R.l;
  probes[depth++] = probe;
  R.l = null; // until the body's first line marker (an expression-bodied arrow has none)
  writeEnter(probe, inv, callerLines[depth - 1]);
  return inv;
}

/** R.x: a call returns or throws. */
export function exit(inv: number): void {
  if (inv <= FOLDED) {
    exitFolded(inv);
    return;
  }
  if (depth > 0 && invs[depth - 1] === inv) {
    R.l = callerLines[--depth];
    writeExit(inv);
    return;
  }
  const probe = suspended.get(inv);
  if (probe !== undefined) {
    // A generator closed while suspended (return()/throw()): its finally runs without a yield resuming it.
    resume(inv, probe);
    R.l = callerLines[--depth];
    writeExit(inv);
    return;
  }
  // Unbalanced (a frame that was pushed outside any task, or an interrupted unwind): pop down to it.
  for (let i = depth - 1; i >= 0; i--) {
    if (invs[i] === inv) {
      while (depth > i) writeExit(invs[--depth]);
      R.l = callerLines[i];
      return;
    }
  }
}

/** R.s: the frame `inv` (the innermost one) leaves the stack; the running line goes back to its caller's. */
export function suspend(inv: number): number {
  if (inv <= FOLDED) return suspendFolded(inv);
  let probe = -1;
  let line: number | null;
  if (depth > 0 && invs[depth - 1] === inv) {
    probe = probes[--depth];
    line = R.l;
    R.l = callerLines[depth];
  } else {
    let i = depth - 1;
    while (i >= 0 && invs[i] !== inv) i--;
    if (i < 0) return -1; // not on the stack (already suspended): nothing to do
    probe = probes[i];
    line = callerLines[i + 1]; // where this frame was when it called the frame above it
    callerLines[i + 1] = callerLines[i]; // that frame now returns to this one's caller
    C.splice(invs, i, 1); // C.splice: user code may replace Array.prototype.splice
    C.splice(probes, i, 1);
    C.splice(callerLines, i, 1);
    depth--;
  }
  suspended.set(inv, probe);
  pausedLines.set(inv, line);
  writeSuspend(inv, line);
  return probe;
}

/**
 * The frame `inv` comes back on top; the running line is its own again (the await's / yield's line).
 * `atTaskStart`: called right after the job's run record, whose time it shares.
 */
export function resume(inv: number, probe: number, atTaskStart = false): void {
  if (suspended.take(inv) === undefined) return;
  invs[depth] = inv;
  callerLines[depth] = R.l;
  probes[depth++] = probe;
  const line = pausedLines.take(inv);
  R.l = line === undefined ? null : line;
  if (atTaskStart) writeResumeSameTime(inv);
  else writeResume(inv);
}

/** R.r: a folded generator goes back on the folded stack; a recorded one is looked up (isSuspended). */
export function resumeIfFolded(inv: number): boolean {
  if (inv > FOLDED) return false;
  resumeFolded(inv);
  return true;
}

export function isSuspended(inv: number): number | undefined {
  return suspended.get(inv);
}

/** A task ended with frames still on the stack (a generator parked at a yield): they are suspended. */
export function suspendAll(): void {
  let line = R.l;
  while (depth > 0) {
    const inv = invs[--depth];
    suspended.set(inv, probes[depth]);
    pausedLines.set(inv, line);
    writeSuspend(inv, line);
    line = callerLines[depth];
  }
  R.l = line;
}

/** Invocation ids start again from 1 (after tracerCosts.ts timed calls before the user's code). */
export function resetInvocations(): void {
  nextInv = 0;
}

export function stackDepth(): number {
  return depth;
}
