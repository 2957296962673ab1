// The one module that talks to Node's hook APIs, so a future Node can be handled in one place.
// async_hooks for timers, immediates, ticks, queueMicrotask and I/O; v8.promiseHooks for promises (it gives the
// real parent promise, which async_hooks' trigger ids do not).
import Module from 'node:module';
import { C } from './captured';
import { asyncInit, asyncBefore, asyncAfter } from './asyncResourceHooks';
import { promiseInit, promiseBefore, promiseAfter, promiseSettled } from './promiseHooks';

let enabled = false;

export function enableHooks(): void {
  if (enabled) return;
  enabled = true;
  // trackPromises:false (newer Node) keeps async_hooks from duplicating the promise tracking done below.
  const options = { init: asyncInit, before: asyncBefore, after: asyncAfter, trackPromises: false };
  withoutNodePromiseTracking(() => C.createHook(options as Parameters<typeof C.createHook>[0]).enable());
  C.promiseHooks.createHook({ init: promiseInit, before: promiseBefore, after: promiseAfter, settled: promiseSettled });
}

/**
 * Node 20 turns on its own promise tracking (an async id per promise, init/before/after for each) whenever an
 * async hook is enabled, although promises are traced here through v8.promiseHooks: that doubled the work per
 * promise. Its hook is installed through `createHook` of Node's internal promise_hooks module (the object
 * v8.promiseHooks is); while our async hook is enabled that call installs nothing. Needs --expose-internals
 * (the runner passes it); otherwise, or if Node changes, nothing changes. Node versions with `trackPromises`
 * honour the option instead.
 */
function withoutNodePromiseTracking(enable: () => void): void {
  let internal: { createHook?: unknown } | null = null;
  try {
    internal = Module.createRequire(__filename)('internal/promise_hooks') as { createHook?: unknown };
  } catch {
    internal = null;
  }
  const original = internal?.createHook;
  if (internal === null || typeof original !== 'function' || internal !== (C.promiseHooks as unknown)) {
    enable();
    return;
  }
  internal.createHook = () => () => {};
  try {
    enable();
  } finally {
    internal.createHook = original;
  }
}
