// The offset of libuv's timer clock to the run's clock (src/runtime/timerClock.ts): a due time must not move
// by a preemption that fell between one reading's two clock reads, and is centred within libuv's whole ms.
import assert from 'node:assert/strict';
import { timerClockOffset } from '../../src/runtime/timerClock';

describe('timer clock offset (libuv ms -> run clock)', () => {
  it('takes the tightest reading: one preempted between its two reads does not shift due times', () => {
    // libuv read 1000 ms; our clock said 1500.2 before it. The first try was preempted for 7 ms after libuv's read.
    const preempted = { before: 1500.2, libuvMs: 1000, after: 1507.3 };
    const tight = { before: 1500.4, libuvMs: 1000, after: 1500.42 };
    assert.equal(timerClockOffset([preempted, tight]), 1500.4 - 1000 - 0.5);
    assert.equal(timerClockOffset([tight, preempted]), 1500.4 - 1000 - 0.5);
  });

  it('centres the error: libuv began its whole ms up to 1 ms before it was read', () => {
    const offset = timerClockOffset([{ before: 2000.9, libuvMs: 1500, after: 2000.91 }]);
    // the ms libuv read began between 1999.9 and 2000.9 of our clock: its start is put at 2000.4
    assert.ok(Math.abs(1500 + offset - 2000.4) < 1e-9, String(offset));
  });

  it('is NaN without a reading (no due times rather than wrong ones)', () => {
    assert.ok(Number.isNaN(timerClockOffset([])));
  });
});
