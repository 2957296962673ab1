// Cancels seen at the call: clearTimeout / clearInterval / clearImmediate (timerControls.ts wraps them) and
// the prototype methods of Node's timer and handle objects, patched when the first one appears:
// Timeout.close() cancels, Timeout.refresh() re-enqueues with a new due time, a handle's close() makes its next
// callback a 'close' task.
import { C } from './captured';
import { R } from './apiObject';
import {
  type AsyncResourceRecord, type TimerLike, RESOURCE_GONE, RESOURCE_QUEUED, RESOURCE_RUNNING, resourcesById, resourcesByObject,
} from './asyncResourceRecords';
import { Q_TIMER } from './queueEvents';
import { writeCancel, writeEnqueue } from './recordWriters';
import { dueOf } from './pendingTimers';

const patchedProtos = new C.WeakSet<object>();

/** clearTimeout / clearInterval / clearImmediate / timeout.close(): the item leaves its queue now. */
export function noteClear(x: unknown): void {
  let a: AsyncResourceRecord | undefined;
  if (x !== null && typeof x === 'object') a = resourcesByObject.get(x);
  else if (typeof x === 'number' || typeof x === 'string') a = resourcesById.get(+x);
  if (a === undefined) return;
  if (a.state === RESOURCE_QUEUED) writeCancel(a.item);
  if (a.state !== RESOURCE_RUNNING) {
    a.state = RESOURCE_GONE;
    resourcesById.take(a.asyncId);
  }
  if (a.state === RESOURCE_RUNNING) a.state = RESOURCE_GONE;
}

export function patchTimerProto(res: object): void {
  const proto = C.getPrototypeOf(res) as Record<string, unknown> | null;
  if (proto === null || patchedProtos.has(proto)) return;
  patchedProtos.add(proto);
  const originalClose = proto.close;
  if (typeof originalClose === 'function') {
    proto.close = function close(this: object) {
      noteClear(this);
      return C.apply(originalClose as (...a: unknown[]) => unknown, this, arguments as unknown as unknown[]);
    };
  }
  const originalRefresh = proto.refresh;
  if (typeof originalRefresh === 'function') {
    proto.refresh = function refresh(this: object) {
      const r = C.apply(originalRefresh as (...a: unknown[]) => unknown, this, arguments as unknown as unknown[]);
      const a = resourcesByObject.get(this);
      if (a !== undefined && a.state === RESOURCE_QUEUED) {
        writeCancel(a.item);
        writeEnqueue(a.item, Q_TIMER, a.label, R.l, a.site, dueOf(a.resource));
      }
      return r;
    };
  }
}

export function patchHandleClose(res: object): void {
  let proto = C.getPrototypeOf(res) as Record<string, unknown> | null;
  while (proto !== null && !C.hasOwn(proto, 'close')) proto = C.getPrototypeOf(proto) as Record<string, unknown> | null;
  if (proto === null || patchedProtos.has(proto)) return;
  patchedProtos.add(proto);
  const originalClose = proto.close;
  if (typeof originalClose !== 'function') return;
  proto.close = function close(this: TimerLike) {
    // libuv runs this handle's close callback in the close phase: its next callback is a 'close' task.
    const id = typeof this.getAsyncId === 'function' ? this.getAsyncId() : -1;
    const a = resourcesById.get(id);
    if (a !== undefined) a.closing = true;
    return C.apply(originalClose as (...a: unknown[]) => unknown, this, arguments as unknown as unknown[]);
  };
}
