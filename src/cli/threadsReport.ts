// Worker threads in the text report: a compact timeline summary per thread (when it was busy, its longest
// tasks, how late its timers ran), so the main thread's timers can be read side by side with a worker's CPU
// work. Each worker's own task blocks come before it (textReport.ts).
import type { TaskInfo, ThreadModel, TraceModel } from '../shared/modelTypes';
import { filePath } from '../shared/sourceFiles';
import { clockText, durationText, taskRanMs } from '../shared/model/stepClock';
import { internalTasks } from '../shared/justMyCode';
import { plainStyle, type Style } from './style';

/** Longest tasks listed per thread. */
const LONGEST = 3;

/** "worker 1 · _square-worker.js (new Worker at sibling-file.js line 10)". */
export function threadTitle(t: ThreadModel): string {
  const where = t.line === null ? '' : ` (new Worker at ${t.file === null ? '' : `${t.file} `}line ${t.line}${t.parent === 0 ? '' : ` in thread ${t.parent}`})`;
  return `thread ${t.id} · ${t.name}${where}`;
}

function* threadSummary(title: string, model: TraceModel, style: Style): Iterable<string> {
  const tasks = model.tasks;
  if (tasks.length === 0) {
    yield `  ${title}: no task ran`;
    return;
  }
  const internal = internalTasks(model);
  const ran = tasks.map((t) => taskRanMs(model, t));
  const busy = ran.reduce((a, b) => a + b, 0);
  const first = tasks[0].start;
  const last = Math.max(...tasks.map((t) => t.end));
  yield `  ${style.bold(title)}: ${tasks.length} task${tasks.length === 1 ? '' : 's'} from ${clockText(first)} to ${clockText(last)}, busy ${durationText(busy)}`;
  const longest = tasks
    .map((t, i) => ({ t, ms: ran[i] }))
    .filter((x) => !internal[x.t.id])
    .sort((a, b) => b.ms - a.ms)
    .slice(0, LONGEST);
  if (longest.length > 0) yield `    longest: ${longest.map(({ t, ms }) => `Task ${t.id} ${label(t)} ${durationText(ms)} (at ${clockText(t.start)})`).join(' · ')}`;
  const timers = tasks.filter((t) => t.lateMs !== undefined);
  if (timers.length > 0) {
    const latest = timers.reduce((a, b) => ((b.lateMs ?? 0) > (a.lateMs ?? 0) ? b : a));
    yield `    timers: ${timers.length}, latest ran ${durationText(latest.lateMs ?? 0)} after it was due (Task ${latest.id} ${label(latest)})`;
  }
}

function label(t: TaskInfo): string {
  const text = t.label.length > 30 ? `${t.label.slice(0, 29)}…` : t.label;
  return `\`${text}\``;
}

/** The "Threads" section: main first, then each worker; nothing when the program created no traced worker. */
export function* threadsSummaryLines(model: TraceModel, style: Style = plainStyle): Iterable<string> {
  const threads = model.threads ?? [];
  if (threads.length === 0) return;
  yield style.bold('Threads') + style.dim(' (times on one clock: a worker runs in parallel with the main thread)');
  yield* threadSummary('thread 0 · main', model, style);
  for (const t of threads) yield* threadSummary(threadTitle(t), t.model, style);
}

/** The task of `tasks` (in start order) running at `t`, or null. */
function taskAt(tasks: readonly TaskInfo[], t: number): number | null {
  let lo = 0;
  let hi = tasks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tasks[mid].start <= t) lo = mid + 1;
    else hi = mid;
  }
  const task = tasks[lo - 1];
  return task !== undefined && task.end >= t ? task.id : null;
}

/**
 * Messages between threads (TraceModel.messages) as lines of the task blocks, by thread and task: the task that
 * posted ("posted   a message to thread 0 (line 30)") and the task that received it ("received a message from
 * thread 1, posted at 306.3 ms (line 30)").
 */
export function messagesByTask(model: TraceModel): Map<number, Map<number, string[]>> {
  const out = new Map<number, Map<number, string[]>>();
  const add = (thread: number, task: number | null, line: string): void => {
    if (task === null) return;
    const tasks = out.get(thread) ?? new Map<number, string[]>();
    out.set(thread, tasks);
    tasks.set(task, [...(tasks.get(task) ?? []), line]);
  };
  const models = new Map<number, TraceModel>([[0, model], ...(model.threads ?? []).map((t): [number, TraceModel] => [t.id, t.model])]);
  for (const m of model.messages ?? []) {
    const file = m.file === null || m.file === 0 ? '' : `${filePath(model, m.file) ?? ''} `;
    const where = m.line === null ? '' : ` (${file}line ${m.line})`;
    const sender = models.get(m.from);
    if (sender) add(m.from, taskAt(sender.tasks, m.postedAt), `posted   a message to thread ${m.to}${where}`);
    add(m.to, m.task, `received a message from thread ${m.from}, posted at ${clockText(m.postedAt)}${where}`);
  }
  return out;
}
