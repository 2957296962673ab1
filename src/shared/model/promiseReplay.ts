// What the 'value', 'member' and 'group' events (src/shared/eventRecords.ts) do to the replay state: what a
// queued reaction's promise settled with, and which Promise.all / allSettled / race / any member it is for. No
// step of their own (the enqueue just before, or the task start, is the step); read by the item and its task.
import type { ReplayHandlers } from './replayHandlers';
import { lineOrUnknown } from './replayState';

export const PROMISE_REPLAY_HANDLERS: Pick<ReplayHandlers, 'value' | 'member' | 'group'> = {
  value(st, ev) {
    const id = String(ev[2]);
    const settled = { text: String(ev[3]), rejected: ev[4] === 1 };
    const r = st.queued.get(id);
    if (r !== undefined) {
      st.items.settled.set(r, settled);
      return false;
    }
    // read as the reaction started (its promise was still settling when it was queued): the running task's item
    const task = st.running >= 0 ? st.tasks[st.running] : undefined;
    if (task !== undefined && task.itemId === id) {
      task.settled = settled;
      if (st.runningRecord >= 0) st.items.settled.set(st.runningRecord, settled);
    }
    return false;
  },

  member(st, ev) {
    const r = st.queued.get(String(ev[2]));
    if (r !== undefined && typeof ev[3] === 'number' && typeof ev[4] === 'number') st.items.members.set(r, [ev[3], ev[4]]);
    return false;
  },

  group(st, ev) {
    if (typeof ev[2] === 'number' && typeof ev[4] === 'number') st.items.groups.set(ev[2], { label: String(ev[3]), count: ev[4], line: lineOrUnknown(ev[5]) });
    return false;
  },
};
