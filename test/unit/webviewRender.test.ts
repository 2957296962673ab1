// The webview's render functions under jsdom: each lane on a small hand-built state, read back from the DOM.
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type { Frame, QueueItem, Queues, StepState, TaskInfo, TraceModel } from '../../src/shared/modelTypes';
import type { RunMeta } from '../../src/shared/rawTrace';
import { buildLayout } from '../../webview/layout';
import { renderStack } from '../../webview/render/stack';
import { renderQueue } from '../../webview/render/queues';
import { CHIP_GAP, CHIP_MIN_WIDTH, MORE_CHIP_WIDTH, STACK_PITCH, laneLayout } from '../../webview/geometry';
import { renderPhase } from '../../webview/render/phase';
import { renderSentence } from '../../webview/render/sentence';
import { renderHeader } from '../../webview/render/header';
import { renderStatus } from '../../webview/render/status';
import { renderControls, stepCounterText } from '../../webview/render/controls';
import { ConsoleView } from '../../webview/render/console';
import { SourceView } from '../../webview/render/source';
import { buildOutputRows, overprint, rowTextAt, rowWrittenAt, rowsUpTo } from '../../webview/outputRows';
import { keyToAction } from '../../webview/keyboard';
import { runMeta } from './modelFixtures';
import { setPhaseTrace } from '../../webview/render/phase';

const XSS = '<img src=x onerror=alert(1)>';
const CLOSE = '</script><b>bold</b>';

function dom(): { doc: Document; root: HTMLElement } {
  const { window } = new JSDOM('<!DOCTYPE html><main id="loopscope-root"></main>');
  return { doc: window.document, root: window.document.getElementById('loopscope-root')! };
}

const meta: RunMeta = runMeta({ file: '/work/demo/app.js', timings: { transpile: 1, instrument: 1, run: 12.5, total: 20 } });

function emptyQueues(): Queues {
  return { nextTick: [], microtask: [], timer: [], immediate: [], io: [], close: [] };
}

function task(id: number, itemId: string, queue: TaskInfo['queue'], label: string): TaskInfo {
  return { id, itemId, queue, phase: queue === 'script' ? 'main' : 'timers', label, line: 3, start: 0, end: 1, firstStep: id * 10, lastStep: id * 10 + 9 };
}

/** A model with only the fields the lane renderers read (stateAt is never called by them). */
function fakeModel(over: Partial<TraceModel> = {}): TraceModel {
  return {
    meta,
    source: 'a\nb\n',
    tasks: [task(0, 'script', 'script', 'main script'), task(1, 't1', 'timer', "() => greet('t')")],
    console: [],
    errors: [],
    asyncCalls: [],
    patterns: { sequentialAwaits: [], floatingPromises: [], zeroDelayTimers: [] },
    stepCount: 40,
    stateAt: () => {
      throw new Error('not used');
    },
    kindAt: () => 'push',
    taskAt: () => null,
    lineAt: () => null,
    queueHeadAt: () => {
      throw new Error('not used');
    },
    queueLengthsAt: () => {
      throw new Error('not used');
    },
    ...over,
  };
}

function state(over: Partial<StepState> = {}): StepState {
  return {
    index: 0,
    kind: 'push',
    task: 0,
    phase: 'main',
    draining: null,
    line: 2,
    time: 0,
    stack: [],
    queues: emptyQueues(),
    subject: { kind: 'task-start', task: 0 },
    ...over,
  };
}

const frames = (...names: string[]): Frame[] => names.map((name, i) => ({ id: i + 1, name, line: 10 + i }));
const items = (...labels: string[]): QueueItem[] => labels.map((label, i) => ({ id: `i${i}`, label, line: 20 + i }));
const texts = (els: Iterable<Element>): string[] => Array.from(els, (e) => e.textContent ?? '');

describe('webview render: call stack', () => {
  it('draws the task at the bottom and frames bottom-up, top highlighted, name + the line each is at', () => {
    const { root } = dom();
    const l = buildLayout(root);
    // main() called from the script's line 3, greet() from main's line 12; greet is running its line 11
    const [main, greet] = frames('main', 'greet');
    const stack = [{ ...main, callerLine: 3 }, { ...greet, callerLine: 12 }];
    renderStack(l.stack, state({ stack, line: 11 }), fakeModel(), { duration: 0, capacity: Infinity });
    const rows = Array.from(l.stack.querySelectorAll<HTMLElement>('.ls-frame'));
    assert.deepEqual(texts(rows.map((r) => r.querySelector('.ls-frame-name')!)), ['main script', 'main', 'greet']);
    assert.deepEqual(texts(rows.map((r) => r.querySelector('.ls-frame-line')!)), ['L3', 'L12', 'L11']);
    assert.deepEqual(rows.map((r) => r.style.transform), ['translate(0px, 0px)', `translate(0px, ${-STACK_PITCH}px)`, `translate(0px, ${-2 * STACK_PITCH}px)`]);
    assert.deepEqual(rows.map((r) => r.classList.contains('is-top')), [false, false, true]);
    assert.ok(rows[0].classList.contains('is-task'));
    assert.equal(rows[2].dataset.line, '11');
    assert.match(l.stack.getAttribute('aria-label')!, /2 frames, top: greet line 11/);
  });

  it('keeps a frame element across steps (keyed by invocation id) and removes popped ones', () => {
    const { root } = dom();
    const l = buildLayout(root);
    const m = fakeModel();
    renderStack(l.stack, state({ stack: frames('main') }), m, { duration: 0, capacity: Infinity });
    const mainEl = l.stack.querySelector('[data-key="f:1"]');
    renderStack(l.stack, state({ stack: frames('main', 'greet') }), m, { duration: 0, capacity: Infinity });
    assert.equal(l.stack.querySelector('[data-key="f:1"]'), mainEl);
    renderStack(l.stack, state({ task: null, stack: [] }), m, { duration: 0, capacity: Infinity });
    assert.equal(l.stack.querySelectorAll('.ls-frame').length, 0);
    assert.ok(l.stack.classList.contains('is-empty'));
  });

  it('folds a deep stack into "N more below" and keeps the top frames', () => {
    const { root } = dom();
    const l = buildLayout(root);
    const names = Array.from({ length: 10 }, (_, i) => `f${i}`);
    renderStack(l.stack, state({ stack: frames(...names) }), fakeModel(), { duration: 0, capacity: 4 });
    assert.deepEqual(texts(l.stack.querySelectorAll('.ls-frame-name')), ['… 8 more below', 'f7', 'f8', 'f9']);
  });

  it('shows the queued callback that is running as the stack base, with its queue', () => {
    const { root } = dom();
    const l = buildLayout(root);
    renderStack(l.stack, state({ task: 1, stack: [] }), fakeModel(), { duration: 0, capacity: Infinity });
    const row = l.stack.querySelector<HTMLElement>('.ls-frame')!;
    assert.equal(row.dataset.key, 't:t1');
    assert.equal(row.querySelector('.ls-frame-name')!.textContent, "() => greet('t')");
    // the queue's word from the shared table, as the console notes and the text report say it
    assert.equal(row.querySelector('.ls-frame-detail')!.textContent, 'timer');
  });
});

describe('webview render: queues', () => {
  it('draws items head first with their call sites, lines, and a timer\'s delay and firing time', () => {
    const { root } = dom();
    const l = buildLayout(root);
    const timers: QueueItem[] = [
      { id: 't1', label: 'tick', call: 'setTimeout(tick, 5)', line: 4, due: 5.25, enqueuedAt: 0.5, delay: 5 },
      { id: 't2', label: 'later', line: 9, due: 1500, enqueuedAt: 480 },
    ];
    renderQueue(l.queues.timer, 'timer', timers, { duration: 0, now: 1000 });
    const chips = Array.from(l.queues.timer.querySelectorAll<HTMLElement>('.ls-chip'));
    assert.deepEqual(texts(chips.map((c) => c.querySelector('.ls-chip-label')!)), ['setTimeout(tick, 5)', 'later']);
    assert.deepEqual(texts(chips.map((c) => c.querySelector('.ls-chip-meta')!)), ['5 ms → at 5.3 ms · L4', '1.0 s → at 1.5 s · L9']);
    // at 1000 ms the first is past its due time, the second not
    assert.deepEqual(chips.map((c) => c.classList.contains('is-late')), [true, false]);
    assert.deepEqual(chips.map((c) => c.style.transform), ['translate(0px, 0px)', `translate(${CHIP_MIN_WIDTH + CHIP_GAP}px, 0px)`]);
    assert.ok(chips[0].classList.contains('is-head'));
    assert.equal(l.queues.timer.querySelector('.ls-queue-count')!.textContent, '2');
    assert.equal(l.queues.timer.getAttribute('aria-label'), 'Timers: 2 waiting');
  });

  it('keeps item identity: the element of an item that stays is the same, and slides to its new index', () => {
    const { root } = dom();
    const l = buildLayout(root);
    const [a, b, c] = items('a', 'b', 'c');
    renderQueue(l.queues.microtask, 'microtask', [a, b], { duration: 0 });
    const bEl = l.queues.microtask.querySelector('[data-id="i1"]') as HTMLElement;
    renderQueue(l.queues.microtask, 'microtask', [b, c], { duration: 0 });
    assert.equal(l.queues.microtask.querySelector('[data-id="i1"]'), bEl);
    assert.equal(bEl.style.transform, 'translate(0px, 0px)');
    assert.equal(l.queues.microtask.querySelector('[data-id="i0"]'), null);
    assert.deepEqual(texts(l.queues.microtask.querySelectorAll('.ls-chip-label')), ['b', 'c']);
  });

  it('shows what fits and a "+N more" chip for a long queue (never one element per item); expanded, a few rows', () => {
    const { root } = dom();
    const l = buildLayout(root);
    const many = Array.from({ length: 5000 }, (_, i) => ({ id: `m${i}`, label: `job ${i}`, line: null }));
    // room for three chips and the "+N more" chip
    const width = 3 * CHIP_MIN_WIDTH + 3 * CHIP_GAP + MORE_CHIP_WIDTH;
    renderQueue(l.queues.immediate, 'immediate', many, { duration: 0, layout: laneLayout(width, 5000, false) });
    assert.deepEqual(texts(l.queues.immediate.querySelectorAll('.ls-chip-label')), ['job 0', 'job 1', 'job 2', '+4997 more']);
    assert.equal(l.queues.immediate.querySelector('.ls-queue-count')!.textContent, '5000');
    const more = l.queues.immediate.querySelector<HTMLElement>('.ls-chip.is-more')!;
    assert.equal(more.dataset.toggle, 'more');
    assert.equal(more.getAttribute('aria-expanded'), 'false');
    renderQueue(l.queues.immediate, 'immediate', many, { duration: 0, layout: laneLayout(width, 5000, true), expanded: true });
    // three columns of four rows, the last slot the "fewer" chip
    assert.equal(l.queues.immediate.querySelectorAll('.ls-chip:not(.is-more)').length, 11);
    assert.equal(l.queues.immediate.querySelector('.ls-chip.is-more .ls-chip-label')!.textContent, '+4989 · fewer');
    assert.ok(l.queues.immediate.classList.contains('is-expanded'));
    assert.equal(l.queues.immediate.querySelector<HTMLElement>('.ls-queue-track')!.style.getPropertyValue('--ls-rows'), '4');
  });

  it('marks an empty lane', () => {
    const { root } = dom();
    const l = buildLayout(root);
    renderQueue(l.queues.close, 'close', [], { duration: 0 });
    assert.ok(l.queues.close.classList.contains('is-empty'));
    assert.equal(l.queues.close.getAttribute('aria-label'), 'Close callbacks: empty');
  });
});

describe('webview render: phase indicator and sentence', () => {
  it('highlights the current phase and the queue being drained', () => {
    const { root } = dom();
    const l = buildLayout(root);
    renderPhase(l.phase, { phase: 'check', draining: 'microtask' });
    assert.deepEqual(texts(l.phase.querySelectorAll('.ls-phase.is-current')), ['check (immediates)']);
    assert.equal(l.phase.querySelector('[aria-current="step"]')!.textContent, 'check (immediates)');
    assert.deepEqual(texts(l.phase.querySelectorAll('.ls-drain.is-current')), ['microtask queue']);
    assert.equal(l.phase.getAttribute('aria-label'), 'Event loop phase: check (immediates), draining the microtask queue');
    renderPhase(l.phase, { phase: 'main', draining: null });
    assert.deepEqual(texts(l.phase.querySelectorAll('.is-current')), ['main script']);
    // an ES module's body is a microtask job: main script and the microtask queue are lit together
    setPhaseTrace(l.phase, fakeModel({ meta: { ...meta, module: 'esm' } }));
    renderPhase(l.phase, { phase: 'main', draining: null, task: 0, kind: 'push' });
    assert.deepEqual(texts(l.phase.querySelectorAll('.is-current')), ['main script', 'microtask queue']);
    assert.ok(l.phase.querySelector('.ls-drain-microtask.is-job'));
    assert.equal(l.phase.getAttribute('aria-label'), 'Event loop phase: main script, running as a job of the microtask queue');
    // not in CommonJS, and not once the body has ended
    renderPhase(l.phase, { phase: 'main', draining: null, task: 0, kind: 'task-end' });
    assert.deepEqual(texts(l.phase.querySelectorAll('.is-current')), ['main script']);
    setPhaseTrace(l.phase, fakeModel());
    renderPhase(l.phase, { phase: 'main', draining: null, task: 0, kind: 'push' });
    assert.deepEqual(texts(l.phase.querySelectorAll('.is-current')), ['main script']);
  });

  it('renders backtick code as <code> and everything else as text', () => {
    const { root } = dom();
    const l = buildLayout(root);
    renderSentence(l.sentence, `\`greet\` printed "${XSS}"`);
    assert.equal(l.sentence.textContent, `greet printed "${XSS}"`);
    assert.deepEqual(texts(l.sentence.querySelectorAll('code')), ['greet']);
    assert.equal(l.sentence.querySelectorAll('img').length, 0);
    assert.equal(l.sentence.getAttribute('aria-live'), 'polite');
  });
});

describe('webview render: header, status, controls', () => {
  it('says which Node, module format, file and exit reason', () => {
    const { root } = dom();
    const l = buildLayout(root);
    renderHeader(l.header, fakeModel());
    const text = l.header.textContent!;
    assert.match(text, /app\.js/);
    assert.match(text, /Node v20\.20\.2/);
    assert.match(text, /CommonJS/);
    assert.match(text, /completed/);
    assert.match(text, /40 steps/);
    renderHeader(l.header, fakeModel({ meta: { ...meta, module: 'esm', file: `/x/${XSS}.mjs`, exit: { code: null, reason: 'timeout' } } }));
    assert.match(l.header.textContent!, /ES module/);
    assert.match(l.header.textContent!, /timeout after 5000 ms/);
    assert.ok(l.header.querySelector('.ls-meta-exit.is-bad'));
    assert.equal(l.header.querySelector('h1')!.textContent, `${XSS}.mjs`);
    assert.equal(l.header.querySelectorAll('img').length, 0);
    assert.equal(l.header.querySelector('.ls-meta-order'), null, 'a single run names no order');
  });

  it('states the run\'s estimated tracing overhead beside its duration, when the trace has it', () => {
    const { root } = dom();
    const l = buildLayout(root);
    renderHeader(l.header, fakeModel({ meta: { ...meta, tracing: { callBudget: 10000, events: 2000, foldedCalls: 0, overheadMs: 13.2 } } }));
    const chip = l.header.querySelector('.ls-meta-tracing')!;
    assert.match(chip.textContent!, /^tracing ~13/);
    assert.match(chip.getAttribute('title')!, /include about 13/);
    renderHeader(l.header, fakeModel());
    assert.equal(l.header.querySelector('.ls-meta-tracing'), null);
  });

  it('a run of Check Order Stability / --runs names its console order among the runs', () => {
    const { root } = dom();
    const l = buildLayout(root);
    renderHeader(l.header, fakeModel({ meta: { ...meta, orderVariant: { index: 1, of: 2, count: 3, runs: 10 } } }));
    const order = l.header.querySelector('.ls-meta-order.is-bad')!;
    assert.equal(order.textContent, 'order 2 of 2 · 3 of 10 runs');
    assert.match(order.getAttribute('title')!, /10 runs printed 2 different console orders/);
    renderHeader(l.header, fakeModel({ meta: { ...meta, orderVariant: { index: 0, of: 1, count: 5, runs: 5 } } }));
    assert.equal(l.header.querySelector('.ls-meta-order:not(.is-bad)')!.textContent, 'same order in all 5 runs');
  });

  it('offers the runs\' other console orders in a picker when they can be shown, and names the order when not', () => {
    const { root, doc } = dom();
    const l = buildLayout(root);
    const orders = [{ count: 7, console: ['a', 'b'] }, { count: 2, console: ['b', 'a'] }, { count: 1, console: ['a'] }];
    const withOrders = fakeModel({ meta: { ...meta, orderVariant: { index: 1, of: 3, count: 2, runs: 10, orders } } });
    const picked: number[] = [];
    renderHeader(l.header, withOrders, { pickOrder: (i) => picked.push(i), canPick: (i) => i !== 2 });
    const select = l.header.querySelector<HTMLSelectElement>('select.ls-order-pick')!;
    assert.deepEqual([...select.options].map((o) => o.textContent), ['order 1 of 3 · 7 of 10 runs', 'order 2 of 3 · 2 of 10 runs', 'order 3 of 3 · 1 of 10 runs']);
    assert.deepEqual([...select.options].map((o) => o.disabled), [false, false, true], 'an order whose run is not at hand cannot be picked');
    assert.equal(select.value, '1', 'the order shown is selected');
    assert.equal(select.options[0].title, 'a · b');
    select.value = '0';
    select.dispatchEvent(new doc.defaultView!.Event('change'));
    assert.deepEqual(picked, [0]);
    assert.equal(select.value, '1', 'the select names the order shown until the other run loads');
    // nobody to show another order (no pickOrder), or none of the others at hand: the order is named, not offered
    renderHeader(l.header, withOrders);
    assert.equal(l.header.querySelector('select'), null);
    assert.equal(l.header.querySelector('.ls-meta-order')!.textContent, 'order 2 of 3 · 2 of 10 runs');
    renderHeader(l.header, withOrders, { pickOrder: (i) => picked.push(i), canPick: () => false });
    assert.equal(l.header.querySelector('select'), null);
  });

  it('error state shows file:line:col and the message as text', () => {
    const { root } = dom();
    const l = buildLayout(root);
    renderStatus(l.status, { kind: 'error', message: `SyntaxError: Unexpected token ${CLOSE}`, file: '/w/a.js', line: 3, column: 7 });
    assert.equal(l.status.querySelector('.ls-status-location')!.textContent, '/w/a.js:3:7');
    assert.equal(l.status.querySelector('pre')!.textContent, `SyntaxError: Unexpected token ${CLOSE}`);
    assert.equal(l.status.querySelectorAll('b, script').length, 0);
    // the position shows once: in the location line, not again inside the message
    renderStatus(l.status, { kind: 'error', message: 'SyntaxError: Unexpected token (3:7)', file: '/w/a.js', line: 3, column: 7 });
    assert.equal(l.status.textContent, 'Could not trace this file/w/a.js:3:7SyntaxError: Unexpected token');
    renderStatus(l.status, { kind: 'running', file: '/w/slow.js', startedAt: 0 });
    assert.match(l.status.textContent!, /Tracing slow\.js/);
    assert.ok(l.status.querySelector('[role="progressbar"]'));
  });

  it('controls: counter, scrubber, disabled ends', () => {
    const { root } = dom();
    const l = buildLayout(root);
    const base = { stepCount: 340, playing: false, speed: 1, canPrevOutput: false, canNextOutput: true, canPrevTask: false, canNextTask: true };
    renderControls(l.controls, { ...base, step: 11 });
    assert.equal(l.controls.counter.textContent, 'step 12 / 340');
    assert.equal(l.controls.scrubber.max, '339');
    assert.equal(l.controls.scrubber.value, '11');
    assert.equal(l.controls.back.disabled, false);
    assert.equal(l.controls.prevOutput.disabled, true);
    renderControls(l.controls, { ...base, step: 339, playing: true });
    assert.equal(l.controls.forward.disabled, true);
    assert.equal(l.controls.last.disabled, true);
    assert.equal(l.controls.play.getAttribute('aria-label'), 'Pause (Space)');
    assert.equal(stepCounterText(0, 0), 'step 0 / 0');
  });
});

describe('webview render: console and source (virtualised)', () => {
  const model = fakeModel({
    console: [
      { text: 'one', stream: 'stdout', task: 0, step: 2, stack: ['main'], line: 4 },
      { text: `${XSS}\n${CLOSE}`, stream: 'stdout', task: 1, step: 5, stack: [], line: 7 },
      { text: 'warn', stream: 'stderr', task: 1, step: 9, stack: ['later'], line: 8 },
    ],
    errors: [{ kind: 'uncaught', message: `Error: ${XSS}`, line: 8, column: 3, step: 9, task: 1 }],
  });

  it('builds one row per printed text line, in step order, errors included', () => {
    const rows = buildOutputRows(model);
    assert.deepEqual(rows.map((r) => [r.text, r.kind, r.step, r.first]), [
      ['one', 'stdout', 2, true],
      [XSS, 'stdout', 5, true],
      [CLOSE, 'stdout', 5, false],
      ['warn', 'stderr', 9, true],
      [`Uncaught Error: ${XSS}`, 'error', 9, true],
    ]);
    assert.equal(rowsUpTo(rows, 1), 0);
    assert.equal(rowsUpTo(rows, 5), 3);
    assert.equal(rowsUpTo(rows, 100), 5);
  });

  it('a write left open is continued by its stream\'s next write, across the other stream and many writes', () => {
    const line = (text: string, stream: 'stdout' | 'stderr', step: number, open?: true) => ({ text, stream, task: 0, step, stack: [], line: 1, ...(open ? { open } : {}) });
    const rows = buildOutputRows(
      fakeModel({ console: [line('a', 'stdout', 1, true), line('E', 'stderr', 2), line('b\nc', 'stdout', 3, true), line('d', 'stdout', 4)] }),
    );
    assert.deepEqual(rows.map((r) => [r.text, r.kind, r.step]), [['ab', 'stdout', 1], ['E', 'stderr', 2], ['cd', 'stdout', 3]]);
    assert.deepEqual([rowTextAt(rows[0], 2), rowTextAt(rows[0], 3), rowTextAt(rows[2], 3)], ['a', 'ab', 'c']);
    assert.deepEqual([1, 2, 3, 4].map((s) => rowWrittenAt(rows[0], s)), [true, false, true, false]);
    // a progress line of 100,000 dots is one row, read at any step by binary search
    const dots = Array.from({ length: 100_000 }, (_, i) => line('.', 'stdout', i, true));
    const [bar] = buildOutputRows(fakeModel({ console: dots }));
    assert.equal(bar.cuts?.length, 99_999);
    assert.equal(rowTextAt(bar, 41_999).length, 42_000);
    assert.ok(rowWrittenAt(bar, 70_000) && !rowWrittenAt(bar, 100_000));
  });

  it('a carriage return overwrites the line from its start, as in a terminal', () => {
    assert.deepEqual(['10%\r20%\r30%', 'abc\rX', 'done\r', 'plain'].map(overprint), ['30%', 'Xbc', 'done', 'plain']);
  });

  it('scrolls back to a row a write continues, when lines of the other stream pushed it off screen', () => {
    const { root } = dom();
    const l = buildLayout(root);
    const line = (text: string, stream: 'stdout' | 'stderr', step: number, open?: true) => ({ text, stream, task: 0, step, stack: [], line: 1, ...(open ? { open } : {}) });
    const errs = Array.from({ length: 40 }, (_, i) => line(`err ${i}`, 'stderr', i + 2));
    const m = fakeModel({ console: [line('progress', 'stdout', 1, true), ...errs, line(' done', 'stdout', 50)] });
    const view = new ConsoleView(l.console, m, buildOutputRows(m));
    view.render(45);
    assert.equal(view.list_.isInView(0), false, 'the stderr lines pushed the progress row off screen');
    view.render(50);
    assert.equal(view.list_.isInView(0), true);
    const first = l.console.querySelector<HTMLElement>('.ls-out[data-index="0"]')!;
    assert.equal(first.querySelector('.ls-out-text')!.textContent, 'progress done');
    assert.ok(first.classList.contains('is-current'));
  });

  it('shows only what was printed so far; hostile text stays text', () => {
    const { root } = dom();
    const l = buildLayout(root);
    const view = new ConsoleView(l.console, model, buildOutputRows(model));
    view.render(4);
    assert.deepEqual(texts(l.console.querySelectorAll('.ls-out-text')), ['one']);
    view.render(5);
    const rows = Array.from(l.console.querySelectorAll<HTMLElement>('.ls-out'));
    assert.deepEqual(texts(rows.map((r) => r.querySelector('.ls-out-text')!)), ['one', XSS, CLOSE]);
    assert.deepEqual(rows.map((r) => r.classList.contains('is-current')), [false, true, true]);
    assert.deepEqual(rows.map((r) => r.dataset.step), ['2', '5', '5']);
    assert.equal(rows[0].querySelector('.ls-out-meta')!.textContent, 'main · script · L4');
    assert.equal(l.console.querySelectorAll('img, script, b').length, 0);
    view.render(9);
    assert.ok(l.console.querySelector('.ls-out-error'));
    assert.ok(l.console.querySelector('.ls-out-stderr'));
  });

  it('console keeps only visible rows in the DOM for thousands of lines', () => {
    const { root } = dom();
    const l = buildLayout(root);
    const big = fakeModel({
      console: Array.from({ length: 5000 }, (_, i) => ({ text: `line ${i}`, stream: 'stdout' as const, task: 0, step: i, stack: [], line: 1 })),
    });
    const view = new ConsoleView(l.console, big, buildOutputRows(big));
    view.render(4999);
    const shown = l.console.querySelectorAll('.ls-out');
    assert.ok(shown.length > 0 && shown.length < 40, `${shown.length} rows in the DOM`);
    assert.ok(texts(l.console.querySelectorAll('.ls-out-text')).includes('line 4999'));
  });

  it('source highlights the running line and renders only the visible lines of a long file', () => {
    const { root } = dom();
    const l = buildLayout(root);
    const source = Array.from({ length: 10000 }, (_, i) => `const v${i} = ${i}; // ${i === 7000 ? XSS : ''}`).join('\n');
    const view = new SourceView(l.source, source);
    view.render(7001);
    const current = l.source.querySelector<HTMLElement>('.ls-src.is-current')!;
    assert.equal(current.dataset.line, '7001');
    assert.equal(current.querySelector('.ls-src-code')!.textContent, `const v7000 = 7000; // ${XSS}`);
    assert.equal(current.querySelector('.ls-src-gutter')!.textContent, '7001');
    assert.ok(l.source.querySelectorAll('.ls-src').length < 60);
    assert.equal(l.source.querySelectorAll('img').length, 0);
  });

  it('dims lines outside a traced selection', () => {
    const { root } = dom();
    const l = buildLayout(root);
    new SourceView(l.source, 'a\nb\nc\nd', [{ from: 2, to: 3 }]).render(2);
    const outside = Array.from(l.source.querySelectorAll<HTMLElement>('.ls-src.is-outside'), (e) => e.dataset.line);
    assert.deepEqual(outside, ['1', '4']);
  });
});

describe('webview keyboard', () => {
  const key = (k: string, over: Partial<Parameters<typeof keyToAction>[0]> = {}) =>
    keyToAction({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, targetTag: 'BODY', ...over });
  it('maps arrows, Home/End, Space and the jump keys', () => {
    assert.deepEqual(key('ArrowRight'), { kind: 'step', delta: 1 });
    assert.deepEqual(key('ArrowLeft', { shiftKey: true }), { kind: 'step', delta: -10 });
    assert.deepEqual(key('Home'), { kind: 'first' });
    assert.deepEqual(key('End'), { kind: 'last' });
    assert.deepEqual(key(' '), { kind: 'toggle-play' });
    assert.deepEqual(key('c'), { kind: 'output', direction: 1 });
    assert.deepEqual(key('C', { shiftKey: true }), { kind: 'output', direction: -1 });
    assert.deepEqual(key('t'), { kind: 'task', direction: 1 });
    assert.deepEqual(key('T', { shiftKey: true }), { kind: 'task', direction: -1 });
    assert.deepEqual(key('+'), { kind: 'speed', direction: 1 });
  });
  it('leaves modified keys and select boxes alone', () => {
    assert.equal(key('ArrowRight', { ctrlKey: true }), null);
    assert.equal(key('c', { metaKey: true }), null);
    assert.equal(key('ArrowDown', { targetTag: 'SELECT' }), null);
    assert.equal(key('ArrowRight', { targetTag: 'SELECT' }), null);
    assert.equal(key('x'), null);
  });
});

describe('webview render: call stack, the running callback', () => {
  it("a queued callback shows once: its own frame is the task row, which takes the frame's line", () => {
    const { root } = dom();
    const l = buildLayout(root);
    // the timer's callback (queued at line 3, defined there) called greet, which runs line 11
    const stack = [{ id: 1, name: 'later', line: 3 }, { id: 2, name: 'greet', line: 10, callerLine: 4 }];
    renderStack(l.stack, state({ task: 1, stack, line: 11 }), fakeModel(), { duration: 0, capacity: Infinity });
    const rows = Array.from(l.stack.querySelectorAll<HTMLElement>('.ls-frame'));
    assert.deepEqual(texts(rows.map((r) => r.querySelector('.ls-frame-name')!)), ["() => greet('t')", 'greet']);
    assert.deepEqual(texts(rows.map((r) => r.querySelector('.ls-frame-line')!)), ['L4', 'L11']);
    assert.equal(rows[0].dataset.key, 't:t1');
    assert.match(l.stack.getAttribute('aria-label')!, /2 frames, top: greet line 11/);
    // a function Node called in the task that is not the queued one (a resumed async function): its name
    renderStack(l.stack, state({ task: 1, stack: [{ id: 3, name: 'main', line: 8, callerLine: 14 }], line: 9 }), fakeModel(), { duration: 0, capacity: Infinity });
    assert.deepEqual(texts(l.stack.querySelectorAll('.ls-frame-name')), ['main']);
    assert.deepEqual(texts(l.stack.querySelectorAll('.ls-frame-line')), ['L9']);
  });
});
