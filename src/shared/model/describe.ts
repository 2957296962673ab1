// One plain-English sentence per step: what happened and, when the trace shows it, why. Where the trace
// cannot tell (why a reaction was queued, whether a popped frame returned or threw and was caught), the
// sentence says less rather than guess. Plain text; code is wrapped in backticks; renderers escape it.

import { firstDrainedAfter, isMacrotask, PHASE_RULES, SOURCES, type QueueName } from '../eventLoop';
import type { PromiseGroup, QueueItem, SettledWith, StepState, TaskInfo, TraceModel } from '../modelTypes';
import { ITEM_MOVED, ITEM_REARMED } from './modelData';
import { StepModel } from './traceModel';
import { operationLandingAt } from './inFlight';
import { durationText } from './stepClock';

// the job queues as the shared table says them ("the nextTick queue", "the microtask queue")
const TICKS = SOURCES.nextTick.phrase;
const MICROTASKS = SOURCES.microtask.phrase;
const TICKS_NAME = TICKS.replace(/^the /, '');
import { formatCount, formatMs } from './foldedCallsLabel';

export function describeStep(model: TraceModel, i: number): string {
  const state = model.stateAt(i);
  const subject = state.subject;
  switch (subject.kind) {
    case 'enqueue':
      return withPromise(describeEnqueue(model, i, state, subject.queue, subject.item), subject.item);
    case 'cancel':
      return `${code(subject.item.label)}${at(subject.item.line, otherFile(model, subject.item.file))} left ${SOURCES[subject.queue].phrase} without running: it was cancelled`;
    case 'task-start':
      return withPromise(describeTaskStart(model, model.tasks[subject.task]), model.tasks[subject.task]);
    case 'task-end':
      return describeTaskEnd(model, model.tasks[subject.task]);
    case 'push': {
      // called by library code (an emit, a map): say which, as the stack shows it between the two frames
      const via = subject.frame.via;
      const by = via === undefined ? '' : ` by ${code(via.name)} (library code${via.file === null ? '' : `, ${via.file}`})`;
      return `${code(subject.frame.name)} is called${by}: its frame (${lineWords(subject.frame.line, otherFile(model, subject.frame.file))}) is pushed onto the call stack`;
    }
    case 'pop':
      return threwUncaught(model, i)
        ? `${code(subject.frame.name)} threw: its frame leaves the call stack`
        : `${code(subject.frame.name)} returned`;
    case 'suspend': {
      const how = pauseKind(model, subject.frame.name, subject.frame.line, subject.frame.file);
      if (how === 'await') return `${code(subject.frame.name)} awaits: it leaves the call stack until the promise settles`;
      if (how === 'yield') return `${code(subject.frame.name)} yields: it leaves the call stack until it is resumed`;
      return `${code(subject.frame.name)} pauses: it leaves the call stack until it is resumed`;
    }
    case 'resume': {
      const how = pauseKind(model, subject.frame.name, subject.frame.line, subject.frame.file);
      const after = how === 'await' ? ' after its await' : how === 'yield' ? ' after its yield' : '';
      return `${code(subject.frame.name)} resumes${after}: its frame is back on the call stack`;
    }
    case 'calls': {
      const names = subject.calls.map((c) => `${code(c.name)} ×${formatCount(c.count)}`).join(', ');
      const ms = formatMs(subject.calls[0]?.ms ?? 0);
      return `${names} (${ms}): past this task's budget of recorded calls, these calls are counted, not stepped`;
    }
    case 'console': {
      const line = model.console[subject.console];
      const text = JSON.stringify(clip(line.text, 120));
      return line.stream === 'stderr' ? `console printed ${text} to stderr` : `console.log printed ${text}`;
    }
    case 'error': {
      const err = model.errors[subject.error];
      const where = err.line != null ? ` at ${lineWords(err.line, otherFile(model, err.file))}` : '';
      return err.kind === 'uncaught'
        ? `Uncaught ${err.message}${where}`
        : `Unhandled promise rejection: ${err.message}${where}`;
    }
    case 'end':
      return describeEnd(model, subject.reason, subject.code);
  }
}

/** A promise reaction's sentence, with what its promise settled with and the combinator member it is for. */
function withPromise(sentence: string, it: { settled?: SettledWith; group?: PromiseGroup } | undefined): string {
  if (!it) return sentence;
  const group = it.group ? `; it is ${code(it.group.label)} #${it.group.number}'s reaction to member ${it.group.index} of ${it.group.count}` : '';
  const settled = it.settled ? `; its promise ${it.settled.rejected ? 'was rejected with' : 'settled with'} ${code(it.settled.text)}` : '';
  return sentence + group + settled;
}

function describeEnqueue(model: TraceModel, i: number, state: StepState, queue: QueueName, item: QueueItem): string {
  const sentence = describeEnqueueOnly(model, i, state, queue, item);
  // the callback of an operation that was in flight: say what completed and after how long
  const landed = queue === 'timer' ? null : operationLandingAt(model, i);
  return landed ? `${sentence}: it had been in flight ${durationText(landed.pendingFor)} (${landed.title}, ${landed.where})` : sentence;
}

function describeEnqueueOnly(model: TraceModel, i: number, state: StepState, queue: QueueName, item: QueueItem): string {
  const details = model instanceof StepModel ? enqueueDetails(model, i) : undefined;
  const what = `${code(item.label)}${at(item.line, otherFile(model, item.file))}`;
  const into = SOURCES[queue].phrase;
  if (queue === 'timer') {
    const due = item.due != null ? `, due in ${Math.max(0, Math.round(item.due - state.time))} ms` : '';
    if (details?.rearmed) return `The interval ${what} is re-armed in ${into}${due}`;
    if (details?.moved) return `${what} moved in ${into}${due}`;
    return `${details?.api ? `${code(details.api)} queued ` : ''}${what}${details?.api ? '' : ' was queued'} in ${into}${due}`;
  }
  if (details?.moved) return `${what} moved to the end of ${into}`;
  switch (details?.probeKind) {
    case 'schedule': {
      const api = details.api ?? '';
      if (api === 'then' || api === 'catch' || api === 'finally' || api.endsWith('.then') || api.endsWith('.catch') || api.endsWith('.finally')) {
        return `${code(api)} callback ${what} queued in ${into} because its promise is settled`;
      }
      const tail = queue === 'io' ? ': it runs in the poll phase once the operation completes' : queue === 'close' ? ': it runs in the close phase' : '';
      return `${code(api)} queued ${what} in ${into}${tail}`;
    }
    case 'function':
    case 'await':
    case 'yield':
      return `What ${code(details.name)} waits for has settled: ${code(item.label)} is queued in ${into}`;
    case 'thenable':
      return `A job to adopt the thenable ${what} is queued in ${into}`;
    default:
      return `${what} was queued in ${into}`;
  }
}

interface EnqueueDetails {
  api?: string;
  name: string;
  probeKind?: string;
  rearmed: boolean;
  moved: boolean;
}

function enqueueDetails(model: StepModel, i: number): EnqueueDetails {
  const record = model.data.subjects[i];
  const flags = model.data.items.flags[record];
  const probe = model.data.probes[model.data.items.probes[record]];
  return {
    api: probe?.kind === 'schedule' ? probe.name : undefined,
    name: probe?.name ?? '',
    probeKind: probe?.kind,
    rearmed: (flags & ITEM_REARMED) !== 0,
    moved: (flags & ITEM_MOVED) !== 0,
  };
}

function describeTaskStart(model: TraceModel, task: TaskInfo): string {
  const what = `${code(task.label)}${at(task.line, otherFile(model, task.file))}`;
  if (task.queue === 'script') {
    if (model.meta.module === 'esm') return 'The ES module body starts: Node runs it as a job (a microtask), on the call stack';
    return model.meta.worker
      ? "The worker's script starts: its thread runs the file's top-level code on its own call stack"
      : "The main script starts: Node runs the file's top-level code on the call stack";
  }
  const phase = SOURCES[task.queue].phase;
  const opening = phase && PHASE_RULES[phase].opening;
  if (opening) return `${opening} ${what} ${task.queue === 'timer' ? 'is due and runs' : 'runs'}`;
  const previous = model.tasks[task.id - 1];
  const prevQueue = previous?.queue;
  const afterMacrotask = !previous || isMacrotask(prevQueue);
  if (task.queue === 'nextTick') {
    if (afterMacrotask) return `The call stack is empty: Node drains ${TICKS}, then ${MICROTASKS}; ${what} runs first`;
    if (prevQueue === 'microtask') return `The microtask queue is empty: Node drains ${TICKS}; ${what} runs`;
    return `Next in ${TICKS}: ${what} runs`;
  }
  if (afterMacrotask) {
    if (prevQueue && firstDrainedAfter(prevQueue, model.meta.module) === 'microtask') {
      return `The module body's job ended: V8 drains ${MICROTASKS} before Node's ${TICKS_NAME}; ${what} runs`;
    }
    return `The call stack and ${TICKS} are empty: Node drains ${MICROTASKS}; ${what} runs`;
  }
  if (prevQueue === 'nextTick') return `The nextTick queue is empty: Node drains ${MICROTASKS}; ${what} runs`;
  return `Next in ${MICROTASKS}: ${what} runs`;
}

function describeTaskEnd(model: TraceModel, task: TaskInfo): string {
  if (task.queue === 'script') {
    if (model.meta.module === 'esm') return 'The ES module body finished: the call stack is empty';
    return model.meta.worker ? "The worker's script finished: its call stack is empty" : 'The main script finished: the call stack is empty';
  }
  return `${code(task.label)} finished`;
}

function describeEnd(model: TraceModel, reason: string, exitCode: number | null): string {
  const codeNote = exitCode != null && exitCode !== 0 ? ` (exit code ${exitCode})` : '';
  switch (reason) {
    case 'completed':
      return `The run ended: the event loop has nothing left to do${codeNote}`;
    case 'timeout':
      return `The run was stopped: it exceeded the time limit of ${model.meta.timeoutMs} ms`;
    case 'event-cap':
      return `The run was stopped after ${model.meta.maxEvents} events (the event cap)`;
    case 'uncaught-error':
      return `The process exited because of an uncaught error${codeNote}`;
    case 'process-exit':
      return `The process exited through ${code('process.exit')}${codeNote}`;
    default:
      return `The run ended (${reason})${codeNote}`;
  }
}

/** A pop followed (after more pops only) by an uncaught error: the frame was unwound by the throw. */
function threwUncaught(model: TraceModel, i: number): boolean {
  for (let j = i + 1; j < model.stepCount; j++) {
    const kind = model.kindAt(j);
    if (kind === 'pop') continue;
    return kind === 'error' && model.errors[(model.stateAt(j).subject as { error: number }).error]?.kind === 'uncaught';
  }
  return false;
}

/**
 * Whether a function's pauses are awaits or yields: from await/yield probes when the table has them, else
 * from the source text at the function's probe (`async` vs `function*`). Undefined when it cannot tell
 * (e.g. an async generator does both).
 */
function pauseKind(model: TraceModel, frameName: string, frameLine: number, frameFile?: string | null): 'await' | 'yield' | undefined {
  if (!(model instanceof StepModel)) return undefined;
  let kinds = pauseKindCache.get(model);
  if (!kinds) {
    kinds = new Map();
    for (const p of model.data.probes) {
      if (p.kind !== 'await' && p.kind !== 'yield') continue;
      const seen = kinds.get(p.name);
      kinds.set(p.name, seen === undefined || seen === p.kind ? p.kind : 'both');
    }
    pauseKindCache.set(model, kinds);
  }
  const k = kinds.get(frameName);
  if (k === 'await' || k === 'yield') return k;
  if (k === 'both') return undefined;
  const key = `${frameName}@${frameFile ?? ''}:${frameLine}`;
  if (!kinds.has(key)) kinds.set(key, pauseKindFromSource(model, frameName, frameLine, frameFile) ?? 'both');
  const fromSource = kinds.get(key);
  return fromSource === 'both' ? undefined : fromSource;
}

function pauseKindFromSource(model: StepModel, frameName: string, frameLine: number, frameFile?: string | null): 'await' | 'yield' | undefined {
  // the frame's file among the trace's files (one file: the entry, index 0)
  const index = Math.max(0, model.files?.findIndex((f) => f.path === frameFile) ?? 0);
  const probe = model.data.probes.find((p) => p.kind === 'function' && p.name === frameName && p.line === frameLine && (p.file ?? 0) === index);
  const source = index === 0 ? model.source : (model.files?.[index]?.source ?? '');
  const lineText = probe ? source.split('\n', probe.line)[probe.line - 1] : undefined;
  if (!probe || lineText === undefined) return undefined;
  const before = lineText.slice(0, Math.max(0, probe.column - 1));
  const head = lineText.slice(Math.max(0, probe.column - 1));
  const isAsync = /^async\b/.test(head) || /\basync\s*$/.test(before);
  const isGenerator = /^(async\s+)?function\s*\*/.test(head) || /^\*/.test(head) || /\*\s*$/.test(before);
  if (isAsync && !isGenerator) return 'await';
  if (isGenerator && !isAsync) return 'yield';
  return undefined;
}
const pauseKindCache = new WeakMap<StepModel, Map<string, 'await' | 'yield' | 'both'>>();

function code(text: string): string {
  return '`' + text.replace(/`/g, 'ˋ') + '`';
}

function at(line: number | null, other: string | null = null): string {
  return line != null ? ` (${lineWords(line, other)})` : '';
}

/** "line 3", or "line 3 of lib/util.ts" for a line of another file than the traced one. */
function lineWords(line: number, other: string | null): string {
  return other === null ? `line ${line}` : `line ${line} of ${other}`;
}

/** `file` when the trace has several files and it is not the traced one (sourceFiles.ts), else null. */
function otherFile(model: TraceModel, file: string | null | undefined): string | null {
  const files = model.files;
  return files !== undefined && file != null && file !== files[0]?.path ? file : null;
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
