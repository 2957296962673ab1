// When the model stores a full copy of the state (a checkpoint), and the copies themselves. A checkpoint is
// taken once the ops since the previous one reach max(K, current state size): the checkpoints' total size
// stays below the number of ops (memory linear in events, even with 100k items queued for a long time) and
// rebuilding any state costs O(K + state size) ops (stateCursor.ts).

import { Int32Column } from './growableColumns';
import type { Checkpoints } from './modelData';
import type { RefDeque } from './refDeque';

/** Minimum ops between two checkpoints (K). */
export const CHECKPOINT_INTERVAL = 256;

/** The policy: whether `opsSince` ops since the last checkpoint, with `stateSize` refs held now, call for one. */
export function checkpointDue(opsSince: number, stateSize: number): boolean {
  return opsSince >= CHECKPOINT_INTERVAL && opsSince >= stateSize;
}

export class CheckpointRecorder {
  private readonly steps = new Int32Column();
  private readonly offsets = new Int32Column();
  private readonly lens = new Int32Column();
  private readonly pool = new Int32Column(1024);
  private opsAtLast = 0;

  /** Called after each step: stores the containers' state after `step` if the policy says so. */
  afterStep(step: number, opCount: number, stateSize: number, containers: readonly RefDeque[]): void {
    if (!checkpointDue(opCount - this.opsAtLast, stateSize)) return;
    this.steps.push(step);
    this.offsets.push(this.pool.length);
    for (const box of containers) {
      this.lens.push(box.length);
      const at = this.pool.reserve(box.length); // may reallocate pool.data: read it after
      this.pool.data.set(box.view(), at);
    }
    this.opsAtLast = opCount;
  }

  finish(): Checkpoints {
    return {
      steps: this.steps.trimmed(),
      offsets: this.offsets.trimmed(),
      lens: this.lens.trimmed(),
      pool: this.pool.trimmed(),
      count: this.steps.length,
    };
  }
}
