// One fuzz case end to end: render the seed's program in the seed's layout, run it twice in plain node
// (skip it when the runs differ: the generator let a race through), then traced, and list every problem:
// (a) output and exit code differ from node's, (b) a print ran from another queue than the program says,
// (c) the raw trace breaks Node's queue rules.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { traceFile } from '../../src/core/runTraced';
import { buildModel, checkQueueDiscipline } from '../../src/shared/model';
import type { TaskSource } from '../../src/shared/rawTrace';
import type { TraceModel } from '../../src/shared/modelTypes';
import { parseFixtureAnnotations } from '../fidelity/annotations';
import { compareWithOracle, checkModelSanity, tracedOutput } from '../fidelity/compare';
import { outputLines, runOracle, type OracleRun } from '../fidelity/oracle';
import { testNodePath } from '../support/testNode';
import { generateProgram } from './generate';
import { chooseLayout, describeLayout, renderInLayout, type Layout } from './layout';
import { expectationsOf, type Program } from './program';

export interface FuzzCase {
  seed: number;
  layout: Layout;
  program: Program;
  source: string;
}

export type CaseStatus = 'ok' | 'racy' | 'failed' | 'flaky';

export interface CaseResult {
  fuzzCase: FuzzCase;
  status: CaseStatus;
  problems: string[];
  /** stdout lines of the failing traced run and of node, for the diff. */
  traced?: string[];
  node?: string[];
}

export async function buildCase(seed: number, program: Program = generateProgram(seed)): Promise<FuzzCase> {
  const layout = chooseLayout(seed);
  return { seed, layout, program, source: await renderInLayout(program, layout) };
}

const sameRun = (a: OracleRun, b: OracleRun): boolean => a.stdout === b.stdout && a.stderr === b.stderr && a.code === b.code;

/**
 * Runs a case; a traced failure counts only when a second traced run fails too (else 'flaky'), unless
 * `confirm` is false (the minimizer, which reruns its final program anyway).
 */
export async function checkCase(fuzzCase: FuzzCase, confirm = true): Promise<CaseResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'loopscope-fuzz-'));
  const file = path.join(dir, `fuzz-${fuzzCase.seed}.js`);
  try {
    await writeFile(file, fuzzCase.source);
    const first = await runOracle(file, { module: 'cjs', timeoutMs: 10000 });
    const second = await runOracle(file, { module: 'cjs', timeoutMs: 10000 });
    if (first.timedOut || !sameRun(first, second)) return { fuzzCase, status: 'racy', problems: ['plain node runs differ'] };
    const { problems, traced } = await tracedProblems(file, fuzzCase, first);
    if (problems.length === 0) return { fuzzCase, status: 'ok', problems };
    if (!confirm) return { fuzzCase, status: 'failed', problems, traced, node: outputLines(first.stdout) };
    const again = await tracedProblems(file, fuzzCase, first);
    return { fuzzCase, status: again.problems.length > 0 ? 'failed' : 'flaky', problems, traced, node: outputLines(first.stdout) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function tracedProblems(file: string, fuzzCase: FuzzCase, oracle: OracleRun): Promise<{ problems: string[]; traced?: string[] }> {
  const ann = { ...parseFixtureAnnotations(''), reason: oracle.code === 0 ? ('completed' as const) : ('uncaught-error' as const) };
  let raw;
  try {
    raw = await traceFile({ file, nodePath: testNodePath(), timeoutMs: 10000 });
  } catch (e) {
    return { problems: [`traceFile threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`] };
  }
  const problems: string[] = [];
  if (raw.meta.exit.reason !== ann.reason) problems.push(`exit reason: ${raw.meta.exit.reason}, expected ${ann.reason}`);
  problems.push(...compareWithOracle(raw, oracle, ann));
  const violations = checkQueueDiscipline(raw);
  if (violations.length > 0) problems.push(`queue discipline violations:\n${violations.slice(0, 10).map((v) => `  ${v}`).join('\n')}`);
  try {
    const model = buildModel(raw);
    problems.push(...checkModelSanity(raw, model), ...queueExpectationProblems(model, expectationsOf(fuzzCase.program)));
  } catch (e) {
    problems.push(`buildModel threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  return { problems, traced: tracedOutput(raw).stdout };
}

/** Each printed line, keyed by its first word, came from a task of the queue the generator says. */
export function queueExpectationProblems(model: TraceModel, expected: Map<string, TaskSource[]>): string[] {
  const problems: string[] = [];
  const tasks = new Map(model.tasks.map((t) => [t.id, t]));
  for (const c of model.console) {
    const queues = expected.get(c.text.split(/[ \n]/)[0]);
    if (!queues) continue;
    const task = c.task === null ? undefined : tasks.get(c.task);
    const actual = task ? task.queue : 'no task';
    if (!(queues as string[]).includes(actual)) problems.push(`${JSON.stringify(c.text)} printed by a ${actual} task (line ${c.line}), expected ${queues.join(' or ')}`);
  }
  return problems;
}

/** Everything needed to reproduce a failing case by hand. */
export function describeCase(result: CaseResult): string {
  const c = result.fuzzCase;
  return [
    `fuzz seed ${c.seed} (${result.status}); rerun: LOOPSCOPE_FUZZ_SEED=${c.seed} node test/run-all.mjs fuzz`,
    `layout: ${describeLayout(c.layout)}`,
    '--- source ---',
    c.source.trimEnd(),
    '--- problems ---',
    ...result.problems,
    ...stdoutDiff(result.traced, result.node),
  ].join('\n');
}

/** The stdout lines around the first difference, side by side (compare.ts shows only the first 40). */
function stdoutDiff(traced: string[] | undefined, node: string[] | undefined): string[] {
  if (!traced || !node) return [];
  let at = 0;
  while (at < traced.length && at < node.length && traced[at] === node[at]) at++;
  if (at === traced.length && at === node.length) return [];
  const from = Math.max(0, at - 3);
  const rows = ['--- stdout around the first difference (line: traced | node) ---'];
  for (let i = from; i < Math.max(traced.length, node.length) && i < at + 8; i++) {
    rows.push(`${i === at ? '>' : ' '} ${i + 1}: ${traced[i] ?? '(none)'} | ${node[i] ?? '(none)'}`);
  }
  return rows;
}
