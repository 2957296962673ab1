// The traced call stack: frames pushed by R.e, popped by R.x, taken off by R.s (await/yield) and put back on
// resume. Parallel arrays keep the hot path free of allocations.
import { emit, now } from './eventBuffer';

const invs: number[] = [];
const probes: number[] = [];
let depth = 0;
let nextInv = 0;
/** Suspended frames: invocation -> function probe. */
const suspended = new Map<number, number>();

export function enter(probe: number): number {
  const inv = ++nextInv;
  invs[depth] = inv;
  probes[depth++] = probe;
  emit('["enter",' + now() + ',' + probe + ',' + inv + ']\n');
  return inv;
}

export function exit(inv: number): void {
  if (depth > 0 && invs[depth - 1] === inv) {
    depth--;
    emit('["exit",' + now() + ',' + inv + ']\n');
    return;
  }
  const probe = suspended.get(inv);
  if (probe !== undefined) {
    // A generator closed while suspended (return()/throw()): its finally runs without a yield resuming it.
    resume(inv, probe);
    depth--;
    emit('["exit",' + now() + ',' + inv + ']\n');
    return;
  }
  // Unbalanced (a frame that was pushed outside any task, or an interrupted unwind): pop down to it.
  for (let i = depth - 1; i >= 0; i--) {
    if (invs[i] === inv) {
      while (depth > i) emit('["exit",' + now() + ',' + invs[--depth] + ']\n');
      return;
    }
  }
}

/** The function probe of the innermost frame, or -1 at top level. */
export function topProbe(): number {
  return depth > 0 ? probes[depth - 1] : -1;
}

/** R.s: the frame `inv` (the innermost one) leaves the stack. */
export function suspend(inv: number): number {
  let probe = -1;
  if (depth > 0 && invs[depth - 1] === inv) {
    probe = probes[--depth];
  } else {
    for (let i = depth - 1; i >= 0; i--) {
      if (invs[i] === inv) {
        probe = probes[i];
        invs.splice(i, 1);
        probes.splice(i, 1);
        depth--;
        break;
      }
    }
    if (probe === -1) return -1; // not on the stack (already suspended): nothing to do
  }
  suspended.set(inv, probe);
  emit('["suspend",' + now() + ',' + inv + ']\n');
  return probe;
}

export function resume(inv: number, probe: number): void {
  if (!suspended.delete(inv)) return;
  invs[depth] = inv;
  probes[depth++] = probe;
  emit('["resume",' + now() + ',' + inv + ']\n');
}

export function isSuspended(inv: number): number | undefined {
  return suspended.get(inv);
}

/** A task ended with frames still on the stack (a generator parked at a yield): they are suspended. */
export function suspendAll(): void {
  while (depth > 0) {
    const inv = invs[--depth];
    suspended.set(inv, probes[depth]);
    emit('["suspend",' + now() + ',' + inv + ']\n');
  }
}

export function stackDepth(): number {
  return depth;
}
