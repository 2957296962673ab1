// The viewer's input bindings: toolbar buttons, the speed menu and the scrubber, keyboard shortcuts, and
// clicks (or Enter) on anything in the lanes that carries data-step / data-line / data-toggle. Each becomes one call on an
// InputTarget; what the call does is the app's business.

import { keyToAction, type Action } from './keyboard';
import type { Layout } from './layout';
import { QUEUE_NAMES, type QueueName } from '../src/shared/rawTrace';

export interface InputTarget {
  /** A toolbar button or a keyboard shortcut. */
  run(action: Action): void;
  /**
   * The scrubber or a click on something that belongs to a step (a console line). `thread`: the step is that
   * thread's (an element inside `data-thread`, e.g. an insight, whose steps are its thread's); else the shown one's.
   */
  goTo(step: number, thread?: number): void;
  /** The speed menu. */
  setSpeed(speed: number): void;
  /** A click on something that belongs to a source line (a frame, a chip, a source line, an error). */
  reveal(line: number, file?: string): void;
  /** Whether keyboard shortcuts apply now (a trace is shown, not a status page). */
  acceptsKeys(): boolean;
  /** The "Node's internal tasks: folded / shown" toggle was pressed. */
  toggleInternalTasks(): void;
  /** A lane's "+N more" / "fewer" chip: expand or fold the lane. */
  toggleLane(queue: QueueName): void;
}

/** Attaches every binding to the layout (built once, so this runs once per app). */
export function bindInput(layout: Layout, target: InputTarget): void {
  bindControls(layout, target);
  bindLanes(layout.root, target);
  const doc = layout.root.ownerDocument;
  doc.addEventListener('keydown', (e) => onKey(e, target));
}

function bindControls(layout: Layout, target: InputTarget): void {
  const c = layout.controls;
  const win = layout.root.ownerDocument.defaultView;
  const buttons: [HTMLButtonElement, Action][] = [
    [c.first, { kind: 'first' }],
    [c.back, { kind: 'step', delta: -1 }],
    [c.play, { kind: 'toggle-play' }],
    [c.forward, { kind: 'step', delta: 1 }],
    [c.last, { kind: 'last' }],
    [c.prevOutput, { kind: 'output', direction: -1 }],
    [c.nextOutput, { kind: 'output', direction: 1 }],
    [c.prevTask, { kind: 'task', direction: -1 }],
    [c.nextTask, { kind: 'task', direction: 1 }],
  ];
  for (const [button, action] of buttons) button.addEventListener('click', () => target.run(action));
  c.internalTasks.addEventListener('click', () => target.toggleInternalTasks());
  c.speed.addEventListener('change', () => target.setSpeed(Number(c.speed.value)));
  // Scrubbing can fire far faster than frames: go to the latest position once per frame.
  let scrubFrame = 0;
  c.scrubber.addEventListener('input', () => {
    if (scrubFrame || !win) return;
    scrubFrame = win.requestAnimationFrame(() => {
      scrubFrame = 0;
      target.goTo(c.scrubber.valueAsNumber);
    });
  });
}

/** Clicks (and Enter) on anything carrying data-step / data-line: console rows, frames, chips, source. */
function bindLanes(root: HTMLElement, target: InputTarget): void {
  const activate = (el: EventTarget | null): boolean => {
    if (!el || !(el as Node).nodeType || (el as Node).nodeType !== 1) return false;
    const element = el as Element;
    const stepEl = element.closest<HTMLElement>('[data-step]');
    if (stepEl && root.contains(stepEl)) {
      const step = Number(stepEl.dataset.step);
      const thread = stepEl.closest<HTMLElement>('[data-thread]')?.dataset.thread;
      if (Number.isInteger(step)) target.goTo(step, thread === undefined ? undefined : Number(thread));
    }
    const toggle = element.closest<HTMLElement>('[data-toggle]');
    const queue = QUEUE_NAMES.find((q) => q === toggle?.closest<HTMLElement>('[data-queue]')?.dataset.queue);
    if (toggle && root.contains(toggle) && queue) {
      target.toggleLane(queue);
      return true;
    }
    const lineEl = element.closest<HTMLElement>('[data-line]');
    if (lineEl && root.contains(lineEl)) {
      const line = Number(lineEl.dataset.line);
      // data-file: a line of another file of the project (absent: the traced file)
      if (Number.isInteger(line) && line >= 1) target.reveal(line, lineEl.dataset.file);
    }
    return !!(stepEl || lineEl);
  };
  root.addEventListener('click', (e) => activate(e.target));
  root.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || (e.target as Element).tagName === 'BUTTON') return;
    if (activate(e.target)) e.preventDefault();
  });
}

function onKey(e: KeyboardEvent, target: InputTarget): void {
  const focused = e.target as Element | null;
  const action = keyToAction({
    key: e.key,
    shiftKey: e.shiftKey,
    ctrlKey: e.ctrlKey,
    metaKey: e.metaKey,
    altKey: e.altKey,
    targetTag: focused?.tagName ?? '',
  });
  if (!action || !target.acceptsKeys()) return;
  e.preventDefault();
  target.run(action);
}
