// The `--json` document's per-thread parts (traceDocument.ts): the `threads` list, and one thread's tasks,
// console lines, in-flight operations, errors and async calls, each marked with its thread; a `message` task
// lists the messages it received from other threads (model/threadMessages.ts).
import type { PromiseGroup, SettledWith, TraceModel } from './modelTypes';
import type { TraceDocument } from './traceDocument';
import { inFlightKind } from './eventLoop';
import { StepModel } from './model/traceModel';
import { filePath, lineInFile } from './sourceFiles';

/** The main thread: `steps` are its steps. */
export const MAIN_THREAD = { id: 0, name: 'main' } as const;

/** The threads: main, then each worker with where `new Worker` created it. */
export function threadList(model: TraceModel): TraceDocument['threads'] {
  return [MAIN_THREAD, ...(model.threads ?? []).map((t) => ({ id: t.id, name: t.name, file: t.file, line: t.line, parent: t.parent }))];
}

type Received = NonNullable<TraceDocument['tasks'][number]['messages']>[number];

/** The messages thread `thread`'s tasks received from other threads, by task id (model.messages). */
export function receivedBy(model: TraceModel, thread: number): Map<number, Received[]> {
  const out = new Map<number, Received[]>();
  for (const m of model.messages ?? []) {
    if (m.to !== thread || m.task === null) continue;
    const list = out.get(m.task) ?? [];
    list.push({ fromThread: m.from, postedAt: m.postedAt, line: m.line, file: m.file === null ? null : filePath({ meta: model.meta, files: model.files }, m.file) });
    out.set(m.task, list);
  }
  return out;
}

/** One thread's tasks, console lines, errors and async calls, each marked with the thread's id. */
export function threadParts(
  model: TraceModel,
  thread: number,
  internal: boolean[],
  received: ReadonlyMap<number, Received[]>,
): Pick<TraceDocument, 'tasks' | 'console' | 'inFlight' | 'errors' | 'asyncCalls'> {
  return {
    tasks: model.tasks.map((t) => ({
      thread,
      id: t.id,
      queue: t.queue,
      label: t.label,
      line: t.line,
      file: t.file ?? null,
      start: t.start,
      end: t.end,
      phase: t.phase,
      itemId: t.itemId,
      firstStep: t.firstStep,
      lastStep: t.lastStep,
      internal: internal[t.id],
      ...(t.queuedAt === undefined ? {} : { queuedAt: t.queuedAt }),
      ...promiseFields(t),
      ...(t.due === undefined ? {} : { due: t.due, lateMs: t.lateMs }),
      ...(received.has(t.id) ? { messages: received.get(t.id) } : {}),
    })),
    console: model.console.map((c) => ({ ...c, file: c.file ?? null, thread })),
    inFlight: inFlightList(model),
    errors: model.errors.map((e) => ({ ...e, file: e.file ?? null, ...(thread === MAIN_THREAD.id ? {} : { thread }) })),
    asyncCalls: model.asyncCalls.map((c) => ({
      id: c.id,
      name: c.name,
      file: filePath({ meta: model.meta, files: model.files }, c.file),
      line: c.line,
      thread,
      start: c.start,
      end: c.end,
      callerLine: c.callerLine === null ? null : lineInFile(c.callerLine),
      task: c.task,
      step: c.step,
      awaits: c.awaits.map((a) => ({ ...a, line: a.line === null ? null : lineInFile(a.line) })),
    })),
  };
}

/** What a promise reaction's promise settled with, and its Promise.all group, in the JSON's words. */
export function promiseFields(it: { settled?: SettledWith; group?: PromiseGroup }): { value?: SettledWith; group?: PromiseGroup } {
  return { ...(it.settled ? { value: it.settled } : {}), ...(it.group ? { group: it.group } : {}) };
}

function inFlightList(model: TraceModel): TraceDocument['inFlight'] {
  if (!(model instanceof StepModel)) return [];
  const f = model.data.inFlight;
  const out: TraceDocument['inFlight'] = [];
  for (let r = 0; r < f.ids.length; r++) {
    const kind = inFlightKind(f.labels[r]);
    if (kind === undefined || f.toSteps[r] <= f.fromSteps[r]) continue;
    const line = f.lines[r];
    out.push({ id: f.ids[r], resource: f.labels[r], kind, line: line >= 0 ? lineInFile(line) : null, file: model.fileOfLine(line), start: f.starts[r], fromStep: f.fromSteps[r], toStep: f.toSteps[r] });
  }
  return out;
}
