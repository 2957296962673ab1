// The viewer's controller: holds the loaded model, wires input (input.ts) and playback (playback.ts) to the
// renderers, and host messages to states. Rendering per step is stateAt(step) plus small keyed joins;
// anything proportional to the trace (output rows, jump targets, which tasks are Node's own) is built once
// per load. Over 300 lines because it is the one place that sequences a step's rendering and the host's
// messages; the pieces it calls (playback, input, jumps, renderers) live in their own files.

import type { StepState, TraceModel } from '../src/shared/modelTypes';
import { QUEUE_NAMES, type QueueName, type RawTrace } from '../src/shared/rawTrace';
import type { HostMessage } from '../src/shared/protocol';
import type { HostBridge } from './bridge';
import type { Action } from './keyboard';
import { FRAME_GAP, FRAME_HEIGHT, fitCount, laneLayout } from './geometry';
import { departureOf, landFlight, launch, type Departure } from './flight';
import { queueColour } from './queueColour';
import { bindInput } from './input';
import { buildLayout, type Layout } from './layout';
import { transitionMs } from './motion';
import { sharedModel, type ModelApi } from './model';
import { stepAcrossThreads, threadChoices, type ThreadChoice } from './threadSteps';
import { buildThreadPicker, renderThreadPicker, type ThreadPicker } from './render/threadPicker';
import { buildOutputRows } from './outputRows';
import { Playback } from './playback';
import { ConsoleView } from './render/console';
import { renderControls, renderInternalToggle } from './render/controls';
import { renderHeader } from './render/header';
import { renderPhase, setPhaseTrace } from './render/phase';
import { queueItemElement, renderQueue } from './render/queues';
import { SourceView } from './render/source';
import { renderStack, taskRowKey } from './render/stack';
import { ELAPSED_TICK_MS, renderElapsed, renderStatus, type StatusView } from './render/status';
import { renderClock, renderInternalNote, renderSentence } from './render/sentence';
import { flyIntoQueue, inFlightCapacity, renderInFlight, takeInFlightRow } from './render/inFlight';
import { inFlightAt } from '../src/shared/model/inFlight';
import { timerLaneAt } from '../src/shared/model/timerLane';
import { stepClock, syncStretchBefore, withStretch } from '../src/shared/model/stepClock';
import { basename, entryFileName, otherFile } from './format';
import { InternalTaskIndex } from './internalTaskIndex';
import { jumpTarget } from './jumps';
import { linesThatRan } from './selectionLines';
import { TimelinePanel } from './timelinePanel';

/** Queue items built per lane before the lanes have been measured (no layout yet, e.g. under jsdom). */
const UNMEASURED_QUEUE_CAPACITY = 64;

export interface AppOptions {
  /** The shared model unless a test injects another. */
  model?: ModelApi;
  reducedMotion?: boolean;
}

interface Loaded {
  model: TraceModel;
  consoleView: ConsoleView;
  sourceView: SourceView;
  /** The file the source view shows: the traced file's name, or another file of the project (its path). */
  sourceFile: string;
  /** The traced file's name as the model names files (format.ts entryFileName). */
  entry: string;
  internal: InternalTaskIndex;
}

export class LoopscopeApp {
  readonly layout: Layout;
  private loaded: Loaded | null = null;
  private readonly playback: Playback;
  private renderedStep = -1;
  private elapsedTimer: ReturnType<typeof setInterval> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** The running line last sent to the editor, and its file ("" = the traced file). */
  private lastHighlight: string | undefined = undefined;
  private stackCapacity = Infinity;
  /** Rows of the In-flight list that fit under the stack (a "+N more" row stands for the rest). */
  private inFlightRows = inFlightCapacity(0);
  /** The queue tracks' measured width, px (0 until measured). */
  private queueWidth = 0;
  /** Lanes the user expanded with their "+N more" chip. */
  private readonly expanded = new Set<QueueName>();
  /** The layer above the lanes that a callback flies in, from its queue to the call stack (flight.ts). */
  private readonly flightLayer: HTMLElement;
  private readonly modelApi: ModelApi;
  /** Task navigation visits Node's internal tasks too (the toggle; saved with the step). */
  private showInternal = false;
  /** Timeline and Insights tabs beside the step view. */
  readonly side: TimelinePanel;
  /** Presenter mode (presenter.ts; saved with the step). */
  private presenter = false;
  /** Worker threads: every thread of the trace (main first), the one the step view shows, and "follow". */
  private threads: ThreadChoice[] = [];
  private thread = 0;
  private follow = false;
  private picker: ThreadPicker | null = null;

  constructor(
    root: HTMLElement,
    private readonly bridge: HostBridge,
    private readonly opts: AppOptions = {},
  ) {
    this.modelApi = opts.model ?? sharedModel;
    this.layout = buildLayout(root);
    const win = root.ownerDocument.defaultView;
    if (!win) throw new Error('Loopscope needs a window');
    this.playback = new Playback({
      // a move of one step from what is drawn can be followed; anything further is a cut
      showStep: (step, animate) => this.render(animate && Math.abs(step - this.renderedStep) === 1),
      playingChanged: (playing) => {
        // no running commentary while playing
        this.layout.sentence.setAttribute('aria-live', playing ? 'off' : 'polite');
        this.renderControls();
      },
      speedChanged: () => {
        this.renderControls();
        this.scheduleSave();
      },
      // "follow" plays through every thread's steps in the order they happened
      advance: () => (this.follow && this.threads.length > 1 ? this.stepAcross(1) : undefined),
    });
    this.side = new TimelinePanel(this.layout.side, {
      goTo: (step, thread) => (thread === this.thread ? this.goTo(step, false) : this.showThread(thread, step)),
      tabChanged: () => this.scheduleSave(),
      togglePresenter: () => this.setPresenter(!this.presenter),
    });
    bindInput(this.layout, {
      run: (a) => this.run(a),
      goTo: (step, thread) => (thread === undefined || thread === this.thread ? this.goTo(step, false) : this.showThread(thread, step)),
      setSpeed: (speed) => this.setSpeed(speed),
      reveal: (line, file) => this.reveal(line, file),
      acceptsKeys: () => !!this.loaded && !!this.layout.status.hidden,
      toggleInternalTasks: () => this.setShowInternalTasks(!this.showInternal),
      toggleLane: (q) => {
        if (!this.expanded.delete(q)) this.expanded.add(q);
        this.render(false);
        // a lane that grew may have given the lanes a scroll bar (narrower tracks): fit the chips again
        this.measure(true);
      },
    });
    this.flightLayer = root.ownerDocument.createElement('div');
    this.flightLayer.className = 'ls-flight-layer';
    this.flightLayer.setAttribute('aria-hidden', 'true');
    root.append(this.flightLayer);
    if ('ResizeObserver' in win) {
      new win.ResizeObserver(() => this.measure(true)).observe(this.layout.viewer);
    }
    bridge.onMessage((m) => this.handle(m));
  }

  /** Current step (for tests and the bench). */
  get currentStep(): number {
    return this.playback.step;
  }

  get model(): TraceModel | null {
    return this.loaded?.model ?? null;
  }

  get isPlaying(): boolean {
    return this.playback.isPlaying;
  }

  /** Whether task navigation visits Node's internal tasks too (otherwise it skips them). */
  get showsInternalTasks(): boolean {
    return this.showInternal;
  }

  setShowInternalTasks(on: boolean): void {
    this.showInternal = on;
    this.renderControls();
    this.scheduleSave();
  }

  /** Presenter mode: large type, the sentence prominent, the timeline revealed step by step. */
  get inPresenterMode(): boolean {
    return this.presenter;
  }

  setPresenter(on: boolean): void {
    this.presenter = on;
    this.side.setPresenter(this.layout.root, on);
    this.scheduleSave();
  }

  handle(m: HostMessage): void {
    switch (m.type) {
      case 'trace/load':
        this.loadRaw(m.raw, { step: m.step, speed: m.playbackSpeed });
        return;
      case 'trace/running':
        this.showStatus({ kind: 'running', file: m.file, startedAt: Date.now() });
        return;
      case 'trace/error':
        this.showStatus({ kind: 'error', message: m.message, file: m.file, line: m.line, column: m.column });
        return;
    }
  }

  showStatus(s: StatusView): void {
    this.pause();
    clearInterval(this.elapsedTimer);
    // no step is shown: the editor must not keep the line of the one shown before
    if (this.lastHighlight != null) this.bridge.post({ type: 'editor/highlight', line: null });
    this.lastHighlight = undefined;
    this.layout.viewer.hidden = true;
    this.layout.status.hidden = false;
    renderStatus(this.layout.status, s);
    if (s.kind === 'running') {
      renderElapsed(this.layout.status, 0);
      this.elapsedTimer = setInterval(() => renderElapsed(this.layout.status, Date.now() - s.startedAt), ELAPSED_TICK_MS);
    }
  }

  /** Builds the model from a raw trace and shows it; a malformed trace becomes a readable error state. */
  loadRaw(raw: RawTrace, o: { step?: number; speed?: number } = {}): void {
    let model: TraceModel;
    try {
      model = this.modelApi.buildModel(raw);
    } catch (e) {
      this.showStatus({ kind: 'error', message: `Could not read the trace: ${(e as Error).message}`, file: raw.meta?.file });
      return;
    }
    this.loadModel(model, o);
  }

  loadModel(model: TraceModel, o: { step?: number; speed?: number } = {}): void {
    clearInterval(this.elapsedTimer);
    const saved = this.bridge.loadState();
    const savedStep = saved && (saved.file === undefined || saved.file === model.meta.file) ? saved.step : undefined;
    if (saved) this.showInternal = !!saved.showInternal;
    const rows = buildOutputRows(model);
    const l = this.layout;
    this.playback.load(model.stepCount, o.speed ?? saved?.speed ?? this.playback.speed);
    this.loaded = {
      model,
      consoleView: new ConsoleView(l.console, model, rows),
      sourceView: new SourceView(l.source, model.source, linesThatRan(model.meta)),
      sourceFile: entryFileName(model),
      entry: entryFileName(model),
      internal: new InternalTaskIndex(model),
    };
    renderHeader(l.header, model, { pickOrder: (index) => this.bridge.post({ type: 'order/show', index }), canPick: (index) => this.bridge.canShowOrder(index) });
    this.loadThreads(model);
    setPhaseTrace(l.phase, model);
    l.status.hidden = true;
    l.viewer.hidden = false;
    this.side.load(model, this.loaded.internal.internal);
    if (saved?.view) this.side.show(saved.view);
    if (saved) this.setPresenter(!!saved.presenter);
    if (model.stepCount === 0) {
      this.showStatus({ kind: 'empty', message: `The trace of ${basename(model.meta.file)} has no steps.` });
      return;
    }
    this.measure(false);
    this.renderedStep = -1;
    this.lastHighlight = undefined;
    this.goTo(o.step ?? savedStep ?? 0, false);
  }

  goTo(step: number, animate = true): void {
    if (!this.loaded) return;
    this.playback.goTo(step, animate);
  }

  stepBy(delta: number): void {
    if (this.follow && (delta === 1 || delta === -1) && this.threads.length > 1) this.stepAcross(delta);
    else this.goTo(this.playback.step + delta, true);
  }

  /** One step in time across the threads ("follow"); whether another step comes after it in that direction. */
  private stepAcross(direction: 1 | -1): boolean {
    const across = stepAcrossThreads(this.threads, this.thread, this.playback.step, direction);
    if (across === null) return false;
    if (across.thread !== this.thread) this.showThread(across.thread, across.step);
    else this.goTo(across.step, true);
    return stepAcrossThreads(this.threads, this.thread, this.playback.step, direction) !== null;
  }

  /** The thread the step view shows (0: main; else a worker's threadId). */
  get currentThread(): number {
    return this.thread;
  }

  /** Worker threads: a picker in the header when the trace has any. */
  private loadThreads(model: TraceModel): void {
    this.threads = threadChoices(model);
    this.thread = 0;
    this.picker = null;
    if (this.threads.length < 2) return;
    this.picker = buildThreadPicker(this.layout.header.ownerDocument, this.threads, {
      choose: (id) => this.showThread(id, 0),
      follow: (on) => this.setFollow(on),
    });
    this.layout.header.append(this.picker.root);
  }

  /** "Follow": a single step goes to the thread that ran next (webview/threadSteps.ts). */
  setFollow(on: boolean): void {
    this.follow = on;
    if (this.picker) renderThreadPicker(this.picker, this.thread, on);
  }

  /**
   * Shows thread `id` at `step` of its own steps: its stack, queues and console replace the step view's; the
   * Timeline keeps every thread's lane and moves its cursor to that thread.
   */
  showThread(id: number, step = 0): void {
    const loaded = this.loaded;
    const choice = this.threads.find((t) => t.id === id);
    if (!loaded || !choice) return;
    if (id !== this.thread) {
      const model = choice.model;
      this.loaded = { ...loaded, model, consoleView: new ConsoleView(this.layout.console, model, buildOutputRows(model)), internal: new InternalTaskIndex(model) };
      this.thread = id;
      // playing goes on in the other thread (follow while playing, or a pick while playing)
      this.playback.resize(model.stepCount);
      this.side.timeline.showThread(id === 0 ? null : model, this.threads.indexOf(choice));
      this.renderedStep = -1;
    }
    if (this.picker) renderThreadPicker(this.picker, id, this.follow);
    this.goTo(step, false);
  }

  play(): void {
    if (this.loaded) this.playback.play();
  }

  pause(): void {
    this.playback.pause();
  }

  togglePlay(): void {
    if (this.playback.isPlaying) this.pause();
    else this.play();
  }

  setSpeed(speed: number): void {
    this.playback.setSpeed(speed);
  }

  /** Runs a keyboard/toolbar action. */
  run(a: Action): void {
    const loaded = this.loaded;
    if (!loaded) return;
    switch (a.kind) {
      case 'step':
        this.stepBy(a.delta);
        return;
      case 'first':
        this.goTo(0, false);
        return;
      case 'last':
        this.goTo(loaded.model.stepCount - 1, false);
        return;
      case 'toggle-play':
        this.togglePlay();
        return;
      case 'output':
      case 'task': {
        const target = this.jump(a.kind, a.direction);
        if (target >= 0) {
          this.goTo(target, false);
          if (a.kind === 'output') loaded.consoleView.reveal(target);
        }
        return;
      }
      case 'speed':
        this.playback.speedBy(a.direction);
        return;
    }
  }

  /**
   * Shows `line` in the editor (VS Code) and in the page's own source view. `file`: a line of another file of
   * the project (the model's path of it); absent, the traced file.
   */
  reveal(line: number, file?: string): void {
    const loaded = this.loaded;
    if (loaded && this.showSource(loaded, file ?? loaded.entry)) loaded.sourceView.show(line);
    this.bridge.post(file === undefined ? { type: 'editor/reveal', line } : { type: 'editor/reveal', line, file });
  }

  /** Puts `file`'s text in the source view (the trace carries every traced file's text); false when it has none. */
  private showSource(loaded: Loaded, file: string): boolean {
    if (loaded.sourceFile === file) return true;
    const { model } = loaded;
    const isEntry = file === loaded.entry;
    const text = isEntry ? model.source : model.files?.find((f) => f.path === file)?.source;
    if (text === undefined) return false;
    loaded.sourceView.setSource(text, isEntry ? linesThatRan(model.meta) : null);
    loaded.sourceFile = file;
    // the lane's title names the file it shows when that is not the traced one
    const title = this.layout.source.closest('.ls-lane')?.querySelector('.ls-lane-title');
    if (title) title.textContent = isEntry ? 'Source' : `Source · ${file}`;
    if (isEntry) this.layout.source.removeAttribute('data-file');
    else this.layout.source.setAttribute('data-file', file);
    return true;
  }

  private render(animate: boolean): void {
    const loaded = this.loaded;
    if (!loaded) return;
    const { model } = loaded;
    const l = this.layout;
    const step = this.playback.step;
    const state: StepState = model.stateAt(step);
    const ms = animate ? transitionMs(this.playback.speed, !!this.opts.reducedMotion) : 0;

    // The callback that starts a task leaves its queue for the call stack: where it was drawn, read before
    // this step's DOM writes (no forced layout), is where its flight starts.
    landFlight(this.flightLayer);
    let departing: Departure | undefined;
    if (ms > 0 && step === this.renderedStep + 1 && state.subject.kind === 'task-start') {
      const task = model.tasks[state.subject.task];
      if (task && task.queue !== 'script') {
        const lane = l.queues[task.queue];
        departing = departureOf(lane, queueItemElement(lane, task.itemId), task.itemId, queueColour(task.queue));
      }
    }

    // An operation whose callback this step queues leaves In flight for its lane: remember where it was drawn.
    const landing =
      ms > 0 && step === this.renderedStep + 1 && state.subject.kind === 'enqueue'
        ? { queue: state.subject.queue, id: state.subject.item.id, row: takeInFlightRow(l.inFlight, state.subject.item.id) }
        : undefined;

    // only the head of each queue that fits is built: a queue can be thousands deep
    const lengths = model.queueLengthsAt(step);
    // a timer counting down is In flight, not in its lane (timerLane.ts): the lane has the due ones
    lengths.timer = timerLaneAt(model, step, 0).total;
    for (const q of QUEUE_NAMES) {
      const layout = laneLayout(this.queueWidth, lengths[q], this.expanded.has(q), UNMEASURED_QUEUE_CAPACITY);
      renderQueue(l.queues[q], q, q === 'timer' ? timerLaneAt(model, step, layout.shown).items : model.queueHeadAt(step, q, layout.shown), {
        duration: ms,
        layout,
        expanded: this.expanded.has(q),
        total: lengths[q],
        now: state.time,
        queuedByNode: (id) => loaded.internal.isInternalItem(id),
        departing: departing?.itemId,
        entry: loaded.entry,
      });
    }
    renderStack(l.stack, state, model, { duration: ms, capacity: this.stackCapacity });
    if (departing) {
      const key = taskRowKey(departing.itemId);
      const row = Array.from(l.stack.querySelectorAll<HTMLElement>('.ls-frame:not(.is-exiting)')).find((r) => r.dataset.key === key);
      const track = l.stack.querySelector<HTMLElement>('.ls-stack-track');
      if (row && track) launch(this.flightLayer, departing, row, track, ms);
    }
    renderPhase(l.phase, state);
    renderSentence(l.sentence, withStretch(this.modelApi.describeStep(model, step), syncStretchBefore(model, step)));
    renderClock(l.clock, stepClock(model, step), model.meta.tracing?.overheadMs);
    renderInFlight(l.inFlight, inFlightAt(model, step, this.inFlightRows), this.inFlightRows, this.loaded?.entry ?? null);
    const landed = landing?.row && queueItemElement(l.queues[landing.queue], landing.id)?.getBoundingClientRect();
    if (landing?.row && landed) flyIntoQueue(l.inFlight, landing.row, landed, ms);
    renderInternalNote(l.internalNote, loaded.internal.noteAt(step));
    // the source view follows the step into another file of the project
    const other = otherFile(state.file, loaded.entry);
    loaded.sourceView.render(this.showSource(loaded, other ?? loaded.entry) ? state.line : null);
    loaded.consoleView.render(step);
    this.side.showStep(step);
    this.renderedStep = step;
    this.renderControls();

    const highlight = `${other ?? ''}:${state.line}`;
    if (highlight !== this.lastHighlight) {
      this.lastHighlight = highlight;
      this.bridge.post(other === null ? { type: 'editor/highlight', line: state.line } : { type: 'editor/highlight', line: state.line, file: other });
    }
    this.scheduleSave();
  }

  private renderControls(): void {
    const loaded = this.loaded;
    if (!loaded) return;
    renderControls(this.layout.controls, {
      step: this.playback.step,
      stepCount: loaded.model.stepCount,
      playing: this.playback.isPlaying,
      speed: this.playback.speed,
      canPrevOutput: this.jump('output', -1) >= 0,
      canNextOutput: this.jump('output', 1) >= 0,
      canPrevTask: this.jump('task', -1) >= 0,
      canNextTask: this.jump('task', 1) >= 0,
    });
    renderInternalToggle(this.layout.controls.internalTasks, { shown: this.showInternal, internalCount: loaded.internal.internalCount });
  }

  /** The step a console/task jump goes to from the current step, or -1 (jumps.ts). */
  private jump(kind: 'output' | 'task', direction: 1 | -1): number {
    const loaded = this.loaded;
    if (!loaded) return -1;
    return jumpTarget(this.modelApi, loaded.model, loaded.internal, { kind, direction, from: this.playback.step, showInternal: this.showInternal });
  }

  /** Persisting is debounced: playback at 8x should not write state 11 times a second. */
  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      const model = this.loaded?.model;
      // a worker thread's steps are its own: the saved step is the main thread's
      if (!model || this.thread !== 0) return;
      const { step, speed } = this.playback;
      const view = this.side.tab === 'source' ? {} : { view: this.side.tab };
      const presenter = this.presenter ? { presenter: true } : {};
      this.bridge.saveState({ step, speed, file: model.meta.file, ...(this.showInternal ? { showInternal: true } : {}), ...view, ...presenter });
      this.bridge.post({ type: 'state/step', step });
    }, 150);
  }

  /** How many stack rows / queue chips fit; re-render without animation when that changed. */
  private measure(rerender: boolean): void {
    const l = this.layout;
    // a hidden viewer (a status page is shown) measures 0: keep what fitted, and draw nothing nobody sees
    if (l.viewer.hidden) return;
    const track = l.stack.querySelector<HTMLElement>('.ls-stack-track');
    const qtrack = l.queues.timer.querySelector<HTMLElement>('.ls-queue-track');
    const h = track?.clientHeight ?? 0;
    const w = qtrack?.clientWidth ?? 0;
    const stack = h > 0 ? Math.max(2, fitCount(h, FRAME_HEIGHT, FRAME_GAP)) : Infinity;
    const inFlight = inFlightCapacity(l.inFlight.parentElement?.clientHeight ?? 0);
    if (stack === this.stackCapacity && w === this.queueWidth && inFlight === this.inFlightRows) return;
    this.inFlightRows = inFlight;
    this.stackCapacity = stack;
    this.queueWidth = w;
    if (rerender && this.loaded && this.renderedStep >= 0) this.render(false);
  }
}
