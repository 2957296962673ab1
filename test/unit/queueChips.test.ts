// The pure parts of the queue lanes: a callback's call site read from the source (model/callSite.ts), what a
// chip says (webview/chipText.ts), how a lane lays out its chips (geometry.ts laneLayout), and the route of
// a callback's flight to the call stack (webview/flight.ts), which must keep to the gaps between lanes.
import assert from 'node:assert/strict';
import { callSite, lineStarts } from '../../src/shared/model/callSite';
import { buildModel } from '../../src/shared/model';
import type { Probe, RawTrace } from '../../src/shared/rawTrace';
import type { QueueItem } from '../../src/shared/modelTypes';
import { chipText, isLate, timerDelay, timerTiming } from '../../webview/chipText';
import { CHIP_GAP, CHIP_MAX_WIDTH, CHIP_MIN_WIDTH, EXPANDED_MIN_CHIPS, EXPANDED_ROWS, MORE_CHIP_WIDTH, chipSlot, laneLayout } from '../../webview/geometry';
import { TOKEN, flightRoute } from '../../webview/flight';
import { toggleLabel } from '../../webview/render/queues';

const SOURCE = [
  'const greet = () => 1;', // 1
  'setTimeout(greet, 10);', // 2
  'process.nextTick(() => console.log(`${a} nextTick`));', // 3
  "queueMicrotask(() => { console.log('micro', 1, 2); });", // 4
  'fetch(x).then((res) => res.json()).then(function done(v) { console.log(v) });', // 5
  'const p = new Promise((resolve) => setTimeout(resolve, 100));', // 6
  'p.then(v => v);', // 7
  'setTimeout(() => done());', // 8
  'setTimeout(', // 9
  '  // why', // 10
  '  tick,', // 11
  '  delayFor(3),', // 12
  ');', // 13
  'setInterval(() => {' + ' x++;'.repeat(1000) + '}, 5);', // 14
].join('\n');
const starts = lineStarts(SOURCE);
const at = (name: string, line: number, column: number): Probe => ({ kind: 'schedule', name, line, column });
const site = (name: string, line: number, column: number) => callSite(SOURCE, starts, at(name, line, column));

describe('call sites of queued callbacks (read from the source)', () => {
  it('a named callback: the call as written, with its delay', () => {
    assert.deepEqual(site('setTimeout', 2, 1), { call: 'setTimeout(greet, 10)', delay: 10 });
    assert.deepEqual(site('setTimeout', 6, 36), { call: 'setTimeout(resolve, 100)', delay: 100 });
  });

  it('an inline function is shortened to its head; its text is kept for the tooltip', () => {
    assert.deepEqual(site('nextTick', 3, 9), { call: 'process.nextTick(() => …)', body: '() => console.log(`${a} nextTick`)' });
    assert.deepEqual(site('queueMicrotask', 4, 1), { call: 'queueMicrotask(() => …)', body: "() => { console.log('micro', 1, 2); }" });
    assert.equal(site('Promise', 6, 11)!.call, 'new Promise((resolve) => …)');
    assert.equal(site('then', 5, 36)!.call, '.then(function done(v) {…})');
    // short enough to show whole
    assert.deepEqual(site('then', 7, 3), { call: 'p.then(v => v)' });
    assert.deepEqual(site('setTimeout', 8, 1), { call: 'setTimeout(() => done())', delay: 0 });
  });

  it('the receiver: a plain name is kept (process., p.), an expression becomes a leading dot', () => {
    assert.equal(site('then', 5, 10)!.call, '.then((res) => …)');
  });

  it('comments and line breaks collapse; a delay that is not a literal is not guessed', () => {
    assert.deepEqual(site('setTimeout', 9, 1), { call: 'setTimeout(tick, delayFor(3))' });
  });

  it('a callback thousands of characters long still reads well; past the scan limit the rest is "…"', () => {
    const s = site('setInterval', 14, 1)!;
    assert.equal(s.call, 'setInterval(() => …, 5)');
    assert.ok(s.body!.length <= 120 && s.body!.endsWith('…'));
    assert.equal(s.delay, 5);
    const huge = `setInterval(() => {${' x++;'.repeat(5000)}}, 5);`;
    assert.deepEqual(callSite(huge, [0], at('setInterval', 1, 1)), { call: 'setInterval(() => …, …)', body: `() => {${' x++;'.repeat(30)}`.slice(0, 119).trimEnd() + '…' });
  });

  it('no call at the probe (generated code, another source): undefined, the model keeps its label', () => {
    assert.equal(site('setTimeout', 1, 7), undefined);
    assert.equal(site('setTimeout', 99, 1), undefined);
    assert.equal(callSite(SOURCE, starts, { kind: 'function', name: 'greet', line: 1, column: 15 }), undefined);
  });

  it('the model gives each queued item its call site and enqueue time', () => {
    const raw: RawTrace = {
      format: 'loopscope-raw-trace',
      version: 1,
      meta: { node: 'v20', module: 'cjs', file: '/t.js', exit: { code: 0, reason: 'completed' }, timings: { transpile: 0, instrument: 0, run: 0, total: 0 }, timeoutMs: 1, maxEvents: 1 },
      source: SOURCE,
      probes: [at('setTimeout', 2, 1)],
      events: [
        ['start', 0, 'cjs'],
        ['run', 0, 'script', 1],
        ['enqueue', 1.5, 't1', 'timer', 'Timeout', 2, 0, 11.5],
        ['done', 2, 'script'],
        ['end', 3, 'completed', 0],
      ],
    };
    const model = buildModel(raw);
    const item = model.stateAt(model.stepCount - 1).queues.timer[0];
    assert.equal(item.call, 'setTimeout(greet, 10)');
    assert.equal(item.enqueuedAt, 1.5);
    assert.equal(item.delay, 10);
    assert.equal(item.label, 'setTimeout', 'the model label (sentences, the CLI) is unchanged');
  });
});

describe('what a queue chip says', () => {
  const timer = (over: Partial<QueueItem>): QueueItem => ({ id: 't', label: 'Timeout', line: 3, due: 59, enqueuedAt: 58.2, ...over });

  it('a timer: the delay it was given and when it fires ("0 ms → at 59 ms"), not a bare due time', () => {
    assert.equal(timerTiming(timer({ delay: 0 })), '0 ms → at 59 ms');
    // no literal delay: derived from when it was queued
    assert.equal(timerDelay(timer({ due: 1500, enqueuedAt: 480 })), 1020);
    assert.equal(timerTiming(timer({ due: 1500, enqueuedAt: 480 })), '1.0 s → at 1.5 s');
    assert.equal(timerTiming({ id: 'm', label: 'x', line: null }), undefined);
  });

  it('late once the time passes its due time, never a non-timer', () => {
    assert.equal(isLate(timer({}), 59), false);
    assert.equal(isLate(timer({}), 59.5), true);
    assert.equal(isLate({ id: 'm', label: 'x', line: null }, 1e9), false);
  });

  it('label from the call site, meta with timing and line, a tooltip with all of it', () => {
    const t = chipText('timer', timer({ call: 'setTimeout(() => …, 0)', body: "() => console.log('a')", delay: 0 }), { late: true });
    assert.equal(t.label, 'setTimeout(() => …, 0)');
    assert.equal(t.meta, '0 ms → at 59 ms · L3');
    assert.deepEqual(t.title.split('\n'), [
      'setTimeout(() => …, 0)',
      '0 ms → at 59 ms · L3',
      "callback: () => console.log('a')",
      'given 0 ms; fires 59 ms after the run started (late: that time has passed, it waits its turn)',
    ]);
    assert.equal(t.aria, 'setTimeout(() => …, 0), 0 ms, fires at 59 ms, late, line 3');
    // without a call site: the model's label
    const m = chipText('microtask', { id: 'm', label: 'resume main', line: 7 }, { queuedByNode: "queued by Node's own code" });
    assert.equal(m.label, 'resume main');
    assert.equal(m.meta, 'L7');
    assert.equal(m.title, "resume main\nL7\nqueued by Node's own code");
  });

  it('the lane toggle says how many more, or "fewer" when open', () => {
    assert.equal(toggleLabel(4, false), '+4 more');
    assert.equal(toggleLabel(4, true), '+4 · fewer');
    assert.equal(toggleLabel(0, true), 'fewer');
  });
});

describe('queue lane layout', () => {
  it('few items share the width, up to the widest chip', () => {
    const one = laneLayout(460, 1, false);
    assert.deepEqual(one, { shown: 1, chipWidth: CHIP_MAX_WIDTH, columns: 1, rows: 1, more: 0, toggle: false });
    const three = laneLayout(460, 3, false);
    assert.equal(three.shown, 3);
    assert.ok(three.chipWidth >= CHIP_MIN_WIDTH && 3 * three.chipWidth + 2 * CHIP_GAP <= 460);
  });

  it('a full lane: the shown chips and "+N more" fill it exactly', () => {
    for (const width of [228, 300, 468, 700]) {
      const l = laneLayout(width, 50, false);
      assert.ok(l.toggle && l.more === 50 - l.shown);
      const moreLeft = chipSlot(l, l.shown).x;
      assert.ok(l.shown === 0 || l.chipWidth >= CHIP_MIN_WIDTH, `${width}: chips not narrower than the minimum`);
      assert.ok(Math.abs(moreLeft + MORE_CHIP_WIDTH - width) <= l.shown, `${width}: ends at the lane's end (${moreLeft + MORE_CHIP_WIDTH})`);
    }
    // the widths the issue measured at 1400 px: three timers and "+N more"
    assert.equal(laneLayout(468, 7, false).shown, 3);
  });

  it('expanded: up to a few rows, the last slot the "fewer" chip; unmeasured: a bounded head', () => {
    const l = laneLayout(468, 50, true);
    assert.equal(l.rows, EXPANDED_ROWS);
    assert.equal(l.shown, l.columns * EXPANDED_ROWS - 1);
    assert.deepEqual(chipSlot(l, l.columns), { x: 0, y: 40 });
    assert.equal(laneLayout(468, 2, true).rows, 1);
    // a narrow lane (one chip a row) grows taller rather than show only three
    const narrow = laneLayout(228, 50, true);
    assert.deepEqual([narrow.columns, narrow.shown, narrow.rows], [1, EXPANDED_MIN_CHIPS - 1, EXPANDED_MIN_CHIPS]);
    assert.equal(laneLayout(0, 5000, false, 64).shown, 64);
  });
});

describe('the flight route from a queue to the call stack', () => {
  const from = { left: 900, top: 200, width: 240, height: 36 };
  const to = { left: 560, top: 660, width: 180, height: 26 };
  const route = flightRoute({ from, to, corridorY: 243, stackRight: 760 });

  it('starts on the chip, ends on the stack row, in order', () => {
    assert.deepEqual(route[0], { offset: 0, ...from });
    assert.deepEqual(route[route.length - 1], { offset: 1, ...to });
    for (let i = 1; i < route.length; i++) assert.ok(route[i].offset > route[i - 1].offset);
  });

  it('travels as a small token along the gap under its lane, then down the stack lane\'s free right side', () => {
    const [, gap, stackSide, rowHeight] = route;
    for (const p of [gap, stackSide, rowHeight]) assert.deepEqual([p.width, p.height], [TOKEN.width, TOKEN.height]);
    // inside the gap: its middle on the corridor, below the chip
    assert.equal(gap.top + TOKEN.height / 2, 243);
    assert.ok(gap.top >= from.top + from.height);
    assert.equal(stackSide.top, gap.top);
    // inside the stack track, at its right edge, and within the row's span, so growing into it covers only it
    assert.ok(stackSide.left + TOKEN.width <= 760 && stackSide.left >= to.left);
    assert.equal(rowHeight.left, stackSide.left);
    assert.ok(rowHeight.top >= to.top && rowHeight.top + TOKEN.height <= to.top + to.height);
  });
});
