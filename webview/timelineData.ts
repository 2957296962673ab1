// What the Timeline draws, built once per loaded trace (pure, no DOM): one lane per thread with its tasks in
// start order, one row per call of the user's async functions, one row per timer or I/O wait (from scheduling
// to the callback), and the level-of-detail pass that merges the bars of one pixel column into one, so a
// frame costs O(visible tasks) arithmetic and at most one fillRect per pixel column, never one per task.

import type { AsyncCall, TaskInfo, ThreadModel, TraceModel } from '../src/shared/modelTypes';
import { operationStarts, type OperationStart } from '../src/shared/model';
import { internalTasks } from '../src/shared/justMyCode';

export interface ThreadInfo {
  id: number;
  name: string;
}

/** A trace without worker threads: the main thread alone. */
export const MAIN_THREADS: readonly ThreadInfo[] = [{ id: 0, name: 'main' }];

export interface ThreadLane {
  thread: ThreadInfo;
  /** Task ids in start order (ties by id). */
  tasks: Int32Array;
  starts: Float64Array;
  ends: Float64Array;
  /** Running maximum of `ends` (ascending), to find the first task still running at a time. */
  endsMax: Float64Array;
  /**
   * A worker thread's lane: the table `tasks` index (its own model's tasks) and which of them ran none of the
   * user's code. Absent on the main thread's lane, whose ids index the loaded model's tasks.
   */
  table?: readonly TaskInfo[];
  internal?: readonly boolean[];
}

export interface TimelineData {
  lanes: ThreadLane[];
  /** Calls of the user's async functions, every thread's, in call order: one row each. */
  calls: readonly RowCall[];
  /** Timers and I/O callbacks whose scheduling (or operation's start) was seen, in that order: one row each. */
  waits: readonly Wait[];
  /** [0, last time anything happened], ms since the run started. */
  domain: [number, number];
  /** Messages between threads (postMessage): from a lane at the post's time to the receiving task's start. */
  links: MessageLink[];
}

export interface MessageLink {
  fromLane: number;
  postedAt: number;
  toLane: number;
  receivedAt: number;
}

/** A call of an async function; `thread`: a worker thread's call (its `step` is that thread's), absent on main. */
export type RowCall = AsyncCall & { thread?: number };

/** A callback that waited for time or the outside world: a timer from setTimeout, I/O from its operation's start. */
export interface Wait {
  task: TaskInfo;
  /** A worker thread's wait (its task is that thread's); absent on the main thread. */
  thread?: number;
  /** When the wait began, ms: the timer was scheduled, or the operation started. */
  from: number;
  /** The line that scheduled the timer or started the operation. */
  line: number | null;
}

/** The waits of a trace, in the order they began. `operations`: when each I/O task's operation started. */
export function waitsOf(tasks: readonly TaskInfo[], operations: ReadonlyMap<number, OperationStart>): Wait[] {
  const waits: Wait[] = [];
  for (const task of tasks) {
    if (task.queue === 'timer' && task.queuedAt !== undefined) waits.push({ task, from: task.queuedAt, line: task.queuedLine ?? null });
    const op = task.queue === 'io' ? operations.get(task.id) : undefined;
    if (op) waits.push({ task, from: Math.min(op.start, task.start), line: op.line });
  }
  return waits.sort((a, b) => a.from - b.from || a.task.id - b.task.id);
}

/** The model's threads when it has worker threads (TraceModel.threads): main first, then each worker. */
export function threadsOf(model: object): readonly ThreadInfo[] {
  const listed = (model as { threads?: ThreadInfo[] }).threads;
  return Array.isArray(listed) && listed.length > 0 ? [MAIN_THREADS[0], ...listed.map((t) => ({ id: t.id, name: t.name }))] : MAIN_THREADS;
}

/** A worker thread's own model, when the trace has one for this thread id. */
function workerModel(model: object, id: number): TraceModel | undefined {
  if (id === 0) return undefined;
  const listed = (model as { threads?: Partial<ThreadModel>[] }).threads;
  return Array.isArray(listed) ? listed.find((t) => t.id === id)?.model : undefined;
}

function threadOf(task: TaskInfo): number {
  return (task as TaskInfo & { thread?: number }).thread ?? 0;
}

export function buildTimelineData(
  model: Pick<TraceModel, 'tasks' | 'asyncCalls'>,
  threads: readonly ThreadInfo[] = threadsOf(model),
  operations: ReadonlyMap<number, OperationStart> = new Map(),
): TimelineData {
  let end = 0;
  const byThread = new Map<number, TaskInfo[]>(threads.map((t) => [t.id, []]));
  for (const t of model.tasks) {
    byThread.get(threadOf(t))?.push(t);
    end = Math.max(end, t.end, t.start);
  }
  const lanes = threads.map((thread): ThreadLane => {
    const worker = workerModel(model, thread.id);
    const mine = worker ? worker.tasks.slice() : byThread.get(thread.id) ?? [];
    if (worker) for (const t of mine) end = Math.max(end, t.end, t.start);
    // tasks are numbered in run order, so a thread's are in start order already: sort only if not
    let sorted = true;
    for (let i = 1; i < mine.length && sorted; i++) sorted = mine[i - 1].start <= mine[i].start;
    if (!sorted) mine.sort((a, b) => a.start - b.start || a.id - b.id);
    const n = mine.length;
    const tasks = new Int32Array(n);
    const starts = new Float64Array(n);
    const ends = new Float64Array(n);
    const endsMax = new Float64Array(n);
    for (let i = 0, m = -Infinity; i < n; i++) {
      tasks[i] = mine[i].id;
      starts[i] = mine[i].start;
      ends[i] = Math.max(mine[i].start, mine[i].end);
      endsMax[i] = m = Math.max(m, ends[i]);
    }
    return { thread, tasks, starts, ends, endsMax, ...(worker ? { table: worker.tasks, internal: internalTasks(worker) } : {}) };
  });
  // a worker's async calls and waits are rows too, marked with their thread, among main's in time order
  let calls: RowCall[] = model.asyncCalls as RowCall[];
  let waits = waitsOf(model.tasks, operations);
  const workers = threads.flatMap((t) => {
    const m = workerModel(model, t.id);
    return m ? [{ id: t.id, model: m }] : [];
  });
  if (workers.length > 0) {
    calls = [...calls, ...workers.flatMap((w) => w.model.asyncCalls.map((c) => ({ ...c, thread: w.id })))].sort((a, b) => a.start - b.start);
    waits = [...waits, ...workers.flatMap((w) => waitsOf(w.model.tasks, operationStarts(w.model)).map((x) => ({ ...x, thread: w.id })))].sort(
      (a, b) => a.from - b.from || (a.thread ?? 0) - (b.thread ?? 0) || a.task.id - b.task.id,
    );
  }
  for (const c of calls) end = Math.max(end, c.end ?? c.start);
  return { lanes, calls, waits, domain: [0, end > 0 ? end : 1], links: linksOf(model, lanes) };
}

/** The model's messages between threads (TraceModel.messages) whose both ends have a lane and a task. */
function linksOf(model: object, lanes: readonly ThreadLane[]): MessageLink[] {
  const messages = (model as Pick<TraceModel, 'messages'>).messages ?? [];
  const out: MessageLink[] = [];
  for (const m of messages) {
    const fromLane = lanes.findIndex((l) => l.thread.id === m.from);
    const toLane = lanes.findIndex((l) => l.thread.id === m.to);
    if (fromLane < 0 || toLane < 0 || m.task === null) continue;
    const table = lanes[toLane].table ?? (model as Pick<TraceModel, 'tasks'>).tasks;
    const task = table[m.task];
    if (task !== undefined) out.push({ fromLane, postedAt: m.postedAt, toLane, receivedAt: task.start });
  }
  return out;
}

/** The first index whose value is >= x in an ascending array (binary search). */
export function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A linear map from ms to pixels: x = k * ms + c (a d3 scale's call costs far more in a 100k-task loop). */
export interface LinearMap {
  k: number;
  c: number;
}

/** One drawn bar of a lane: the tasks lane.tasks[first..last] merged into pixels [x0, x1). */
export interface MergedBar {
  first: number;
  last: number;
  x0: number;
  x1: number;
}

/**
 * The bars to draw for a lane in [d0, d1]: a task at least a pixel wide is its own bar; the tasks narrower
 * than that which start in the same pixel column merge into one bar one pixel wide. Tasks run one at a time
 * on a thread, so in start order only the last task starting in a column can reach past it: the rest of the
 * column is skipped by binary search, and a frame costs O(columns x log tasks + wide tasks), not O(tasks).
 */
export function mergedBars(lane: ThreadLane, d0: number, d1: number, map: LinearMap): MergedBar[] {
  const out: MergedBar[] = [];
  const { k, c } = map;
  const n = lane.tasks.length;
  let i = lowerBound(lane.endsMax, d0);
  while (i < n && lane.starts[i] <= d1) {
    const x0 = k * lane.starts[i] + c;
    const x1 = k * lane.ends[i] + c;
    if (x1 - x0 >= 1) {
      out.push({ first: i, last: i, x0, x1 });
      i++;
      continue;
    }
    const px = Math.floor(x0);
    // every task that starts before the next column is in this one
    const j = Math.max(i + 1, lowerBound(lane.starts, (px + 1 - c) / k));
    let last = j - 1;
    // ...but the last of them may run on past it: then it is a bar of its own
    if (last > i && k * lane.ends[last] + c - (k * lane.starts[last] + c) >= 1) last--;
    out.push({ first: i, last, x0: px, x1: px + 1 });
    i = last + 1;
  }
  return out;
}
