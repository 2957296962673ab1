// What a Timeline bar says when hovered (what it is and how long it took) and the step a click on it jumps
// to. Pure: the words live here so the tooltip, the aria text and the tests agree.

import type { TaskInfo } from '../src/shared/modelTypes';
import { lineInFile } from '../src/shared/sourceFiles';
import { QUEUE_TITLES, formatMs, lineLabel } from './format';
import type { TimelineHit } from './timelineDraw';
import type { TimelineData } from './timelineData';

function taskName(t: TaskInfo): string {
  // the script task's label names it: the main script, an ES module body, a worker's script
  const what = t.queue === 'script' ? t.label : `${t.label} (${QUEUE_TITLES[t.queue]})`;
  return `${what}${t.line == null ? '' : ` ${lineOf(t.line)}`}`;
}

const at = (ms: number): string => `at ${formatMs(ms)}`;

/** "L19" for a located line (src/shared/sourceFiles.ts): the line within its file (the entry's are its lines). */
export function lineOf(located: number | null | undefined): string {
  return lineLabel(located == null ? null : lineInFile(located));
}

/** The tooltip of a hit: one or more lines of text. */
export function describeHit(hit: TimelineHit, data: TimelineData, tasks: readonly TaskInfo[]): string {
  switch (hit.kind) {
    case 'tasks': {
      const lane = data.lanes[hit.lane];
      const n = hit.last - hit.first + 1;
      // the longest of a merged bar's tasks is found on hover, not per frame
      let busy = 0;
      let longest = hit.first;
      for (let i = hit.first; i <= hit.last; i++) {
        busy += lane.ends[i] - lane.starts[i];
        if (lane.ends[i] - lane.starts[i] > lane.ends[longest] - lane.starts[longest]) longest = i;
      }
      const main = (lane.table ?? tasks)[lane.tasks[longest]];
      const ran = `ran ${formatMs(main.end - main.start)} ${at(main.start)}`;
      // a worker's task says its thread: its work runs in parallel with the main thread's
      const thread = lane.table ? `${lane.thread.name} (thread ${lane.thread.id}): ` : '';
      if (n === 1) return `${thread}${taskName(main)}\n${ran}`;
      return `${thread}${n} tasks, ${formatMs(busy)} in all (zoom in to separate them)\nlongest: ${taskName(main)}, ${ran}`;
    }
    case 'call': {
      const c = hit.call;
      const took = c.end === null ? 'never settled in this run' : `settled after ${formatMs(c.end - c.start)}`;
      const waited = c.awaits.reduce((s, a) => s + ((a.end ?? c.end ?? a.start) - a.start), 0);
      return `${threadPrefix(data, c.thread)}${c.name}() ${lineLabel(c.line)}, called ${at(c.start)}\n${took}; suspended at await ${formatMs(waited)}`;
    }
    case 'await': {
      const a = hit.call.awaits[hit.index];
      const took = a.end === null ? 'never resumed' : `suspended ${formatMs(a.end - a.start)}`;
      return `${threadPrefix(data, hit.call.thread)}${hit.call.name}() awaiting ${lineOf(a.line)}\n${took}, ${at(a.start)}`;
    }
    case 'wait': {
      const t = hit.wait.task;
      const from = hit.wait.from;
      const begun = hit.wait.line == null ? '' : `, ${t.queue === 'io' ? 'started' : 'scheduled'} at ${lineOf(hit.wait.line)}`;
      const lines = [`${threadPrefix(data, hit.wait.thread)}${t.queue === 'io' ? 'I/O callback' : 'timer'}: ${taskName(t)}${begun}`];
      if (t.due !== undefined) lines.push(`scheduled ${at(from)}, due after ${formatMs(Math.max(0, t.due - from))}`);
      else lines.push(`operation started ${at(from)}, callback after ${formatMs(t.start - from)}`);
      if ((t.lateMs ?? 0) > 0) lines.push(`ran ${formatMs(t.lateMs ?? 0)} late`);
      lines.push(`callback ran ${formatMs(t.end - t.start)} ${at(t.start)}`);
      return lines.join('\n');
    }
  }
}

/** The step a click on a hit moves the step view to: a step of the hit's thread (threadOfHit). */
export function stepOfHit(hit: TimelineHit, data: TimelineData, tasks: readonly TaskInfo[]): number {
  switch (hit.kind) {
    case 'tasks': {
      const lane = data.lanes[hit.lane];
      return (lane.table ?? tasks)[lane.tasks[hit.first]].firstStep;
    }
    case 'call':
      return hit.call.step;
    case 'await':
      return hit.call.awaits[hit.index].step;
    case 'wait':
      return hit.wait.task.firstStep;
  }
}

/** The thread whose step stepOfHit names: a lane's thread, or the thread of a row's call or wait. */
export function threadOfHit(hit: TimelineHit, data: TimelineData): number {
  if (hit.kind === 'tasks') return data.lanes[hit.lane].thread.id;
  return (hit.kind === 'wait' ? hit.wait.thread : hit.call.thread) ?? 0;
}

/** "busy.js (thread 1): " before what a worker's row is; nothing on the main thread. */
function threadPrefix(data: TimelineData, thread: number | undefined): string {
  if (thread === undefined || thread === 0) return '';
  const name = data.lanes.find((l) => l.thread.id === thread)?.thread.name;
  return name === undefined ? `thread ${thread}: ` : `${name} (thread ${thread}): `;
}

/** What the canvas shows, for a screen reader (the Insights tab and the step view carry the details). */
export function timelineSummary(data: TimelineData, tasks: number): string {
  const n = (k: number, one: string): string => `${k} ${one}${k === 1 ? '' : 's'}`;
  return `Timeline of the run, ${formatMs(data.domain[1])}: ${n(tasks, 'task')} on ${n(data.lanes.length, 'thread')}, ${n(data.calls.length, 'async function call')}, ${n(data.waits.length, 'timer or I/O wait')}`;
}
