// What the panel needs from "just my code" (src/shared/justMyCode.ts), built once per loaded trace so every
// per-step question is O(1) or O(log tasks): which tasks are Node's own, where the next/previous task of the
// user's starts (task navigation skips Node's), which fold of internal tasks a step is in and its summary,
// and which queue items Node's own code queued (drawn dimmed). Nothing is hidden from the step view.

import type { TaskInfo, TraceModel } from '../src/shared/modelTypes';
import { bisectLeft, bisectRight } from 'd3-array';
import { foldInternalTasks, internalFoldSummary, internalTasks } from '../src/shared/justMyCode';

type IndexedModel = Pick<TraceModel, 'tasks' | 'stepCount' | 'kindAt' | 'taskAt' | 'stateAt'>;

export class InternalTaskIndex {
  /** One flag per task id: the task ran none of the user's code. */
  readonly internal: readonly boolean[];
  /** How many tasks are internal. */
  readonly internalCount: number;
  /** Task-start steps of the user's tasks, ascending (tasks are numbered in run order). */
  private readonly userStarts: Int32Array;
  /** Per task id: the index of its fold in `folds`, or -1 for the user's tasks. */
  private readonly foldOf: Int32Array;
  private readonly folds: { tasks: readonly TaskInfo[]; note?: string }[] = [];
  /** Ids of queue items every enqueue of which happened inside an internal task. */
  private readonly internalItems: ReadonlySet<string>;

  /** O(steps + tasks), once per loaded trace. */
  constructor(private readonly model: IndexedModel) {
    const internal = internalTasks(model);
    this.internal = internal;
    this.internalCount = internal.filter(Boolean).length;
    const starts: number[] = [];
    for (const t of model.tasks) if (!internal[t.id]) starts.push(t.firstStep);
    this.userStarts = Int32Array.from(starts);
    this.foldOf = new Int32Array(model.tasks.length).fill(-1);
    for (const run of foldInternalTasks(model.tasks, internal)) {
      if (run.kind !== 'internal') continue;
      for (const t of run.tasks) this.foldOf[t.id] = this.folds.length;
      this.folds.push({ tasks: run.tasks });
    }
    this.internalItems = internallyQueuedItems(model, internal);
  }

  /** The first task-start step after `from` of the user's tasks, or -1. */
  nextTaskStart(from: number): number {
    const i = bisectRight(this.userStarts, from);
    return i < this.userStarts.length ? this.userStarts[i] : -1;
  }

  /** The last task-start step before `from` of the user's tasks, or -1. */
  prevTaskStart(from: number): number {
    const i = bisectLeft(this.userStarts, from);
    return i > 0 ? this.userStarts[i - 1] : -1;
  }

  /** Whether task `task` (an id, or null between tasks) is Node's own. */
  isInternalTask(task: number | null): boolean {
    return task !== null && !!this.internal[task];
  }

  /** Whether the queue item `id` was queued by Node's own code (every time it was queued). */
  isInternalItem(id: string): boolean {
    return this.internalItems.has(id);
  }

  /**
   * "Node's own code: 12 internal tasks (microtask 9, nextTick 3)" when `step` is inside an internal task
   * (the fold of consecutive internal tasks it belongs to), else null. The summary is built once per fold.
   */
  noteAt(step: number): string | null {
    if (step < 0 || step >= this.model.stepCount) return null;
    const task = this.model.taskAt(step);
    if (task === null || task >= this.foldOf.length) return null;
    const f = this.foldOf[task];
    if (f < 0) return null;
    const fold = this.folds[f];
    fold.note ??= `Node's own code: ${internalFoldSummary(fold.tasks)}`;
    return fold.note;
  }
}

/**
 * Item ids all of whose enqueues ran inside an internal task. One pass over the steps; an enqueue step's
 * subject is read without assembling the stack or queues. An item queued between tasks (no task) or by the
 * user's code even once is not Node's own.
 */
function internallyQueuedItems(model: IndexedModel, internal: readonly boolean[]): Set<string> {
  const byNode = new Set<string>();
  const byUser = new Set<string>();
  for (let step = 0; step < model.stepCount; step++) {
    if (model.kindAt(step) !== 'enqueue') continue;
    const subject = model.stateAt(step).subject;
    if (subject.kind !== 'enqueue') continue;
    const task = model.taskAt(step);
    if (task !== null && internal[task]) byNode.add(subject.item.id);
    else byUser.add(subject.item.id);
  }
  for (const id of byUser) byNode.delete(id);
  return byNode;
}
