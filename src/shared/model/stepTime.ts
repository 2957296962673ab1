// A step's time without assembling its state when the model can say it cheaply.

import type { TraceModel } from '../modelTypes';

export function stepTime(model: TraceModel, step: number): number {
  const fast = model as TraceModel & { timeAt?: (step: number) => number };
  return fast.timeAt ? fast.timeAt(step) : model.stateAt(step).time;
}
