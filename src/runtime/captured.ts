// Every global the tracer uses, captured when the preload runs, before any user code: user code may replace
// `Promise`, `console`, `setTimeout`, `JSON`, `Math` or `fs.writeSync`, and the tracer must keep working.
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import * as asyncHooks from 'node:async_hooks';
import timers from 'node:timers';
import * as path from 'node:path';
import * as url from 'node:url';
import { isMainThread } from 'node:worker_threads';

const uncurry =
  <T, A extends unknown[], R>(fn: (this: T, ...args: A) => R) =>
  (self: T, ...args: A): R =>
    Reflect.apply(fn, self, args);

export const C = {
  isMainThread,
  writeSync: fs.writeSync,
  readFileSync: fs.readFileSync,
  openSync: fs.openSync,
  closeSync: fs.closeSync,
  createHook: asyncHooks.createHook,
  promiseHooks: v8.promiseHooks,
  pathToFileURL: url.pathToFileURL,
  resolvePath: path.resolve,
  extname: path.extname,
  timers,
  perfNow: performance.now.bind(performance),
  dateNow: Date.now,
  round: Math.round,
  max: Math.max,
  imul: Math.imul,
  Float64Array,
  Array,
  stringify: JSON.stringify,
  String,
  Promise,
  PromiseProto: Promise.prototype,
  getPrototypeOf: Reflect.getPrototypeOf,
  getOwnPropertyDescriptor: Reflect.getOwnPropertyDescriptor,
  defineProperty: Reflect.defineProperty,
  apply: Reflect.apply,
  hasOwn: Object.hasOwn,
  asyncIterator: Symbol.asyncIterator,
  WeakMap,
  Symbol,
  Map,
  WeakSet,
  bufferFrom: Buffer.from,
  allocBuffer: Buffer.allocUnsafeSlow,
  /** Buffer#utf8Write(string, offset): bytes written (Node's own fast path behind buffer.write). */
  utf8Write: uncurry((Buffer.prototype as unknown as { utf8Write: (this: Buffer, s: string, offset: number) => number }).utf8Write),
  byteLength: Buffer.byteLength,
  fromCharCode: String.fromCharCode,
  isUint8Array: (x: unknown): x is Uint8Array => x instanceof Uint8Array,
  slice: uncurry(String.prototype.slice),
  charCodeAt: uncurry(String.prototype.charCodeAt),
  indexOf: uncurry(String.prototype.indexOf),
  split: uncurry(String.prototype.split as (this: string, sep: string) => string[]),
  exec: uncurry(RegExp.prototype.exec as (this: RegExp, s: string) => RegExpExecArray | null),
  arrayPush: uncurry(Array.prototype.push as (this: unknown[], ...items: unknown[]) => number),
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
