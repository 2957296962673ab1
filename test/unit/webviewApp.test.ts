// The whole viewer under jsdom with the real shared model on the kitchen-sink program traced now by the
// current tracer (test/support/kitchenSink.ts): stepping, jumps, keyboard, clicks, the host protocol (every
// posted message must pass the host's validator). Lines are checked against the program's own text.
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { LoopscopeApp } from '../../webview/app';
import type { HostBridge, SavedState } from '../../webview/bridge';
import { sharedModel } from '../../webview/model';
import { isWebviewMessage, type HostMessage, type WebviewMessage } from '../../src/shared/protocol';
import type { RawTrace } from '../../src/shared/rawTrace';

import { KITCHEN_SINK, kitchenSinkTrace, lineOf } from '../support/kitchenSink';

/** Traced in before(); 29 steps (the list of describeStep sentences was checked by hand against the program). */
let kitchenSink: RawTrace;
const raw = (): RawTrace => structuredClone(kitchenSink);

interface Harness {
  app: LoopscopeApp;
  win: Window;
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
  const app = new LoopscopeApp(doc.getElementById('loopscope-root')!, bridge, { model: sharedModel, reducedMotion: true });
  return {
    app,
    win: window as unknown as Window,
    doc,
    posted,
    saved,
    send: (m) => handler!(m),
    key: (key, shiftKey = false) => doc.body.dispatchEvent(new window.KeyboardEvent('keydown', { key, shiftKey, bubbles: true })),
    flushSave: () => new Promise((r) => setTimeout(r, 200)),
  };
}

const q = (h: Harness, sel: string): string[] => Array.from(h.doc.querySelectorAll(sel), (e) => e.textContent ?? '');

describe('webview app (jsdom, real model)', () => {
  before(async function () {
    this.timeout(60000); // one traced run of a small program
    kitchenSink = await kitchenSinkTrace();
  });

  it('shows running and error states from host messages', () => {
    const h = harness();
    h.send({ type: 'trace/running', file: '/w/slow.js' });
    assert.match(h.doc.querySelector('.ls-status')!.textContent!, /Tracing slow\.js/);
    h.send({ type: 'trace/error', message: 'SyntaxError: Unexpected token', file: '/w/a.js', line: 2, column: 5 });
    assert.match(h.doc.querySelector('.ls-status')!.textContent!, /\/w\/a\.js:2:5/);
    (h.doc.querySelector('.ls-status-location') as HTMLElement).click();
    assert.deepEqual(h.posted.at(-1), { type: 'editor/reveal', line: 2 });
  });

  it('loads a trace and draws every lane at known steps', () => {
    const h = harness();
    h.send({ type: 'trace/load', raw: raw() });
    assert.equal(h.doc.querySelector<HTMLElement>('.ls-viewer')!.hidden, false);
    assert.equal(h.doc.querySelector('.ls-counter')!.textContent, 'step 1 / 29');
    assert.match(h.doc.querySelector('.ls-header')!.textContent!, new RegExp(`kitchen-sink\\.js.*Node ${process.version.replace(/\./g, '\\.')}.*CommonJS.*completed`));
    // step 1: the main script starts and has not run a line yet, so no line is highlighted
    assert.deepEqual(h.posted, [{ type: 'editor/highlight', line: null }]);

    h.app.goTo(5);
    assert.deepEqual(q(h, '.ls-frame-name'), ['main script', 'main', 'greet']);
    // the timer (due in 1 s) counts down in In flight, not in the Timers lane: a timer is shown once
    assert.deepEqual(q(h, '.ls-queue-timer .ls-chip'), []);
    assert.match(q(h, '.ls-inflight-item.is-timer .ls-inflight-what')[0], /^function later\(\)/);
    assert.equal(q(h, '.ls-inflight-item.is-timer .ls-inflight-line')[0], `L${lineOf('setTimeout(')}`);
    assert.deepEqual(q(h, '.ls-queue-immediate .ls-chip-label'), ['setImmediate(() => …)']);
    assert.deepEqual(q(h, '.ls-out-text'), ['<img src=x onerror=alert(1)>']);
    assert.equal(h.doc.querySelector('.ls-src.is-current')!.getAttribute('data-line'), String(lineOf("console.log('<img")));
    assert.deepEqual(q(h, '.ls-phase.is-current'), ['main script']);
    assert.match(h.doc.querySelector('.ls-sentence')!.textContent!, /console\.log printed "<img src=x onerror=alert\(1\)>"/);

    h.app.goTo(11); // the await's continuation runs while draining microtasks
    assert.deepEqual(q(h, '.ls-drain.is-current'), ['microtask queue']);
    assert.deepEqual(q(h, '.ls-queue-microtask .ls-chip'), []);
    assert.deepEqual(q(h, '.ls-frame-name'), ['resume main']);

    h.app.goTo(23);
    assert.deepEqual(q(h, '.ls-frame-name'), ["function later() { greet('t'); }", 'greet']);
    assert.deepEqual(q(h, '.ls-phase.is-current'), ['timers']);
    assert.deepEqual(q(h, '.ls-out-text'), ['<img src=x onerror=alert(1)>', 'sync done', '</script><b>bold</b>', 'immediate <b>not bold</b>', 'second line']);
    // hostile output is text: no element was created from it anywhere
    assert.equal(h.doc.querySelectorAll('#loopscope-root img, #loopscope-root script, #loopscope-root b').length, 0);
  });

  it('steps with keys, jumps to console lines and tasks', () => {
    const h = harness();
    h.send({ type: 'trace/load', raw: raw() });
    h.key('ArrowRight');
    h.key('ArrowRight');
    assert.equal(h.app.currentStep, 2);
    h.key('ArrowLeft');
    assert.equal(h.app.currentStep, 1);
    h.key('End');
    assert.equal(h.app.currentStep, 28);
    h.key('Home');
    assert.equal(h.app.currentStep, 0);
    h.key('c');
    assert.equal(h.app.currentStep, 5);
    h.key('c');
    assert.equal(h.app.currentStep, 9);
    h.key('C', true);
    assert.equal(h.app.currentStep, 5);
    h.key('t');
    assert.equal(h.app.currentStep, 11);
    h.key('t');
    assert.equal(h.app.currentStep, 16);
    h.key('T', true);
    assert.equal(h.app.currentStep, 11);
    h.key('ArrowRight', true);
    assert.equal(h.app.currentStep, 21);
    (h.doc.querySelector('.ls-first') as HTMLButtonElement).click();
    assert.equal(h.app.currentStep, 0);
    (h.doc.querySelector('.ls-next-task') as HTMLButtonElement).click();
    assert.equal(h.app.currentStep, 11);
  });

  it('clicking a console line jumps to its step and reveals its line; frames reveal theirs', () => {
    const h = harness();
    h.send({ type: 'trace/load', raw: raw() });
    h.app.goTo(20);
    const row = Array.from(h.doc.querySelectorAll<HTMLElement>('.ls-out')).find((r) => r.textContent!.startsWith('sync done'))!;
    row.click();
    assert.equal(h.app.currentStep, 9);
    assert.deepEqual(h.posted.at(-1), { type: 'editor/reveal', line: lineOf("console.log('sync done')") });
    h.app.goTo(4);
    (h.doc.querySelector('.ls-frame.is-top') as HTMLElement).click();
    assert.deepEqual(h.posted.at(-1), { type: 'editor/reveal', line: lineOf('function greet(') });
    (h.doc.querySelector('.ls-queue-immediate .ls-chip') as HTMLElement).click();
    assert.deepEqual(h.posted.at(-1), { type: 'editor/reveal', line: lineOf('setImmediate(') });
  });

  it('persists the step (setState + state/step) and restores it for the same file', async () => {
    const h = harness();
    h.send({ type: 'trace/load', raw: raw() });
    h.app.goTo(7);
    await h.flushSave();
    assert.deepEqual(h.saved.at(-1), { step: 7, speed: 1, file: KITCHEN_SINK });
    assert.deepEqual(h.posted.filter((m) => m.type === 'state/step').at(-1), { type: 'state/step', step: 7 });

    const again = harness(h.saved.at(-1));
    again.send({ type: 'trace/load', raw: raw() });
    assert.equal(again.app.currentStep, 7);
    const other = harness({ step: 7, file: '/elsewhere.js' });
    other.send({ type: 'trace/load', raw: raw() });
    assert.equal(other.app.currentStep, 0);
    const explicit = harness(h.saved.at(-1));
    explicit.send({ type: 'trace/load', raw: raw(), step: 3, playbackSpeed: 4 });
    assert.equal(explicit.app.currentStep, 3);
    assert.equal(explicit.doc.querySelector<HTMLSelectElement>('.ls-speed')!.value, '4');
  });

  it('plays to the end and stops', async function () {
    this.timeout(15000);
    const h = harness();
    h.send({ type: 'trace/load', raw: raw(), playbackSpeed: 8 });
    h.key(' ');
    assert.equal(h.app.isPlaying, true);
    assert.equal(h.doc.querySelector('.ls-sentence')!.getAttribute('aria-live'), 'off');
    const deadline = Date.now() + 12000;
    while (h.app.isPlaying && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(h.app.isPlaying, false);
    assert.equal(h.app.currentStep, 28);
    assert.equal(h.doc.querySelector('.ls-sentence')!.getAttribute('aria-live'), 'polite');
  });

  it('a trace without steps shows a readable empty state', () => {
    const h = harness();
    h.send({ type: 'trace/load', raw: { ...raw(), events: [] } });
    const status = h.doc.querySelector<HTMLElement>('.ls-status')!;
    assert.equal(status.hidden, false);
    assert.match(status.textContent!, /kitchen-sink\.js has no steps/);
  });

  it('a model that cannot be built becomes an error state, not an exception', () => {
    const { window } = new JSDOM('<!DOCTYPE html><main id="root"></main>');
    const bridge: HostBridge = { mode: 'standalone', canShowOrder: () => false, post: () => undefined, saveState: () => undefined, loadState: () => undefined, onMessage: () => undefined };
    const failing = { ...sharedModel, buildModel: () => { throw new Error('event 12 is not a tuple'); } };
    const app = new LoopscopeApp(window.document.getElementById('root')!, bridge, { model: failing });
    assert.doesNotThrow(() => app.loadRaw(raw()));
    const status = window.document.querySelector<HTMLElement>('.ls-status')!;
    assert.equal(status.hidden, false);
    assert.match(status.textContent!, /Could not read the trace: event 12 is not a tuple/);
  });
});
