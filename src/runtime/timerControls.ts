// clearTimeout/clearInterval/clearImmediate: async_hooks reports a cleared timer only at its (late, GC-driven)
// destroy. Wrapping the globals and the `timers` exports before user code lets the runtime emit `cancel` at the
// call itself. (Timeout.prototype.close/refresh are wrapped when the first Timeout appears: timerPatching.ts.)
import { C } from './captured';
import { noteClear } from './timerPatching';

type Clear = (handle?: unknown) => void;

function wrap(name: 'clearTimeout' | 'clearInterval' | 'clearImmediate', original: Clear): Clear {
  const wrapped = {
    [name](handle?: unknown): void {
      noteClear(handle);
      return C.apply(original, undefined, [handle]);
    },
  }[name];
  return wrapped;
}

export function wrapTimerClears(): void {
  const timers = C.timers as unknown as Record<string, unknown>;
  const g = globalThis as unknown as Record<string, unknown>;
  for (const name of ['clearTimeout', 'clearInterval', 'clearImmediate'] as const) {
    const original = C[name] as Clear;
    const w = wrap(name, original);
    if (g[name] === original) g[name] = w;
    if (timers[name] === original) timers[name] = w;
  }
}
