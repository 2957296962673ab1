// Replays a raw trace against Node's queue rules and lists every place the trace breaks them. The runtime
// promises (rawTrace.ts) that each `run` is the item Node's rules pick; this is how the fidelity tests hold it
// to that on real traces:
// - one task at a time;
// - nextTick, microtask and immediate queues are FIFO: a run takes the head;
// - io and close callbacks complete in any order: the item only has to be queued;
// - timers: Node keeps one list per delay, ordered by expiry, and drains every expired timer of the list it is
//   on before it moves to the next; lists expiring in the same millisecond run in no set order. So an
//   earlier-due timer (by more than the slack) may only wait while timer tasks follow each other (a late loop
//   draining one list);
// - after a macrotask Node drains the nextTick queue, then the microtask queue (V8 drains it completely),
//   and repeats until both are empty; no macrotask starts while either holds an item. In an ES module the
//   body itself is a job, so microtasks drain before the first nextTicks.

import type { RawEvent, RawTrace } from '../rawTrace';
import { firstDrainedAfter, isJobQueue, isMacrotask, jobMayRun, macrotaskMayStart, QUEUE_NAMES, SOURCES, type JobQueue, type QueueName, type TaskSource } from '../eventLoop';

interface Entry {
  id: string;
  seq: number;
  due: number;
}

/** A FIFO queue with lazy deletion: an entry counts only while `live` maps its id to its seq. */
class FifoCheck {
  private entries: Entry[] = [];
  private head = 0;

  constructor(private readonly live: Map<string, Entry>) {}

  add(e: Entry): void {
    this.entries.push(e);
  }

  first(): Entry | undefined {
    while (this.head < this.entries.length && this.live.get(this.entries[this.head].id) !== this.entries[this.head]) this.head++;
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    return this.entries[this.head];
  }
}

/** A binary min-heap by (due, seq) with lazy deletion. */
class TimerCheck {
  private heap: Entry[] = [];

  constructor(private readonly live: Map<string, Entry>) {}

  add(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  first(): Entry | undefined {
    const h = this.heap;
    while (h.length > 0 && this.live.get(h[0].id) !== h[0]) {
      const last = h.pop()!;
      if (h.length === 0) break;
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return h[0];
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

/** libuv's clock counts whole milliseconds: timers due within this of each other expire together. */
const TIMER_SLACK_MS = 1.5;
// Due times come from libuv's cached loop clock, converted to the event clock by an offset measured once: next
// to an event time they can be several ms off (seen: 8.6 ms on a loaded machine). Only due times compared with
// each other are trusted here, never a due time compared with an event time.

export function checkQueueDiscipline(raw: RawTrace): string[] {
  const problems: string[] = [];
  const events: readonly RawEvent[] = raw.events ?? [];
  const esm = raw.meta?.module === 'esm';
  const live = new Map<string, Entry>();
  const queueOf = new Map<string, QueueName>();
  const labels = new Map<string, string>();
  const counts = Object.fromEntries(QUEUE_NAMES.map((q) => [q, 0])) as Record<QueueName, number>;
  const fifo = new Map<QueueName, FifoCheck>(QUEUE_NAMES.filter((q) => SOURCES[q].order === 'fifo').map((q) => [q, new FifoCheck(live)]));
  const timers = new TimerCheck(live);
  let seq = 0;
  let running: { id: string; queue: TaskSource | 'unknown' } | null = null;
  let lastMacrotask: TaskSource | '' = '';
  /** Which of the two job queues Node is draining between macrotasks. */
  let draining: JobQueue = 'nextTick';

  const name = (id: string): string => {
    const label = labels.get(id);
    return label ? `"${id}" (${label})` : `"${id}"`;
  };
  const drop = (id: string): void => {
    const q = queueOf.get(id);
    if (q && live.delete(id)) counts[q]--;
  };

  events.forEach((ev, index) => {
    if (!Array.isArray(ev)) return;
    const where = `event ${index} (t=${typeof ev[1] === 'number' ? ev[1].toFixed(3) : '?'} ms)`;
    switch (ev[0]) {
      case 'enqueue': {
        const [, , rawId, queue, label, , , due] = ev;
        if (!QUEUE_NAMES.includes(queue)) return;
        const id = String(rawId);
        drop(id); // an id queued again moves
        const entry: Entry = { id, seq: seq++, due: typeof due === 'number' ? due : Infinity };
        live.set(id, entry);
        queueOf.set(id, queue);
        labels.set(id, label);
        counts[queue]++;
        if (SOURCES[queue].order === 'due-time') timers.add(entry);
        else fifo.get(queue)?.add(entry);
        return;
      }
      case 'cancel':
        drop(String(ev[2]));
        return;
      case 'run': {
        const id = String(ev[2]);
        if (running) problems.push(`${where}: ${name(id)} started while ${name(running.id)} was still running`);
        const queue = id === 'script' ? 'script' : live.has(id) ? queueOf.get(id)! : undefined;
        if (queue === undefined) {
          problems.push(`${where}: ${name(id)} ran but it is not in any queue`);
          running = { id, queue: 'unknown' };
          return;
        }
        const fifoCheck = queue === 'script' ? undefined : fifo.get(queue);
        if (fifoCheck) {
          const head = fifoCheck.first();
          if (head && head.id !== id) problems.push(`${where}: ${name(id)} ran but the head of the ${queue} queue is ${name(head.id)}`);
        } else if (SOURCES[queue].order === 'due-time') {
          const first = timers.first();
          const entry = live.get(id)!;
          // only a late loop that goes on with the list of the timer that just ran may leave an earlier one waiting
          const sameListGoesOn = lastMacrotask === queue;
          if (first && first.id !== id && first.due < entry.due - TIMER_SLACK_MS && !sameListGoesOn) {
            problems.push(`${where}: timer ${name(id)} (due ${entry.due}) ran before ${name(first.id)} (due ${first.due})`);
          }
        }
        if (isMacrotask(queue)) {
          if (!macrotaskMayStart(counts.nextTick, counts.microtask)) {
            problems.push(
              `${where}: ${queue === 'script' ? 'the script' : `${queue} callback ${name(id)}`} started while ${counts.nextTick} nextTick(s) and ${counts.microtask} microtask(s) were still queued`,
            );
          }
        } else if (isJobQueue(queue)) {
          const other: JobQueue = queue === 'nextTick' ? 'microtask' : 'nextTick';
          if (!jobMayRun(queue, draining, counts[other])) {
            problems.push(`${where}: ${queue} ${name(id)} ran while ${SOURCES[other].phrase} still held ${counts[other]} item(s)`);
          }
          draining = queue;
        }
        drop(id);
        running = { id, queue };
        if (isMacrotask(queue)) lastMacrotask = queue;
        return;
      }
      case 'done': {
        const id = String(ev[2]);
        if (!running || running.id !== id) {
          problems.push(`${where}: ${name(id)} ended but ${running ? `${name(running.id)} is the running task` : 'no task was running'}`);
        } else if (running.queue !== 'unknown' && isMacrotask(running.queue)) {
          draining = firstDrainedAfter(running.queue, esm ? 'esm' : 'cjs');
        }
        running = null;
        return;
      }
      default:
        return;
    }
  });
  return problems;
}
