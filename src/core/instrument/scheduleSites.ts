// Which calls queue a callback, and which of their arguments are the callbacks. Matching is by shape only
// (`setTimeout(...)`, `timers.setTimeout(...)`, `x.then(...)`, `new Promise(...)`): `R.c` returns its argument
// unchanged, so a false match costs nothing but a label.
import type { CallExpression, NewExpression } from 'acorn';

export interface ScheduleSite {
  /** The probe name: "setTimeout", "nextTick", "then", "Promise", ... */
  api: string;
  /** Indexes of the callback arguments. */
  callbackArgs: readonly number[];
  /** Offset of the site's position: the API name in the callee (or `new`). */
  at: number;
}

const GLOBAL_SCHEDULERS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask']);
/** Objects whose timer methods are the global ones: `globalThis.setTimeout`, `timers.setTimeout`. */
const TIMER_OWNERS = new Set(['globalThis', 'global', 'window', 'self', 'timers']);
const FIRST = [0] as const;
const PROMISE_METHODS: Record<string, readonly number[]> = { then: [0, 1], catch: FIRST, finally: FIRST };

export function scheduleSiteOfCall(call: CallExpression): ScheduleSite | null {
  const callee = call.callee;
  if (callee.type === 'Identifier') {
    return GLOBAL_SCHEDULERS.has(callee.name) ? { api: callee.name, callbackArgs: FIRST, at: callee.start } : null;
  }
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return null;
  const method = callee.property.name;
  const owner = callee.object;
  if (Object.hasOwn(PROMISE_METHODS, method)) {
    return { api: method, callbackArgs: PROMISE_METHODS[method], at: callee.property.start };
  }
  if (owner.type !== 'Identifier') return null;
  if (GLOBAL_SCHEDULERS.has(method) && TIMER_OWNERS.has(owner.name)) {
    return { api: method, callbackArgs: FIRST, at: callee.property.start };
  }
  if (method === 'nextTick' && owner.name === 'process') {
    return { api: 'nextTick', callbackArgs: FIRST, at: callee.property.start };
  }
  return null;
}

export function scheduleSiteOfNew(expr: NewExpression): ScheduleSite | null {
  return expr.callee.type === 'Identifier' && expr.callee.name === 'Promise'
    ? { api: 'Promise', callbackArgs: FIRST, at: expr.start }
    : null;
}

/** `Promise.resolve(X)`: X may be a thenable. */
export function isPromiseResolveCall(call: CallExpression): boolean {
  const callee = call.callee;
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'Promise' &&
    callee.property.type === 'Identifier' &&
    callee.property.name === 'resolve'
  );
}
