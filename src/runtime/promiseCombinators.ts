// Promise.all / allSettled / race / any, wrapped so that the reactions to their members are known as a group
// ("Promise.all #1 · 2 of 3"). While a combinator's synchronous call runs, every reaction promise created with a
// parent is the combinator's own reaction to its next member (V8 makes one per member, with the promise hooks
// on); promiseHooks.ts marks them (markMember) and writes a 'member' record when one is queued. When the call
// returns, a 'group' record gives the combinator's name, its member count and the line of the call.
// The wrappers keep what code can see of the originals: name, length, not constructible (method shorthand),
// toString() giving the native text (functionSource.ts showAsNative); `this` and the arguments pass unchanged.
import { C } from './captured';
import { R } from './apiObject';
import { labelCode } from './recordEncoding';
import { writeGroup } from './recordWriters';
import { showAsNative } from './functionSource';

const NAMES = ['all', 'allSettled', 'race', 'any'] as const;

/** The combinator call running now (group 0: none), and how many members it has marked so far. */
const running = { group: 0, index: 0, groups: 0 };

type Combinator = (this: unknown, iterable: unknown) => unknown;

function wrap(name: (typeof NAMES)[number], original: Combinator): Combinator {
  const label = 'Promise.' + name;
  return {
    [name](this: unknown, iterable: unknown): unknown {
      // a combinator called while another one iterates its members (a generator calling Promise.all) belongs to
      // the outer one's call: only the outermost is a group
      if (running.group !== 0) return C.apply(original, this, arguments as unknown as unknown[]);
      const group = ++running.groups;
      const line = R.l;
      running.group = group;
      running.index = 0;
      try {
        return C.apply(original, this, arguments as unknown as unknown[]);
      } finally {
        const count = running.index;
        running.group = 0;
        writeGroup(group, labelCode(label), count, typeof line === 'number' ? line : null);
      }
    },
  }[name] as Combinator;
}

/** Replaces the four combinators of the global Promise (at preload, before the user's code). */
export function wrapPromiseCombinators(): void {
  const P = Promise as unknown as Record<string, unknown>;
  for (const name of NAMES) {
    const original = P[name];
    if (typeof original !== 'function') continue;
    const wrapper = wrap(name, original as Combinator);
    showAsNative(wrapper, original);
    C.defineProperty(P, name, { value: wrapper, writable: true, configurable: true, enumerable: false });
  }
}

/** The member a reaction promise created now reacts to, as group * MEMBER_SPAN + 0-based index, or -1 (no combinator call). */
export function markMember(): number {
  if (running.group === 0) return -1;
  return running.group * MEMBER_SPAN + running.index++;
}

/** A member mark is group * MEMBER_SPAN + index. */
export const MEMBER_SPAN = 1 << 20;
