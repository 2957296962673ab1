// The state of the one replay of the raw events that builds the model: what is on the stack and in the queues
// now, who is running, the running line, and the per-step columns and tables written so far. The event
// handlers (replayHandlers.ts) read and change it; buildModelData.ts drives them and hands the result out.
// A new collector (timeline spans, insights, ...) keeps its data here and fills it from the handlers, so
// every view of the trace still comes from a single pass over the events.

import type { Probe, RawTrace } from '../rawTrace';
import type { ConsoleLine, ErrorInfo, TaskInfo } from '../modelTypes';
import { QUEUE_NAMES, SOURCES } from '../eventLoop';
import { OpLog } from './growableColumns';
import {
  CONTAINER_COUNT,
  containerOfQueue,
  NO_PHASE,
  OP_REMOVE,
  STACK,
  type FoldedTable,
  type FrameTable,
  type InFlightTable,
  type ItemTable,
  type ModelData,
} from './modelData';
import { RefDeque } from './refDeque';
import { AsyncCallRecorder } from './asyncCallRecorder';
import { fileIndexOf, filePath, lineInFile, locatedLine } from '../sourceFiles';
import { libraryFrameLabel } from '../libraryFrame';

/** The one queue kept in due-time order (the timers); every other queue is first in, first out. */
export const TIMER = containerOfQueue(QUEUE_NAMES.find((q) => SOURCES[q].order === 'due-time')!);

// module-local copies: imported bindings can be property reads through a getter in unbundled builds
const REMOVE = OP_REMOVE;

/** Where a frame is: frameWhere values (0 = gone). */
export const ON_STACK = 1;
export const SUSPENDED = 2;

export class ReplayState {
  readonly probes: Probe[];
  readonly moduleFormat: 'cjs' | 'esm';
  /** The events are a worker thread's (its script task is the worker's script, not the main script). */
  readonly worker: boolean;

  // per-step columns, sized for one step per event and trimmed at the end
  readonly kinds: Uint8Array;
  readonly taskCol: Int32Array;
  readonly lineCol: Int32Array;
  readonly timeCol: Float64Array;
  readonly subjectCol: Int32Array;
  readonly phaseCol: Uint8Array;
  readonly drainCol: Uint8Array;
  readonly opStart: Int32Array;
  readonly ops: OpLog;

  readonly items: ItemTable = {
    ids: [], labels: [], lines: [], dues: [], times: [], queues: [], probes: [], flags: [], settled: new Map(), members: new Map(), groups: new Map(),
  };
  readonly frames: FrameTable = { invs: [], probes: [], callerLines: [], vias: [], libraries: [] };
  /** The library frame a `via` event named for the next `enter` (-1: none), and each one's index by its text. */
  pendingVia = -1;
  readonly libraryIndex = new Map<string, number>();
  readonly folded: FoldedTable = { steps: [], probes: [], counts: [], ms: [] };
  /** The step of the last `calls` event and its time: a `calls` event right after it joins its step. */
  lastCallsStep = -1;
  lastCallsTime = NaN;
  readonly ends: ModelData['ends'] = new Map();
  readonly inFlight: InFlightTable = { ids: [], labels: [], lines: [], starts: [], fromSteps: [], toSteps: [], toSorted: new Int32Array(0) };
  /** id -> its in-flight record, while in flight. */
  readonly inFlightOf = new Map<string, number>();
  readonly tasks: TaskInfo[] = [];
  readonly consoleLines: ConsoleLine[] = [];
  readonly errors: ErrorInfo[] = [];
  readonly asyncCalls: AsyncCallRecorder;

  /** Container 0 = call stack (bottom first), 1..6 = queues (head first), as the state is now. */
  readonly boxes: RefDeque[] = Array.from({ length: CONTAINER_COUNT }, () => new RefDeque(64));
  readonly stack: RefDeque = this.boxes[STACK];
  /** id -> the record currently queued under that id */
  readonly queued = new Map<string, number>();
  readonly ranIds = new Set<string>();
  /** Invocation number -> frame record, while the frame lives. */
  readonly frameOfInv = new Map<number, number>();
  /** Per frame record: ON_STACK, SUSPENDED or 0 (gone). */
  readonly frameWhere: number[] = [];
  /** Per frame record: the line its caller is at (where a return lands). */
  readonly callerLine: number[] = [];
  /** Per frame record: the line it paused at (await / yield), -1 = none. */
  readonly pausedLine: number[] = [];

  /** The running task, -1 = none. */
  running = -1;
  /** The item record of the running task, -1 when it was never queued (or none runs). */
  runningRecord = -1;
  drainCode = 0;
  runningPhase = NO_PHASE;
  /** The phase of the last macrotask (the loop stays in it while jobs drain). */
  macroPhase = NO_PHASE;
  /** The running line, -1 = unknown. */
  cur = -1;
  /** Steps so far; the step being built is `step`. */
  step = 0;
  /** Items + frames in the state now. */
  size = 0;
  lastTime = 0;

  /** Paths of the traced files by index (sourceFiles.ts); lines in the columns are located lines. */
  readonly filePaths: (string | null)[];

  constructor(raw: RawTrace, eventCount: number) {
    this.probes = raw.probes ?? [];
    this.asyncCalls = new AsyncCallRecorder(this.probes);
    this.filePaths = tracedFilePaths(raw);
    this.moduleFormat = raw.meta?.module ?? 'cjs';
    this.worker = raw.meta?.worker !== undefined;
    const n = eventCount;
    this.kinds = new Uint8Array(n);
    this.taskCol = new Int32Array(n);
    this.lineCol = new Int32Array(n);
    this.timeCol = new Float64Array(n);
    this.subjectCol = new Int32Array(n);
    this.phaseCol = new Uint8Array(n);
    this.drainCol = new Uint8Array(n);
    this.opStart = new Int32Array(n + 1);
    this.ops = new OpLog(n + 16);
  }

  /** Starts step `step`; ops added until the next step belong to it. */
  begin(kind: number, t: number, line: number, subject: number): void {
    const s = this.step;
    const running = this.running;
    this.kinds[s] = kind;
    this.timeCol[s] = t;
    this.lineCol[s] = line;
    this.subjectCol[s] = subject;
    this.taskCol[s] = running;
    this.phaseCol[s] = running >= 0 ? this.runningPhase : this.macroPhase;
    this.drainCol[s] = running >= 0 ? this.drainCode : 0;
    this.opStart[s] = this.ops.count;
  }

  insert(c: number, pos: number, ref: number): void {
    this.boxes[c].insertAt(pos, ref);
    this.ops.add(c, pos, ref);
    this.size++;
  }

  remove(c: number, pos: number): void {
    const ref = this.boxes[c].removeAt(pos);
    this.ops.add(c | REMOVE, pos, ref);
    this.size--;
  }

  /** Where item record `r` goes in (or is in) the timer queue: earliest due first, ties in enqueue order. */
  timerBefore(r: number): (other: number) => boolean {
    const dues = this.items.dues;
    return (other: number): boolean => {
      const a = dueKey(dues[other]);
      const b = dueKey(dues[r]);
      return a < b || (a === b && other < r);
    };
  }

  /** Takes item record `r` off its queue, if it is there. */
  unqueue(r: number): void {
    const c = this.items.queues[r];
    const pos = this.positionInQueue(c, r);
    if (pos >= 0) this.remove(c, pos);
  }

  /** The in-flight operation `id` (if any) leaves In flight before step `step`. */
  landInFlight(id: string, step: number): void {
    const r = this.inFlightOf.get(id);
    if (r === undefined) return;
    this.inFlight.toSteps[r] = step;
    this.inFlightOf.delete(id);
  }

  finishTask(task: number, t: number, lastStep: number): void {
    this.tasks[task].end = t;
    this.tasks[task].lastStep = lastStep;
  }

  /** The located line (sourceFiles.ts) of probe `p`'s own position, -1 = unknown. */
  probeLine(p: Probe | undefined): number {
    return p === undefined || !(p.line >= 0) ? -1 : locatedLine(p.file ?? 0, p.line);
  }

  /** A located line (-1 = unknown) as the model's public types give it: the line in its file, and the file. */
  place(located: number): { line: number | null; file: string | null } {
    if (located < 0) return { line: null, file: null };
    return { line: lineInFile(located), file: this.filePaths[fileIndexOf(located)] ?? null };
  }

  /** The index in frames.libraries of a library frame (a `via` event), each name and file once. */
  library(name: string, file: string | null): number {
    const key = `${name}\0${file ?? ''}`;
    let index = this.libraryIndex.get(key);
    if (index === undefined) {
      index = this.frames.libraries.length;
      this.frames.libraries.push({ name, file });
      this.libraryIndex.set(key, index);
    }
    return index;
  }

  /** Names of the frames on the stack now, bottom to top; a library frame between two as its label (libraryFrame.ts). */
  stackNames(): string[] {
    const { stack, probes, frames } = this;
    const names: string[] = [];
    for (let i = 0; i < stack.length; i++) {
      const record = stack.at(i);
      const via = frames.vias[record];
      if (via >= 0) names.push(libraryFrameLabel(frames.libraries[via]));
      names.push(probes[frames.probes[record]]?.name ?? '(unknown)');
    }
    return names;
  }

  private positionInQueue(c: number, r: number): number {
    const box = this.boxes[c];
    if (box.length > 0 && box.at(0) === r) return 0;
    if (c === TIMER) {
      const pos = box.lowerBound(this.timerBefore(r));
      if (pos < box.length && box.at(pos) === r) return pos;
    }
    return box.indexOf(r);
  }
}

/** The file path of every file index a trace can name (one file: the entry's name). */
export function tracedFilePaths(raw: RawTrace): (string | null)[] {
  const count = raw.files?.length ?? 1;
  const out: (string | null)[] = [];
  for (let i = 0; i < count; i++) out.push(raw.meta === undefined ? null : filePath(raw, i));
  return out;
}

function dueKey(due: number): number {
  return Number.isNaN(due) ? Infinity : due;
}

/** A raw line field as the columns store it: -1 = unknown. */
export function lineOrUnknown(line: unknown): number {
  return typeof line === 'number' && line >= 0 ? line : -1;
}
