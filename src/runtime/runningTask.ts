// The running task: its run and done events, and what ending one does (frames left on the stack are
// suspended; after a macrotask the events go to the file, at most every few ms). Also the script task and its
// ES module variant, whose body may end at a top-level await.
import { C } from './captured';
import { flush } from './recordStream';
import { stopNow } from './runLifecycle';
import { settle } from './deferredWork';
import { writeRun, writeDone } from './recordWriters';
import { R } from './apiObject';
import { suspendAll, stackDepth } from './callStack';
import { taskEnding, taskStarting } from './microtaskLedger';
import { inference } from './inferenceState';
import { TASK_SCRIPT, isMacrotask } from './taskKinds';

export function startTask(id: number, kind: number): void {
  inference.runningItem = id;
  inference.runningKind = kind;
  R.l = null;
  taskStarting();
  writeRun(id); // id 0: the script
}

export function endTask(): void {
  if (stackDepth() > 0) suspendAll();
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
