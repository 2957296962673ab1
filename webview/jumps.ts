// Where the toolbar's jumps go: the next/previous console line, and the next/previous task, which skips the
// tasks that ran only Node's own code unless the "Node's internal tasks" toggle shows them. The step arrows
// and the scrubber are not jumps: they visit every step.

import type { TraceModel } from '../src/shared/modelTypes';
import type { InternalTaskIndex } from './internalTaskIndex';
import type { ModelApi } from './model';

export interface JumpRequest {
  kind: 'output' | 'task';
  direction: 1 | -1;
  /** The step jumped from. */
  from: number;
  /** Task jumps visit Node's internal tasks too. */
  showInternal: boolean;
}

/** The step a jump lands on, or -1 when there is none that way. O(log steps). */
export function jumpTarget(api: ModelApi, model: TraceModel, internal: Pick<InternalTaskIndex, 'nextTaskStart' | 'prevTaskStart'>, j: JumpRequest): number {
  if (j.kind === 'task' && !j.showInternal) return j.direction > 0 ? internal.nextTaskStart(j.from) : internal.prevTaskStart(j.from);
  if (j.kind === 'task') return j.direction > 0 ? api.nextTaskStart(model, j.from) : api.prevTaskStart(model, j.from);
  return j.direction > 0 ? api.nextConsoleStep(model, j.from) : api.prevConsoleStep(model, j.from);
}
