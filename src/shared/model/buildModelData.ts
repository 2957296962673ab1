// Replays the raw events once and records, per step, a few scalars and the ops that change the stack and the
// queues (insert/remove at a position), plus a checkpoint of the full state now and then. The pieces:
// replayState.ts (the state the replay carries), replayHandlers.ts (what each event kind does to it) and
// checkpointPolicy.ts (when to store a full copy). This file only drives them and hands the columns out.

import type { RawEvent, RawTrace } from '../rawTrace';
import type { AsyncCall, ConsoleLine, ErrorInfo, TaskInfo } from '../modelTypes';
import type { ModelData } from './modelData';
import { CheckpointRecorder } from './checkpointPolicy';
import { REPLAY_HANDLERS, type ReplayHandler } from './replayHandlers';
import { ReplayState } from './replayState';

export { CHECKPOINT_INTERVAL } from './checkpointPolicy';

export interface BuiltModel {
  data: ModelData;
  tasks: TaskInfo[];
  console: ConsoleLine[];
  errors: ErrorInfo[];
  asyncCalls: AsyncCall[];
}

/** The handlers by kind; a Map so that a kind named like an Object.prototype member finds no handler. */
const HANDLER_OF = new Map<string, ReplayHandler>(Object.entries(REPLAY_HANDLERS) as [string, ReplayHandler][]);

export function buildModelData(raw: RawTrace): BuiltModel {
  const events: readonly RawEvent[] = raw.events ?? [];
  const n = events.length;
  const st = new ReplayState(raw, n);
  const checkpoints = new CheckpointRecorder();

  for (let e = 0; e < n; e++) {
    const ev = events[e];
    if (!Array.isArray(ev)) continue;
    const t = typeof ev[1] === 'number' ? ev[1] : st.lastTime;
    st.lastTime = t;
    const handler = HANDLER_OF.get(ev[0]);
    if (handler === undefined || !handler(st, ev, t)) continue;
    st.step++;
    checkpoints.afterStep(st.step - 1, st.ops.count, st.size, st.boxes);
  }
  const s = st.step;
  st.opStart[s] = st.ops.count;
  if (st.running >= 0) st.finishTask(st.running, st.lastTime, s - 1);

  // what was still in flight when the run ended stays there to the last step
  const { inFlight } = st;
  for (let r = 0; r < inFlight.toSteps.length; r++) if (inFlight.toSteps[r] < 0) inFlight.toSteps[r] = s;
  inFlight.toSorted = Int32Array.from(inFlight.toSteps).sort();

  const { ops } = st;
  const data: ModelData = {
    probes: st.probes,
    stepCount: s,
    kinds: st.kinds.slice(0, s),
    tasks: st.taskCol.slice(0, s),
    lines: st.lineCol.slice(0, s),
    times: st.timeCol.slice(0, s),
    subjects: st.subjectCol.slice(0, s),
    phases: st.phaseCol.slice(0, s),
    draining: st.drainCol.slice(0, s),
    opStart: st.opStart.slice(0, s + 1),
    opCode: ops.code.slice(0, ops.count),
    opPos: ops.pos.slice(0, ops.count),
    opRef: ops.ref.slice(0, ops.count),
    checkpoints: checkpoints.finish(),
    items: st.items,
    frames: st.frames,
    inFlight,
    folded: st.folded,
    ends: st.ends,
  };
  return { data, tasks: st.tasks, console: st.consoleLines, errors: st.errors, asyncCalls: st.asyncCalls.calls };
}
