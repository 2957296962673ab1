// Compares one traced run with the oracle and with the fixture's own annotations. Returns every problem
// found (empty = faithful), so a failing fixture shows all its mismatches at once.

import type { RawTrace } from '../../src/shared/rawTrace';
import type { TraceModel } from '../../src/shared/modelTypes';
import type { FixtureAnnotations } from './annotations';
import { outputLines, type OracleRun } from './oracle';

export interface TracedOutput {
  stdout: string[];
  stderr: string[];
}

/**
 * What the user's code printed, as the trace recorded it (one console event may hold several lines). An event's
 * text is already without the write's trailing newline (README: console[].text), so a newline left at its end
 * is an empty line node printed (`console.log('a\n')`).
 */
export function tracedOutput(raw: RawTrace): TracedOutput {
  const result: TracedOutput = { stdout: [], stderr: [] };
  // a write that ended without a newline (a last field 1) leaves its line open: the stream's next write goes on
  const open = { stdout: false, stderr: false };
  for (const e of raw.events) {
    if (e[0] !== 'console') continue;
    const lines = e[3].split('\n');
    const out = result[e[2]];
    if (open[e[2]]) out[out.length - 1] += lines.shift();
    out.push(...lines);
    open[e[2]] = e[5] === 1;
  }
  return result;
}

function show(lines: string[], max = 40): string {
  const head = lines.slice(0, max).map((l) => `    ${JSON.stringify(l)}`);
  if (lines.length > max) head.push(`    … ${lines.length - max} more`);
  return head.join('\n');
}

function firstDifference(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function sameLines(what: string, traced: string[], oracle: string[]): string[] {
  const at = firstDifference(traced, oracle);
  if (at < 0) return [];
  return [`${what} differs at line ${at + 1}:\n  traced:\n${show(traced)}\n  node:\n${show(oracle)}`];
}

/** Lines that may swap places or values in timing-dependent programs: compare as multisets. */
export function sameMultiset(traced: string[], oracle: string[], interchangeable: string[][] = []): boolean {
  const canon = (l: string): string => interchangeable.find((group) => group.includes(l))?.[0] ?? l;
  const a = traced.map(canon).sort();
  const b = oracle.map(canon).sort();
  return a.length === b.length && a.every((l, i) => l === b[i]);
}

/** stdout/stderr/exit code against plain node, for a program that ends by itself. */
export function compareWithOracle(raw: RawTrace, oracle: OracleRun, ann: FixtureAnnotations): string[] {
  const problems: string[] = [];
  const traced = tracedOutput(raw);
  const nodeStdout = outputLines(oracle.stdout);
  if (ann.anyOrder) {
    const matches = (lines: string[]): boolean => ann.validOrders.some((v) => firstDifference(v, lines) < 0);
    if (!matches(nodeStdout)) problems.push(`fixture bug: node printed an order not listed in @valid:\n${show(nodeStdout)}`);
    if (!matches(traced.stdout)) problems.push(`traced stdout is none of the @valid orders:\n${show(traced.stdout)}`);
  } else {
    problems.push(...sameLines('stdout', traced.stdout, nodeStdout));
  }
  if (raw.meta.exit.code !== oracle.code) problems.push(`exit code: traced ${raw.meta.exit.code}, node ${oracle.code}`);
  const nodeStderr = outputLines(oracle.stderr);
  if (oracle.code === 0) {
    problems.push(...sameLines('stderr', traced.stderr, nodeStderr));
  } else {
    // node adds its own report of the fatal error; the user's console.error lines must still all be there, in order
    let from = 0;
    for (const line of traced.stderr) {
      const at = nodeStderr.indexOf(line, from);
      if (at < 0) {
        problems.push(`traced stderr line ${JSON.stringify(line)} is not in node's stderr (in order)`);
        break;
      }
      from = at + 1;
    }
  }
  if (ann.reason === 'uncaught-error') {
    const errors = raw.events.filter((e) => e[0] === 'error');
    if (errors.length === 0) problems.push('no error event for an uncaught error');
    for (const e of errors) {
      const message = String(e[3]).split('\n')[0];
      if (!oracle.stderr.includes(message)) problems.push(`error message ${JSON.stringify(message)} is not what node reported:\n${oracle.stderr.slice(0, 600)}`);
    }
  }
  return problems;
}

/** For programs that never end under node: one output must be a prefix of the other. */
export function compareWithKilledOracle(raw: RawTrace, oracle: OracleRun): string[] {
  const traced = tracedOutput(raw).stdout;
  const node = outputLines(oracle.stdout);
  if (oracle.timedOut) node.pop(); // the last line may have been cut by the kill
  const n = Math.min(traced.length, node.length);
  const at = firstDifference(traced.slice(0, n), node.slice(0, n));
  const problems: string[] = [];
  if (at >= 0) problems.push(`stdout is not a prefix of node's (or the reverse) at line ${at + 1}: traced ${JSON.stringify(traced[at])}, node ${JSON.stringify(node[at])}`);
  if (node.length > 0 && traced.length === 0) problems.push('traced run printed nothing');
  return problems;
}

/** The fixture's @queue / @queues / @queue-lines annotations against the model. */
export function checkLineAnnotations(model: TraceModel, ann: FixtureAnnotations): string[] {
  const problems: string[] = [];
  const tasks = new Map(model.tasks.map((t) => [t.id, t]));
  for (const exp of ann.lines) {
    if (exp.error) {
      const found = model.errors.filter((e) => e.line === exp.line && e.kind === exp.error);
      if (found.length === 0) {
        const seen = model.errors.map((e) => `${e.kind} at line ${e.line}`).join(', ') || 'no errors';
        problems.push(`line ${exp.line}: expected a reported ${exp.error} error here, got ${seen}`);
      }
    }
    if (!exp.queue && !exp.queueLengths && !exp.queueLines) continue;
    const printed = model.console.filter((c) => c.line === exp.line);
    if (printed.length === 0) {
      problems.push(`line ${exp.line}: annotated, but no console line was attributed to it`);
      continue;
    }
    for (const c of printed) {
      const where = `line ${exp.line} (${JSON.stringify(c.text)})`;
      if (exp.queue) {
        const task = c.task === null ? undefined : tasks.get(c.task);
        const queue = task ? task.queue : 'no task';
        if (queue !== exp.queue) problems.push(`${where}: printed by a ${queue} task, expected ${exp.queue}`);
      }
      if (!exp.queueLengths && !exp.queueLines) continue;
      if (model.kindAt(c.step) !== 'console') {
        problems.push(`${where}: console line points at step ${c.step} of kind ${model.kindAt(c.step)}`);
        continue;
      }
      const state = model.stateAt(c.step);
      for (const [queue, n] of Object.entries(exp.queueLengths ?? {}) as [keyof typeof state.queues, number][]) {
        const items = state.queues[queue];
        if (items.length !== n) {
          problems.push(`${where}: ${queue} holds ${items.length} (${items.map((i) => i.label).join(' | ')}), expected ${n}`);
        }
      }
      for (const [queue, lines] of Object.entries(exp.queueLines ?? {}) as [keyof typeof state.queues, number[]][]) {
        const actual = state.queues[queue].map((i) => i.line);
        if (actual.join(',') !== lines.join(',')) problems.push(`${where}: ${queue} item lines ${actual.join(',')}, expected ${lines.join(',')}`);
      }
    }
  }
  return problems;
}

/** Model invariants every trace must satisfy, whatever the program. */
export function checkModelSanity(raw: RawTrace, model: TraceModel): string[] {
  const problems: string[] = [];
  const consoleEvents = raw.events.filter((e) => e[0] === 'console').length;
  if (model.console.length !== consoleEvents) problems.push(`model has ${model.console.length} console lines, trace ${consoleEvents} console events`);
  for (const c of model.console) {
    if (model.kindAt(c.step) !== 'console') {
      problems.push(`console line ${JSON.stringify(c.text)} points at step ${c.step} of kind ${model.kindAt(c.step)}`);
      break;
    }
  }
  if (model.tasks[0]?.queue !== 'script') problems.push(`first task comes from ${model.tasks[0]?.queue}, expected script`);
  return problems;
}
