// The async_hooks callbacks for everything but promises: timers, immediates, ticks, queueMicrotask callbacks,
// I/O and close callbacks. Timers are enqueued lazily (pendingTimers.ts), I/O items when their callback runs
// (the OS decides their order), and an I/O callback that does nothing visible but start the next request of
// the same chain (fs.readFile's open -> stat -> read -> close) hands its item id on instead of showing a task.
import { C } from './captured';
import { markDeferred } from './deferredWork';
import { isStopped, labelCode } from './recordEncoding';
import { R } from './apiObject';
import { microtaskRan, microtaskQueueEmpty, microtasksWaiting } from './microtaskLedger';
import { inference, clearAnnouncedSite } from './inferenceState';
import {
  TASK_CLOSE, TASK_IMMEDIATE, TASK_IO, TASK_QUEUE_MICROTASK, TASK_TICK, TASK_TIMER, isIoKind,
} from './taskKinds';
import {
  AsyncResourceRecord, type TimerLike, RESOURCE_GONE, RESOURCE_PENDING, RESOURCE_QUEUED, RESOURCE_RUNNING,
  resourcesById, resourcesByObject,
} from './asyncResourceRecords';
import {
  L_NEXT_TICK, L_QUEUE_MICROTASK, L_SET_IMMEDIATE, L_SET_INTERVAL, L_SET_TIMEOUT, Q_CLOSE, Q_IMMEDIATE, Q_IO,
  Q_NEXT_TICK, Q_TIMER, writeMicrotaskEnqueue,
} from './queueEvents';
import { writeEnqueue, writePending, writeSettled } from './recordWriters';
import { IN_FLIGHT_RESOURCES } from '../shared/eventLoop';
import { pendingTimers, flushTimers, dueOf } from './pendingTimers';
import { patchTimerProto, patchHandleClose } from './timerPatching';
import { cancelPhantoms } from './thenableJobs';
import { startTask, endTask, clearRunningTask, holdEnd, endHeld, releaseHeldEnd, resumeHeldTask } from './runningTask';

/** Async resource types shown as in flight (eventLoop.ts): a `pending` record when user code starts one. */
const inFlightTypes = new C.Set<string>(Object.keys(IN_FLIGHT_RESOURCES));

/**
 * The I/O callback running while it is not known yet whether it is a task: its run is written once it does
 * something visible (runDeferred). Resources it creates meanwhile are counted: a single new request continues
 * its item.
 */
const deferredIo = {
  resource: null as AsyncResourceRecord | null,
  created: 0,
  lastCreated: null as AsyncResourceRecord | null,
};

/** Before the next event: the deferred I/O task's enqueue and run, the pending timers' enqueues. */
export function runDeferred(): void {
  releaseHeldEnd();
  const io = deferredIo.resource;
  if (io !== null) {
    deferredIo.resource = null;
    writeEnqueue(io.item, io.kind === TASK_CLOSE ? Q_CLOSE : Q_IO, io.label, io.line, io.site, NaN);
    startTask(io.item, io.kind);
  }
  if (pendingTimers.length > 0) flushTimers();
}

/**
 * A resource created before the hooks were enabled runs a callback: whoever set this may recognise it and
 * record it now (a worker's parentPort, created before the preload: workerThreads.ts). Null: ignored.
 */
let unknownResource: ((asyncId: number) => AsyncResourceRecord | undefined) | null = null;
export function recogniseEarlyResources(fn: (asyncId: number) => AsyncResourceRecord | undefined): void {
  unknownResource = fn;
}

/** Records a resource the init hook never saw (see recogniseEarlyResources), as if it had. */
export function lateInit(asyncId: number, type: string, res: object): AsyncResourceRecord | undefined {
  asyncInit(asyncId, type, 0, res);
  return resourcesById.get(asyncId);
}

export function asyncInit(asyncId: number, type: string, _trigger: number, res: object): void {
  if (type === 'PROMISE' || inference.ignoreInits || isStopped()) return;
  const r = res as TimerLike;
  const announced = inference.announcedCallback;
  let a: AsyncResourceRecord;
  switch (type) {
    case 'Timeout': {
      a = new AsyncResourceRecord(TASK_TIMER, r._repeat ? L_SET_INTERVAL : L_SET_TIMEOUT, r);
      a.item = inference.nextItem++;
      a.line = R.l;
      if (announced !== null && r._onTimeout === announced) a.site = inference.announcedSite;
      pendingTimers[pendingTimers.length] = a;
      markDeferred();
      resourcesByObject.set(res, a);
      patchTimerProto(res);
      break;
    }
    case 'Immediate': {
      a = new AsyncResourceRecord(TASK_IMMEDIATE, L_SET_IMMEDIATE, r);
      a.item = inference.nextItem++;
      if (announced !== null && r._onImmediate === announced) a.site = inference.announcedSite;
      a.state = RESOURCE_QUEUED;
      resourcesByObject.set(res, a);
      writeEnqueue(a.item, Q_IMMEDIATE, a.label, R.l, a.site, NaN);
      break;
    }
    case 'TickObject': {
      a = new AsyncResourceRecord(TASK_TICK, L_NEXT_TICK, null);
      a.item = inference.nextItem++;
      if (announced !== null && r.callback === announced) a.site = inference.announcedSite;
      a.state = RESOURCE_QUEUED;
      inference.queuedTicks++;
      writeEnqueue(a.item, Q_NEXT_TICK, a.label, R.l, a.site, NaN);
      break;
    }
    case 'Microtask': {
      a = new AsyncResourceRecord(TASK_QUEUE_MICROTASK, L_QUEUE_MICROTASK, null);
      a.item = inference.nextItem++;
      a.seq = ++inference.microtaskSeq;
      if (announced !== null) a.site = inference.announcedSite; // its callback is attached after init: trust the announced site
      a.state = RESOURCE_QUEUED;
      writeMicrotaskEnqueue(a.item, a.seq, L_QUEUE_MICROTASK, R.l, a.site);
      break;
    }
    default: {
      a = new AsyncResourceRecord(TASK_IO, labelCode(type), null);
      a.line = R.l;
      a.oneShot = C.indexOf(type, 'REQ') >= 0;
      if (deferredIo.resource !== null && inference.runningItem >= 0 && isIoKind(inference.runningKind)) {
        deferredIo.created++;
        deferredIo.lastCreated = a;
      } else if (inference.runningItem >= 0 && inFlightTypes.has(type)) {
        // started by a task (not a link of an I/O chain, which continues its first request's item): in flight
        // from now until its callback is queued as this item, or it settles unseen (asyncAfter)
        a.item = inference.nextItem++;
        a.inFlight = true;
        writePending(a.item, a.label, R.l);
      }
      if (typeof (res as { close?: unknown }).close === 'function' && typeof r.getAsyncId === 'function') patchHandleClose(res);
      break;
    }
  }
  a.asyncId = asyncId;
  resourcesById.set(asyncId, a);
  clearAnnouncedSite();
}

export function asyncBefore(asyncId: number): void {
  if (inference.runningItem >= 0) {
    if (asyncId !== inference.runningAsyncId) inference.nestedCallbacks++;
    return;
  }
  let a = resourcesById.get(asyncId);
  if (a === undefined) {
    a = unknownResource === null ? undefined : unknownResource(asyncId);
    if (a === undefined) return;
  }
  if (a.kind === TASK_TICK && inference.queuedTicks > 0) inference.queuedTicks--;
  if (endHeld()) {
    if (isIoKind(a.kind) && (inference.queuedTicks > 0 || microtasksWaiting())) {
      // jobs queued by the previous callback still wait: Node has not closed its callback scope (see holdEnd)
      resumeHeldTask();
      inference.runningResource = a;
      inference.runningAsyncId = asyncId;
      return;
    }
    releaseHeldEnd();
  }
  inference.ignoreInits = false;
  inference.runningResource = a;
  inference.runningAsyncId = asyncId;
  inference.nestedCallbacks = 0;
  switch (a.kind) {
    case TASK_TIMER:
      microtaskQueueEmpty();
      if (a.state === RESOURCE_PENDING) flushTimers();
      a.state = RESOURCE_RUNNING;
      startTask(a.item, TASK_TIMER);
      return;
    case TASK_QUEUE_MICROTASK:
      cancelPhantoms(a.seq);
      microtaskRan(a.seq);
      a.state = RESOURCE_RUNNING;
      startTask(a.item, TASK_QUEUE_MICROTASK);
      return;
    case TASK_TICK:
    case TASK_IMMEDIATE:
      if (a.kind === TASK_IMMEDIATE) microtaskQueueEmpty();
      a.state = RESOURCE_RUNNING;
      startTask(a.item, a.kind);
      return;
    default: {
      // I/O and close callbacks: shown only if they do something visible (see the header comment).
      microtaskQueueEmpty();
      if (a.item === 0) a.item = inference.nextItem++;
      const kind = a.closing ? TASK_CLOSE : TASK_IO;
      a.kind = kind;
      inference.runningItem = a.item;
      inference.runningKind = kind;
      R.l = null;
      deferredIo.resource = a;
      deferredIo.created = 0;
      deferredIo.lastCreated = null;
      markDeferred();
    }
  }
}

export function asyncAfter(asyncId: number): void {
  if (inference.runningItem < 0 || asyncId !== inference.runningAsyncId) {
    if (inference.nestedCallbacks > 0) inference.nestedCallbacks--;
    return;
  }
  const a = inference.runningResource as AsyncResourceRecord;
  if (deferredIo.resource === a) {
    if (pendingTimers.length > 0) {
      runDeferred();
    } else {
      // Nothing visible happened: not a task of its own.
      deferredIo.resource = null;
      const next = deferredIo.lastCreated;
      if (deferredIo.created === 1 && next !== null && next.item === 0) {
        next.item = a.item; // the next request of the same chain continues this item
        next.line = a.line;
        next.site = a.site;
        next.label = a.label;
        next.inFlight = a.inFlight;
      } else if (a.inFlight) {
        writeSettled(a.item); // its operation is over and no callback of the user's came of it
      }
      a.inFlight = false;
      clearRunningTask();
      if (a.kind === TASK_IO && !a.closing) a.item = 0; // a handle firing again is a new item
      if (a.kind === TASK_CLOSE || a.oneShot) resourcesById.take(asyncId);
      return;
    }
  }
  const kind = a.kind;
  a.inFlight = false; // its callback was queued (runDeferred): no longer in flight
  if (isIoKind(kind)) holdEnd();
  else endTask();
  if (kind === TASK_TIMER) {
    const r = a.resource as TimerLike;
    if (a.state === RESOURCE_RUNNING && r._repeat && typeof r._idleTimeout === 'number' && r._idleTimeout >= 0) {
      a.state = RESOURCE_QUEUED; // setInterval re-armed: same item, new due time
      writeEnqueue(a.item, Q_TIMER, a.label, a.line, a.site, dueOf(r));
    } else {
      a.state = RESOURCE_GONE;
      resourcesById.take(asyncId);
    }
  } else if (kind === TASK_IO && !a.oneShot) {
    a.item = 0; // a handle that fires again (a server, a socket) makes a new item each time
  } else {
    a.state = RESOURCE_GONE;
    resourcesById.take(asyncId);
  }
}
