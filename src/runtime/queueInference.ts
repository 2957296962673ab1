// Queue inference: turns hook callbacks (async_hooks for timers/immediates/ticks/I/O, v8.promiseHooks for
// promises) into enqueue/run/done/cancel events whose order obeys the queue semantics of rawTrace.ts: every
// `run` is at the head of its queue (timers: earliest due). Node reports no "enqueued" moment for promise
// jobs; the rules below (see ../shared/design/tracing-notes.md) reconstruct it:
// - a `.then` child (or await throwaway) is queued at its init when the parent is already settled, otherwise
//   when the parent settles, in registration order;
// - a reaction whose promise is still unsettled at its `after` returned a thenable: a thenable job is queued;
// - R.t / R.s tell us about thenable jobs created by resolve(x), Promise.resolve(x), `return x`, `await x`.
// Timers are enqueued lazily (their due time is set after init), I/O items when their callback runs (the OS
// decides their order), and an I/O callback that does nothing visible but start the next request of the
// same chain (fs.readFile's open -> stat -> read -> close) hands its item id on instead of showing a task.
import { C } from './captured';
import {
  emit, now, flush, markDeferred, setDeferredRunner, setEndHook, startTime, stopNow, isStopped,
  settle, lineStart, lineEnd, int, intOrNull, lineNo, labelCode,
} from './eventBuffer';
import * as EV from '../shared/eventCodes';
import { queueCode } from '../shared/eventLoop';
import { R, awaitWatch } from './apiObject';
import { IntMap } from './intMap';
import { resume, suspendAll, stackDepth } from './callStack';
import {
  installLedger, recordMicrotask, microtaskRan, microtaskQueueEmpty, insertUnseenMicrotask, taskEnding, taskStarting,
} from './microtaskLedger';

// ---- task kinds -------------------------------------------------------------------------------------------
const K_SCRIPT = 1, K_TICK = 2, K_MICRO = 3, K_REACTION = 4, K_AWAIT = 5, K_THENABLE = 6;
const K_TIMER = 7, K_IMMEDIATE = 8, K_IO = 9, K_CLOSE = 10;

// promise record kinds
const P_PLAIN = 0, P_REACTION = 1, P_AWAIT = 2, P_WRAPPER = 3, P_DEAD = 4;

// async record states
const S_PENDING = 0, S_QUEUED = 1, S_RUNNING = 2, S_GONE = 3;

class PRec {
  item = 0;
  seq = 0;
  kind = P_PLAIN;
  settled = false;
  ran = false;
  /** Reactions waiting for this promise to settle: one (the usual case) or several, in registration order. */
  kids: PRec | PRec[] | null = null;
  site = -1;
  inv = -1;
  probe = -1;
  line: number | null = null; // await throwaways: the await's line
  thenItem = 0;
  thenSeq = 0;
}

class ARec {
  id = 0;
  item = 0;
  seq = 0;
  state = S_PENDING;
  site = -1;
  line: number | null = null;
  closing = false;
  oneShot = false;
  constructor(
    public kind: number,
    public label: number, // label code (eventBuffer.labelCode)
    readonly res: TimerLike | null,
  ) {}
}

interface TimerLike {
  _idleStart?: number;
  _idleTimeout?: number;
  _repeat?: number | null;
  _onTimeout?: unknown;
  _onImmediate?: unknown;
  callback?: unknown;
  getAsyncId?: () => number;
}

// Promise records live on the promise under a symbol (as Node's own async_hooks does for its ids): a WeakMap
// with 100k+ keys made garbage collection the tracer's largest cost.
const kRec: unique symbol = C.Symbol('loopscope') as never;
type Tracked = { [kRec]?: PRec };
function recOf(p: object): PRec | undefined {
  const rec = (p as Tracked)[kRec];
  if (frozenSeen && (rec === PENDING_PLAIN || rec === SETTLED_PLAIN)) return frozenRecs.get(p) ?? rec;
  return rec;
}
// Most promises without a parent (new Promise, Promise.resolve, an async function's result) never get a
// reaction or a job of their own: they carry one of two shared, never-mutated records instead of a PRec each
// (the survivors of 100k promise records were a large part of the garbage collector's work). A promise gets
// its own record (own()) the moment something has to be written to it.
const PENDING_PLAIN = new PRec();
const SETTLED_PLAIN = new PRec();
SETTLED_PLAIN.settled = true;
/** The promise's own record, replacing a shared one. */
function own(p: object, rec: PRec): PRec {
  if (rec !== PENDING_PLAIN && rec !== SETTLED_PLAIN) return rec;
  const mine = new PRec();
  mine.settled = rec.settled;
  replaceRec(p, mine);
  return mine;
}
// User code may freeze a promise (Object.freeze, SES harden) after it was created with a shared record: its
// property can no longer change, so its own record lives in a WeakMap instead (rare, so only looked up once
// such a promise was seen).
const frozenRecs = new C.WeakMap<object, PRec>();
let frozenSeen = false;
function replaceRec(p: object, rec: PRec): void {
  try {
    (p as Tracked)[kRec] = rec; // strict mode (this bundle): throws on a frozen promise
  } catch {
    frozenSeen = true;
    frozenRecs.set(p, rec);
  }
}
const amap = new IntMap<ARec>();
const byResource = new C.WeakMap<object, ARec>();
const patchedProtos = new C.WeakSet<object>();

let nextItem = 1;
let mtSeq = 0;

// the running task
let cur = -1; // item id; 0 = the script
let curKind = 0;
let curP: PRec | null = null;
let curAsync = -1;
let curA: ARec | null = null;
let nested = 0;

// schedule site announced by R.c, taken by the next matching init
let siteProbe = -1;
let siteFn: unknown = null;

// thenable jobs announced by R.t, not yet bound to the promise they resolve (FIFO, like the microtask queue)
const rtItems: number[] = [];
const rtSeqs: number[] = [];
let rtHead = 0;

// timers whose enqueue waits for their due time; the I/O task whose run waits for a visible effect
const pendingTimers: ARec[] = [];
let deferredIo: ARec | null = null;
let ioCreated = 0;
let ioLast: ARec | null = null;

/** ESM: after the module body ends, the loader's own promises/ticks are not the user's. */
let ignoreInits = false;
let deadline = Infinity;
let lastFlush = 0;
let timeBase = 0; // performance.now() - libuv now, ms

export function configureInference(opts: { deadline: number; esm: boolean }): void {
  deadline = opts.deadline;
  // Timer due times are in libuv's clock (ms since the environment started); measure its offset to ours.
  const t = C.setTimeout(() => {}, 1) as unknown as TimerLike;
  timeBase = C.perfNow() - (t._idleStart ?? 0);
  C.clearTimeout(t as unknown as NodeJS.Timeout);
  setDeferredRunner(runDeferred);
  setEndHook(closeRunningTask);
  installLedger();
}

// ---- event helpers ----------------------------------------------------------------------------------------
// Lines are built in place (eventBuffer.ts): the constant parts as bytes, the numbers written as digits.
// Queue and label codes of the event records (src/shared/eventCodes.ts).
const Q_NEXT_TICK = queueCode('nextTick');
const Q_MICROTASK = queueCode('microtask');
const Q_TIMER = queueCode('timer');
const Q_IMMEDIATE = queueCode('immediate');
const Q_IO = queueCode('io');
const Q_CLOSE = queueCode('close');
const L_THEN = labelCode('then');
const L_THENABLE = labelCode('thenable');
const L_RESUME = labelCode('resume');
const L_RESUME_MODULE = labelCode('resume module');
const L_QUEUE_MICROTASK = labelCode('queueMicrotask');
const L_SET_TIMEOUT = labelCode('setTimeout');
const L_SET_INTERVAL = labelCode('setInterval');
const L_SET_IMMEDIATE = labelCode('setImmediate');
const L_NEXT_TICK = labelCode('nextTick');

/** `due`: microseconds since the start, NaN for none. */
function evEnqueue(id: number, queue: number, label: number, line: number | null, site: number, due: number): void {
  let w = lineStart(EV.K_ENQUEUE);
  w = int(w, id);
  w = int(w, queue);
  w = int(w, label);
  w = lineNo(w, line);
  w = intOrNull(w, site);
  lineEnd(int(w, due));
}
/** A microtask item's enqueue, recorded in the ledger (microtaskLedger.ts) at the offset its record gets. */
function evMicrotask(id: number, seq: number, label: number, line: number | null, site: number): void {
  settle(); // deferred lines first
  recordMicrotask(seq);
  evEnqueue(id, Q_MICROTASK, label, line, site, NaN);
}
function evCancel(id: number): void {
  lineEnd(int(lineStart(EV.K_CANCEL), id));
}
function startTask(id: number, kind: number): void {
  cur = id;
  curKind = kind;
  R.l = null;
  taskStarting();
  lineEnd(int(lineStart(EV.K_RUN), id)); // id 0: the script
}
function endTask(): void {
  if (stackDepth() > 0) suspendAll();
  const id = cur;
  const kind = curKind;
  cur = -1;
  curKind = 0;
  curP = null;
  curA = null;
  curAsync = -1;
  nested = 0;
  settle(); // deferred lines first
  taskEnding();
  lineEnd(int(lineStart(EV.K_DONE), id));
  if (kind >= K_TIMER || kind === K_SCRIPT) {
    // A macrotask ended: hand the events to the file (a later SIGKILL loses little), at most every few ms
    // so that 10k timers do not cost 10k writes.
    const t = C.dateNow();
    if (t - lastFlush >= 5 || kind === K_SCRIPT) {
      lastFlush = t;
      flush(false, true);
    }
    if (t > deadline) stopNow('timeout');
  }
}
/** endRun: a task interrupted by process.exit / a fatal error still gets its 'done'. */
function closeRunningTask(): void {
  if (cur >= 0) endTask();
}

// ---- the script -------------------------------------------------------------------------------------------
export function startScript(): void {
  if (cur >= 0) return;
  startTask(0, K_SCRIPT);
}
export function endScript(): void {
  if (cur === 0) endTask();
}
export function scriptRunning(): boolean {
  return cur === 0;
}
/** ESM: the module body finished (or suspended at a top-level await) while running as the script task. */
export function moduleBodyEnded(): void {
  if (cur !== 0) return;
  endTask();
  ignoreInits = true;
}
/** The running task, ended because the error it threw is fatal or is being reported. */
export function endTaskForError(): void {
  if (cur >= 0) endTask();
}

// ---- R.c / R.t / R.s support ------------------------------------------------------------------------------
export function noteSchedule(probe: number, fn: unknown): void {
  siteProbe = probe;
  siteFn = fn;
}

function isNativePromise(x: object): boolean {
  return C.getPrototypeOf(x) === C.PromiseProto;
}
/** Would Promise.resolve(x) / await x use x itself (no wrapper): a native promise whose constructor is Promise. */
function isPlainNativePromise(x: object): boolean {
  return isNativePromise(x) && !C.hasOwn(x, 'constructor') && C.PromiseProto.constructor === C.Promise;
}
/** Has a callable `then` — without calling getters (an accessor counts as a thenable). */
function looksThenable(x: unknown): boolean {
  if (x === null || (typeof x !== 'object' && typeof x !== 'function')) return false;
  if (isNativePromise(x as object)) return true;
  let o: object | null = x as object;
  for (let i = 0; o !== null && i < 64; i++) {
    const d = C.getOwnPropertyDescriptor(o, 'then');
    if (d !== undefined) return 'value' in d ? typeof d.value === 'function' : true;
    o = C.getPrototypeOf(o);
  }
  return false;
}

export function noteThenable(probe: number, x: unknown, isPromiseResolve: boolean): void {
  if (!looksThenable(x)) return;
  if (isPromiseResolve && isPlainNativePromise(x as object)) return; // Promise.resolve(p) === p: no job
  const id = nextItem++;
  const seq = ++mtSeq;
  rtItems[rtItems.length] = id; // not push: user code may replace Array.prototype.push
  rtSeqs[rtSeqs.length] = seq;
  evMicrotask(id, seq, L_THENABLE, R.l, probe);
}

export function noteAwait(inv: number, probe: number, x: unknown, line: number | null): void {
  awaitWatch.inv = inv;
  awaitWatch.probe = probe;
  awaitWatch.line = line;
  if (x !== null && typeof x === 'object' && isPlainNativePromise(x)) {
    awaitWatch.mode = 1;
    awaitWatch.target = x;
  } else {
    awaitWatch.mode = 2;
    awaitWatch.target = null;
    awaitWatch.thenable = looksThenable(x);
  }
}

// ---- promise hooks ----------------------------------------------------------------------------------------
function enqueueReaction(rec: PRec): void {
  rec.item = nextItem++;
  rec.seq = ++mtSeq;
  if (rec.kind === P_AWAIT) {
    if (rec.inv === -2) evMicrotask(rec.item, rec.seq, L_RESUME_MODULE, rec.line, -1);
    else evMicrotask(rec.item, rec.seq, L_RESUME, rec.line, rec.probe);
  } else {
    evMicrotask(rec.item, rec.seq, L_THEN, R.l, rec.site);
  }
}

export function promiseInit(p: object, parent: object | undefined): void {
  if (ignoreInits) return;
  if (awaitWatch.mode === 2) {
    // `await x` with x not a plain native promise: V8 first wraps x in a promise.
    const wrapper = new PRec();
    (p as Tracked)[kRec] = wrapper;
    wrapper.kind = P_WRAPPER;
    awaitWatch.mode = 1;
    awaitWatch.target = p;
    if (awaitWatch.thenable) {
      wrapper.thenItem = nextItem++;
      wrapper.thenSeq = ++mtSeq;
      evMicrotask(wrapper.thenItem, wrapper.thenSeq, L_THENABLE, awaitWatch.line, awaitWatch.probe);
    }
    return;
  }
  if (parent === undefined) {
    (p as Tracked)[kRec] = PENDING_PLAIN;
    siteProbe = -1;
    siteFn = null;
    return;
  }
  const rec = new PRec();
  (p as Tracked)[kRec] = rec;
  if (awaitWatch.mode === 1 && parent === awaitWatch.target) {
    rec.kind = P_AWAIT;
    rec.inv = awaitWatch.inv;
    rec.probe = awaitWatch.probe;
    rec.line = awaitWatch.line;
    awaitWatch.mode = 0;
    awaitWatch.target = null;
  }
  if (rec.kind === P_PLAIN) {
    rec.kind = P_REACTION;
    if (siteProbe >= 0) {
      rec.site = siteProbe;
      siteProbe = -1;
      siteFn = null;
    }
  }
  const prec = recOf(parent);
  if (prec !== undefined) {
    if (prec.settled) enqueueReaction(rec);
    else {
      const waiting = own(parent, prec);
      const kids = waiting.kids;
      if (kids === null) waiting.kids = rec;
      else if (C.isArray(kids)) kids[kids.length] = rec;
      else waiting.kids = [kids, rec];
    }
  }
  if (awaitWatch.tailAfter && rec.kind === P_AWAIT) {
    awaitWatch.tailAfter = false;
    moduleBodyEnded();
  }
}

/** A reaction whose parent settled is queued, unless it ran already or turned out to be a dead wrapper. */
function enqueueWaiting(kid: PRec): void {
  if (kid.kind !== P_DEAD && kid.item === 0) enqueueReaction(kid);
}

export function promiseSettled(p: object): void {
  const rec = recOf(p);
  if (rec === undefined || rec === SETTLED_PLAIN) return;
  if (rec === PENDING_PLAIN) {
    replaceRec(p, SETTLED_PLAIN);
    return;
  }
  rec.settled = true;
  // A "child" that settles without ever running was the wrapper of an await in uninstrumented code.
  if (rec.kind === P_REACTION && !rec.ran && rec.item === 0) rec.kind = P_DEAD;
  const kids = rec.kids;
  if (kids === null) return;
  rec.kids = null;
  if (!C.isArray(kids)) enqueueWaiting(kids);
  else for (let i = 0; i < kids.length; i++) enqueueWaiting(kids[i]);
}

function cancelPhantoms(seq: number): void {
  // Thenable jobs announced by R.t that a later microtask overtook never existed (a second resolve() call).
  while (rtHead < rtItems.length && rtSeqs[rtHead] < seq) {
    evCancel(rtItems[rtHead]);
    rtHead++;
  }
  if (rtHead > 256 && rtHead === rtItems.length) {
    rtItems.length = 0;
    rtSeqs.length = 0;
    rtHead = 0;
  }
}

export function promiseBefore(p: object): void {
  const shared = recOf(p);
  if (shared === undefined || cur >= 0) return;
  const rec = own(p, shared);
  ignoreInits = false;
  let id: number;
  let kind: number;
  let seq = 0;
  if (!rec.ran && rec.item !== 0) {
    id = rec.item;
    seq = rec.seq;
    kind = rec.kind === P_AWAIT ? K_AWAIT : K_REACTION;
  } else if (rec.thenItem !== 0) {
    id = rec.thenItem;
    seq = rec.thenSeq;
    rec.thenItem = 0;
    kind = K_THENABLE;
  } else if (rtHead < rtItems.length) {
    id = rtItems[rtHead];
    seq = rtSeqs[rtHead];
    rtHead++;
    kind = K_THENABLE;
  } else {
    // A job we did not see queued (parent created before tracing, or a thenable from uninstrumented code):
    // FIFO says it was queued before everything still waiting.
    const item = nextItem++;
    const k = !rec.ran && rec.kind === P_REACTION ? K_REACTION : K_THENABLE;
    const rest = '","microtask",' + (k === K_REACTION ? '"then"' : '"thenable"') + ',null,' + (rec.site >= 0 ? rec.site : 'null') + ',null]\n';
    if (!insertUnseenMicrotask((time) => '["enqueue",' + time + ',"' + item + rest)) emit('["enqueue",' + now() + ',"' + item + rest);
    id = item;
    kind = k;
  }
  if (rec.kind === P_REACTION && !rec.ran && kind === K_THENABLE) rec.kind = P_WRAPPER;
  rec.ran = true;
  if (seq > 0) {
    cancelPhantoms(seq);
    microtaskRan(seq);
  }
  curP = rec;
  startTask(id, kind);
  if (kind === K_AWAIT && rec.inv >= 0) resume(rec.inv, rec.probe, true);
}

export function promiseAfter(p: object): void {
  const rec = curP;
  if (rec === null || recOf(p) !== rec) return;
  if (curKind === K_REACTION && !rec.settled && rec.site >= 0) {
    // The handler returned a thenable: resolving the child with it queues a thenable job.
    rec.thenItem = nextItem++;
    rec.thenSeq = ++mtSeq;
    evMicrotask(rec.thenItem, rec.thenSeq, L_THENABLE, null, rec.site);
  }
  endTask();
}

// ---- async hooks (everything but promises) ----------------------------------------------------------------
/** A timer's due time in microseconds since the start, NaN when it has none. */
function dueOf(res: TimerLike | null): number {
  if (res === null || typeof res._idleStart !== 'number' || typeof res._idleTimeout !== 'number' || res._idleTimeout < 0) return NaN;
  return C.round((res._idleStart + res._idleTimeout + timeBase - startTime()) * 1000);
}

function flushTimers(): void {
  for (let i = 0; i < pendingTimers.length; i++) {
    const a = pendingTimers[i];
    if (a.state !== S_PENDING) continue;
    a.state = S_QUEUED;
    evEnqueue(a.item, Q_TIMER, a.label, a.line, a.site, dueOf(a.res));
  }
  pendingTimers.length = 0;
}

function runDeferred(): void {
  const io = deferredIo;
  if (io !== null) {
    deferredIo = null;
    evEnqueue(io.item, io.kind === K_CLOSE ? Q_CLOSE : Q_IO, io.label, io.line, io.site, NaN);
    startTask(io.item, io.kind);
  }
  if (pendingTimers.length > 0) flushTimers();
}

function patchTimerProto(res: object): void {
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
      const a = byResource.get(this);
      if (a !== undefined && a.state === S_QUEUED) {
        evCancel(a.item);
        evEnqueue(a.item, Q_TIMER, a.label, R.l, a.site, dueOf(a.res));
      }
      return r;
    };
  }
}

function patchHandleClose(res: object): void {
  let proto = C.getPrototypeOf(res) as Record<string, unknown> | null;
  while (proto !== null && !C.hasOwn(proto, 'close')) proto = C.getPrototypeOf(proto) as Record<string, unknown> | null;
  if (proto === null || patchedProtos.has(proto)) return;
  patchedProtos.add(proto);
  const originalClose = proto.close;
  if (typeof originalClose !== 'function') return;
  proto.close = function close(this: TimerLike) {
    // libuv runs this handle's close callback in the close phase: its next callback is a 'close' task.
    const id = typeof this.getAsyncId === 'function' ? this.getAsyncId() : -1;
    const a = amap.get(id);
    if (a !== undefined) a.closing = true;
    return C.apply(originalClose as (...a: unknown[]) => unknown, this, arguments as unknown as unknown[]);
  };
}

/** clearTimeout / clearInterval / clearImmediate / timeout.close(): the item leaves its queue now. */
export function noteClear(x: unknown): void {
  let a: ARec | undefined;
  if (x !== null && typeof x === 'object') a = byResource.get(x);
  else if (typeof x === 'number' || typeof x === 'string') a = amap.get(+x);
  if (a === undefined) return;
  if (a.state === S_QUEUED) evCancel(a.item);
  if (a.state !== S_RUNNING) {
    a.state = S_GONE;
    amap.take(a.id);
  }
  if (a.state === S_RUNNING) a.state = S_GONE;
}

export function asyncInit(asyncId: number, type: string, _trigger: number, res: object): void {
  if (type === 'PROMISE' || ignoreInits || isStopped()) return;
  const r = res as TimerLike;
  let a: ARec;
  switch (type) {
    case 'Timeout': {
      a = new ARec(K_TIMER, r._repeat ? L_SET_INTERVAL : L_SET_TIMEOUT, r);
      a.item = nextItem++;
      a.line = R.l;
      if (siteFn !== null && r._onTimeout === siteFn) a.site = siteProbe;
      pendingTimers[pendingTimers.length] = a;
      markDeferred();
      byResource.set(res, a);
      patchTimerProto(res);
      break;
    }
    case 'Immediate': {
      a = new ARec(K_IMMEDIATE, L_SET_IMMEDIATE, r);
      a.item = nextItem++;
      if (siteFn !== null && r._onImmediate === siteFn) a.site = siteProbe;
      a.state = S_QUEUED;
      byResource.set(res, a);
      evEnqueue(a.item, Q_IMMEDIATE, a.label, R.l, a.site, NaN);
      break;
    }
    case 'TickObject': {
      a = new ARec(K_TICK, L_NEXT_TICK, null);
      a.item = nextItem++;
      if (siteFn !== null && r.callback === siteFn) a.site = siteProbe;
      a.state = S_QUEUED;
      evEnqueue(a.item, Q_NEXT_TICK, a.label, R.l, a.site, NaN);
      break;
    }
    case 'Microtask': {
      a = new ARec(K_MICRO, L_QUEUE_MICROTASK, null);
      a.item = nextItem++;
      a.seq = ++mtSeq;
      if (siteFn !== null) a.site = siteProbe; // its callback is attached after init: trust the announced site
      a.state = S_QUEUED;
      evMicrotask(a.item, a.seq, L_QUEUE_MICROTASK, R.l, a.site);
      break;
    }
    default: {
      a = new ARec(K_IO, labelCode(type), null);
      a.line = R.l;
      a.oneShot = C.indexOf(type, 'REQ') >= 0;
      if (deferredIo !== null && cur >= 0 && curKind >= K_IO) {
        ioCreated++;
        ioLast = a;
      }
      if (typeof (res as { close?: unknown }).close === 'function' && typeof r.getAsyncId === 'function') patchHandleClose(res);
      break;
    }
  }
  a.id = asyncId;
  amap.set(asyncId, a);
  siteProbe = -1;
  siteFn = null;
}

export function asyncBefore(asyncId: number): void {
  if (cur >= 0) {
    if (asyncId !== curAsync) nested++;
    return;
  }
  const a = amap.get(asyncId);
  if (a === undefined) return;
  ignoreInits = false;
  curA = a;
  curAsync = asyncId;
  nested = 0;
  switch (a.kind) {
    case K_TIMER:
      microtaskQueueEmpty();
      if (a.state === S_PENDING) flushTimers();
      a.state = S_RUNNING;
      startTask(a.item, K_TIMER);
      return;
    case K_MICRO:
      cancelPhantoms(a.seq);
      microtaskRan(a.seq);
      a.state = S_RUNNING;
      startTask(a.item, K_MICRO);
      return;
    case K_TICK:
    case K_IMMEDIATE:
      if (a.kind === K_IMMEDIATE) microtaskQueueEmpty();
      a.state = S_RUNNING;
      startTask(a.item, a.kind);
      return;
    default: {
      // I/O and close callbacks: shown only if they do something visible (see the header comment).
      microtaskQueueEmpty();
      if (a.item === 0) a.item = nextItem++;
      const kind = a.closing ? K_CLOSE : K_IO;
      a.kind = kind;
      cur = a.item;
      curKind = kind;
      R.l = null;
      deferredIo = a;
      ioCreated = 0;
      ioLast = null;
      markDeferred();
    }
  }
}

export function asyncAfter(asyncId: number): void {
  if (cur < 0 || asyncId !== curAsync) {
    if (nested > 0) nested--;
    return;
  }
  const a = curA as ARec;
  if (deferredIo === a) {
    if (pendingTimers.length > 0) {
      runDeferred();
    } else {
      // Nothing visible happened: not a task of its own.
      deferredIo = null;
      if (ioCreated === 1 && ioLast !== null && ioLast.item === 0) {
        ioLast.item = a.item; // the next request of the same chain continues this item
        ioLast.line = a.line;
        ioLast.site = a.site;
        ioLast.label = a.label;
      }
      cur = -1;
      curKind = 0;
      curA = null;
      curAsync = -1;
      if (a.kind === K_IO && !a.closing) a.item = 0; // a handle firing again is a new item
      if (a.kind === K_CLOSE || a.oneShot) amap.take(asyncId);
      return;
    }
  }
  const kind = a.kind;
  endTask();
  if (kind === K_TIMER) {
    const r = a.res as TimerLike;
    if (a.state === S_RUNNING && r._repeat && typeof r._idleTimeout === 'number' && r._idleTimeout >= 0) {
      a.state = S_QUEUED; // setInterval re-armed: same item, new due time
      evEnqueue(a.item, Q_TIMER, a.label, a.line, a.site, dueOf(r));
    } else {
      a.state = S_GONE;
      amap.take(asyncId);
    }
  } else if (kind === K_IO && !a.oneShot) {
    a.item = 0; // a handle that fires again (a server, a socket) makes a new item each time
  } else {
    a.state = S_GONE;
    amap.take(asyncId);
  }
}
