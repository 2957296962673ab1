// Replays the raw events once and records, per step, a few scalars and the ops that change the stack and the
// queues (insert/remove at a position), plus a checkpoint of the full state now and then. A checkpoint is
// taken once the ops since the previous one reach max(K, current state size): the checkpoints' total size
// stays below the number of ops (memory linear in events, even with 100k items queued for a long time) and
// rebuilding any state costs O(K + state size) ops.

import type { Probe, RawEvent, RawTrace } from '../rawTrace';
import type { ConsoleLine, ErrorInfo, TaskInfo } from '../modelTypes';
import { PHASES, QUEUE_NAMES, SOURCES, phaseOfTask, type LoopPhase, type TaskSource } from '../eventLoop';
import { Int32Column, OpLog } from './growableColumns';
import { itemLabel, SCRIPT_LABEL_CJS, SCRIPT_LABEL_ESM } from './itemLabel';
import {
  CONTAINER_COUNT,
  containerOfQueue,
  ITEM_MOVED,
  ITEM_REARMED,
  drainingCode,
  NO_PHASE,
  OP_REMOVE,
  queueOfContainer,
  STACK,
  STEP_KIND_CODE,
  type ItemTable,
  type FrameTable,
  type ModelData,
} from './modelData';
import { RefDeque } from './refDeque';

/** Minimum ops between two checkpoints. */
export const CHECKPOINT_INTERVAL = 256;

export interface BuiltModel {
  data: ModelData;
  tasks: TaskInfo[];
  console: ConsoleLine[];
  errors: ErrorInfo[];
}

/** The one queue kept in due-time order (the timers); every other queue is first in, first out. */
const TIMER = containerOfQueue(QUEUE_NAMES.find((q) => SOURCES[q].order === 'due-time')!);
const QUEUE_CONTAINER = new Map<string, number>(QUEUE_NAMES.map((q) => [q, containerOfQueue(q)]));

// module-local copies: imported bindings can be property reads through a getter in unbundled builds
const KIND = { ...STEP_KIND_CODE };
const REMOVE = OP_REMOVE;
const STACK_BOX = STACK;
const NONE = NO_PHASE;
const PHASE_LIST = [...PHASES];

const ON_STACK = 1;
const SUSPENDED = 2;

export function buildModelData(raw: RawTrace): BuiltModel {
  const events: readonly RawEvent[] = raw.events ?? [];
  const probes: Probe[] = raw.probes ?? [];
  const moduleFormat = raw.meta?.module ?? 'cjs';
  const n = events.length;

  const kinds = new Uint8Array(n);
  const taskCol = new Int32Array(n);
  const lineCol = new Int32Array(n);
  const timeCol = new Float64Array(n);
  const subjectCol = new Int32Array(n);
  const phaseCol = new Uint8Array(n);
  const drainCol = new Uint8Array(n);
  const opStart = new Int32Array(n + 1);
  const ops = new OpLog(n + 16);
  const cpSteps = new Int32Column();
  const cpOffsets = new Int32Column();
  const cpLens = new Int32Column();
  const cpPool = new Int32Column(1024);

  const items: ItemTable = { ids: [], labels: [], lines: [], dues: [], queues: [], probes: [], flags: [] };
  const frames: FrameTable = { invs: [], probes: [], callerLines: [] };
  const ends: ModelData['ends'] = new Map();
  const tasks: TaskInfo[] = [];
  const consoleLines: ConsoleLine[] = [];
  const errors: ErrorInfo[] = [];

  const boxes = Array.from({ length: CONTAINER_COUNT }, () => new RefDeque(64));
  const stack = boxes[STACK_BOX];
  /** id -> the record currently queued under that id */
  const queued = new Map<string, number>();
  const ranIds = new Set<string>();
  const frameOfInv = new Map<number, number>();
  const frameWhere: number[] = [];
  const callerLine: number[] = [];
  const pausedLine: number[] = [];

  let running = -1;
  let drainCode = 0;
  let runningPhase = NONE;
  let macroPhase = NONE;
  let cur = -1; // running line, -1 = unknown
  let s = 0; // steps so far
  let size = 0; // items + frames in the state
  let opsAtCheckpoint = 0;
  let lastTime = 0;

  const timerBefore = (r: number) => (other: number): boolean => {
    const a = dueKey(items.dues[other]);
    const b = dueKey(items.dues[r]);
    return a < b || (a === b && other < r);
  };

  const insert = (c: number, pos: number, ref: number): void => {
    boxes[c].insertAt(pos, ref);
    ops.add(c, pos, ref);
    size++;
  };
  const remove = (c: number, pos: number): void => {
    const ref = boxes[c].removeAt(pos);
    ops.add(c | REMOVE, pos, ref);
    size--;
  };
  const positionInQueue = (c: number, r: number): number => {
    const box = boxes[c];
    if (box.length > 0 && box.at(0) === r) return 0;
    if (c === TIMER) {
      const pos = box.lowerBound(timerBefore(r));
      if (pos < box.length && box.at(pos) === r) return pos;
    }
    return box.indexOf(r);
  };
  const unqueue = (r: number): void => {
    const c = items.queues[r];
    const pos = positionInQueue(c, r);
    if (pos >= 0) remove(c, pos);
  };
  /** Starts step `s`; ops added until the next step belong to it. */
  const begin = (kind: number, t: number, line: number, subject: number): void => {
    kinds[s] = kind;
    timeCol[s] = t;
    lineCol[s] = line;
    subjectCol[s] = subject;
    taskCol[s] = running;
    phaseCol[s] = running >= 0 ? runningPhase : macroPhase;
    drainCol[s] = running >= 0 ? drainCode : 0;
    opStart[s] = ops.count;
  };
  const finishTask = (task: number, t: number, lastStep: number): void => {
    tasks[task].end = t;
    tasks[task].lastStep = lastStep;
  };
  const stackNames = (): string[] => {
    const names: string[] = [];
    for (let i = 0; i < stack.length; i++) names.push(probes[frames.probes[stack.at(i)]]?.name ?? '(unknown)');
    return names;
  };

  for (let e = 0; e < n; e++) {
    const ev = events[e];
    if (!Array.isArray(ev)) continue;
    const t = typeof ev[1] === 'number' ? ev[1] : lastTime;
    lastTime = t;
    let emitted = true;
    switch (ev[0]) {
      case 'line':
        cur = lineOrUnknown(ev[2]);
        emitted = false;
        break;
      case 'enqueue': {
        const c = QUEUE_CONTAINER.get(ev[3]);
        if (c === undefined) {
          emitted = false;
          break;
        }
        const id = String(ev[2]);
        const probe = ev[6] == null ? undefined : probes[ev[6]];
        const r = items.ids.length;
        items.ids.push(id);
        items.labels.push(itemLabel(probe, String(ev[4] ?? id)));
        items.lines.push(ev[5] != null ? lineOrUnknown(ev[5]) : lineOrUnknown(probe?.line));
        items.dues.push(c === TIMER && typeof ev[7] === 'number' ? ev[7] : NaN);
        items.queues.push(c);
        items.probes.push(probe ? (ev[6] as number) : -1);
        begin(KIND.enqueue, t, cur >= 0 ? cur : lineOrUnknown(probe?.line), r);
        let flags = ranIds.has(id) ? ITEM_REARMED : 0;
        const previous = queued.get(id);
        if (previous !== undefined) {
          unqueue(previous);
          flags |= ITEM_MOVED;
        }
        items.flags.push(flags);
        insert(c, c === TIMER ? boxes[c].lowerBound(timerBefore(r)) : boxes[c].length, r);
        queued.set(id, r);
        break;
      }
      case 'cancel': {
        const id = String(ev[2]);
        const r = queued.get(id);
        if (r === undefined) {
          emitted = false;
          break;
        }
        begin(KIND.cancel, t, cur, r);
        unqueue(r);
        queued.delete(id);
        break;
      }
      case 'run': {
        const id = String(ev[2]);
        if (running >= 0) finishTask(running, t, s - 1); // a 'done' went missing
        const task = tasks.length;
        const r = queued.get(id);
        let queue: TaskSource;
        let label: string;
        let itemLine = -1;
        if (id === 'script') {
          queue = 'script';
          label = moduleFormat === 'esm' ? SCRIPT_LABEL_ESM : SCRIPT_LABEL_CJS;
        } else if (r !== undefined) {
          queue = queueOfContainer(items.queues[r]);
          label = items.labels[r];
          itemLine = items.lines[r];
        } else {
          // never enqueued: the runtime could not see it being queued; show it as a job of unknown origin
          queue = 'microtask';
          label = id;
        }
        const phase: LoopPhase = phaseOfTask(queue, macroPhase === NONE ? null : PHASE_LIST[macroPhase]);
        if (SOURCES[queue].phase) macroPhase = PHASE_LIST.indexOf(phase);
        const line = ev[3] != null ? lineOrUnknown(ev[3]) : itemLine;
        tasks.push({
          id: task,
          itemId: id,
          queue,
          phase,
          label,
          line: line >= 0 ? line : null,
          start: t,
          end: t,
          firstStep: s,
          lastStep: s,
        });
        running = task;
        runningPhase = PHASE_LIST.indexOf(phase);
        drainCode = drainingCode(queue);
        cur = line;
        begin(KIND['task-start'], t, line, task);
        if (r !== undefined) {
          unqueue(r);
          queued.delete(id);
        }
        ranIds.add(id);
        break;
      }
      case 'done': {
        if (running < 0 || tasks[running].itemId !== String(ev[2])) {
          emitted = false;
          break;
        }
        begin(KIND['task-end'], t, cur, running);
        // frames whose exit never came (the runtime stopped mid-call) cannot outlive their task
        while (stack.length > 0) {
          frameWhere[stack.at(stack.length - 1)] = 0;
          remove(STACK_BOX, stack.length - 1);
        }
        finishTask(running, t, s);
        running = -1;
        drainCode = 0;
        cur = -1;
        break;
      }
      case 'enter': {
        const probe = ev[2];
        const fr = frames.invs.length;
        frames.invs.push(ev[3]);
        frames.probes.push(probe);
        frameOfInv.set(ev[3], fr);
        // the runtime says where the caller was (the call site); older traces: the model's running line
        const callSite = typeof ev[4] === 'number' ? ev[4] : -1;
        callerLine.push(callSite >= 0 ? callSite : cur);
        frames.callerLines.push(callSite);
        pausedLine.push(-1);
        frameWhere.push(ON_STACK);
        const line = probes[probe] ? lineOrUnknown(probes[probe].line) : cur;
        begin(KIND.push, t, line, fr);
        insert(STACK_BOX, stack.length, fr);
        cur = line;
        break;
      }
      case 'exit': {
        const fr = frameOfInv.get(ev[2]);
        if (fr === undefined) {
          emitted = false;
          break;
        }
        // a return lands at the call site, as a debugger's step-out does: the pop step shows the caller's line
        if (frameWhere[fr] === ON_STACK) cur = callerLine[fr];
        begin(KIND.pop, t, cur, fr);
        if (frameWhere[fr] === ON_STACK) {
          const pos = stack.lastIndexOf(fr);
          if (pos >= 0) remove(STACK_BOX, pos);
        }
        frameWhere[fr] = 0;
        frameOfInv.delete(ev[2]);
        break;
      }
      case 'suspend': {
        const fr = frameOfInv.get(ev[2]);
        if (fr === undefined) {
          emitted = false;
          break;
        }
        // the step shows where the frame stops (its await / yield), when the runtime says so
        if (typeof ev[3] === 'number' && frameWhere[fr] === ON_STACK) cur = ev[3];
        begin(KIND.suspend, t, cur, fr);
        if (frameWhere[fr] === ON_STACK) {
          const pos = stack.lastIndexOf(fr);
          if (pos >= 0) remove(STACK_BOX, pos);
          frameWhere[fr] = SUSPENDED;
          pausedLine[fr] = cur;
          cur = callerLine[fr];
        }
        break;
      }
      case 'resume': {
        const fr = frameOfInv.get(ev[2]);
        if (fr === undefined) {
          emitted = false;
          break;
        }
        const line = pausedLine[fr] >= 0 ? pausedLine[fr] : cur;
        begin(KIND.resume, t, line, fr);
        if (frameWhere[fr] !== ON_STACK) {
          callerLine[fr] = cur;
          insert(STACK_BOX, stack.length, fr);
          frameWhere[fr] = ON_STACK;
          cur = line;
        }
        break;
      }
      case 'console': {
        const line = ev[4] != null ? lineOrUnknown(ev[4]) : cur;
        begin(KIND.console, t, line, consoleLines.length);
        consoleLines.push({
          text: String(ev[3]),
          stream: ev[2] === 'stderr' ? 'stderr' : 'stdout',
          task: running >= 0 ? running : null,
          step: s,
          stack: stackNames(),
          line: line >= 0 ? line : null,
        });
        cur = line;
        break;
      }
      case 'error': {
        // the error's own position only: the running line is not where an unhandled rejection came from
        const line = ev[4] != null ? lineOrUnknown(ev[4]) : -1;
        begin(KIND.error, t, line >= 0 ? line : cur, errors.length);
        errors.push({
          kind: ev[2] === 'unhandled-rejection' ? 'unhandled-rejection' : 'uncaught',
          message: String(ev[3]),
          line: line >= 0 ? line : null,
          column: typeof ev[5] === 'number' ? ev[5] : null,
          step: s,
          task: running >= 0 ? running : null,
        });
        break;
      }
      case 'end':
        begin(KIND.end, t, cur, -1);
        ends.set(s, { reason: ev[2], code: typeof ev[3] === 'number' ? ev[3] : null });
        break;
      default:
        // 'start' changes nothing visible; unknown kinds come from newer runtimes: skip them
        emitted = false;
    }
    if (!emitted) continue;
    s++;
    const sinceCheckpoint = ops.count - opsAtCheckpoint;
    if (sinceCheckpoint >= CHECKPOINT_INTERVAL && sinceCheckpoint >= size) {
      cpSteps.push(s - 1);
      cpOffsets.push(cpPool.length);
      for (const box of boxes) {
        cpLens.push(box.length);
        const at = cpPool.reserve(box.length); // may reallocate cpPool.data
        cpPool.data.set(box.view(), at);
      }
      opsAtCheckpoint = ops.count;
    }
  }
  opStart[s] = ops.count;
  if (running >= 0) finishTask(running, lastTime, s - 1);

  const data: ModelData = {
    probes,
    stepCount: s,
    kinds: kinds.slice(0, s),
    tasks: taskCol.slice(0, s),
    lines: lineCol.slice(0, s),
    times: timeCol.slice(0, s),
    subjects: subjectCol.slice(0, s),
    phases: phaseCol.slice(0, s),
    draining: drainCol.slice(0, s),
    opStart: opStart.slice(0, s + 1),
    opCode: ops.code.slice(0, ops.count),
    opPos: ops.pos.slice(0, ops.count),
    opRef: ops.ref.slice(0, ops.count),
    checkpoints: {
      steps: cpSteps.trimmed(),
      offsets: cpOffsets.trimmed(),
      lens: cpLens.trimmed(),
      pool: cpPool.trimmed(),
      count: cpSteps.length,
    },
    items,
    frames,
    ends,
  };
  return { data, tasks, console: consoleLines, errors };
}

function dueKey(due: number): number {
  return Number.isNaN(due) ? Infinity : due;
}

function lineOrUnknown(line: unknown): number {
  return typeof line === 'number' && line >= 0 ? line : -1;
}

