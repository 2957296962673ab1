// "Just my code": which tasks ran none of the user's code. fetch, http, streams and `server.close` queue many
// nextTicks and promise jobs of their own; shown one by one they bury the user's few steps. A task is
// internal when, between its start and its end, no function of the user's was entered, resumed or counted, nothing
// was printed and no error was raised. Presentation only: the model keeps every task, the JSON marks them
// `"internal": true`, and the text report and the panel fold consecutive internal tasks into one line.
import type { StepKind, TaskInfo, TraceModel } from './modelTypes';
import { SOURCES, type TaskSource } from './eventLoop';

/** Steps that show the user's code at work ('calls': the user's functions ran, counted past the call budget). */
const USER_STEPS: ReadonlySet<StepKind> = new Set<StepKind>(['push', 'resume', 'calls', 'console', 'error']);

/** One flag per task (by task id): true when the task ran none of the user's code. O(steps). */
export function internalTasks(model: Pick<TraceModel, 'tasks' | 'stepCount' | 'kindAt'>): boolean[] {
  return model.tasks.map((task) => {
    if (task.queue === 'script') return false; // the script is the user's, even when it only requires
    for (let step = task.firstStep; step <= task.lastStep && step < model.stepCount; step++) {
      if (USER_STEPS.has(model.kindAt(step))) return false;
    }
    return true;
  });
}

/** A run of consecutive tasks: the user's task, or a fold of internal ones. */
export type TaskRun = { kind: 'task'; task: TaskInfo } | { kind: 'internal'; tasks: TaskInfo[] };

/** The tasks in order, consecutive internal ones folded together (a single internal task folds too). */
export function* foldInternalTasks(tasks: readonly TaskInfo[], internal: readonly boolean[]): Iterable<TaskRun> {
  let fold: TaskInfo[] = [];
  for (const task of tasks) {
    if (internal[task.id]) {
      fold.push(task);
      continue;
    }
    if (fold.length > 0) yield { kind: 'internal', tasks: fold };
    fold = [];
    yield { kind: 'task', task };
  }
  if (fold.length > 0) yield { kind: 'internal', tasks: fold };
}

/** "12 internal tasks (microtask 9, nextTick 3)": how many, from which queues, in the table's words. */
export function internalFoldSummary(tasks: readonly TaskInfo[]): string {
  const counts = new Map<TaskSource, number>();
  for (const t of tasks) counts.set(t.queue, (counts.get(t.queue) ?? 0) + 1);
  const perQueue = [...counts].map(([q, n]) => `${SOURCES[q].word} ${n}`).join(', ');
  return `${tasks.length} internal task${tasks.length === 1 ? '' : 's'} (${perQueue})`;
}
