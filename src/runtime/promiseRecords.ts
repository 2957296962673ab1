// What the tracer knows about each promise: the microtask item of its reaction job, its waiting reactions,
// the await it belongs to. A record lives on the promise under a symbol (as Node's own async_hooks does for
// its ids): a WeakMap with 100k+ keys made garbage collection the tracer's largest cost.
import { C } from './captured';

// promise record kinds
export const PROMISE_PLAIN = 0;
export const PROMISE_REACTION = 1;
export const PROMISE_AWAIT = 2;
export const PROMISE_WRAPPER = 3;
/** A reaction that settled without running: the wrapper of an await in uninstrumented code. */
export const PROMISE_DEAD = 4;

export class PromiseRecord {
  /** Microtask item id of its reaction job, 0 before it is queued. */
  item = 0;
  /** Microtask sequence number of that item (microtaskLedger.ts). */
  seq = 0;
  kind = PROMISE_PLAIN;
  settled = false;
  ran = false;
  /** Reactions waiting for this promise to settle: one (the usual case) or several, in registration order. */
  waiting: PromiseRecord | PromiseRecord[] | null = null;
  /** Schedule site probe of a `.then` reaction, -1 when unknown. */
  site = -1;
  /** Await reactions: the invocation resumed (-2: top-level await of an ES module) and its probe. */
  inv = -1;
  probe = -1;
  line: number | null = null; // await throwaways: the await's line
  /** A thenable job queued by this promise's resolution, not yet run (0: none). */
  thenableItem = 0;
  thenableSeq = 0;
  /** The promise this reaction waited for, queued while it settled: its value is read when the reaction runs. */
  valueFrom: object | null = null;
  /** A combinator's reaction to one of its members: group * MEMBER_SPAN + index (promiseCombinators.ts), else -1. */
  member = -1;
}

const kRecord: unique symbol = C.Symbol('loopscope') as never;
type Tracked = { [kRecord]?: PromiseRecord };

// Most promises without a parent (new Promise, Promise.resolve, an async function's result) never get a
// reaction or a job of their own: they carry one of two shared, never-mutated records instead of a record each
// (the survivors of 100k promise records were a large part of the garbage collector's work). A promise gets
// its own record (ownRecord()) the moment something has to be written to it.
export const PENDING_PLAIN = new PromiseRecord();
export const SETTLED_PLAIN = new PromiseRecord();
SETTLED_PLAIN.settled = true;

// User code may freeze a promise (Object.freeze, SES harden) after it was created with a shared record: its
// property can no longer change, so its own record lives in a WeakMap instead (rare, so only looked up once
// such a promise was seen).
const frozenRecords = new C.WeakMap<object, PromiseRecord>();
const frozen = { seen: false };

export function recordOf(p: object): PromiseRecord | undefined {
  const rec = (p as Tracked)[kRecord];
  if (frozen.seen && (rec === PENDING_PLAIN || rec === SETTLED_PLAIN)) return frozenRecords.get(p) ?? rec;
  return rec;
}

/** Sets the record of a promise just created (promiseHooks.init: it cannot be frozen yet). */
export function setNewRecord(p: object, rec: PromiseRecord): void {
  (p as Tracked)[kRecord] = rec;
}

/** Replaces the record of a promise that may have been frozen since. */
export function replaceRecord(p: object, rec: PromiseRecord): void {
  try {
    (p as Tracked)[kRecord] = rec; // strict mode (this bundle): throws on a frozen promise
  } catch {
    frozen.seen = true;
    frozenRecords.set(p, rec);
  }
}

/** The promise's own record, replacing a shared one. */
export function ownRecord(p: object, rec: PromiseRecord): PromiseRecord {
  if (rec !== PENDING_PLAIN && rec !== SETTLED_PLAIN) return rec;
  const mine = new PromiseRecord();
  mine.settled = rec.settled;
  replaceRecord(p, mine);
  return mine;
}
