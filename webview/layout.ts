// The viewer's fixed skeleton, built once: header, toolbar, sentence, source, event-loop indicator, call
// stack, the six queue lanes, console. Lane geometry is fixed (geometry.ts) so a step never moves a lane.

import { QUEUE_NAMES, type QueueName } from '../src/shared/rawTrace';
import { PLAYBACK_SPEEDS } from '../src/shared/protocol';
import { h } from './dom';
import { QUEUE_LONG_TITLES, QUEUE_TITLES } from './format';
import { applyGeometry } from './geometry';
import { createPhaseIndicator } from './render/phase';
import { icon, type IconName } from './icons';
import { paintQueueColour } from './queueColour';
import { buildSideTabs, type SideTabs } from './sideTabs';

export interface Controls {
  toolbar: HTMLElement;
  first: HTMLButtonElement;
  back: HTMLButtonElement;
  play: HTMLButtonElement;
  forward: HTMLButtonElement;
  last: HTMLButtonElement;
  scrubber: HTMLInputElement;
  counter: HTMLElement;
  speed: HTMLSelectElement;
  prevOutput: HTMLButtonElement;
  nextOutput: HTMLButtonElement;
  prevTask: HTMLButtonElement;
  nextTask: HTMLButtonElement;
  /** Whether task navigation visits Node's internal tasks too (aria-pressed: shown). */
  internalTasks: HTMLButtonElement;
}

export interface Layout {
  root: HTMLElement;
  status: HTMLElement;
  viewer: HTMLElement;
  header: HTMLElement;
  controls: Controls;
  sentence: HTMLElement;
  /** Under the sentence: "Node's own code: …" while the step is inside an internal task. */
  internalNote: HTMLElement;
  /** Beside the sentence: the step's time and its task's elapsed time (render/sentence.ts renderClock). */
  clock: HTMLElement;
  /** Under the call stack: what waits outside the JavaScript thread (render/inFlight.ts). */
  inFlight: HTMLElement;
  phase: HTMLElement;
  stack: HTMLElement;
  queues: Record<QueueName, HTMLElement>;
  console: HTMLElement;
  source: HTMLElement;
  /** Source | Timeline | Insights tabs in the source view's place (sideTabs.ts). */
  side: SideTabs;
}

/** Keyboard help shown in the toolbar's title texts and the help line. */
export const SHORTCUTS = '←/→ step · Shift+←/→ 10 steps · Space play/pause · Home/End · C/Shift+C next/previous console line · T/Shift+T next/previous task · +/− speed';

function button(doc: Document, cls: string, content: string | IconName[], label: string): HTMLButtonElement {
  const children = typeof content === 'string' ? [content] : content.map((n) => icon(doc, n));
  return h(doc, 'button', { type: 'button', class: `ls-btn ${cls}`, 'aria-label': label, title: label }, children);
}

function lane(doc: Document, title: string, cls: string, body: HTMLElement, count?: HTMLElement, label = title): HTMLElement {
  const head = h(doc, 'h2', { class: 'ls-lane-title', title: label }, [title]);
  if (count) head.append(count);
  return h(doc, 'section', { class: `ls-lane ${cls}`, 'aria-label': label }, [head, body]);
}

export function buildLayout(root: HTMLElement): Layout {
  const doc = root.ownerDocument;
  const status = h(doc, 'div', { class: 'ls-status', role: 'status', 'aria-live': 'polite' });
  const header = h(doc, 'header', { class: 'ls-header' });

  const controls: Controls = {
    toolbar: h(doc, 'div', { class: 'ls-toolbar', role: 'toolbar', 'aria-label': 'Playback' }),
    first: button(doc, 'ls-icon-btn ls-first', ['first'], 'First step (Home)'),
    back: button(doc, 'ls-icon-btn ls-back', ['back'], 'Previous step (←)'),
    play: button(doc, 'ls-icon-btn ls-play', ['play', 'pause'], 'Play (Space)'),
    forward: button(doc, 'ls-icon-btn ls-forward', ['forward'], 'Next step (→)'),
    last: button(doc, 'ls-icon-btn ls-last', ['last'], 'Last step (End)'),
    scrubber: h(doc, 'input', { type: 'range', class: 'ls-scrubber', min: 0, max: 0, step: 1, value: 0, 'aria-label': 'Step' }),
    counter: h(doc, 'span', { class: 'ls-counter', 'aria-hidden': 'true' }, ['step 0 / 0']),
    speed: h(doc, 'select', { class: 'ls-speed', 'aria-label': 'Playback speed (+/−)', title: 'Playback speed (+/−)' }),
    prevOutput: button(doc, 'ls-prev-output', '‹ output', 'Previous console line (Shift+C)'),
    nextOutput: button(doc, 'ls-next-output', 'output ›', 'Next console line (C)'),
    prevTask: button(doc, 'ls-prev-task', '‹ task', 'Previous task (Shift+T)'),
    nextTask: button(doc, 'ls-next-task', 'task ›', 'Next task (T)'),
    // its visible text is its name and says its state ("…: folded" / "…: shown"); render/controls.ts sets both
    internalTasks: h(doc, 'button', { type: 'button', class: 'ls-btn ls-internal-toggle', 'aria-pressed': 'false' }, ["Node's internal tasks: folded"]),
  };
  for (const s of PLAYBACK_SPEEDS) controls.speed.append(h(doc, 'option', { value: String(s) }, [`${s}×`]));
  controls.toolbar.append(
    h(doc, 'div', { class: 'ls-group ls-transport' }, [controls.first, controls.back, controls.play, controls.forward, controls.last]),
    h(doc, 'div', { class: 'ls-group ls-scrub' }, [controls.scrubber, controls.counter]),
    h(doc, 'div', { class: 'ls-group ls-jumps' }, [controls.prevOutput, controls.nextOutput, controls.prevTask, controls.nextTask, controls.internalTasks]),
    h(doc, 'label', { class: 'ls-group ls-speed-group' }, [h(doc, 'span', { class: 'ls-speed-label' }, ['speed']), controls.speed]),
  );

  const sentence = h(doc, 'p', { class: 'ls-sentence', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const internalNote = h(doc, 'p', { class: 'ls-internal-note' });
  internalNote.hidden = true;
  const phase = createPhaseIndicator(doc);
  const stack = lane(doc, 'Call stack', 'ls-stack', h(doc, 'div', { class: 'ls-stack-track' }));
  const clock = h(doc, 'p', { class: 'ls-clock', role: 'note' }, [
    h(doc, 'span', { class: 'ls-clock-time' }, ['at 0.0 ms']),
    h(doc, 'span', { class: 'ls-clock-task' }, ['']),
  ]);
  const inFlight = lane(
    doc,
    'In flight',
    'ls-inflight',
    h(doc, 'ul', { class: 'ls-inflight-list' }),
    h(doc, 'span', { class: 'ls-inflight-count', 'aria-hidden': 'true' }, ['0']),
  );
  inFlight.setAttribute('role', 'region');

  const queues = {} as Record<QueueName, HTMLElement>;
  const queueLanes = h(doc, 'div', { class: 'ls-queues' });
  for (const q of QUEUE_NAMES) {
    const count = h(doc, 'span', { class: 'ls-queue-count', 'aria-hidden': 'true' }, ['0']);
    const el = lane(doc, QUEUE_TITLES[q], `ls-queue ls-queue-${q}`, h(doc, 'div', { class: 'ls-queue-track' }), count, QUEUE_LONG_TITLES[q]);
    el.dataset.queue = q;
    paintQueueColour(el, q);
    queues[q] = el;
    queueLanes.append(el);
  }

  const source = h(doc, 'div', { class: 'ls-vlist ls-source-view', tabindex: 0, role: 'list', 'aria-label': 'Source' });
  const consoleView = h(doc, 'div', { class: 'ls-vlist ls-console-view', tabindex: 0, role: 'list', 'aria-label': 'Console output' });

  const side = buildSideTabs(doc, lane(doc, 'Source', 'ls-source', source));
  const viewer = h(doc, 'div', { class: 'ls-viewer' }, [
    header,
    controls.toolbar,
    h(doc, 'div', { class: 'ls-sentence-box' }, [clock, h(doc, 'div', { class: 'ls-sentence-text' }, [sentence, internalNote])]),
    h(doc, 'div', { class: 'ls-main' }, [
      side.root,
      h(doc, 'div', { class: 'ls-machine' }, [phase, h(doc, 'div', { class: 'ls-machine-lanes' }, [h(doc, 'div', { class: 'ls-stack-column' }, [stack, inFlight]), queueLanes])]),
      lane(doc, 'Console', 'ls-console', consoleView),
    ]),
    h(doc, 'p', { class: 'ls-help' }, [`Keys: ${SHORTCUTS}`]),
  ]);
  viewer.hidden = true;
  applyGeometry(root);
  root.replaceChildren(status, viewer);
  root.removeAttribute('aria-busy');
  return { root, status, viewer, header, controls, sentence, internalNote, clock, inFlight, phase, stack, queues, console: consoleView, source, side };
}
