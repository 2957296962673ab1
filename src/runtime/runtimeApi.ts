// The injected runtime API (docs/ARCHITECTURE.md, "The injected runtime API"): the methods the instrumented
// code calls. Kept small: the hot ones (e, x, g) do one array write and one string append.
import { C } from './captured';
import { R, awaitWatch, type RuntimeApi } from './apiObject';
import { enter, exit, suspend, resume, isSuspended, resumeIfFolded, setCallBudget } from './callStack';
import { noteAwait, noteSchedule, noteThenable } from './thenableJobs';
import { moduleBodyEnded, scriptRunning } from './runningTask';
import { stopNow } from './runLifecycle';
import { enableFastCopies, noteFastProgress } from './foldedCalls';

/** Loop iterations between two clock reads of the wall-clock guard (R.g). */
const GUARD_INTERVAL = 1023;

export interface ApiOptions {
  deadline: number;
  /** Calls each task records before further ones are folded (Infinity: all), and the whole run's. */
  callBudget: number;
  callAllowance: number;
  promiseResolveProbes: Set<number>;
  /** The run's probe count (sizes the fast copies' counts), null when unknown: no fast copy runs. */
  probeCount: number | null;
  /** ESM: the module graph's evaluation begins (R.b, imported first by the entry: esmEntrySource.ts). */
  onModuleStart: (() => void) | null;
}

export function installRuntimeApi(name: string, opts: ApiOptions): RuntimeApi {
  const deadline = opts.deadline;
  const promiseResolve = opts.promiseResolveProbes;

  // The hottest two are callStack.ts's own functions, called through a Proxy (made here, before any user
  // code could replace Proxy): TurboFan never inlines a call to a proxy. Inlined, enter and exit and the record
  // writers they inline were compiled again into every hot instrumented function, which then soon runs only
  // its fast copy (README "Hot code"): fib(32) compiled in 8-11 ms instead of 1 ms on V8's compiler thread,
  // about 10 ms more CPU per run. A proxy call costs about 20 ns more, and calls are recorded only within
  // the call budget.
  R.e = new Proxy(enter, {});
  if (opts.callBudget !== Infinity) setCallBudget(opts.callBudget, opts.callAllowance);
  if (opts.probeCount !== null) enableFastCopies(opts.probeCount);
  R.x = new Proxy(exit, {});
  R.s = function s<T>(inv: number | null, value: T): T {
    if (inv === null) {
      // top-level await of an ES module: the module body stops here; its rest runs as "resume module" jobs
      noteAwait(-2, -1, value, R.l);
      if (scriptRunning()) awaitWatch.tailAfter = true; // ends the script task once the await is set up
      return value;
    }
    const line = R.l; // the await's line: suspend() gives the caller its own line back
    const probe = suspend(inv);
    noteAwait(inv, probe, value, line);
    return value;
  };
  R.r = function r<T>(inv: number, value: T): T {
    awaitWatch.mode = 0;
    if (resumeIfFolded(inv)) return value;
    const probe = isSuspended(inv);
    if (probe !== undefined) resume(inv, probe);
    return value;
  };
  R.fa = function fa<T>(inv: number, source: T): T | AsyncIterable<unknown> {
    if (source === null || source === undefined) return source;
    const make: unknown = (source as Record<symbol, unknown>)[C.asyncIterator];
    if (typeof make !== 'function') return source; // sync iterable: for-await's own wrapper keeps its timing
    const wrapped = {
      [C.asyncIterator]() {
        const it = C.apply(make as () => AsyncIterator<unknown>, source, []);
        const out: AsyncIterator<unknown> = {
          next(...args: [] | [unknown]) {
            const p = C.apply(it.next, it, args);
            const line = R.l;
            const probe = suspend(inv);
            noteAwait(inv, probe, p, line);
            return p;
          },
        };
        if (typeof it.return === 'function') out.return = (v?: unknown) => C.apply(it.return as (v?: unknown) => Promise<IteratorResult<unknown>>, it, [v]);
        if (typeof it.throw === 'function') out.throw = (e?: unknown) => C.apply(it.throw as (e?: unknown) => Promise<IteratorResult<unknown>>, it, [e]);
        return out;
      },
    };
    return wrapped as unknown as AsyncIterable<unknown>;
  };
  R.c = function c<T>(probe: number, fn: T): T {
    awaitWatch.mode = 0;
    noteSchedule(probe, fn);
    return fn;
  };
  R.t = function t<T>(probe: number, value: T): T {
    awaitWatch.mode = 0;
    noteThenable(probe, value, promiseResolve.has(probe));
    return value;
  };
  R.g = function g(): void {
    R.n = GUARD_INTERVAL;
    noteFastProgress();
    if (C.dateNow() > deadline) stopNow('timeout');
  };
  R.m = function m(): void {
    moduleBodyEnded();
  };
  const onModuleStart = opts.onModuleStart;
  let moduleStarted = false;
  R.b = function b(): void {
    if (moduleStarted || onModuleStart === null) return;
    moduleStarted = true;
    onModuleStart();
  };
  C.defineProperty(globalThis, name, { value: R, writable: false, enumerable: false, configurable: false });
  return R;
}

