// Queue inference: turns hook callbacks into enqueue/run/done/cancel events whose order obeys the queue
// semantics of rawTrace.ts: every `run` is at the head of its queue (timers: earliest due). The work is split:
//   promiseHooks.ts        v8.promiseHooks: reaction, await and thenable jobs (promiseRecords.ts)
//   thenableJobs.ts        what R.c / R.t / R.s announce before V8 acts on it
//   asyncResourceHooks.ts  async_hooks: timers, immediates, ticks, queueMicrotask, I/O, close (asyncResourceRecords.ts)
//   pendingTimers.ts       timers enqueued lazily, with their due time
//   timerPatching.ts       clear*() and Timeout.close/refresh, handle close
//   runningTask.ts         the running task, its run/done events, the flush after a macrotask
//   inferenceState.ts      the state they share
// This file sets them up.
import { setDeferredRunner } from './deferredWork';
import { setEndHook } from './runLifecycle';
import { installLedger } from './microtaskLedger';
import { inference } from './inferenceState';
import { measureTimerClock } from './pendingTimers';
import { runDeferred } from './asyncResourceHooks';
import { closeRunningTask } from './runningTask';

export function configureInference(opts: { deadline: number; esm: boolean }): void {
  inference.deadline = opts.deadline;
  measureTimerClock();
  setDeferredRunner(runDeferred);
  setEndHook(closeRunningTask);
  installLedger();
}
