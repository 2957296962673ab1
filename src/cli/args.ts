// Command-line arguments -> a typed command. node:util parseArgs does the tokenising; this file only
// validates values and turns mistakes into CliUsageError (exit code 2, one line, no stack).

import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ModuleFormat } from '../shared/rawTrace';
import { MAX_RUNS } from '../core/runs/traceRuns';
import { DEFAULT_CALL_BUDGET } from '../shared/runtimeContract';

export interface TraceCommand {
  kind: 'trace';
  file: string;
  json: boolean;
  html?: string;
  out?: string;
  lines?: { from: number; to: number };
  timeoutMs: number;
  maxEvents: number;
  /** Calls each task records before further calls are counted, not stepped; Infinity with --full. */
  callBudget: number;
  /** --json: at most this many items per queue and frames per stack in each step ("truncated" says the rest). */
  maxItems: number;
  module: 'auto' | ModuleFormat;
  nodePath?: string;
  /** Text report: list tasks that ran none of the user's code one by one instead of folding them. */
  allTasks: boolean;
  /** `--runs N`: trace the program N times and group the console orders (1: a single run). */
  runs: number;
}

export type CliCommand = { kind: 'help' } | { kind: 'version' } | TraceCommand;

/** A mistake in the command line: shown as `loopscope: <message>`, exit code 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_EVENTS = 100_000;
export const DEFAULT_MAX_ITEMS = 100;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  json: { type: 'boolean' },
  'all-tasks': { type: 'boolean' },
  html: { type: 'string' },
  out: { type: 'string', short: 'o' },
  lines: { type: 'string' },
  timeout: { type: 'string' },
  'max-events': { type: 'string' },
  'call-budget': { type: 'string' },
  full: { type: 'boolean' },
  'max-items': { type: 'string' },
  module: { type: 'string' },
  node: { type: 'string' },
  runs: { type: 'string' },
} as const;

export function parseCliArgs(argv: readonly string[]): CliCommand {
  const { values, positionals } = tokenise(argv);
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, ...rest] = positionals;
  if (command === undefined) return { kind: 'help' };
  if (command === 'help') return { kind: 'help' };
  if (command !== 'trace') throw new CliUsageError(`unknown command "${command}" (try: loopscope trace FILE)`);
  if (rest.length === 0) throw new CliUsageError('trace: missing FILE (usage: loopscope trace FILE [options])');
  if (rest.length > 1) throw new CliUsageError(`trace: expected one FILE, got ${rest.length}: ${rest.join(' ')}`);
  for (const name of ['html', 'out', 'node'] as const) {
    if (values[name] === '') throw new CliUsageError(`--${name} needs a value`);
  }
  return {
    kind: 'trace',
    file: rest[0],
    json: values.json ?? false,
    html: values.html,
    out: values.out,
    lines: values.lines === undefined ? undefined : parseLineRange(values.lines),
    allTasks: values['all-tasks'] === true,
    timeoutMs: values.timeout === undefined ? DEFAULT_TIMEOUT_MS : positiveInteger('--timeout', values.timeout),
    maxEvents: values['max-events'] === undefined ? DEFAULT_MAX_EVENTS : positiveInteger('--max-events', values['max-events']),
    callBudget: callBudget(values.full === true, values['call-budget']),
    maxItems: values['max-items'] === undefined ? DEFAULT_MAX_ITEMS : positiveInteger('--max-items', values['max-items']),
    module: parseModule(values.module),
    nodePath: nodeBinary(values.node),
    runs: values.runs === undefined ? 1 : runCount(values.runs),
  };
}

/**
 * `--node ./x/node` names a file relative to where the command was typed; the child runs with the traced
 * file's folder as its cwd, so such a path is made absolute here. A bare name (`node22`) is looked up on PATH.
 */
function nodeBinary(value: string | undefined): string | undefined {
  return value !== undefined && /[\\/]/.test(value) ? path.resolve(value) : value;
}

function tokenise(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    // parseArgs' messages are already user-facing ("Unknown option '--foo'...")
    throw new CliUsageError(e instanceof Error ? e.message : String(e));
  }
}

/** "40-45" -> { from: 40, to: 45 }; a single line "7" is accepted as 7-7. */
export function parseLineRange(text: string): { from: number; to: number } {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(text);
  if (!m) throw new CliUsageError(`--lines expects A-B (e.g. 40-45), got "${text}"`);
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from < 1) throw new CliUsageError(`--lines: lines start at 1, got ${from}`);
  if (to < from) throw new CliUsageError(`--lines: the range ${from}-${to} is empty`);
  return { from, to };
}

function positiveInteger(option: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n <= 0) {
    throw new CliUsageError(`${option} expects a positive whole number, got "${text}"`);
  }
  return n;
}

function runCount(text: string): number {
  const n = positiveInteger('--runs', text);
  if (n > MAX_RUNS) throw new CliUsageError(`--runs: at most ${MAX_RUNS} runs, got ${n}`);
  return n;
}

/** `--full` records every call; `--call-budget N` sets the per-task budget (0 counts every call). */
function callBudget(full: boolean, text: string | undefined): number {
  if (full && text !== undefined) throw new CliUsageError('--full records every call: it cannot go with --call-budget');
  if (full) return Infinity;
  if (text === undefined) return DEFAULT_CALL_BUDGET;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) {
    throw new CliUsageError(`--call-budget expects a whole number of calls, got "${text}"`);
  }
  return n;
}

function parseModule(text: string | undefined): 'auto' | ModuleFormat {
  if (text === undefined) return 'auto';
  if (text === 'auto' || text === 'cjs' || text === 'esm') return text;
  throw new CliUsageError(`--module expects auto, cjs or esm, got "${text}"`);
}
