// The running task: its run and done events, and what ending one does (frames left on the stack are
// suspended; after a macrotask the events go to the file, at most every few ms). Also the script task and its
// ES module variant, whose body may end at a top-level await.
import { C } from './captured';
import { flush } from './recordStream';
import { stopNow } from './runLifecycle';
import { markDeferred, settle } from './deferredWork';
import { writeRun, writeDone } from './recordWriters';
import { R } from './apiObject';
import { suspendAll, stackDepth, startCallBudget } from './callStack';
import { endFoldedTask } from './foldedCalls';
import { taskEnding, taskStarting } from './microtaskLedger';
import { inference } from './inferenceState';
import { TASK_SCRIPT, isMacrotask } from './taskKinds';

export function startTask(id: number, kind: number): void {
  releaseHeldEnd();
  inference.runningItem = id;
  inference.runningKind = kind;
  R.l = null;
  startCallBudget();
  taskStarting();
  writeRun(id); // id 0: the script
}

export function endTask(): void {
  if (stackDepth() > 0) suspendAll();
  endFoldedTask(); // the summary of its folded calls comes before its end
  const id = inference.runningItem;
  const kind = inference.runningKind;
  clearRunningTask();
  inference.nestedCallbacks = 0;
  settle(); // deferred records first
  taskEnding();
  writeDone(id);
  if (isMacrotask(kind)) {
    // A macrotask ended: hand the events to the file (a later SIGKILL loses little), at most every few ms
    // so that 10k timers do not cost 10k writes.
    const t = C.dateNow();
    if (t - inference.lastFlush >= 5 || kind === TASK_SCRIPT) {
      inference.lastFlush = t;
      flush(false, true);
    }
    if (t > inference.deadline) stopNow('timeout');
  }
}

/**
 * An I/O callback's end, held until the next callback shows whether Node drained the job queues in between.
 * Node runs the callbacks of one libuv event in one callback scope (an HTTP parser calls the request handler
 * and then its message-complete callback within one socket read) and drains nextTicks and microtasks only
 * when that scope closes: a callback that starts while jobs queued before it still wait belongs to the same
 * macrotask (resumeHeldTask). Anything else releases the end first: it is written before the next record.
 */
const held = { item: -1, kind: 0 };

/** The running I/O task's callback returned: no task runs now, but its 'done' waits (see `held`). */
export function holdEnd(): void {
  if (stackDepth() > 0) suspendAll();
  settle(); // its deferred records (lazy timer enqueues) belong before its end
  held.item = inference.runningItem;
  held.kind = inference.runningKind;
  clearRunningTask();
  inference.nestedCallbacks = 0;
  markDeferred();
}

/** Is an I/O task's end held? */
export function endHeld(): boolean {
  return held.item >= 0;
}

/** Writes the held 'done', if any (before any other record, and before a task starts). */
export function releaseHeldEnd(): void {
  if (held.item < 0) return;
  // the next task's hooks may have set what they run already (its promise, its resource): keep those
  const { runningPromise, runningResource, runningAsyncId } = inference;
  inference.runningItem = held.item;
  inference.runningKind = held.kind;
  held.item = -1;
  endTask();
  inference.runningPromise = runningPromise;
  inference.runningResource = runningResource;
  inference.runningAsyncId = runningAsyncId;
}

/** A callback of the same callback scope starts: the held task goes on, no 'done' and no new task. */
export function resumeHeldTask(): void {
  inference.runningItem = held.item;
  inference.runningKind = held.kind;
  held.item = -1;
}

/** No task runs any more (ended, or an I/O callback that turned out not to be one). */
export function clearRunningTask(): void {
  inference.runningItem = -1;
  inference.runningKind = 0;
  inference.runningPromise = null;
  inference.runningResource = null;
  inference.runningAsyncId = -1;
}

/** endRun: a task interrupted by process.exit / a fatal error still gets its 'done'. */
export function closeRunningTask(): void {
  if (inference.runningItem >= 0) endTask();
}

export function startScript(): void {
  if (inference.runningItem >= 0) return;
  startTask(0, TASK_SCRIPT);
}
export function endScript(): void {
  if (inference.runningItem === 0) endTask();
}
export function scriptRunning(): boolean {
  return inference.runningItem === 0;
}
/** ESM: the module body finished (or suspended at a top-level await) while running as the script task. */
export function moduleBodyEnded(): void {
  if (inference.runningItem !== 0) return;
  endTask();
  inference.ignoreInits = true;
}
/** The running task, ended because the error it threw is fatal or is being reported. */
export function endTaskForError(): void {
  if (inference.runningItem >= 0) endTask();
}
