// The TraceModel the renderers read. Per-step scalars come straight from flat columns; the stack and queues
// of a step are rebuilt only when a caller reads them (StepState's `stack` and `queues` are lazy), from the
// shared StateCursor, so reading steps in order costs one step's ops each time.

import { QUEUE_NAMES, type ExitReason, type QueueName, type RawTrace } from '../rawTrace';
import type { SourcePatterns } from '../sourcePatterns';
import type {
  AsyncCall,
  ConsoleLine,
  ErrorInfo,
  FoldedCalls,
  Frame,
  LoopPhase,
  QueueItem,
  Queues,
  StepKind,
  StepState,
  StepSubject,
  TaskInfo,
  TraceModel,
  ThreadModel,
} from '../modelTypes';
import type { BuiltModel } from './buildModelData';
import type { ThreadMessage } from './threadMessages';
import { containerOfQueue, DRAINING, NO_PHASE, STACK, STEP_KINDS, type ModelData } from './modelData';
import { PHASES, type JobQueue } from '../eventLoop';
import { StateCursor } from './stateCursor';
import { callSite, lineStarts, type CallSite } from './callSite';
import { tracedFilePaths } from './replayState';
import { fileIndexOf, lineInFile } from '../sourceFiles';
import { promiseGroupOf } from './promiseGroups';
import type { SourceFile } from '../rawTrace';

export class StepModel implements TraceModel {
  readonly meta: TraceModel['meta'];
  readonly source: string;
  readonly files?: SourceFile[];
  readonly tasks: TaskInfo[];
  readonly console: ConsoleLine[];
  readonly errors: ErrorInfo[];
  readonly asyncCalls: AsyncCall[];
  readonly patterns: SourcePatterns;
  readonly stepCount: number;
  /** The worker threads' models (set by buildModel after construction). */
  threads?: ThreadModel[];
  /** Messages between threads (set by buildModel). */
  messages?: ThreadMessage[];
  /** Internal columns: for this folder's modules (describe, navigation, the JSON document). */
  readonly data: ModelData;
  private readonly cursor: StateCursor;
  /** Paths of the traced files by index: the columns hold located lines (src/shared/sourceFiles.ts). */
  private readonly filePaths: (string | null)[];
  private readonly itemObjects: (QueueItem | undefined)[] = [];
  private readonly frameObjects: (Frame | undefined)[] = [];
  /** Call sites by probe index, read from the source once per probe (model/callSite.ts). */
  private readonly callSites = new Map<number, CallSite | undefined>();
  /** Per traced file (index as in RawTrace.files; 0 = the entry): where its lines start, read on first use. */
  private readonly lineStartsOf = new Map<number, number[]>();
  /** Per container: the last array handed out and the cursor's change count it reflects. */
  private readonly handedOut: { changes: number; items: (QueueItem | Frame)[] }[] = [];

  constructor(raw: RawTrace, built: BuiltModel) {
    this.meta = raw.meta;
    this.source = raw.source ?? '';
    if (raw.files !== undefined) this.files = raw.files;
    this.filePaths = tracedFilePaths(raw);
    this.tasks = built.tasks;
    this.console = built.console;
    this.errors = built.errors;
    this.asyncCalls = built.asyncCalls;
    this.patterns = raw.patterns ?? { sequentialAwaits: [], floatingPromises: [], zeroDelayTimers: [] };
    this.data = built.data;
    this.stepCount = built.data.stepCount;
    this.cursor = new StateCursor(built.data);
  }

  kindAt(step: number): StepKind {
    this.check(step);
    return STEP_KINDS[this.data.kinds[step]];
  }

  taskAt(step: number): number | null {
    this.check(step);
    const t = this.data.tasks[step];
    return t >= 0 ? t : null;
  }

  lineAt(step: number): number | null {
    this.check(step);
    const l = this.data.lines[step];
    return l >= 0 ? lineInFile(l) : null;
  }

  fileAt(step: number): string | null {
    this.check(step);
    return this.fileOfLine(this.data.lines[step]);
  }

  /** The file of a located line (src/shared/sourceFiles.ts), null for -1 (unknown). */
  fileOfLine(located: number): string | null {
    return located >= 0 ? (this.filePaths[fileIndexOf(located)] ?? null) : null;
  }

  timeAt(step: number): number {
    this.check(step);
    return this.data.times[step];
  }

  phaseAt(step: number): LoopPhase | null {
    this.check(step);
    const p = this.data.phases[step];
    return p === NO_PHASE ? null : PHASES[p];
  }

  drainingAt(step: number): JobQueue | null {
    this.check(step);
    return DRAINING[this.data.draining[step]];
  }

  /**
   * Everything about one step. `stack` and `queues` are computed when first read and then fixed; their
   * arrays and items are frozen (shared with other steps where that container did not change: copy before
   * sorting or reversing). Reading them costs O(ops since the cursor's position, or since the nearest
   * checkpoint) + O(their size); the scalars cost O(1).
   */
  stateAt(step: number): StepState {
    this.check(step);
    const model = this;
    let stack: Frame[] | undefined;
    let queues: Queues | undefined;
    return {
      index: step,
      kind: this.kindAt(step),
      task: this.taskAt(step),
      phase: this.phaseAt(step),
      draining: this.drainingAt(step),
      line: this.lineAt(step),
      file: this.fileAt(step),
      time: this.data.times[step],
      subject: this.subjectAt(step),
      get stack(): Frame[] {
        return (stack ??= model.stackAt(step));
      },
      get queues(): Queues {
        return (queues ??= model.lazyQueues(step));
      },
    };
  }

  subjectAt(step: number): StepSubject {
    this.check(step);
    const kind = STEP_KINDS[this.data.kinds[step]];
    const ref = this.data.subjects[step];
    switch (kind) {
      case 'task-start':
      case 'task-end':
        return { kind, task: ref };
      case 'enqueue':
      case 'cancel':
        return { kind, queue: QUEUE_NAMES[this.data.items.queues[ref] - 1], item: this.item(ref) };
      case 'push':
      case 'pop':
      case 'suspend':
      case 'resume':
        return { kind, frame: this.frame(ref) };
      case 'calls':
        return { kind, calls: this.foldedCalls(step, ref) };
      case 'console':
        return { kind, console: ref };
      case 'error':
        return { kind, error: ref };
      case 'end': {
        const end = this.data.ends.get(step) ?? { reason: 'completed' as ExitReason, code: null };
        return { kind, reason: end.reason, code: end.code };
      }
    }
  }

  /** The rows of the `calls` step `step`, from its first row `first`. */
  private foldedCalls(step: number, first: number): FoldedCalls[] {
    const { folded, probes } = this.data;
    const out: FoldedCalls[] = [];
    for (let r = first; r < folded.steps.length && folded.steps[r] === step; r++) {
      const probe = probes[folded.probes[r]];
      out.push({
        probe: folded.probes[r],
        name: probe?.name ?? '(unknown)',
        line: probe ? probe.line : null,
        count: folded.counts[r],
        ms: folded.ms[r],
      });
    }
    return out;
  }

  /** The call stack after `step`, bottom first. */
  stackAt(step: number): Frame[] {
    return this.containerAt(step, STACK) as Frame[];
  }

  /** Queue `queue` after `step`, head first (timers: earliest due first). */
  queueAt(step: number, queue: QueueName): QueueItem[] {
    return this.containerAt(step, containerOfQueue(queue)) as QueueItem[];
  }

  /** The first `max` items of a queue after `step` (a renderer showing the head of a 100k-item queue). */
  queueHeadAt(step: number, queue: QueueName, max: number): QueueItem[] {
    const refs = this.cursorAt(step).containers[containerOfQueue(queue)].view();
    const n = Math.min(refs.length, Math.max(0, max));
    const out: QueueItem[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.item(refs[i]);
    return out;
  }

  /** Number of items in each queue after `step`, without building the item arrays. */
  queueLengthsAt(step: number): Record<QueueName, number> {
    const cursor = this.cursorAt(step);
    const out = {} as Record<QueueName, number>;
    for (const q of QUEUE_NAMES) out[q] = cursor.containers[containerOfQueue(q)].length;
    return out;
  }

  /**
   * Moves the shared cursor to `step` and returns it. Its containers hold item/frame record indexes
   * (see item() and frame()); they are valid only until the next call on this model that reads a state.
   */
  cursorAt(step: number): StateCursor {
    this.check(step);
    this.cursor.seek(step);
    return this.cursor;
  }

  /** The QueueItem of an item record (one object per record, so identity is stable across steps). */
  item(record: number): QueueItem {
    let it = this.itemObjects[record];
    if (!it) {
      const { ids, labels, lines, dues, times, probes } = this.data.items;
      const l = lines[record];
      it = { id: ids[record], label: labels[record], line: l >= 0 ? lineInFile(l) : null, file: this.fileOfLine(l), enqueuedAt: times[record] };
      if (!Number.isNaN(dues[record])) it.due = dues[record];
      const site = this.callSiteOf(probes[record]);
      if (site) {
        it.call = site.call;
        if (site.body !== undefined) it.body = site.body;
        if (site.delay !== undefined && it.due !== undefined) it.delay = site.delay;
      }
      const settled = this.data.items.settled.get(record);
      if (settled !== undefined) it.settled = settled;
      const group = promiseGroupOf(this.data.items, record, lineInFile);
      if (group !== undefined) it.group = group;
      this.itemObjects[record] = Object.freeze(it);
    }
    return it;
  }

  private callSiteOf(probe: number): CallSite | undefined {
    if (probe < 0) return undefined;
    if (this.callSites.has(probe)) return this.callSites.get(probe);
    const p = this.data.probes[probe];
    // a schedule probe in another of the project's files reads that file's text
    const file = p?.file ?? 0;
    const text = file === 0 ? this.source : this.files?.[file]?.source;
    let starts = this.lineStartsOf.get(file);
    if (text !== undefined && starts === undefined) this.lineStartsOf.set(file, (starts = lineStarts(text)));
    const site = p && text !== undefined && starts !== undefined ? callSite(text, starts, p) : undefined;
    this.callSites.set(probe, site);
    return site;
  }

  frame(record: number): Frame {
    let f = this.frameObjects[record];
    if (!f) {
      const probe = this.data.probes[this.data.frames.probes[record]];
      const frame: Frame = { id: this.data.frames.invs[record], name: probe?.name ?? '(unknown)', line: probe?.line ?? 0, file: probe ? (this.filePaths[probe.file ?? 0] ?? null) : null };
      const via = this.data.frames.vias[record] ?? -1;
      if (via >= 0) frame.via = this.data.frames.libraries[via];
      const callerLine = this.data.frames.callerLines[record] ?? -1;
      if (callerLine >= 0) {
        frame.callerLine = lineInFile(callerLine);
        frame.callerFile = this.fileOfLine(callerLine);
      }
      f = Object.freeze(frame);
      this.frameObjects[record] = f;
    }
    return f;
  }

  private containerAt(step: number, container: number): (QueueItem | Frame)[] {
    const cursor = this.cursorAt(step);
    const box = cursor.containers[container];
    const cached = this.handedOut[container];
    if (cached && cached.changes === box.changes) return cached.items;
    const refs = box.view();
    const out: (QueueItem | Frame)[] = new Array(refs.length);
    for (let i = 0; i < refs.length; i++) out[i] = container === STACK ? this.frame(refs[i]) : this.item(refs[i]);
    // shared by every step where this container is unchanged: frozen, so an in-place sort/reverse fails
    // loudly instead of silently changing other steps
    Object.freeze(out);
    this.handedOut[container] = { changes: box.changes, items: out };
    return out;
  }

  private lazyQueues(step: number): Queues {
    const model = this;
    const out = {} as Queues;
    for (const q of QUEUE_NAMES) {
      let items: QueueItem[] | undefined;
      Object.defineProperty(out, q, {
        enumerable: true,
        get: () => (items ??= model.queueAt(step, q)),
      });
    }
    return out;
  }

  private check(step: number): void {
    if (!(step >= 0 && step < this.stepCount) || !Number.isInteger(step)) {
      throw new RangeError(`step ${step} is out of range (the trace has ${this.stepCount} steps)`);
    }
  }
}
