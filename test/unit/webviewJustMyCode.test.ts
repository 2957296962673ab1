// The panel's "just my code" and selection pieces under jsdom: which tasks task navigation skips (and the
// toggle that visits them, saved with the step), chips Node queued drawn dimmed, the note on an internal
// step, the header's "also ran" line with its line references, and the source lines dimmed for a selection.
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { LoopscopeApp } from '../../webview/app';
import { standaloneBridge, vscodeBridge, type HostBridge, type SavedState } from '../../webview/bridge';
import { InternalTaskIndex } from '../../webview/internalTaskIndex';
import { jumpTarget } from '../../webview/jumps';
import { buildLayout } from '../../webview/layout';
import { sharedModel } from '../../webview/model';
import { renderInternalToggle } from '../../webview/render/controls';
import { alsoRanParts, renderHeader } from '../../webview/render/header';
import { QUEUED_BY_NODE, renderQueue } from '../../webview/render/queues';
import { SourceView } from '../../webview/render/source';
import { linesThatRan, ranFlags, tracedRange } from '../../webview/selectionLines';
import { buildModel } from '../../src/shared/model';
import { isWebviewMessage, type HostMessage, type WebviewMessage } from '../../src/shared/protocol';
import type { RawEvent, RawTrace, RunMeta, SelectionMeta } from '../../src/shared/rawTrace';
import { rawTrace } from './modelFixtures';

/**
 * The script queues a nextTick (k1); Node's own k1 queues two promise jobs (p1, p2); p1, also Node's,
 * queues an immediate (im1); p2 runs the user's `f`. Tasks: 0 script, 1 k1 (internal), 2 p1 (internal),
 * 3 p2 (the user's), 4 im1 (internal).
 */
const EVENTS: RawEvent[] = [
  ['start', 0, 'cjs'],
  ['run', 0.1, 'script', 1],
  ['enqueue', 0.2, 'k1', 'nextTick', 'TickObject', 1, null, null],
  ['done', 0.3, 'script'],
  ['run', 1, 'k1', null],
  ['enqueue', 1.01, 'p1', 'microtask', 'PromiseReaction', null, null, null],
  ['enqueue', 1.02, 'p2', 'microtask', 'PromiseReaction', null, null, null],
  ['done', 1.03, 'k1'],
  ['run', 1.1, 'p1', null],
  ['enqueue', 1.11, 'im1', 'immediate', 'Immediate', null, null, null],
  ['done', 1.12, 'p1'],
  ['run', 1.2, 'p2', 2],
  ['enter', 1.21, 0, 1],
  ['console', 1.22, 'stdout', 'hi', 2],
  ['exit', 1.23, 1],
  ['done', 1.24, 'p2'],
  ['run', 2, 'im1', null],
  ['done', 2.01, 'im1'],
  ['end', 3, 'completed', 0],
];
const SOURCE = "process.nextTick(() => {});\nfunction f() { console.log('hi'); }\n";
const trace = (meta: Partial<RunMeta> = {}): RawTrace =>
  rawTrace(EVENTS, [{ kind: 'function', name: 'f', line: 2, column: 1 }], 'cjs', SOURCE, { file: '/w/jmc.js', ...meta });

interface Harness {
  app: LoopscopeApp;
  doc: Document;
  posted: WebviewMessage[];
  saved: SavedState[];
  send: (m: HostMessage) => void;
  key: (key: string, shiftKey?: boolean) => void;
  flushSave: () => Promise<void>;
}

function harness(initialState?: SavedState): Harness {
  const { window } = new JSDOM('<!DOCTYPE html><main id="loopscope-root"></main>', { pretendToBeVisual: true });
  const doc = window.document;
  const posted: WebviewMessage[] = [];
  const saved: SavedState[] = [];
  let handler: ((m: HostMessage) => void) | undefined;
  const bridge: HostBridge = {
    mode: 'vscode',
    canShowOrder: () => true,
    post: (m) => {
      assert.ok(isWebviewMessage(m), `host would reject ${JSON.stringify(m)}`);
      posted.push(m);
    },
    saveState: (s) => saved.push(s),
    loadState: () => initialState,
    onMessage: (h) => (handler = h),
  };
  const app = new LoopscopeApp(doc.getElementById('loopscope-root')!, bridge, { reducedMotion: true });
  return {
    app,
    doc,
    posted,
    saved,
    send: (m) => handler!(m),
    key: (key, shiftKey = false) => doc.body.dispatchEvent(new window.KeyboardEvent('keydown', { key, shiftKey, bubbles: true })),
    flushSave: () => new Promise((r) => setTimeout(r, 200)),
  };
}

const taskStart = (task: number): number => buildModel(trace()).tasks[task].firstStep;

describe('webview just my code: the index (once per trace)', () => {
  const model = buildModel(trace());
  const index = new InternalTaskIndex(model);

  it('flags the tasks that ran none of the user code, and counts them', () => {
    assert.deepEqual(index.internal, [false, true, true, false, true]);
    assert.equal(index.internalCount, 3);
    assert.deepEqual(model.tasks.map((t) => t.itemId), ['script', 'k1', 'p1', 'p2', 'im1']);
  });

  it('task navigation over the user tasks only: next from the script is p2, previous from the end is p2', () => {
    assert.equal(index.nextTaskStart(0), model.tasks[3].firstStep);
    assert.equal(index.nextTaskStart(model.tasks[3].firstStep), -1);
    assert.equal(index.prevTaskStart(model.stepCount - 1), model.tasks[3].firstStep);
    assert.equal(index.prevTaskStart(model.tasks[3].firstStep), 0);
    assert.equal(index.prevTaskStart(0), -1);
  });

  it('jumpTarget: folded skips internal tasks, shown visits the very next task', () => {
    const j = (direction: 1 | -1, from: number, showInternal: boolean): number =>
      jumpTarget(sharedModel, model, index, { kind: 'task', direction, from, showInternal });
    assert.equal(j(1, 0, false), model.tasks[3].firstStep);
    assert.equal(j(1, 0, true), model.tasks[1].firstStep);
    assert.equal(j(-1, model.tasks[4].firstStep, false), model.tasks[3].firstStep);
    assert.equal(j(-1, model.tasks[4].firstStep, true), model.tasks[3].firstStep);
    assert.equal(j(-1, model.tasks[3].firstStep, true), model.tasks[2].firstStep);
    assert.equal(jumpTarget(sharedModel, model, index, { kind: 'output', direction: 1, from: 0, showInternal: false }), sharedModel.nextConsoleStep(model, 0));
  });

  it('names the fold a step is in; no note on the user steps', () => {
    const firstFold = "Node's own code: 2 internal tasks (nextTick 1, microtask 1)";
    for (let s = model.tasks[1].firstStep; s <= model.tasks[2].lastStep; s++) assert.equal(index.noteAt(s), firstFold, `step ${s}`);
    assert.equal(index.noteAt(model.tasks[4].firstStep), "Node's own code: 1 internal task (immediate 1)");
    for (let s = 0; s <= model.tasks[0].lastStep; s++) assert.equal(index.noteAt(s), null);
    for (let s = model.tasks[3].firstStep; s <= model.tasks[3].lastStep; s++) assert.equal(index.noteAt(s), null);
  });

  it('knows which items Node queued: enqueued only inside internal tasks', () => {
    assert.equal(index.isInternalItem('k1'), false); // the script queued it
    for (const id of ['p1', 'p2', 'im1']) assert.equal(index.isInternalItem(id), true, id);
  });
});

describe('webview just my code: the panel', () => {
  it('T skips internal tasks by default; the arrows still visit every step', () => {
    const h = harness();
    h.send({ type: 'trace/load', raw: trace() });
    const toggle = h.doc.querySelector<HTMLButtonElement>('.ls-internal-toggle')!;
    assert.equal(toggle.textContent, "Node's internal tasks: folded");
    assert.equal(toggle.getAttribute('aria-pressed'), 'false');
    assert.equal(toggle.disabled, false);
    h.key('t');
    assert.equal(h.app.currentStep, taskStart(3));
    assert.equal(h.doc.querySelector<HTMLButtonElement>('.ls-next-task')!.disabled, true, 'only internal tasks are left');
    h.key('T', true);
    assert.equal(h.app.currentStep, 0);
    h.key('ArrowRight');
    h.key('ArrowRight');
    h.key('ArrowRight');
    h.key('ArrowRight');
    assert.equal(h.app.currentStep, 4, 'single steps go through the internal task');
    assert.equal(h.app.model!.taskAt(4), 1);
  });

  it('the toggle makes task navigation visit internal tasks; its state is saved and restored', async () => {
    const h = harness();
    h.send({ type: 'trace/load', raw: trace() });
    const toggle = h.doc.querySelector<HTMLButtonElement>('.ls-internal-toggle')!;
    toggle.click();
    assert.equal(toggle.textContent, "Node's internal tasks: shown");
    assert.equal(toggle.getAttribute('aria-pressed'), 'true');
    h.key('t');
    assert.equal(h.app.currentStep, taskStart(1));
    h.key('t');
    assert.equal(h.app.currentStep, taskStart(2));
    await h.flushSave();
    assert.deepEqual(h.saved.at(-1), { step: taskStart(2), speed: 1, file: '/w/jmc.js', showInternal: true });

    const again = harness(h.saved.at(-1));
    again.send({ type: 'trace/load', raw: trace() });
    assert.equal(again.app.showsInternalTasks, true);
    assert.equal(again.doc.querySelector('.ls-internal-toggle')!.getAttribute('aria-pressed'), 'true');
    again.doc.querySelector<HTMLButtonElement>('.ls-internal-toggle')!.click();
    await again.flushSave();
    assert.deepEqual(again.saved.at(-1), { step: taskStart(2), speed: 1, file: '/w/jmc.js' }, 'folded is the default: not written');
  });

  it('shows the fold note on an internal step and dims the chips Node queued, with a tooltip', () => {
    const h = harness();
    h.send({ type: 'trace/load', raw: trace() });
    const note = h.doc.querySelector<HTMLElement>('.ls-internal-note')!;
    assert.equal(note.hidden, true);
    // after k1 queued both promise jobs
    const afterEnqueues = taskStart(1) + 2;
    h.app.goTo(afterEnqueues);
    assert.equal(note.hidden, false);
    assert.equal(note.textContent, "Node's own code: 2 internal tasks (nextTick 1, microtask 1)");
    const chips = Array.from(h.doc.querySelectorAll<HTMLElement>('.ls-queue-microtask .ls-chip'));
    assert.equal(chips.length, 2);
    for (const c of chips) {
      assert.ok(c.classList.contains('is-internal'));
      // the tooltip names the item, then says who queued it
      assert.equal(c.title.split('\n').pop(), QUEUED_BY_NODE);
      assert.match(c.getAttribute('aria-label')!, /queued by Node's own code$/);
    }
    h.app.goTo(1); // the script queued k1: not dimmed
    const k1 = h.doc.querySelector<HTMLElement>('.ls-queue-nextTick .ls-chip')!;
    assert.equal(k1.classList.contains('is-internal'), false);
    h.app.goTo(taskStart(3));
    assert.equal(note.hidden, true);
  });

  it('a trace without internal tasks disables the toggle', () => {
    const { window } = new JSDOM('<!DOCTYPE html><main id="r"></main>');
    const l = buildLayout(window.document.getElementById('r')!);
    renderInternalToggle(l.controls.internalTasks, { shown: false, internalCount: 0 });
    assert.equal(l.controls.internalTasks.disabled, true);
    assert.match(l.controls.internalTasks.title, /no tasks that ran only Node's own code/);
    renderInternalToggle(l.controls.internalTasks, { shown: true, internalCount: 12 });
    assert.equal(l.controls.internalTasks.disabled, false);
    assert.match(l.controls.internalTasks.title, /^12 tasks ran only Node's own code\. Task navigation \(T\/Shift\+T\) visits them/);
  });

  it('renderQueue without the lookup draws nothing dimmed (and redraws when the flags differ)', () => {
    const { window } = new JSDOM('<!DOCTYPE html><main id="r"></main>');
    const l = buildLayout(window.document.getElementById('r')!);
    const items = [{ id: 'a', label: 'A', line: null }];
    renderQueue(l.queues.microtask, 'microtask', items, { duration: 0 });
    assert.equal(l.queues.microtask.querySelectorAll('.ls-chip.is-internal').length, 0);
    renderQueue(l.queues.microtask, 'microtask', items, { duration: 0, queuedByNode: () => true });
    assert.equal(l.queues.microtask.querySelectorAll('.ls-chip.is-internal').length, 1);
  });

  it('the saved toggle survives both bridges: VS Code state and the exported page hash', () => {
    const { window } = new JSDOM('<!DOCTYPE html><p></p>', { url: 'http://localhost/page.html' });
    const page = standaloneBridge(window as unknown as Window);
    page.saveState({ step: 4, showInternal: true });
    assert.equal(window.location.hash, '#step=5&internal=shown');
    assert.deepEqual(page.loadState(), { step: 4, showInternal: true });
    page.saveState({ step: 4 });
    assert.equal(window.location.hash, '#step=5');
    assert.deepEqual(page.loadState(), { step: 4 });

    let stored: unknown;
    const api = { postMessage: () => undefined, setState: (s: unknown) => (stored = s), getState: () => stored };
    const panel = vscodeBridge(window as unknown as Window, api);
    panel.saveState({ step: 2, speed: 1, file: '/w/a.js', showInternal: true });
    assert.deepEqual(panel.loadState(), { step: 2, speed: 1, file: '/w/a.js', showInternal: true });
    stored = { step: 2, showInternal: 'yes' };
    assert.equal(panel.loadState()?.showInternal, undefined);
  });
});

describe('webview selection: what ran', () => {
  const selection: SelectionMeta = {
    ran: { from: 5, to: 6 },
    alsoRan: [
      { kind: 'imports', names: ['fs', 'path'], from: 1, to: 2 },
      { kind: 'declaration', names: ['log'], from: 8, to: 8 },
    ],
  };

  it('lines that ran: the selection plus what it brought in; older traces fall back to meta.lines', () => {
    assert.deepEqual(linesThatRan({ lines: { from: 5, to: 5 }, selection }), [{ from: 5, to: 6 }, { from: 1, to: 2 }, { from: 8, to: 8 }]);
    assert.deepEqual(linesThatRan({ lines: { from: 3, to: 4 } }), [{ from: 3, to: 4 }]);
    assert.equal(linesThatRan({}), null);
    assert.deepEqual(tracedRange({ lines: { from: 5, to: 5 }, selection }), { from: 5, to: 6 });
    assert.deepEqual(tracedRange({ lines: { from: 3, to: 4 } }), { from: 3, to: 4 });
    assert.deepEqual([...ranFlags(9, [{ from: 5, to: 6 }, { from: 8, to: 20 }])], [0, 0, 0, 0, 0, 1, 1, 0, 1, 1]);
  });

  it('splits the shared wording into text, names and line references', () => {
    assert.deepEqual(alsoRanParts('also ran: imports on lines 1-2, `log` on line 8'), [
      { kind: 'text', text: 'also ran: imports ' },
      { kind: 'line', text: 'on lines 1-2', line: 1 },
      { kind: 'text', text: ', ' },
      { kind: 'code', text: 'log' },
      { kind: 'text', text: ' ' },
      { kind: 'line', text: 'on line 8', line: 8 },
    ]);
    assert.deepEqual(alsoRanParts('also ran: `a on line 3'), [
      { kind: 'text', text: 'also ran: `a ' },
      { kind: 'line', text: 'on line 3', line: 3 },
    ]);
  });

  it('the header names the traced range and what also ran; the source dims exactly the lines that did not run', () => {
    const source = Array.from({ length: 10 }, (_, i) => `line${i + 1}`).join('\n');
    const raw = { ...trace({ lines: { from: 5, to: 5 }, selection }), source };
    const h = harness();
    h.send({ type: 'trace/load', raw });
    const header = h.doc.querySelector('.ls-header')!;
    assert.equal(header.querySelector('.ls-file-lines')!.textContent, ' lines 5–6');
    assert.equal(header.querySelector('.ls-also-ran')!.textContent, 'also ran: imports on lines 1-2, `log` on line 8'.replace(/`/g, ''));
    assert.deepEqual(Array.from(header.querySelectorAll('.ls-also-ran code'), (c) => c.textContent), ['log']);
    const links = Array.from(header.querySelectorAll<HTMLButtonElement>('.ls-line-link'));
    assert.deepEqual(links.map((b) => [b.textContent, b.dataset.line]), [['on lines 1-2', '1'], ['on line 8', '8']]);
    links[1].click();
    assert.deepEqual(h.posted.at(-1), { type: 'editor/reveal', line: 8 });
    const dimmed = Array.from(h.doc.querySelectorAll<HTMLElement>('.ls-src.is-outside'), (e) => Number(e.dataset.line));
    assert.deepEqual(dimmed, [3, 4, 7, 9, 10]);
  });

  it('a trace without a selection has no also-ran line; an older selection trace dims outside meta.lines', () => {
    const { window } = new JSDOM('<!DOCTYPE html><main id="r"></main>');
    const l = buildLayout(window.document.getElementById('r')!);
    const model = buildModel(trace());
    renderHeader(l.header, model);
    assert.equal(l.header.querySelector('.ls-also-ran'), null);
    assert.equal(l.header.querySelector('.ls-file-lines'), null);
    new SourceView(l.source, 'a\nb\nc\nd', linesThatRan({ lines: { from: 2, to: 3 } })).render(2);
    assert.deepEqual(Array.from(l.source.querySelectorAll<HTMLElement>('.ls-src.is-outside'), (e) => e.dataset.line), ['1', '4']);
  });
});
