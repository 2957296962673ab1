// The panel's clock, In-flight list and running status in jsdom: what each renderer writes for known inputs
// (the model side is tested on traced runs in test/integration/clockAndInFlight.test.ts, the page in
// test/browser/clockInFlight.browser.test.ts).
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { buildLayout } from '../../webview/layout';
import { renderClock } from '../../webview/render/sentence';
import { inFlightCapacity, inFlightRows, renderInFlight, IN_FLIGHT_ROW_PITCH } from '../../webview/render/inFlight';
import { elapsedText, renderElapsed, renderStatus } from '../../webview/render/status';
import type { InFlightAt } from '../../src/shared/model/inFlight';
import { clockText, durationText, stretchText, withStretch } from '../../src/shared/model/stepClock';

function layout(): ReturnType<typeof buildLayout> {
  const { window } = new JSDOM('<!DOCTYPE html><main id="loopscope-root"></main>');
  return buildLayout(window.document.getElementById('loopscope-root')!);
}

function at(timers: number, operations: number): InFlightAt {
  return {
    time: 100,
    timers: Array.from({ length: Math.min(timers, 8) }, (_, k) => ({ id: `t${k}`, label: 'later', line: 3, file: 'a.js', due: 112 + k, firesIn: 12 + k })),
    timerCount: timers,
    operations: Array.from({ length: Math.min(operations, 8) }, (_, k) => ({
      id: `o${k}`, kind: 'fs' as const, title: 'fs', short: 'fs', where: 'on the thread pool', place: 'thread pool', resource: 'FSREQCALLBACK', line: 5, file: k === 1 ? 'lib/io.js' : 'a.js', since: 60 + k, pendingFor: 40 - k,
    })),
    operationCount: operations,
  };
}

describe('clock and In flight in the panel (jsdom)', () => {
  it('words times and durations', () => {
    assert.equal(clockText(212.44), '212.4 ms');
    assert.equal(clockText(12345.6), '12.35 s');
    assert.equal(durationText(1423.4), '1,423 ms');
    assert.equal(durationText(0.44), '0.4 ms');
    assert.equal(stretchText({ name: 'busyWork', isFunction: true, ms: 1423 }), '`busyWork` ran 1,423 ms');
    assert.equal(stretchText({ name: 'the main script', isFunction: false, ms: 40 }), 'the main script ran 40 ms');
    assert.equal(withStretch('`busyWork` returned', { name: 'busyWork', isFunction: true, ms: 1423 }), '`busyWork` returned (before it, `busyWork` ran 1,423 ms without a break)');
    assert.equal(withStretch('x', null), 'x');
  });

  it('the clock says when the step happened and how long its task has run', () => {
    const l = layout();
    renderClock(l.clock, { time: 212.44, taskElapsed: 1423 });
    assert.equal(l.clock.querySelector('.ls-clock-time')!.textContent, 'at 212.4 ms');
    assert.equal(l.clock.querySelector('.ls-clock-task')!.textContent, 'task +1,423 ms');
    assert.match(l.clock.getAttribute('aria-label')!, /212\.4 ms since the run started; the running task started 1,423 ms before/);
    renderClock(l.clock, { time: 5, taskElapsed: null });
    assert.equal(l.clock.querySelector('.ls-clock-task')!.textContent, 'between tasks');
  });

  it('In flight: a region named "In flight", timers with countdowns, operations with how long pending, then +N more', () => {
    const l = layout();
    assert.equal(l.inFlight.getAttribute('role'), 'region');
    assert.equal(l.inFlight.getAttribute('aria-label'), 'In flight');
    renderInFlight(l.inFlight, at(1, 1), 6);
    const rows = Array.from(l.inFlight.querySelectorAll('.ls-inflight-item'), (e) => e.textContent);
    assert.deepEqual(rows, ['timerlaterL3fires in 12 msdue at 112.0 ms', 'fsthread poolL5pending 40 mssince 60.0 ms']);
    // a line of another file of the project names that file, in the row and its tooltip
    renderInFlight(l.inFlight, at(1, 2), 6, 'a.js');
    const other = l.inFlight.querySelectorAll<HTMLElement>('.ls-inflight-item')[2];
    assert.equal(other.querySelector('.ls-inflight-line')!.textContent, 'io.js:5');
    assert.match(other.title, /started on line 5 of lib\/io\.js/);
    renderInFlight(l.inFlight, at(1, 1), 6);
    assert.equal(l.inFlight.querySelector('.ls-inflight-count')!.textContent, '2');
    assert.ok(!l.inFlight.classList.contains('is-empty'));
    // the next step: the same rows keep their elements, only the times change
    const first = l.inFlight.querySelector('.ls-inflight-item');
    renderInFlight(l.inFlight, { ...at(1, 1), timers: [{ id: 't0', label: 'later', line: 3, file: 'a.js', due: 112, firesIn: 2 }] }, 6);
    assert.equal(l.inFlight.querySelector('.ls-inflight-item'), first);
    assert.match(first!.textContent!, /fires in 2 ms/);
    // 20k pending: at most `max` elements, the last one "+N more"
    renderInFlight(l.inFlight, at(10000, 10000), 6);
    const items = l.inFlight.querySelectorAll('.ls-inflight-list > li');
    assert.equal(items.length, 7);
    assert.equal(items[6].textContent, '+19,994 more');
    renderInFlight(l.inFlight, at(0, 0), 6);
    assert.equal(l.inFlight.querySelectorAll('.ls-inflight-list > li').length, 0);
    assert.ok(l.inFlight.classList.contains('is-empty'));
  });

  it('In flight: rows ordered timers then operations, bounded; capacity from the column height', () => {
    assert.deepEqual(inFlightRows(at(3, 3), 4).rows.map((r) => r.key), ['t:t0', 't:t1', 't:t2', 'o:o0']);
    assert.equal(inFlightRows(at(3, 3), 4).more, 2);
    assert.equal(inFlightRows(at(1, 1), 4).more, 0);
    assert.equal(inFlightCapacity(0), 6, 'unmeasured: the most');
    assert.equal(inFlightCapacity(100), 1, 'always at least one row');
    assert.equal(inFlightCapacity(182 + 3 * IN_FLIGHT_ROW_PITCH), 3);
    assert.equal(inFlightCapacity(5000), 6);
  });

  it('a run in progress: ticking time, an indeterminate indicator, what runs and how to stop it', () => {
    const l = layout();
    renderStatus(l.status, { kind: 'running', file: '/w/slow.js', startedAt: 0 });
    const text = l.status.textContent!;
    assert.match(text, /Tracing slow\.js/);
    assert.match(text, /Running for 0\.0 s/);
    assert.match(text, /Node runs slow\.js in a child process/);
    assert.match(text, /To stop it: Cancel in the “Loopscope: running…” notification/);
    const bar = l.status.querySelector('[role="progressbar"]')!;
    assert.equal(bar.getAttribute('aria-valuenow'), null, 'indeterminate: no value');
    renderElapsed(l.status, 3456);
    assert.equal(l.status.querySelector('.ls-status-elapsed')!.textContent, 'Running for 3.4 s');
    assert.equal(l.status.querySelector('.ls-status-elapsed')!.getAttribute('aria-live'), 'off');
    assert.equal(elapsedText(125000), 'Running for 2 min 05 s');
    assert.equal(elapsedText(59999), 'Running for 59.9 s');
  });
});
