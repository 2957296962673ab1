// The value a promise settled with, as a short text ("42", "'ok'", "Error: boom", "{ id: 1 }"), for the chip of
// a reaction to it (a `value` event after the reaction's enqueue). Never runs the user's code.
//
// Node has no public way to read a promise's result but util.inspect, and inspect may run user code on an
// object (a Symbol.toStringTag or constructor `name` getter, Symbol.hasInstance, a Proxy in the prototype
// chain, an error's stack through Error.prepareStackTrace, a custom inspect). So inspect only hands us the value:
// - a primitive is formatted by inspect itself (formatPrimitive runs no user code): the `stylize` option gets it;
// - an object: inspect asks `ctx.seen.includes(value)` before it reads anything of it (Node 20, 22, 24). For the
//   length of the call Array.prototype.includes is ours: on the `seen` array it gets the promise, then the value,
//   which we keep and answer "seen" (inspect then prints "[Circular]" and reads nothing of it);
// - a Proxy: showProxy prints it as "Proxy [...]" without a trap.
// Our summary of an object reads own data properties only (descriptors, never a getter), and checks each
// prototype is not a Proxy before reading it. inspect also calls `seen.push` / `seen.pop` as methods: a
// program that replaced Array.prototype.push, pop or includes gets no values (test/fixtures/hostile). The promise itself must be a plain native one under a Promise
// nobody redefined (its inspection reads Promise.prototype). A start-up self-test checks the protocol on this
// Node; if it fails, no values are recorded. At most VALUE_BUDGET values per run (each costs an inspect call).
import { inspect as utilInspect, types as utilTypes } from 'node:util';
import { C } from './captured';

/**
 * Values recorded per run at most: a promise-heavy program pays for the first ones only. A read costs about
 * 0.1 ms in a traced run (swapping Array.prototype.includes twice makes V8 drop what it cached about arrays);
 * 500 keep bench/async-heavy.js within a few percent.
 */
export const VALUE_BUDGET = 500;
/** Characters of a value's text at most. */
const MAX_TEXT = 40;

// taken at preload, before the user's code (captured.ts does the same for the rest of the tracer)
const inspect = utilInspect;
const isProxy = utilTypes.isProxy;
const isNativeError = utilTypes.isNativeError;
const isPromise = utilTypes.isPromise;
const OriginalPromise = Promise;
const ArrayProto = Array.prototype as unknown as Record<string, unknown>;
const originalIncludes = Array.prototype.includes;
// inspect calls these on its `seen` array as methods (not primordials): a program that replaced one would have
// its own code run, so then no value is read
const originalPush = Array.prototype.push;
const originalPop = Array.prototype.pop;
const ownKeys = Object.keys;
const getDescriptor = C.getOwnPropertyDescriptor;
const hasOwn = C.hasOwn;
const toStringTag = Symbol.toStringTag;
const hasInstance = Symbol.hasInstance;

const OPTIONS = {
  depth: 0,
  customInspect: false,
  getters: false,
  showProxy: true,
  showHidden: false,
  colors: false,
  sorted: false,
  compact: 3,
  breakLength: Infinity,
  maxArrayLength: 4,
  maxStringLength: MAX_TEXT,
  numericSeparator: false,
  stylize: stylize,
};

/** What one inspect call found: filled by stylize and the includes hook. */
const found = { phase: 0, seen: null as unknown, text: '', object: null as object | null, hasValue: false, rejected: false };

// phases: 0 before the promise, 1 its value next, 4 the value was an object (its "[Circular]" next), 2 the value
// is known ("<rejected>" may come next), 3 done: the rest of the call (the promise's own keys, which include
// the tracer's record) is formatted without reading any object. Nothing is thrown out of inspect: an exception
// through its formatRaw makes it measure the stack's overflow message once (milliseconds).
function stylize(str: string, type: string): string {
  if (found.phase === 1) {
    found.text = type === 'special' && C.indexOf(str, 'Proxy') >= 0 ? 'Proxy' : str;
    found.hasValue = true;
    found.phase = 2;
  } else if (found.phase === 4) {
    found.phase = 2;
  } else if (found.phase === 2) {
    if (type === 'special' && str === '<rejected>') found.rejected = true;
    found.phase = 3;
  }
  return str;
}

function includesHook(this: unknown[], x: unknown): boolean {
  if (found.phase === 0) {
    found.seen = this;
    found.phase = 1; // the promise: its value comes next
    return false;
  }
  if (this !== found.seen) return C.apply(originalIncludes, this, [x]) as boolean;
  if (found.phase === 1) {
    found.object = x as object;
    found.hasValue = true;
    found.phase = 4;
  } else if (found.phase === 2) {
    found.phase = 3;
  }
  return true; // "seen": inspect prints [Circular] and reads nothing of it
}

/** Whether inspecting `p` reads only what Node itself defined (a plain native promise, Promise untouched). */
function plainPromise(p: object): boolean {
  if (C.getPrototypeOf(p) !== C.PromiseProto || hasOwn(p, 'constructor') || hasOwn(p, toStringTag)) return false;
  return (
    own(C.PromiseProto, 'constructor') === OriginalPromise &&
    own(C.PromiseProto, toStringTag) === 'Promise' &&
    own(OriginalPromise, 'name') === 'Promise' &&
    !hasOwn(OriginalPromise, hasInstance)
  );
}

/** The settled value of promise `p` as [text, rejected], or null (unknown, or not safe to read). */
function readValue(p: object): [string, boolean] | null {
  if (!isPromise(p) || !plainPromise(p)) return null;
  const includes = getDescriptor(ArrayProto, 'includes');
  if (includes === undefined || !hasOwn(includes, 'value') || includes.configurable !== true) return null;
  if (includes.value !== originalIncludes || own(ArrayProto, 'push') !== originalPush || own(ArrayProto, 'pop') !== originalPop) return null;
  found.phase = 0;
  found.seen = null;
  found.text = '';
  found.object = null;
  found.hasValue = false;
  found.rejected = false;
  if (!C.defineProperty(ArrayProto, 'includes', { value: includesHook, writable: true, configurable: true, enumerable: false })) return null;
  try {
    inspect(p, OPTIONS);
  } catch {
    found.hasValue = false;
  } finally {
    C.defineProperty(ArrayProto, 'includes', includes);
  }
  if (!found.hasValue) return null;
  const object = found.object;
  found.object = null;
  found.seen = null;
  const text = object === null ? found.text : summary(object);
  return [short(text), found.rejected];
}

function short(text: string): string {
  return text.length <= MAX_TEXT ? text : C.slice(text, 0, MAX_TEXT - 1) + '…';
}

/** An own data property's value, or undefined (absent, or an accessor: never called). */
function own(o: object, key: string | symbol): unknown {
  const d = getDescriptor(o, key);
  return d !== undefined && hasOwn(d, 'value') ? d.value : undefined;
}

/** A data property found along the prototype chain, stopping at a Proxy or an accessor. */
function inherited(o: object, key: string): unknown {
  let at: object | null = o;
  for (let depth = 0; at !== null && depth < 32; depth++) {
    if (isProxy(at)) return undefined;
    const d = getDescriptor(at, key);
    if (d !== undefined) return hasOwn(d, 'value') ? d.value : undefined;
    at = C.getPrototypeOf(at) as object | null;
  }
  return undefined;
}

/** A primitive as inspect would write it, short; objects as their kind. */
function primitive(v: unknown): string {
  switch (typeof v) {
    case 'string': {
      const json = C.stringify(v.length > 12 ? C.slice(v, 0, 11) + '…' : v);
      return "'" + C.slice(json, 1, json.length - 1) + "'";
    }
    case 'number':
    case 'boolean':
    case 'undefined':
      return '' + v;
    case 'bigint':
      return v + 'n';
    case 'symbol':
      return 'Symbol()';
    case 'function':
      return '[Function]';
    default:
      return v === null ? 'null' : C.isArray(v) ? '[…]' : '{…}';
  }
}

/** The name of a constructor found along `o`'s chain (own data `name` of a data `constructor`), or ''. */
function constructorName(o: object): string {
  const ctor = inherited(o, 'constructor');
  if (typeof ctor !== 'function' || isProxy(ctor)) return '';
  const name = own(ctor, 'name');
  return typeof name === 'string' ? name : '';
}

/** A short text of an object, read from own data properties only. */
function summary(o: object): string {
  if (isProxy(o)) return 'Proxy';
  if (typeof o === 'function') {
    const name = own(o, 'name');
    return typeof name === 'string' && name !== '' ? `[Function: ${name}]` : '[Function (anonymous)]';
  }
  if (isNativeError(o)) {
    const name = inherited(o, 'name');
    const message = own(o, 'message');
    const n = typeof name === 'string' ? name : 'Error';
    return typeof message === 'string' && message !== '' ? `${n}: ${message}` : n;
  }
  if (isPromise(o)) return 'Promise';
  if (C.isArray(o)) {
    const length = own(o, 'length');
    const n = typeof length === 'number' ? length : 0;
    let parts = '';
    for (let i = 0; i < n && i < 4; i++) parts += (i > 0 ? ', ' : '') + primitive(own(o, '' + i));
    return `[${parts}${n > 4 ? ', …' : ''}]`;
  }
  const name = constructorName(o);
  const keys = ownKeys(o);
  let parts = '';
  for (let i = 0; i < keys.length && i < 3; i++) {
    const d = getDescriptor(o, keys[i]);
    const text = d !== undefined && !hasOwn(d, 'value') ? '[Getter]' : primitive(own(o, keys[i]));
    parts += (i > 0 ? ', ' : '') + `${keys[i]}: ${text}`;
  }
  const body = keys.length === 0 ? '{}' : `{ ${parts}${keys.length > 3 ? ', …' : ''} }`;
  return name === 'Object' || name === '' ? body : `${name} ${body}`;
}

/**
 * Whether the protocol holds on this Node (checked once, at preload, on a promise of our own). An object value
 * is the case that matters: a primitive is formatted by inspect itself whatever the protocol.
 */
function selfTest(): boolean {
  try {
    // with a symbol-keyed property, as the tracer's promises have (promiseRecords.ts): the first read of the
    // run then finds inspect's code for it warm, instead of paying for it inside the user's task
    const p = OriginalPromise.resolve({ a: 1 });
    C.defineProperty(p, Symbol('loopscope'), { value: 0, enumerable: true, writable: true, configurable: true });
    const a = readValue(p);
    return a !== null && a[0] === '{ a: 1 }' && !a[1];
  } catch {
    return false;
  }
}

const state = { left: 0 };

/** Called at preload, before the promise hooks are on (the self-test makes promises). */
export function startPromiseValues(): void {
  state.left = selfTest() ? VALUE_BUDGET : 0;
}

/** Whether the run's budget has values left. */
export function valuesLeft(): boolean {
  return state.left > 0;
}

/** The settled value of `p` while the run's budget lasts, else null. */
export function settledValue(p: object): [string, boolean] | null {
  if (state.left <= 0) return null;
  state.left--;
  try {
    return readValue(p);
  } catch {
    return null;
  }
}
