// What the tracer knows about each async resource other than a promise (a timer, an immediate, a tick, a
// queueMicrotask callback, an I/O request or handle): its item, its state in its queue, where it was scheduled.
import { C } from './captured';
import { IntMap } from './intMap';

// resource states
export const RESOURCE_PENDING = 0; // a timer whose enqueue waits for its due time (pendingTimers.ts)
export const RESOURCE_QUEUED = 1;
export const RESOURCE_RUNNING = 2;
export const RESOURCE_GONE = 3;

/** The fields of Node's Timeout / Immediate / TickObject / handle objects the tracer reads. */
export interface TimerLike {
  _idleStart?: number;
  _idleTimeout?: number;
  _repeat?: number | null;
  _onTimeout?: unknown;
  _onImmediate?: unknown;
  callback?: unknown;
  getAsyncId?: () => number;
}

export class AsyncResourceRecord {
  asyncId = 0;
  /** Item id, 0 while an I/O resource has no item (yet, or again). */
  item = 0;
  /** Microtask sequence number (queueMicrotask items). */
  seq = 0;
  state = RESOURCE_PENDING;
  site = -1;
  line: number | null = null;
  /** A handle whose close() was called: its next callback is a 'close' task. */
  closing = false;
  /** A request (not a handle): it fires once. */
  oneShot = false;
  /** A `pending` record was written for its item and neither its enqueue nor a `settled` yet. */
  inFlight = false;
  constructor(
    /** Task kind (taskKinds.ts) of its callback. */
    public kind: number,
    public label: number, // label code (recordEncoding.labelCode)
    readonly resource: TimerLike | null,
  ) {}
}

/** Records by async id, while the resource can still run. */
export const resourcesById = new IntMap<AsyncResourceRecord>();
/** Records by resource object (timers, immediates): clearTimeout(t), t.refresh(). */
export const resourcesByObject = new C.WeakMap<object, AsyncResourceRecord>();
