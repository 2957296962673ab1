// Worker threads in the text report: a compact timeline summary per thread (when it was busy, its longest
// tasks, how late its timers ran), so the main thread's timers can be read side by side with a worker's CPU
// work. Each worker's own task blocks come before it (textReport.ts).
import type { TaskInfo, ThreadModel, TraceModel } from '../shared/modelTypes';
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
