// What the Timeline draws, built once per loaded trace (pure, no DOM): one lane per thread with its tasks in
// start order, one row per call of the user's async functions, one row per timer or I/O wait (from scheduling
// to the callback), and the level-of-detail pass that merges the bars of one pixel column into one, so a
// frame costs O(visible tasks) arithmetic and at most one fillRect per pixel column, never one per task.

import type { AsyncCall, TaskInfo, TraceModel } from '../src/shared/modelTypes';

export interface ThreadInfo {
  id: number;
  name: string;
}

/** Only the main thread is traced today; a worker's tasks will carry their thread id. */
export const MAIN_THREADS: readonly ThreadInfo[] = [{ id: 0, name: 'main' }];

export interface ThreadLane {
  thread: ThreadInfo;
  /** Task ids in start order (ties by id). */
  tasks: Int32Array;
  starts: Float64Array;
  ends: Float64Array;
  /** Running maximum of `ends` (ascending), to find the first task still running at a time. */
  endsMax: Float64Array;
}

export interface TimelineData {
  lanes: ThreadLane[];
  /** Calls of the user's async functions, in call order: one row each. */
  calls: readonly AsyncCall[];
  /** Timers and I/O callbacks whose scheduling was seen, in scheduling order: one row each. */
  waits: readonly TaskInfo[];
  /** [0, last time anything happened], ms since the run started. */
  domain: [number, number];
}

/** Queues whose callbacks wait for time or the outside world: drawn from scheduling to firing. */
export const WAITING_QUEUES: ReadonlySet<string> = new Set(['timer', 'io']);

function threadOf(task: TaskInfo): number {
  return (task as TaskInfo & { thread?: number }).thread ?? 0;
}

export function buildTimelineData(model: Pick<TraceModel, 'tasks' | 'asyncCalls'>, threads: readonly ThreadInfo[] = MAIN_THREADS): TimelineData {
  let end = 0;
  const lanes = threads.map((thread): ThreadLane => {
    const mine = model.tasks.filter((t) => threadOf(t) === thread.id).sort((a, b) => a.start - b.start || a.id - b.id);
    const ends = Float64Array.from(mine, (t) => Math.max(t.start, t.end));
    const endsMax = new Float64Array(ends.length);
    for (let i = 0, m = -Infinity; i < ends.length; i++) endsMax[i] = m = Math.max(m, ends[i]);
    return { thread, tasks: Int32Array.from(mine, (t) => t.id), starts: Float64Array.from(mine, (t) => t.start), ends, endsMax };
  });
  for (const t of model.tasks) end = Math.max(end, t.end, t.start);
  for (const c of model.asyncCalls) end = Math.max(end, c.end ?? c.start);
  const waits = model.tasks
    .filter((t) => WAITING_QUEUES.has(t.queue) && t.queuedAt !== undefined)
    .sort((a, b) => (a.queuedAt ?? 0) - (b.queuedAt ?? 0) || a.id - b.id);
  return { lanes, calls: model.asyncCalls, waits, domain: [0, end > 0 ? end : 1] };
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

/** One drawn bar of a lane: the tasks lane.tasks[first..last] merged into pixels [x0, x1). */
export interface MergedBar {
  first: number;
  last: number;
  x0: number;
  x1: number;
  /** The task that ran longest in the group: the bar takes its queue colour. */
  main: number;
}

/**
 * The bars to draw for a lane in [d0, d1] with `x` mapping ms to pixels: a task at least a pixel wide is
 * its own bar; consecutive tasks narrower than that which fall in the same pixel column merge into one bar
 * one pixel wide. Tasks run one at a time on a thread, so a lane in start order is in pixel order.
 */
export function mergedBars(lane: ThreadLane, d0: number, d1: number, x: (ms: number) => number): MergedBar[] {
  const out: MergedBar[] = [];
  let i = lowerBound(lane.endsMax, d0);
  const n = lane.tasks.length;
  let group: MergedBar | null = null;
  let longest = -1;
  for (; i < n && lane.starts[i] <= d1; i++) {
    const x0 = x(lane.starts[i]);
    const x1 = x(lane.ends[i]);
    const duration = lane.ends[i] - lane.starts[i];
    const px = Math.floor(x0);
    if (group && x1 - x0 < 1 && px < group.x1) {
      // in the pixel column the current bar ends in: merge
      group.last = i;
      group.x1 = Math.max(group.x1, x1, px + 1);
      if (duration > longest) {
        longest = duration;
        group.main = i;
      }
      continue;
    }
    group = { first: i, last: i, x0: x1 - x0 < 1 ? px : x0, x1: x1 - x0 < 1 ? px + 1 : x1, main: i };
    longest = duration;
    out.push(group);
  }
  return out;
}
