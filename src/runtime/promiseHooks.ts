// The v8.promiseHooks callbacks: when a promise's reaction job is queued, runs and ends. Node reports no
// "enqueued" moment for promise jobs; the rules (see ../shared/design/tracing-notes.md) reconstruct it:
// - a `.then` child (or await throwaway) is queued at its init when the parent is already settled, otherwise
//   when the parent settles, in registration order;
// - a reaction whose promise is still unsettled at its `after` returned a thenable: a thenable job is queued;
// - R.t / R.s tell us about thenable jobs created by resolve(x), Promise.resolve(x), `return x`, `await x`
//   (thenableJobs.ts).
import { R, awaitWatch } from './apiObject';
import { resume } from './callStack';
import { microtaskRan, insertUnseenMicrotask } from './microtaskLedger';
import { inference, clearAnnouncedSite } from './inferenceState';
import { TASK_AWAIT_RESUME, TASK_REACTION, TASK_THENABLE } from './taskKinds';
import {
  PromiseRecord, PROMISE_AWAIT, PROMISE_DEAD, PROMISE_PLAIN, PROMISE_REACTION, PROMISE_WRAPPER,
  PENDING_PLAIN, SETTLED_PLAIN, recordOf, ownRecord, replaceRecord, setNewRecord,
} from './promiseRecords';
import { L_RESUME, L_RESUME_MODULE, L_THEN, L_THENABLE, Q_MICROTASK, writeMicrotaskEnqueue } from './queueEvents';
import { enqueueRecord, writeEnqueue, writeMember, writeValue } from './recordWriters';
import { markMember, MEMBER_SPAN } from './promiseCombinators';
import { cancelPhantoms, takeAnnouncedThenable } from './thenableJobs';
import { startTask, endTask, moduleBodyEnded } from './runningTask';
import { C } from './captured';
import { settledValue, valuesLeft } from './promiseValues';
import { labelCode } from './recordEncoding';

/**
 * `parent`: the promise the reaction waited for (its value goes with the item: promiseValues.ts). `settling`:
 * its settled hook is running, when V8 has not stored the value yet: it is read when the reaction runs.
 */
function enqueueReaction(rec: PromiseRecord, parent: object, settling: boolean): void {
  rec.item = inference.nextItem++;
  rec.seq = ++inference.microtaskSeq;
  if (rec.kind === PROMISE_AWAIT) {
    if (rec.inv === -2) writeMicrotaskEnqueue(rec.item, rec.seq, L_RESUME_MODULE, rec.line, -1);
    else writeMicrotaskEnqueue(rec.item, rec.seq, L_RESUME, rec.line, rec.probe);
  } else {
    writeMicrotaskEnqueue(rec.item, rec.seq, L_THEN, R.l, rec.site);
  }
  if (rec.member >= 0) writeMember(rec.item, C.floor(rec.member / MEMBER_SPAN), rec.member % MEMBER_SPAN);
  if (!valuesLeft()) return;
  if (settling) rec.valueFrom = parent;
  else writeSettledValue(rec.item, parent);
}

/** The value event of item `item`, whose promise `parent` is settled. */
function writeSettledValue(item: number, parent: object): void {
  const value = settledValue(parent);
  if (value === null) return;
  const text = labelCode(value[0]); // before the record: it may write the label's own record
  writeValue(item, text, value[1] ? 1 : 0);
}

export function promiseInit(p: object, parent: object | undefined): void {
  if (inference.ignoreInits) return;
  if (awaitWatch.mode === 2) {
    // `await x` with x not a plain native promise: V8 first wraps x in a promise.
    const wrapper = new PromiseRecord();
    setNewRecord(p, wrapper);
    wrapper.kind = PROMISE_WRAPPER;
    awaitWatch.mode = 1;
    awaitWatch.target = p;
    if (awaitWatch.thenable) {
      wrapper.thenableItem = inference.nextItem++;
      wrapper.thenableSeq = ++inference.microtaskSeq;
      writeMicrotaskEnqueue(wrapper.thenableItem, wrapper.thenableSeq, L_THENABLE, awaitWatch.line, awaitWatch.probe);
    }
    return;
  }
  if (parent === undefined) {
    setNewRecord(p, PENDING_PLAIN);
    clearAnnouncedSite();
    return;
  }
  const rec = new PromiseRecord();
  setNewRecord(p, rec);
  if (awaitWatch.mode === 1 && parent === awaitWatch.target) {
    rec.kind = PROMISE_AWAIT;
    rec.inv = awaitWatch.inv;
    rec.probe = awaitWatch.probe;
    rec.line = awaitWatch.line;
    awaitWatch.mode = 0;
    awaitWatch.target = null;
  }
  if (rec.kind === PROMISE_PLAIN) {
    rec.kind = PROMISE_REACTION;
    rec.member = markMember();
    if (inference.announcedSite >= 0) {
      rec.site = inference.announcedSite;
      clearAnnouncedSite();
    }
  }
  const parentRecord = recordOf(parent);
  if (parentRecord !== undefined) {
    if (parentRecord.settled) enqueueReaction(rec, parent, false);
    else {
      const owner = ownRecord(parent, parentRecord);
      const waiting = owner.waiting;
      if (waiting === null) owner.waiting = rec;
      else if (C.isArray(waiting)) waiting[waiting.length] = rec;
      else owner.waiting = [waiting, rec];
    }
  }
  if (awaitWatch.tailAfter && rec.kind === PROMISE_AWAIT) {
    awaitWatch.tailAfter = false;
    moduleBodyEnded();
  }
}

/** A reaction whose parent settled is queued, unless it ran already or turned out to be a dead wrapper. */
function enqueueWaiting(reaction: PromiseRecord, parent: object): void {
  if (reaction.kind !== PROMISE_DEAD && reaction.item === 0) enqueueReaction(reaction, parent, true);
}

export function promiseSettled(p: object): void {
  const rec = recordOf(p);
  if (rec === undefined || rec === SETTLED_PLAIN) return;
  if (rec === PENDING_PLAIN) {
    replaceRecord(p, SETTLED_PLAIN);
    return;
  }
  rec.settled = true;
  // A "child" that settles without ever running was the wrapper of an await in uninstrumented code.
  if (rec.kind === PROMISE_REACTION && !rec.ran && rec.item === 0) rec.kind = PROMISE_DEAD;
  const waiting = rec.waiting;
  if (waiting === null) return;
  rec.waiting = null;
  if (!C.isArray(waiting)) enqueueWaiting(waiting, p);
  else for (let i = 0; i < waiting.length; i++) enqueueWaiting(waiting[i], p);
}

/** The job promiseBefore found for a promise: reused, so that no object is made per job. */
const job = { item: 0, seq: 0 };

export function promiseBefore(p: object): void {
  const shared = recordOf(p);
  if (shared === undefined || inference.runningItem >= 0) return;
  const rec = ownRecord(p, shared);
  inference.ignoreInits = false;
  let id: number;
  let kind: number;
  let seq = 0;
  if (!rec.ran && rec.item !== 0) {
    id = rec.item;
    seq = rec.seq;
    kind = rec.kind === PROMISE_AWAIT ? TASK_AWAIT_RESUME : TASK_REACTION;
  } else if (rec.thenableItem !== 0) {
    id = rec.thenableItem;
    seq = rec.thenableSeq;
    rec.thenableItem = 0;
    kind = TASK_THENABLE;
  } else if (takeAnnouncedThenable(job)) {
    id = job.item;
    seq = job.seq;
    kind = TASK_THENABLE;
  } else {
    // A job we did not see queued (parent created before tracing, or a thenable from uninstrumented code):
    // FIFO says it was queued before everything still waiting.
    const item = inference.nextItem++;
    const k = !rec.ran && rec.kind === PROMISE_REACTION ? TASK_REACTION : TASK_THENABLE;
    const label = k === TASK_REACTION ? L_THEN : L_THENABLE;
    const site = rec.site;
    if (!insertUnseenMicrotask((time) => enqueueRecord(time, item, Q_MICROTASK, label, null, site, NaN))) {
      writeEnqueue(item, Q_MICROTASK, label, null, site, NaN);
    }
    id = item;
    kind = k;
  }
  if (rec.kind === PROMISE_REACTION && !rec.ran && kind === TASK_THENABLE) rec.kind = PROMISE_WRAPPER;
  rec.ran = true;
  if (seq > 0) {
    cancelPhantoms(seq);
    microtaskRan(seq);
  }
  inference.runningPromise = rec;
  const valueFrom = rec.valueFrom;
  rec.valueFrom = null;
  startTask(id, kind);
  if (kind === TASK_AWAIT_RESUME && rec.inv >= 0) resume(rec.inv, rec.probe, true);
  // queued while its promise was settling (V8 stores the value after the settled hook): read it now, inside
  // the task (no record between tasks), before any of the reaction's code runs
  if (valueFrom !== null && id === rec.item && kind !== TASK_THENABLE) writeSettledValue(id, valueFrom);
}

export function promiseAfter(p: object): void {
  const rec = inference.runningPromise;
  if (rec === null || recordOf(p) !== rec) return;
  if (inference.runningKind === TASK_REACTION && !rec.settled && rec.site >= 0) {
    // The handler returned a thenable: resolving the child with it queues a thenable job.
    rec.thenableItem = inference.nextItem++;
    rec.thenableSeq = ++inference.microtaskSeq;
    writeMicrotaskEnqueue(rec.thenableItem, rec.thenableSeq, L_THENABLE, null, rec.site);
  }
  endTask();
}
