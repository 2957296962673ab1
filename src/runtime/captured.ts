// Every global the tracer uses, captured when the preload runs, before any user code: user code may replace
// `Promise`, `console`, `setTimeout`, `JSON`, `Math` or `fs.writeSync`, and the tracer must keep working.
import * as fs from 'node:fs';
import * as asyncHooks from 'node:async_hooks';
import Module from 'node:module';
import timers from 'node:timers';
import * as path from 'node:path';
import * as url from 'node:url';
import type * as v8 from 'node:v8';
import { types as utilTypes } from 'node:util';

/**
 * A Node internal module (the runner passes --expose-internals), or null without the flag. The tracer takes
 * the internals behind two public modules because the public ones cost start-up time plain node does not
 * spend: node:v8 loads node:stream (about 3 ms), the `performance` global loads perf_hooks (about 1 ms).
 */
function internalModule<T>(id: string): T | null {
  try {
    return Module.createRequire(__filename)(id) as T;
  } catch {
    return null;
  }
}
/** v8.promiseHooks is this module object itself. */
const promiseHooks =
  internalModule<typeof v8.promiseHooks>('internal/promise_hooks') ?? (require('node:v8') as typeof v8).promiseHooks;
/** What performance.now() returns, without the brand check and without loading perf_hooks. */
const perfNow = internalModule<{ now: () => number }>('internal/perf/utils')?.now ?? performance.now.bind(performance);

const reflectApply = Reflect.apply;
const uncurry =
  <T, A extends unknown[], R>(fn: (this: T, ...args: A) => R) =>
  (self: T, ...args: A): R =>
    reflectApply(fn, self, args);

/**
 * Collections whose methods user code cannot take away (`Map.prototype.set = null` must not stop the tracer):
 * subclasses holding their own copies of the prototype's methods, taken now, as Node's primordials SafeMap.
 */
function ownMethods(from: object, to: object): void {
  for (const key of Reflect.ownKeys(from)) {
    if (key === 'constructor') continue;
    Reflect.defineProperty(to, key, Reflect.getOwnPropertyDescriptor(from, key) as PropertyDescriptor);
  }
}
class SafeMap<K, V> extends Map<K, V> {}
class SafeWeakMap<K extends object, V> extends WeakMap<K, V> {}
class SafeSet<T> extends Set<T> {}
class SafeWeakSet<T extends object> extends WeakSet<T> {}
ownMethods(Map.prototype, SafeMap.prototype);
ownMethods(WeakMap.prototype, SafeWeakMap.prototype);
ownMethods(Set.prototype, SafeSet.prototype);
ownMethods(WeakSet.prototype, SafeWeakSet.prototype);

export const C = {
  writeSync: fs.writeSync,
  readFileSync: fs.readFileSync,
  openSync: fs.openSync,
  closeSync: fs.closeSync,
  createHook: asyncHooks.createHook,
  promiseHooks,
  pathToFileURL: url.pathToFileURL,
  fileURLToPath: url.fileURLToPath,
  extname: path.extname,
  timers,
  perfNow,
  dateNow: Date.now,
  round: Math.round,
  floor: Math.floor,
  max: Math.max,
  min: Math.min,
  imul: Math.imul,
  Float64Array,
  Array,
  isArray: Array.isArray,
  stringify: JSON.stringify,
  parse: JSON.parse,
  String,
  Promise,
  PromiseProto: Promise.prototype,
  getPrototypeOf: Reflect.getPrototypeOf,
  getOwnPropertyDescriptor: Reflect.getOwnPropertyDescriptor,
  defineProperty: Reflect.defineProperty,
  apply: reflectApply,
  hasOwn: Object.hasOwn,
  asyncIterator: Symbol.asyncIterator,
  WeakMap: SafeWeakMap,
  Symbol,
  Map: SafeMap,
  Set: SafeSet,
  WeakSet: SafeWeakSet,
  bufferFrom: Buffer.from,
  allocBuffer: Buffer.allocUnsafeSlow,
  /** Buffer#utf8Write(string, offset): bytes written (Node's own fast path behind buffer.write). */
  utf8Write: uncurry((Buffer.prototype as unknown as { utf8Write: (this: Buffer, s: string, offset: number) => number }).utf8Write),
  byteLength: Buffer.byteLength,
  /** Not `instanceof`: user code may redefine Uint8Array[Symbol.hasInstance]. */
  isUint8Array: utilTypes.isUint8Array as (x: unknown) => x is Uint8Array,
  isEncoding: Buffer.isEncoding,
  bufferToString: uncurry(Buffer.prototype.toString as (this: Buffer, encoding: BufferEncoding) => string),
  /** String#isWellFormed / toWellFormed (undefined before V8 11.3). */
  isWellFormed: (String.prototype as { isWellFormed?: () => boolean }).isWellFormed,
  toWellFormed: (String.prototype as { toWellFormed?: () => string }).toWellFormed,
  listenerCount: process.listenerCount,
  processAbort: process.abort,
  slice: uncurry(String.prototype.slice),
  splice: uncurry(Array.prototype.splice as (this: unknown[], start: number, deleteCount: number) => unknown[]),
  charCodeAt: uncurry(String.prototype.charCodeAt),
  indexOf: uncurry(String.prototype.indexOf),
  split: uncurry(String.prototype.split as (this: string, sep: string) => string[]),
  exec: uncurry(RegExp.prototype.exec as (this: RegExp, s: string) => RegExpExecArray | null),
  nextTick: process.nextTick,
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  clearInterval: globalThis.clearInterval,
  clearImmediate: globalThis.clearImmediate,
  processExit: process.exit,
  processEmit: process.emit,
  processOn: process.on,
  reallyExit: (process as unknown as { reallyExit?: (code: number) => never }).reallyExit,
  kill: process.kill,
  pid: process.pid,
  version: process.version,
};
