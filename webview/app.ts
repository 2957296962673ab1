// The viewer's controller: holds the model, the current step, playback; turns user input (buttons, keys,
// scrubber, clicks on lanes) and host messages into renders. Rendering per step is stateAt(step) plus small
// keyed joins; anything proportional to the trace (output rows, jump targets) is built once per load.

import type { StepState, TraceModel } from '../src/shared/modelTypes';
import { QUEUE_NAMES, type RawTrace } from '../src/shared/rawTrace';
import { MAX_PLAYBACK_SPEED, MIN_PLAYBACK_SPEED, PLAYBACK_SPEEDS, type HostMessage } from '../src/shared/protocol';
import type { HostBridge } from './bridge';
import { keyToAction, type Action } from './keyboard';
import { CHIP_GAP, CHIP_WIDTH, FRAME_GAP, FRAME_HEIGHT, fitCount } from './geometry';
import { buildLayout, type Layout } from './layout';
import { stepIntervalMs, transitionMs } from './motion';
import { buildOutputRows } from './outputRows';
import { ConsoleView } from './render/console';
import { renderControls } from './render/controls';
import { renderHeader } from './render/header';
import { renderPhase } from './render/phase';
import { queueItemRect, renderQueue } from './render/queues';
import { SourceView } from './render/source';
import { flightOffset, renderStack, taskRowKey } from './render/stack';
import { renderElapsed, renderStatus, type StatusView } from './render/status';
import { renderSentence } from './render/sentence';
import { basename } from './format';

/** A jump: the next (or previous) step of some kind from `from`, or -1 (src/shared/model/navigation). */
export type StepJump = (model: TraceModel, from: number) => number;

/** What the app needs from the shared model (injectable so tests can pass a small fake). */
export interface ModelApi {
  buildModel: (raw: RawTrace) => TraceModel;
  describeStep: (model: TraceModel, step: number) => string;
  nextConsoleStep: StepJump;
  prevConsoleStep: StepJump;
  nextTaskStart: StepJump;
  prevTaskStart: StepJump;
}

/** Queue items built per lane before the lanes have been measured (no layout yet, e.g. under jsdom). */
const UNMEASURED_QUEUE_CAPACITY = 64;

export interface AppOptions {
  model: ModelApi;
  reducedMotion?: boolean;
}

interface Loaded {
  model: TraceModel;
  consoleView: ConsoleView;
  sourceView: SourceView;
}

export class LoopscopeApp {
  readonly layout: Layout;
  private loaded: Loaded | null = null;
  private step = 0;
  private renderedStep = -1;
  private speed = 1;
  private playing = false;
  private playTimer: ReturnType<typeof setTimeout> | undefined;
  private elapsedTimer: ReturnType<typeof setInterval> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private scrubFrame = 0;
  private lastHighlight: number | null | undefined = undefined;
  private stackCapacity = Infinity;
  private queueCapacity = Infinity;
  private readonly win: Window;

  constructor(
    root: HTMLElement,
    private readonly bridge: HostBridge,
    private readonly opts: AppOptions,
  ) {
    this.layout = buildLayout(root);
    const win = root.ownerDocument.defaultView;
    if (!win) throw new Error('Loopscope needs a window');
    this.win = win;
    this.wireControls();
    this.wireLanes();
    root.ownerDocument.addEventListener('keydown', (e) => this.onKey(e));
    if ('ResizeObserver' in win) {
      new win.ResizeObserver(() => this.measure(true)).observe(this.layout.viewer);
    }
    bridge.onMessage((m) => this.handle(m));
  }

  /** Current step (for tests and the bench). */
  get currentStep(): number {
    return this.step;
  }

  get model(): TraceModel | null {
    return this.loaded?.model ?? null;
  }

  get isPlaying(): boolean {
    return this.playing;
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
    this.layout.viewer.hidden = true;
    this.layout.status.hidden = false;
    renderStatus(this.layout.status, s);
    if (s.kind === 'running') {
      renderElapsed(this.layout.status, 0);
      this.elapsedTimer = setInterval(() => renderElapsed(this.layout.status, Date.now() - s.startedAt), 1000);
    }
  }

  /** Builds the model from a raw trace and shows it; a malformed trace becomes a readable error state. */
  loadRaw(raw: RawTrace, o: { step?: number; speed?: number } = {}): void {
    let model: TraceModel;
    try {
      model = this.opts.model.buildModel(raw);
    } catch (e) {
      this.showStatus({ kind: 'error', message: `Could not read the trace: ${(e as Error).message}`, file: raw.meta?.file });
      return;
    }
    this.loadModel(model, o);
  }

  loadModel(model: TraceModel, o: { step?: number; speed?: number } = {}): void {
    this.pause();
    clearInterval(this.elapsedTimer);
    const saved = this.bridge.loadState();
    const savedStep = saved && (saved.file === undefined || saved.file === model.meta.file) ? saved.step : undefined;
    const rows = buildOutputRows(model);
    const l = this.layout;
    this.loaded = {
      model,
      consoleView: new ConsoleView(l.console, model, rows),
      sourceView: new SourceView(l.source, model.source, model.meta.lines),
    };
    this.speed = clampSpeed(o.speed ?? saved?.speed ?? this.speed);
    renderHeader(l.header, model);
    l.status.hidden = true;
    l.viewer.hidden = false;
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
    const loaded = this.loaded;
    if (!loaded) return;
    const last = loaded.model.stepCount - 1;
    this.step = Math.max(0, Math.min(last, Math.round(step)));
    this.render(animate && Math.abs(this.step - this.renderedStep) === 1);
  }

  stepBy(delta: number): void {
    this.goTo(this.step + delta, true);
  }

  play(): void {
    const loaded = this.loaded;
    if (!loaded || this.playing || loaded.model.stepCount < 2) return;
    if (this.step >= loaded.model.stepCount - 1) this.goTo(0, false);
    this.playing = true;
    this.layout.sentence.setAttribute('aria-live', 'off'); // no running commentary while playing
    this.scheduleTick();
    this.renderControls();
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    clearTimeout(this.playTimer);
    this.layout.sentence.setAttribute('aria-live', 'polite');
    this.renderControls();
  }

  togglePlay(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  setSpeed(speed: number): void {
    this.speed = clampSpeed(speed);
    if (this.playing) {
      clearTimeout(this.playTimer);
      this.scheduleTick();
    }
    this.renderControls();
    this.scheduleSave();
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
      case 'speed': {
        const i = PLAYBACK_SPEEDS.indexOf(this.speed);
        const next = PLAYBACK_SPEEDS[Math.max(0, Math.min(PLAYBACK_SPEEDS.length - 1, (i < 0 ? 2 : i) + a.direction))];
        this.setSpeed(next);
        return;
      }
    }
  }

  /** Shows `line` in the editor (VS Code) and in the page's own source view. */
  reveal(line: number): void {
    this.loaded?.sourceView.show(line);
    this.bridge.post({ type: 'editor/reveal', line });
  }

  private scheduleTick(): void {
    this.playTimer = setTimeout(() => {
      if (!this.playing || !this.loaded) return;
      if (this.step >= this.loaded.model.stepCount - 1) {
        this.pause();
        return;
      }
      this.stepBy(1);
      if (this.step >= this.loaded.model.stepCount - 1) this.pause();
      else this.scheduleTick();
    }, stepIntervalMs(this.speed));
  }

  private render(animate: boolean): void {
    const loaded = this.loaded;
    if (!loaded) return;
    const { model } = loaded;
    const l = this.layout;
    const step = this.step;
    const state: StepState = model.stateAt(step);
    const ms = animate ? transitionMs(this.speed, !!this.opts.reducedMotion) : 0;

    // The callback that starts a task leaves its queue for the call stack: remember where it was drawn.
    let enterFrom: { key: string; dx: number; dy: number } | undefined;
    if (ms > 0 && step === this.renderedStep + 1 && state.subject.kind === 'task-start') {
      const task = model.tasks[state.subject.task];
      if (task && task.queue !== 'script') {
        const rect = queueItemRect(l.queues[task.queue], task.itemId);
        const offset = rect && flightOffset(l.stack, rect);
        if (offset) enterFrom = { key: taskRowKey(task.itemId), ...offset };
      }
    }

    // only the head of each queue that fits is built: a queue can be thousands deep
    const lengths = model.queueLengthsAt(step);
    const max = Number.isFinite(this.queueCapacity) ? this.queueCapacity : UNMEASURED_QUEUE_CAPACITY;
    for (const q of QUEUE_NAMES) {
      renderQueue(l.queues[q], q, model.queueHeadAt(step, q, max), { duration: ms, capacity: this.queueCapacity, total: lengths[q] });
    }
    renderStack(l.stack, state, model, { duration: ms, capacity: this.stackCapacity, enterFrom });
    renderPhase(l.phase, state);
    renderSentence(l.sentence, this.opts.model.describeStep(model, step));
    loaded.sourceView.render(state.line);
    loaded.consoleView.render(step);
    this.renderedStep = step;
    this.renderControls();

    if (state.line !== this.lastHighlight) {
      this.lastHighlight = state.line;
      this.bridge.post({ type: 'editor/highlight', line: state.line });
    }
    this.scheduleSave();
  }

  private renderControls(): void {
    const loaded = this.loaded;
    if (!loaded) return;
    renderControls(this.layout.controls, {
      step: this.step,
      stepCount: loaded.model.stepCount,
      playing: this.playing,
      speed: this.speed,
      canPrevOutput: this.jump('output', -1) >= 0,
      canNextOutput: this.jump('output', 1) >= 0,
      canPrevTask: this.jump('task', -1) >= 0,
      canNextTask: this.jump('task', 1) >= 0,
    });
  }

  /** The step a console/task jump goes to from the current step, or -1. */
  private jump(kind: 'output' | 'task', direction: 1 | -1): number {
    const model = this.loaded?.model;
    if (!model) return -1;
    const m = this.opts.model;
    const fn = kind === 'output' ? (direction > 0 ? m.nextConsoleStep : m.prevConsoleStep) : direction > 0 ? m.nextTaskStart : m.prevTaskStart;
    return fn(model, this.step);
  }

  /** Persisting is debounced: playback at 8x should not write state 11 times a second. */
  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      const model = this.loaded?.model;
      if (!model) return;
      this.bridge.saveState({ step: this.step, speed: this.speed, file: model.meta.file });
      this.bridge.post({ type: 'state/step', step: this.step });
    }, 150);
  }

  /** How many stack rows / queue chips fit; re-render without animation when that changed. */
  private measure(rerender: boolean): void {
    const l = this.layout;
    const track = l.stack.querySelector<HTMLElement>('.ls-stack-track');
    const qtrack = l.queues.timer.querySelector<HTMLElement>('.ls-queue-track');
    const h = track?.clientHeight ?? 0;
    const w = qtrack?.clientWidth ?? 0;
    const stack = h > 0 ? Math.max(2, fitCount(h, FRAME_HEIGHT, FRAME_GAP)) : Infinity;
    const queue = w > 0 ? Math.max(2, fitCount(w, CHIP_WIDTH, CHIP_GAP)) : Infinity;
    if (stack === this.stackCapacity && queue === this.queueCapacity) return;
    this.stackCapacity = stack;
    this.queueCapacity = queue;
    if (rerender && this.loaded && this.renderedStep >= 0) this.render(false);
  }

  private wireControls(): void {
    const c = this.layout.controls;
    c.first.addEventListener('click', () => this.run({ kind: 'first' }));
    c.back.addEventListener('click', () => this.run({ kind: 'step', delta: -1 }));
    c.play.addEventListener('click', () => this.togglePlay());
    c.forward.addEventListener('click', () => this.run({ kind: 'step', delta: 1 }));
    c.last.addEventListener('click', () => this.run({ kind: 'last' }));
    c.prevOutput.addEventListener('click', () => this.run({ kind: 'output', direction: -1 }));
    c.nextOutput.addEventListener('click', () => this.run({ kind: 'output', direction: 1 }));
    c.prevTask.addEventListener('click', () => this.run({ kind: 'task', direction: -1 }));
    c.nextTask.addEventListener('click', () => this.run({ kind: 'task', direction: 1 }));
    c.speed.addEventListener('change', () => this.setSpeed(Number(c.speed.value)));
    // Scrubbing can fire far faster than frames: render the latest position once per frame.
    c.scrubber.addEventListener('input', () => {
      if (this.scrubFrame) return;
      this.scrubFrame = this.win.requestAnimationFrame(() => {
        this.scrubFrame = 0;
        this.goTo(c.scrubber.valueAsNumber, false);
      });
    });
  }

  /** Clicks (and Enter) on anything carrying data-step / data-line: console rows, frames, chips, source. */
  private wireLanes(): void {
    const activate = (target: EventTarget | null): boolean => {
      if (!target || !(target as Node).nodeType || (target as Node).nodeType !== 1) return false;
      const el = target as Element;
      const stepEl = el.closest<HTMLElement>('[data-step]');
      if (stepEl && this.layout.root.contains(stepEl)) {
        const step = Number(stepEl.dataset.step);
        if (Number.isInteger(step)) this.goTo(step, false);
      }
      const lineEl = el.closest<HTMLElement>('[data-line]');
      if (lineEl && this.layout.root.contains(lineEl)) {
        const line = Number(lineEl.dataset.line);
        if (Number.isInteger(line) && line >= 1) this.reveal(line);
      }
      return !!(stepEl || lineEl);
    };
    this.layout.root.addEventListener('click', (e) => activate(e.target));
    this.layout.root.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || (e.target as Element).tagName === 'BUTTON') return;
      if (activate(e.target)) e.preventDefault();
    });
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target as Element | null;
    const action = keyToAction({
      key: e.key,
      shiftKey: e.shiftKey,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      altKey: e.altKey,
      targetTag: target?.tagName ?? '',
    });
    if (!action || !this.loaded || !this.layout.status.hidden) return;
    e.preventDefault();
    this.run(action);
  }
}

/** The offered speed nearest to `s` (the speed menu only has those). */
function clampSpeed(s: number): number {
  if (!Number.isFinite(s)) return 1;
  const c = Math.max(MIN_PLAYBACK_SPEED, Math.min(MAX_PLAYBACK_SPEED, s));
  let best = PLAYBACK_SPEEDS[0];
  for (const v of PLAYBACK_SPEEDS) if (Math.abs(Math.log(v / c)) < Math.abs(Math.log(best / c))) best = v;
  return best;
}
