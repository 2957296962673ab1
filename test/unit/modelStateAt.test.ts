// stateAt(i) must equal a naive full replay of the events up to step i, whatever order steps are read in.
// The naive replay lives only here: it copies the whole state at every step (fine for a test, never for
// the model) and shares no code with the model.

import assert from 'node:assert/strict';
import { QUEUE_NAMES, type QueueName, type RawEvent } from '../../src/shared/rawTrace';
import { buildModel, CHECKPOINT_INTERVAL } from '../../src/shared/model';
import { rawTrace } from './modelFixtures';

interface NaiveItem {
  id: string;
  due?: number;
  seq: number;
}
interface NaiveState {
  stack: number[];
  queues: Record<QueueName, NaiveItem[]>;
}

/** The state after every step, or only after the steps in `keep` (others are left undefined). */
function naiveReplay(events: RawEvent[], keep?: Set<number>): NaiveState[] {
  const stack: number[] = [];
  const queues = Object.fromEntries(QUEUE_NAMES.map((q) => [q, [] as NaiveItem[]])) as Record<QueueName, NaiveItem[]>;
  const known = new Set<number>();
  let running: string | null = null;
  let seq = 0;
  const states: NaiveState[] = [];
  const findQueued = (id: string): [QueueName, number] | undefined => {
    for (const q of QUEUE_NAMES) {
      const k = queues[q].findIndex((i) => i.id === id);
      if (k >= 0) return [q, k];
    }
    return undefined;
  };
  for (const ev of events) {
    let step = true;
    switch (ev[0]) {
      case 'enqueue': {
        const [, , id, q, , , , due] = ev;
        if (!QUEUE_NAMES.includes(q)) {
          step = false;
          break;
        }
        const old = findQueued(id);
        if (old) queues[old[0]].splice(old[1], 1);
        const item: NaiveItem = q === 'timer' ? { id, due: due ?? undefined, seq: seq++ } : { id, seq: seq++ };
        if (q === 'timer') {
          const d = due ?? Infinity;
          const list = queues.timer;
          let k = list.length;
          while (k > 0 && (list[k - 1].due ?? Infinity) > d) k--;
          list.splice(k, 0, item);
        } else queues[q].push(item);
        break;
      }
      case 'cancel': {
        const at = findQueued(ev[2]);
        if (at) queues[at[0]].splice(at[1], 1);
        else step = false;
        break;
      }
      case 'run': {
        const at = findQueued(ev[2]);
        if (at) queues[at[0]].splice(at[1], 1);
        running = ev[2];
        break;
      }
      case 'done':
        if (running !== ev[2]) step = false;
        else {
          stack.length = 0;
          running = null;
        }
        break;
      case 'enter':
        stack.push(ev[3]);
        known.add(ev[3]);
        break;
      case 'exit':
        if (!known.has(ev[2])) step = false;
        else {
          known.delete(ev[2]);
          const k = stack.lastIndexOf(ev[2]);
          if (k >= 0) stack.splice(k, 1);
        }
        break;
      case 'suspend': {
        if (!known.has(ev[2])) step = false;
        const k = stack.lastIndexOf(ev[2]);
        if (k >= 0) stack.splice(k, 1);
        break;
      }
      case 'resume':
        if (!known.has(ev[2])) step = false;
        else if (!stack.includes(ev[2])) stack.push(ev[2]);
        break;
      case 'console':
      case 'error':
      case 'end':
        break;
      default:
        step = false;
    }
    if (step && keep && !keep.has(states.length)) states.length++;
    else if (step) {
      states.push({
        stack: [...stack],
        queues: Object.fromEntries(QUEUE_NAMES.map((q) => [q, queues[q].map((i) => ({ ...i }))])) as NaiveState['queues'],
      });
    }
  }
  return states;
}

/** mulberry32: a small seeded PRNG so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random trace: mostly plausible, with moves, cancels, out-of-order runs, suspends and junk events. */
function randomEvents(seed: number, count: number): RawEvent[] {
  const rnd = prng(seed);
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const events: RawEvent[] = [];
  const queued: string[] = [];
  const frames: number[] = [];
  const suspended: number[] = [];
  let nextId = 0;
  let nextInv = 1;
  let running: string | null = null;
  let t = 0;
  while (events.length < count) {
    t += rnd();
    const r = rnd();
    if (r < 0.3) {
      const id = queued.length > 0 && rnd() < 0.1 ? pick(queued) : `i${nextId++}`;
      const q = pick<QueueName>([...QUEUE_NAMES, 'timer', 'microtask']);
      events.push(['enqueue', t, id, q, `label ${id}`, Math.floor(rnd() * 30), null, q === 'timer' ? Math.floor(rnd() * 20) : null]);
      if (!queued.includes(id)) queued.push(id);
    } else if (r < 0.5 && queued.length > 0) {
      if (running && rnd() < 0.8) {
        events.push(['done', t, running]);
        running = null;
      } else {
        const k = rnd() < 0.7 ? 0 : Math.floor(rnd() * queued.length);
        const id = queued.splice(k, 1)[0];
        events.push(['run', t, id, null]);
        running = id;
      }
    } else if (r < 0.55 && queued.length > 0) {
      const id = queued.splice(Math.floor(rnd() * queued.length), 1)[0];
      events.push(['cancel', t, id]);
    } else if (r < 0.7) {
      frames.push(nextInv);
      events.push(['enter', t, 0, nextInv++]);
    } else if (r < 0.8 && frames.length > 0) {
      const inv = rnd() < 0.8 ? frames.pop()! : frames.splice(Math.floor(rnd() * frames.length), 1)[0];
      events.push(['exit', t, inv]);
    } else if (r < 0.85 && frames.length > 0) {
      const inv = frames.pop()!;
      suspended.push(inv);
      events.push(['suspend', t, inv]);
    } else if (r < 0.9 && suspended.length > 0) {
      const inv = suspended.splice(Math.floor(rnd() * suspended.length), 1)[0];
      frames.push(inv);
      events.push(['resume', t, inv]);
    } else if (r < 0.93) {
      events.push(['console', t, 'stdout', `log ${events.length}`, null]);
    } else if (r < 0.95) {
      events.push(['line', t, Math.floor(rnd() * 30)] as unknown as RawEvent); // a kind no runtime writes
    } else if (r < 0.96) {
      events.push(['future-kind', t, 1] as unknown as RawEvent);
    } else if (r < 0.97) {
      events.push(['exit', t, 999999]); // unknown frame
    } else if (r < 0.98) {
      events.push(['done', t, 'nobody']);
    } else if (running === null) {
      events.push(['run', t, 'script', null]);
      running = 'script';
    }
  }
  events.push(['end', t + 1, 'completed', 0]);
  return events;
}

function assertStepEqual(model: ReturnType<typeof buildModel>, states: NaiveState[], i: number): void {
  const s = model.stateAt(i);
  const want = states[i];
  assert.deepEqual(s.stack.map((f) => f.id), want.stack, `stack at step ${i}`);
  for (const q of QUEUE_NAMES) {
    assert.deepEqual(
      s.queues[q].map((it) => (it.due === undefined ? it.id : `${it.id}@${it.due}`)),
      want.queues[q].map((it) => (it.due === undefined ? it.id : `${it.id}@${it.due}`)),
      `${q} queue at step ${i}`,
    );
  }
}

describe('stateAt equals a naive full replay (property test)', function () {
  this.timeout(30000); // the naive replay copies the whole state per step
  for (const seed of [1, 2, 3, 42, 1234]) {
    it(`seed ${seed}: every step, read forward, backward and at random`, () => {
      const events = randomEvents(seed, 4000);
      const model = buildModel(rawTrace(events));
      const states = naiveReplay(events);
      assert.equal(model.stepCount, states.length);
      for (let i = 0; i < model.stepCount; i++) assertStepEqual(model, states, i);
      for (let i = model.stepCount - 1; i >= 0; i--) assertStepEqual(model, states, i);
      const rnd = prng(seed + 7);
      for (let k = 0; k < 500; k++) assertStepEqual(model, states, Math.floor(rnd() * model.stepCount));
    });
  }

  it('a large queue filled at once and drained: correct everywhere, checkpoints linear in ops', () => {
    const n = 8000;
    const events: RawEvent[] = [['run', 0, 'script', null]];
    for (let i = 0; i < n; i++) events.push(['enqueue', i, `p${i}`, 'microtask', 'job', null, null, null]);
    for (let i = 0; i < n; i += 7) events.push(['cancel', n, `p${i}`]);
    events.push(['done', n, 'script']);
    for (let i = 0; i < n; i++) {
      if (i % 7 === 0) continue;
      events.push(['run', n + i, `p${i}`, null], ['done', n + i, `p${i}`]);
    }
    const model = buildModel(rawTrace(events));
    const rnd = prng(5);
    const probe = [...Array.from({ length: 300 }, () => Math.floor(rnd() * model.stepCount)), ...Array.from({ length: 100 }, (_, k) => n - 50 + k)];
    const states = naiveReplay(events, new Set(probe));
    assert.equal(states.length, model.stepCount);
    for (const i of probe) assertStepEqual(model, states, i);
    const { pool, count } = model.data.checkpoints;
    const ops = model.data.opCode.length;
    assert.ok(pool.length <= ops, `checkpoint refs ${pool.length} must not exceed ops ${ops}`);
    assert.ok(count >= 5, `expected several checkpoints, got ${count}`);
    // the gap between checkpoints never exceeds max(K, state size)
    const steps = model.data.checkpoints.steps;
    for (let k = 1; k < count; k++) {
      const gap = model.data.opStart[steps[k] + 1] - model.data.opStart[steps[k - 1] + 1];
      assert.ok(gap <= Math.max(CHECKPOINT_INTERVAL, n) + 2);
    }
  });
});
