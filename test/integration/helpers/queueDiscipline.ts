// What the integration tests check on a real trace: the queue discipline, by the same rules the fidelity
// suite uses (src/shared/model/invariants.ts: checkQueueDiscipline, which gives the violations only), and,
// for every console line, which queue its task came from.
import { checkQueueDiscipline } from '../../../src/shared/model';
import type { QueueName, RawTrace, TaskSource } from '../../../src/shared/rawTrace';

export interface DisciplineReport {
  violations: string[];
  /** For each console event (in order): its text and the source of the task that printed it (null: no task). */
  consoleSources: { text: string; stream: string; source: TaskSource | null }[];
}

/** The trace's queue-discipline violations plus, per console line, the queue of the task that printed it. */
export function disciplineAndConsoleSources(raw: RawTrace): DisciplineReport {
  const queueOf = new Map<string, QueueName>();
  const consoleSources: DisciplineReport['consoleSources'] = [];
  let running: TaskSource | null = null;
  for (const e of raw.events) {
    if (e[0] === 'enqueue') queueOf.set(e[2], e[3]);
    else if (e[0] === 'run') running = e[2] === 'script' ? 'script' : (queueOf.get(e[2]) ?? null);
    else if (e[0] === 'done') running = null;
    else if (e[0] === 'console') consoleSources.push({ text: e[3], stream: e[2], source: running });
  }
  return { violations: checkQueueDiscipline(raw), consoleSources };
}
