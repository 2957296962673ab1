// What each raw event kind does to the replay state (replayState.ts): one handler per kind, each starting
// the event's step (or skipping the event) and recording the ops it makes on the stack and the queues.
// The queue semantics applied here are the ones rawTrace.ts documents for RawEvent.

import type { RawEvent, RawEventKind } from '../rawTrace';
import type { LoopPhase, TaskSource } from '../eventLoop';
import type { TaskInfo } from '../modelTypes';
import { PHASES, QUEUE_NAMES, SOURCES, inFlightKind, phaseOfTask } from '../eventLoop';
import { itemLabel, SCRIPT_LABEL_CJS, SCRIPT_LABEL_ESM, SCRIPT_LABEL_WORKER } from './itemLabel';
import { containerOfQueue, drainingCode, ITEM_MOVED, ITEM_REARMED, NO_PHASE, queueOfContainer, STACK, STEP_KIND_CODE } from './modelData';
import { lineOrUnknown, ON_STACK, SUSPENDED, TIMER, type ReplayState } from './replayState';
import { promiseGroupOf } from './promiseGroups';
import { PROMISE_REPLAY_HANDLERS } from './promiseReplay';

/** Applies one event at time `t`; returns whether it made a step (false: the event changes nothing shown). */
export type ReplayHandler<E extends RawEvent = RawEvent> = (st: ReplayState, ev: E, t: number) => boolean;

/** One handler per event kind; a kind without one ('start', and kinds from newer runtimes) makes no step. */
export type ReplayHandlers = { readonly [K in RawEventKind]?: ReplayHandler<Extract<RawEvent, { 0: K }>> };

const QUEUE_CONTAINER = new Map<string, number>(QUEUE_NAMES.map((q) => [q, containerOfQueue(q)]));

// module-local copies: imported bindings can be property reads through a getter in unbundled builds
const KIND = { ...STEP_KIND_CODE };
const STACK_BOX = STACK;
const NONE = NO_PHASE;
const PHASE_LIST = [...PHASES];

export const REPLAY_HANDLERS: ReplayHandlers = {
  enqueue(st, ev, t) {
    const c = QUEUE_CONTAINER.get(ev[3]);
    if (c === undefined) return false;
    const { items, probes } = st;
    const id = String(ev[2]);
    st.landInFlight(id, st.step); // its operation completed: its callback joins the queue at this step
    const probe = ev[6] == null ? undefined : probes[ev[6]];
    const r = items.ids.length;
    items.ids.push(id);
    items.labels.push(itemLabel(probe, String(ev[4] ?? id)));
    items.lines.push(ev[5] != null ? lineOrUnknown(ev[5]) : st.probeLine(probe));
    items.dues.push(c === TIMER && typeof ev[7] === 'number' ? ev[7] : NaN);
    items.times.push(t);
    items.queues.push(c);
    items.probes.push(probe ? (ev[6] as number) : -1);
    // While the user's code runs, the enqueue names the line that queued (the runtime's running line): the
    // step is there. Queued by Node's own code (empty stack), that line may be stale: keep the step's line.
    if (ev[5] != null && st.stack.length > 0) st.cur = lineOrUnknown(ev[5]);
    st.begin(KIND.enqueue, t, st.cur >= 0 ? st.cur : st.probeLine(probe), r);
    let flags = st.ranIds.has(id) ? ITEM_REARMED : 0;
    const previous = st.queued.get(id);
    if (previous !== undefined) {
      st.unqueue(previous);
      flags |= ITEM_MOVED;
    }
    items.flags.push(flags);
    const box = st.boxes[c];
    st.insert(c, c === TIMER ? box.lowerBound(st.timerBefore(r)) : box.length, r);
    st.queued.set(id, r);
    return true;
  },

  // in flight from the next step on; no step of its own (the operation started inside a call the user's code
  // made: the steps around it show that call)
  pending(st, ev, t) {
    if (inFlightKind(String(ev[3])) === undefined) return false; // not something the In-flight list shows
    const id = String(ev[2]);
    const f = st.inFlight;
    st.landInFlight(id, st.step);
    st.inFlightOf.set(id, f.ids.length);
    f.ids.push(id);
    f.labels.push(String(ev[3] ?? ''));
    f.lines.push(lineOrUnknown(ev[4]));
    f.starts.push(t);
    f.fromSteps.push(st.step);
    f.toSteps.push(-1);
    return false;
  },

  settled(st, ev) {
    st.landInFlight(String(ev[2]), st.step);
    return false;
  },

  ...PROMISE_REPLAY_HANDLERS,

  cancel(st, ev, t) {
    const id = String(ev[2]);
    const r = st.queued.get(id);
    if (r === undefined) return false;
    st.begin(KIND.cancel, t, st.cur, r);
    st.unqueue(r);
    st.queued.delete(id);
    return true;
  },

  run(st, ev, t) {
    const id = String(ev[2]);
    const s = st.step;
    if (st.running >= 0) st.finishTask(st.running, t, s - 1); // a 'done' went missing
    const task = st.tasks.length;
    const r = st.queued.get(id);
    let queue: TaskSource;
    let label: string;
    let itemLine = -1;
    if (id === 'script') {
      queue = 'script';
      label = st.moduleFormat === 'esm' ? SCRIPT_LABEL_ESM : st.worker ? SCRIPT_LABEL_WORKER : SCRIPT_LABEL_CJS;
    } else if (r !== undefined) {
      queue = queueOfContainer(st.items.queues[r]);
      label = st.items.labels[r];
      itemLine = st.items.lines[r];
    } else {
      // never enqueued: the runtime could not see it being queued; show it as a job of unknown origin
      queue = 'microtask';
      label = id;
    }
    const phase: LoopPhase = phaseOfTask(queue, st.macroPhase === NONE ? null : PHASE_LIST[st.macroPhase]);
    if (SOURCES[queue].phase) st.macroPhase = PHASE_LIST.indexOf(phase);
    const line = ev[3] != null ? lineOrUnknown(ev[3]) : itemLine;
    const info: TaskInfo = {
      id: task,
      itemId: id,
      queue,
      phase,
      label,
      ...st.place(line),
      start: t,
      end: t,
      firstStep: s,
      lastStep: s,
    };
    if (r !== undefined) {
      info.queuedAt = st.items.times[r];
      if (st.items.lines[r] >= 0) info.queuedLine = st.items.lines[r];
      const due = st.items.dues[r];
      if (!Number.isNaN(due)) {
        info.due = due;
        info.lateMs = Math.max(0, t - due);
      }
      const settled = st.items.settled.get(r);
      if (settled !== undefined) info.settled = settled;
      const group = promiseGroupOf(st.items, r, (l) => st.place(l).line);
      if (group !== undefined) info.group = group;
    }
    st.tasks.push(info);
    st.running = task;
    st.runningRecord = r ?? -1;
    st.runningPhase = PHASE_LIST.indexOf(phase);
    st.drainCode = drainingCode(queue);
    st.cur = line;
    st.begin(KIND['task-start'], t, line, task);
    if (r !== undefined) {
      st.unqueue(r);
      st.queued.delete(id);
    }
    st.ranIds.add(id);
    return true;
  },

  done(st, ev, t) {
    const running = st.running;
    if (running < 0 || st.tasks[running].itemId !== String(ev[2])) return false;
    st.begin(KIND['task-end'], t, st.cur, running);
    // frames whose exit never came (the runtime stopped mid-call) cannot outlive their task
    const stack = st.stack;
    while (stack.length > 0) {
      st.frameWhere[stack.at(stack.length - 1)] = 0;
      st.remove(STACK_BOX, stack.length - 1);
    }
    st.finishTask(running, t, st.step);
    st.running = -1;
    st.drainCode = 0;
    st.cur = -1;
    return true;
  },

  enter(st, ev, t) {
    const probe = ev[2];
    const { frames, probes } = st;
    const fr = frames.invs.length;
    frames.invs.push(ev[3]);
    frames.probes.push(probe);
    st.frameOfInv.set(ev[3], fr);
    // the runtime says where the caller was (the call site); older traces: the model's running line
    const callSite = typeof ev[4] === 'number' ? ev[4] : -1;
    st.callerLine.push(callSite >= 0 ? callSite : st.cur);
    frames.callerLines.push(callSite);
    frames.vias.push(st.pendingVia);
    st.pendingVia = -1;
    st.pausedLine.push(-1);
    st.frameWhere.push(ON_STACK);
    const line = probes[probe] ? st.probeLine(probes[probe]) : st.cur;
    st.begin(KIND.push, t, line, fr);
    st.asyncCalls.enter(fr, probe, t, st.step, callSite >= 0 ? callSite : null, st.running >= 0 ? st.running : null);
    st.insert(STACK_BOX, st.stack.length, fr);
    st.cur = line;
    return true;
  },

  // the next enter's function was called through library code: no step of its own (the enter's step shows it)
  via(st, ev) {
    st.pendingVia = st.library(String(ev[2]), ev[3] === '' ? null : String(ev[3]));
    return false;
  },

  exit(st, ev, t) {
    const fr = st.frameOfInv.get(ev[2]);
    if (fr === undefined) return false;
    const onStack = st.frameWhere[fr] === ON_STACK;
    // a return lands at the call site, as a debugger's step-out does: the pop step shows the caller's line
    if (onStack) st.cur = st.callerLine[fr];
    st.begin(KIND.pop, t, st.cur, fr);
    if (onStack) {
      const pos = st.stack.lastIndexOf(fr);
      if (pos >= 0) st.remove(STACK_BOX, pos);
    }
    st.frameWhere[fr] = 0;
    st.frameOfInv.delete(ev[2]);
    st.asyncCalls.exit(fr, t);
    return true;
  },

  suspend(st, ev, t) {
    const fr = st.frameOfInv.get(ev[2]);
    if (fr === undefined) return false;
    const onStack = st.frameWhere[fr] === ON_STACK;
    // the step shows where the frame stops (its await / yield), when the runtime says so
    if (typeof ev[3] === 'number' && onStack) st.cur = ev[3];
    st.begin(KIND.suspend, t, st.cur, fr);
    st.asyncCalls.suspend(fr, t, st.step, st.cur >= 0 ? st.cur : null);
    if (onStack) {
      const pos = st.stack.lastIndexOf(fr);
      if (pos >= 0) st.remove(STACK_BOX, pos);
      st.frameWhere[fr] = SUSPENDED;
      st.pausedLine[fr] = st.cur;
      st.cur = st.callerLine[fr];
    }
    return true;
  },

  resume(st, ev, t) {
    const fr = st.frameOfInv.get(ev[2]);
    if (fr === undefined) return false;
    const line = st.pausedLine[fr] >= 0 ? st.pausedLine[fr] : st.cur;
    st.begin(KIND.resume, t, line, fr);
    st.asyncCalls.resume(fr, t);
    if (st.frameWhere[fr] !== ON_STACK) {
      st.callerLine[fr] = st.cur;
      st.insert(STACK_BOX, st.stack.length, fr);
      st.frameWhere[fr] = ON_STACK;
      st.cur = line;
    }
    return true;
  },

  calls(st, ev, t) {
    // One step per batch: the runtime writes a batch's records one after the other, with one time and one ms.
    const { folded } = st;
    const joins = st.lastCallsStep === st.step - 1 && st.lastCallsTime === t && folded.ms[folded.ms.length - 1] === ev[4];
    const step = joins ? st.lastCallsStep : st.step;
    folded.steps.push(step);
    folded.probes.push(ev[2]);
    folded.counts.push(ev[3]);
    folded.ms.push(ev[4]);
    if (joins) return false;
    // The calls ran on top of the stack as it is (it did not change meanwhile); the step shows the function.
    const probe = st.probes[ev[2]];
    st.begin(KIND.calls, t, probe ? lineOrUnknown(probe.line) : st.cur, folded.steps.length - 1);
    st.lastCallsStep = step;
    st.lastCallsTime = t;
    return true;
  },

  console(st, ev, t) {
    const line = ev[4] != null ? lineOrUnknown(ev[4]) : st.cur;
    st.begin(KIND.console, t, line, st.consoleLines.length);
    st.consoleLines.push({
      text: String(ev[3]),
      stream: ev[2] === 'stderr' ? 'stderr' : 'stdout',
      task: st.running >= 0 ? st.running : null,
      step: st.step,
      stack: st.stackNames(),
      ...st.place(line),
      ...(ev[5] === 1 ? { open: true as const } : {}),
    });
    st.cur = line;
    return true;
  },

  error(st, ev, t) {
    // the error's own position only: the running line is not where an unhandled rejection came from
    const line = ev[4] != null ? lineOrUnknown(ev[4]) : -1;
    st.begin(KIND.error, t, line >= 0 ? line : st.cur, st.errors.length);
    st.errors.push({
      kind: ev[2] === 'unhandled-rejection' ? 'unhandled-rejection' : 'uncaught',
      message: String(ev[3]),
      ...st.place(line),
      column: typeof ev[5] === 'number' ? ev[5] : null,
      step: st.step,
      task: st.running >= 0 ? st.running : null,
    });
    return true;
  },

  end(st, ev, t) {
    // the run is over: the loop is in no phase any more (a task cut short by the end still shows its own)
    if (st.running < 0) st.macroPhase = NONE;
    st.begin(KIND.end, t, st.cur, -1);
    st.ends.set(st.step, { reason: ev[2], code: typeof ev[3] === 'number' ? ev[3] : null });
    return true;
  },
};
