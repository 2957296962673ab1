// Messages between threads (worker_threads postMessage): which `message` task of the receiving thread each
// post was delivered in. The runtime records a `post` event in the sending thread (RawEvent 'post': the time,
// the receiving thread, the line); the receiving thread runs the user's listener in an I/O task of Node's
// MESSAGEPORT resource. A port delivers every message waiting when its task runs, so the posts to a thread are
// matched in time order to its MESSAGEPORT tasks that ran the user's code: each such task takes the posts sent
// before it started that no earlier task took. (Node's own messages to a Worker object, its 'online' and its
// output, come in MESSAGEPORT tasks too, but those run none of the user's code unless the program listens.)
import type { RawEvent } from '../rawTrace';
import type { TaskInfo } from '../modelTypes';
import { fileIndexOf, lineInFile } from '../sourceFiles';

/** One message: posted by thread `from` at `postedAt` (line `line` of file index `file`), run in task `task` of thread `to`. */
export interface ThreadMessage {
  from: number;
  postedAt: number;
  line: number | null;
  file: number | null;
  to: number;
  /** The receiving thread's task (an id in that thread's model), or null when no task of it took the message. */
  task: number | null;
}

/** Node's async resource type of a MessagePort's delivery. */
const MESSAGE_RESOURCE = 'MESSAGEPORT';

export interface ThreadTasks {
  id: number;
  events: readonly RawEvent[];
  tasks: readonly TaskInfo[];
  internal: readonly boolean[];
}

export function threadMessages(threads: readonly ThreadTasks[]): ThreadMessage[] {
  const out: ThreadMessage[] = [];
  for (const t of threads) {
    for (const e of t.events) {
      if (e[0] !== 'post') continue;
      const line = e[3];
      out.push({ from: t.id, postedAt: e[1], line: line === null ? null : lineInFile(line), file: line === null ? null : fileIndexOf(line), to: e[2], task: null });
    }
  }
  out.sort((a, b) => a.postedAt - b.postedAt);
  for (const t of threads) {
    const inbox = out.filter((m) => m.to === t.id);
    let next = 0;
    for (const task of t.tasks) {
      if (task.queue !== 'io' || task.label !== MESSAGE_RESOURCE || t.internal[task.id]) continue;
      const taken = next;
      while (next < inbox.length && inbox[next].postedAt <= task.start) inbox[next++].task = task.id;
      if (next === taken && next < inbox.length) {
        // a listener ran, yet no post before it: the clocks of two threads may differ by a few µs
        inbox[next++].task = task.id;
      }
    }
  }
  return out;
}
