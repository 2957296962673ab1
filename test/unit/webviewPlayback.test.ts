// Playback without a DOM: position, play/pause, speed and tick timing, driven by a fake clock.
import assert from 'node:assert/strict';
import { BASE_STEP_MS, Playback, clampSpeed, nextSpeed, stepIntervalMs, type PlaybackListener, type Schedule } from '../../webview/playback';

/** A clock that only moves when told: `advance(ms)` runs every timer due by then, in time order. */
function fakeClock(): { schedule: Schedule; advance: (ms: number) => void; pending: () => number[] } {
  let now = 0;
  let timers: { at: number; fn: () => void }[] = [];
  const schedule: Schedule = (fn, ms) => {
    const timer = { at: now + ms, fn };
    timers.push(timer);
    return () => {
      timers = timers.filter((t) => t !== timer);
    };
  };
  const advance = (ms: number): void => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.fn();
    }
    now = until;
  };
  return { schedule, advance, pending: () => timers.map((t) => t.at - now) };
}

type Event = ['step', number, boolean] | ['playing', boolean] | ['speed', number];

function harness(stepCount: number, speed = 1): { p: Playback; events: Event[]; clock: ReturnType<typeof fakeClock> } {
  const events: Event[] = [];
  const listener: PlaybackListener = {
    showStep: (step, animate) => events.push(['step', step, animate]),
    playingChanged: (playing) => events.push(['playing', playing]),
    speedChanged: (s) => events.push(['speed', s]),
  };
  const clock = fakeClock();
  const p = new Playback(listener, clock.schedule);
  p.load(stepCount, speed);
  return { p, events, clock };
}

describe('webview playback (no DOM)', () => {
  it('keeps the position inside the trace and rounds it', () => {
    const { p, events } = harness(10);
    p.goTo(3.6, false);
    assert.equal(p.step, 4);
    p.goTo(-5, false);
    assert.equal(p.step, 0);
    p.goTo(99, true);
    assert.equal(p.step, 9);
    p.stepBy(-2);
    assert.equal(p.step, 7);
    p.stepBy(1);
    assert.deepEqual(events, [
      ['step', 4, false],
      ['step', 0, false],
      ['step', 9, true],
      ['step', 7, true],
      ['step', 8, true],
    ]);
  });

  it('going to the step already shown still shows it (the app re-renders and saves)', () => {
    const { p, events } = harness(5);
    p.goTo(0, false);
    p.goTo(0, false);
    assert.deepEqual(events, [
      ['step', 0, false],
      ['step', 0, false],
    ]);
  });

  it('plays one step per interval, animated, and stops at the last step', () => {
    const { p, events, clock } = harness(4, 2);
    p.goTo(0, false);
    events.length = 0;
    p.play();
    assert.equal(p.isPlaying, true);
    assert.deepEqual(events, [['playing', true]]);
    assert.deepEqual(clock.pending(), [stepIntervalMs(2)]);
    clock.advance(stepIntervalMs(2) - 1);
    assert.equal(p.step, 0, 'nothing before the interval');
    clock.advance(1);
    assert.equal(p.step, 1);
    clock.advance(10 * stepIntervalMs(2));
    assert.equal(p.step, 3);
    assert.equal(p.isPlaying, false);
    assert.deepEqual(events, [
      ['playing', true],
      ['step', 1, true],
      ['step', 2, true],
      ['step', 3, true],
      ['playing', false],
    ]);
    assert.deepEqual(clock.pending(), [], 'no timer left behind');
  });

  it('play at the last step starts again from the first', () => {
    const { p, events } = harness(3);
    p.goTo(2, false);
    events.length = 0;
    p.play();
    assert.deepEqual(events, [
      ['step', 0, false],
      ['playing', true],
    ]);
  });

  it('a trace of fewer than two steps does not play; play and pause twice do nothing more', () => {
    const one = harness(1);
    one.p.play();
    assert.equal(one.p.isPlaying, false);
    assert.deepEqual(one.events, []);
    const { p, events, clock } = harness(5);
    p.pause();
    p.play();
    p.play();
    assert.deepEqual(clock.pending().length, 1);
    p.pause();
    p.pause();
    assert.deepEqual(events, [
      ['playing', true],
      ['playing', false],
    ]);
    assert.deepEqual(clock.pending(), []);
  });

  it('toggle plays and pauses; pausing cancels the pending tick', () => {
    const { p, clock } = harness(5);
    p.goTo(0, false);
    p.toggle();
    assert.equal(p.isPlaying, true);
    p.toggle();
    assert.equal(p.isPlaying, false);
    clock.advance(10 * BASE_STEP_MS);
    assert.equal(p.step, 0);
  });

  it('changing speed while playing restarts the tick at the new interval', () => {
    const { p, events, clock } = harness(10, 1);
    p.goTo(0, false);
    p.play();
    clock.advance(BASE_STEP_MS / 2);
    p.setSpeed(4);
    assert.equal(p.speed, 4);
    assert.deepEqual(clock.pending(), [BASE_STEP_MS / 4]);
    clock.advance(BASE_STEP_MS / 4);
    assert.equal(p.step, 1);
    assert.deepEqual(events.filter((e) => e[0] === 'speed'), [['speed', 4]]);
  });

  it('speeds are the offered ones: clamped to the nearest, stepped through the menu', () => {
    assert.equal(clampSpeed(3), 4, 'nearest by ratio: 3 is 1.33x below 4 and 1.5x above 2');
    assert.equal(clampSpeed(2.5), 2);
    assert.equal(clampSpeed(100), 8);
    assert.equal(clampSpeed(0.01), 0.25);
    assert.equal(clampSpeed(Number.NaN), 1);
    assert.equal(nextSpeed(1, 1), 2);
    assert.equal(nextSpeed(8, 1), 8);
    assert.equal(nextSpeed(0.25, -1), 0.25);
    assert.equal(nextSpeed(3, -1), 0.5, 'a speed not on the menu steps from 1x');
    const { p, events } = harness(5, 2.5);
    assert.equal(p.speed, 2, 'load clamps the speed');
    assert.deepEqual(events, [], 'load tells nobody: the first render shows it');
    p.speedBy(1);
    p.speedBy(1);
    p.speedBy(1);
    assert.equal(p.speed, 8);
    p.setSpeed(0.3);
    assert.equal(p.speed, 0.25);
  });

  it('loading another trace pauses and keeps the new length', () => {
    const { p, events, clock } = harness(10);
    p.goTo(0, false);
    p.play();
    p.load(3, 1);
    assert.equal(p.isPlaying, false);
    assert.deepEqual(events.at(-1), ['playing', false]);
    assert.deepEqual(clock.pending(), []);
    p.goTo(50, false);
    assert.equal(p.step, 2);
    assert.equal(p.stepCount, 3);
  });
  it('while playing, a listener that moves on by itself (follow across threads) decides each step and when to stop', () => {
    const events: Event[] = [];
    // two "threads" of 3 steps, played in turn: the listener swaps the trace under playback, which goes on
    const plan: [number, number][] = [[0, 1], [1, 0], [0, 2], [1, 1]];
    const visited: string[] = [];
    let trace = 0;
    const clock = fakeClock();
    const p: Playback = new Playback(
      {
        showStep: (step, animate) => events.push(['step', step, animate]),
        playingChanged: (playing) => events.push(['playing', playing]),
        speedChanged: (s) => events.push(['speed', s]),
        advance: () => {
          const next = plan.shift();
          if (!next) return false;
          if (next[0] !== trace) {
            trace = next[0];
            p.resize(3);
          }
          p.goTo(next[1], true);
          visited.push(`${trace}:${p.step}`);
          return plan.length > 0;
        },
      },
      clock.schedule,
    );
    p.load(3, 1);
    p.goTo(0, false);
    p.play();
    clock.advance(BASE_STEP_MS * 10);
    assert.deepEqual(visited, ['0:1', '1:0', '0:2', '1:1'], 'every step the listener chose, one per tick');
    assert.equal(p.isPlaying, false, 'stopped when the listener had no step after');
    assert.deepEqual(events.filter((e) => e[0] === 'playing'), [['playing', true], ['playing', false]], 'swapping the trace did not stop playing');
  });
});
