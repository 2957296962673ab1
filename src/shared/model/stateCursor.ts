// Reconstructs the stack and queues at any step from the model's ops and checkpoints. It remembers where it
// is, so moving one step forward or back (the panel playing or scrubbing) replays one step's ops; a jump
// starts from whichever is cheaper: the current position or the nearest checkpoint at or before the target.

import { CONTAINER_COUNT, OP_REMOVE, type ModelData } from './modelData';
import { RefDeque } from './refDeque';

const REMOVE = OP_REMOVE; // a local copy for the hot loops (imports can be getters in unbundled builds)

export class StateCursor {
  /** Container 0 = call stack (bottom first), 1..6 = queues (head first). Read-only for callers. */
  readonly containers: RefDeque[] = Array.from({ length: CONTAINER_COUNT }, () => new RefDeque());
  /** The state is the one after this step; -1 = before the first step. */
  step = -1;

  constructor(private readonly data: ModelData) {}

  seek(target: number): void {
    if (target === this.step) return;
    const { opStart } = this.data;
    const here = opStart[this.step + 1];
    const there = opStart[target + 1];
    const fromHere = Math.abs(there - here);
    const cp = this.checkpointAtOrBefore(target);
    let fromCheckpoint = there - opStart[cp < 0 ? 0 : this.data.checkpoints.steps[cp] + 1];
    if (cp >= 0) fromCheckpoint += this.checkpointSize(cp);
    if (fromCheckpoint < fromHere) this.loadCheckpoint(cp);
    if (target > this.step) this.forward(target);
    else if (target < this.step) this.backward(target);
  }

  private forward(target: number): void {
    const { opStart, opCode, opPos, opRef } = this.data;
    const end = opStart[target + 1];
    for (let o = opStart[this.step + 1]; o < end; o++) {
      const code = opCode[o];
      const box = this.containers[code & 7];
      if (code & REMOVE) box.removeAt(opPos[o]);
      else box.insertAt(opPos[o], opRef[o]);
    }
    this.step = target;
  }

  private backward(target: number): void {
    const { opStart, opCode, opPos, opRef } = this.data;
    const stop = opStart[target + 1];
    for (let o = opStart[this.step + 1] - 1; o >= stop; o--) {
      const code = opCode[o];
      const box = this.containers[code & 7];
      if (code & REMOVE) box.insertAt(opPos[o], opRef[o]);
      else box.removeAt(opPos[o]);
    }
    this.step = target;
  }

  private checkpointAtOrBefore(step: number): number {
    const { steps, count } = this.data.checkpoints;
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (steps[mid] <= step) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  private checkpointSize(cp: number): number {
    const { lens } = this.data.checkpoints;
    let n = 0;
    for (let c = 0; c < CONTAINER_COUNT; c++) n += lens[cp * CONTAINER_COUNT + c];
    return n;
  }

  /** cp = -1 loads the empty state before the first step. */
  private loadCheckpoint(cp: number): void {
    if (cp < 0) {
      for (const box of this.containers) box.clear();
      this.step = -1;
      return;
    }
    const { steps, offsets, lens, pool } = this.data.checkpoints;
    let at = offsets[cp];
    for (let c = 0; c < CONTAINER_COUNT; c++) {
      const n = lens[cp * CONTAINER_COUNT + c];
      this.containers[c].load(pool.subarray(at, at + n));
      at += n;
    }
    this.step = steps[cp];
  }
}
