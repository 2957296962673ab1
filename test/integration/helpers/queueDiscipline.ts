// Replays a raw event stream and checks the queue semantics of src/shared/rawTrace.ts: every `run` takes the
// head of its queue (timers: the earliest due, ties in insertion order), cancels remove queued items, `done`
// ends the running task. Also tells, for every console line, which queue its task came from.
import type { QueueName, RawEvent, TaskSource } from '../../../src/shared/rawTrace';

interface Queued {
  id: string;
  due: number | null;
  order: number;
}

export interface DisciplineReport {
  violations: string[];
  /** For each console event (in order): its text and the source of the task that printed it (null: no task). */
  consoleSources: { text: string; stream: string; source: TaskSource | null }[];
  runs: number;
}

export function checkQueueDiscipline(events: readonly RawEvent[]): DisciplineReport {
  const queues = new Map<QueueName, Queued[]>();
  const where = new Map<string, QueueName>();
  const violations: string[] = [];
  const consoleSources: DisciplineReport['consoleSources'] = [];
  let running: { id: string; source: TaskSource } | null = null;
  let order = 0;
  let runs = 0;
  const q = (name: QueueName): Queued[] => {
    let list = queues.get(name);
    if (!list) queues.set(name, (list = []));
    return list;
  };
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    switch (e[0]) {
      case 'enqueue': {
        const [, , id, queue, , , , due] = e;
        if (where.has(id)) violations.push(`#${i} enqueue of ${id}: already queued in ${where.get(id)}`);
        q(queue).push({ id, due, order: order++ });
        where.set(id, queue);
        break;
      }
      case 'run': {
        const id = e[2];
        runs++;
        if (running) violations.push(`#${i} run ${id} while ${running.id} is running`);
        if (id === 'script') {
          running = { id, source: 'script' };
          break;
        }
        const queue = where.get(id);
        if (!queue) {
          violations.push(`#${i} run ${id}: not queued`);
          running = { id, source: 'io' };
          break;
        }
        const list = q(queue);
        let head = 0;
        if (queue === 'timer') {
          for (let k = 1; k < list.length; k++) {
            const a = list[k], b = list[head];
            if ((a.due ?? 0) < (b.due ?? 0) || ((a.due ?? 0) === (b.due ?? 0) && a.order < b.order)) head = k;
          }
        }
        const at = list.findIndex((x) => x.id === id);
        if (at !== head) violations.push(`#${i} run ${id}: not at the head of ${queue} (head ${list[head]?.id}, position ${at})`);
        list.splice(at, 1);
        where.delete(id);
        running = { id, source: queue };
        break;
      }
      case 'done':
        if (!running || running.id !== e[2]) violations.push(`#${i} done ${e[2]} but running ${running?.id}`);
        running = null;
        break;
      case 'cancel': {
        const queue = where.get(e[2]);
        if (!queue) {
          violations.push(`#${i} cancel ${e[2]}: not queued`);
          break;
        }
        const list = q(queue);
        list.splice(list.findIndex((x) => x.id === e[2]), 1);
        where.delete(e[2]);
        break;
      }
      case 'console':
        consoleSources.push({ text: e[3], stream: e[2], source: running?.source ?? null });
        break;
      default:
        break;
    }
  }
  return { violations, consoleSources, runs };
}
