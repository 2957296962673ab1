// When the operation behind each I/O callback started (an fs request, a DNS lookup, a socket read: the model's
// in-flight records, inFlight.ts), keyed by the task that ran its callback, so the Timeline draws I/O from its
// start to its callback. O(records + tasks), once per trace.

import type { TraceModel } from '../modelTypes';
import { StepModel } from './traceModel';

export interface OperationStart {
  /** ms since the run started. */
  start: number;
  /** The line that started it, when known. */
  line: number | null;
}

/** Per task id: when the operation whose callback the task ran started (only tasks that had one). */
export function operationStarts(model: TraceModel): Map<number, OperationStart> {
  const out = new Map<number, OperationStart>();
  if (!(model instanceof StepModel)) return out;
  const f = model.data.inFlight;
  // a record's callback is the first task of its item id that starts at or after the step it landed
  const tasksOfItem = new Map<string, number[]>();
  for (const t of model.tasks) {
    const list = tasksOfItem.get(t.itemId);
    if (list) list.push(t.id);
    else tasksOfItem.set(t.itemId, [t.id]);
  }
  for (let r = 0; r < f.ids.length; r++) {
    const candidates = tasksOfItem.get(f.ids[r]);
    const task = candidates?.find((id) => model.tasks[id].firstStep >= f.toSteps[r] && !out.has(id));
    if (task !== undefined) out.set(task, { start: f.starts[r], line: f.lines[r] >= 0 ? f.lines[r] : null });
  }
  return out;
}
