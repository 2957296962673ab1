// The one module that talks to Node's hook APIs, so a future Node can be handled in one place.
// async_hooks for timers, immediates, ticks, queueMicrotask and I/O; v8.promiseHooks for promises (it gives the
// real parent promise, which async_hooks' trigger ids do not).
import { C } from './captured';
import {
  asyncInit, asyncBefore, asyncAfter, promiseInit, promiseBefore, promiseAfter, promiseSettled,
} from './queueInference';

let enabled = false;

export function enableHooks(): void {
  if (enabled) return;
  enabled = true;
  // trackPromises:false (newer Node) keeps async_hooks from duplicating the promise tracking done below.
  const options = { init: asyncInit, before: asyncBefore, after: asyncAfter, trackPromises: false };
  C.createHook(options as Parameters<typeof C.createHook>[0]).enable();
  C.promiseHooks.createHook({ init: promiseInit, before: promiseBefore, after: promiseAfter, settled: promiseSettled });
}
