// Runs one program both ways (plain node, then traced) and collects every fidelity problem.
// Shared by the fixture suite and the corpus suite.

import { traceFile } from '../../src/core/runTraced';
import { buildModel, checkQueueDiscipline } from '../../src/shared/model';
import type { ExitReason, RawTrace } from '../../src/shared/rawTrace';
import type { FixtureAnnotations } from './annotations';
import { checkLineAnnotations, checkModelSanity, compareWithKilledOracle, compareWithOracle, sameMultiset, tracedOutput } from './compare';
import { nodeModuleFormat, outputLines, runOracle, type OracleRun } from './oracle';
import { testNodePath } from '../support/testNode';

export interface FidelityResult {
  problems: string[];
  raw?: RawTrace;
  oracle?: OracleRun;
  tracedMs: number;
}

export interface FidelityOptions {
  /** Timing-dependent program: same lines in any order (with these groups of interchangeable lines). */
  multisetOnly?: { interchangeable: string[][] };
  /** Files without annotations (the corpus): decide the expected exit reason from node's run. */
  reasonFromOracle?: (oracle: OracleRun) => ExitReason;
}

export async function runFidelity(file: string, ann: FixtureAnnotations, opts: FidelityOptions = {}): Promise<FidelityResult> {
  const module = nodeModuleFormat(file, ann);
  const oracle = await runOracle(file, { module, timeoutMs: ann.oracleTimeoutMs });
  if (oracle.timedOut && ann.oracleTimeoutMs === undefined) {
    return { problems: ['plain node did not finish within 20 s: fixture bug'], oracle, tracedMs: 0 };
  }
  if (opts.reasonFromOracle) ann = { ...ann, reason: opts.reasonFromOracle(oracle) };
  const started = Date.now();
  let raw: RawTrace;
  try {
    raw = await traceFile({ file, nodePath: testNodePath(), ...ann.options });
  } catch (e) {
    return { problems: [`traceFile threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}`], oracle, tracedMs: Date.now() - started };
  }
  const tracedMs = Date.now() - started;
  const problems: string[] = [];
  if (raw.meta.module !== module) problems.push(`module format: traced ${raw.meta.module}, node ${module}`);
  if (raw.meta.exit.reason !== ann.reason) problems.push(`exit reason: ${raw.meta.exit.reason}, expected ${ann.reason}`);
  if (ann.maxMs !== undefined && tracedMs > ann.maxMs) problems.push(`traced run took ${tracedMs} ms, limit ${ann.maxMs} ms`);
  if (ann.oracleTimeoutMs !== undefined) {
    problems.push(...compareWithKilledOracle(raw, oracle));
  } else if (opts.multisetOnly) {
    const traced = tracedOutput(raw).stdout;
    if (!sameMultiset(traced, outputLines(oracle.stdout), opts.multisetOnly.interchangeable)) {
      problems.push(`stdout lines differ from node's (as a multiset):\n  traced: ${JSON.stringify(traced)}\n  node: ${JSON.stringify(outputLines(oracle.stdout))}`);
    }
    if (raw.meta.exit.code !== oracle.code) problems.push(`exit code: traced ${raw.meta.exit.code}, node ${oracle.code}`);
  } else {
    problems.push(...compareWithOracle(raw, oracle, ann));
  }
  const violations = checkQueueDiscipline(raw);
  if (violations.length > 0) problems.push(`queue discipline violations:\n${violations.slice(0, 10).map((v) => `  ${v}`).join('\n')}`);
  try {
    const model = buildModel(raw);
    problems.push(...checkModelSanity(raw, model), ...checkLineAnnotations(model, ann));
  } catch (e) {
    problems.push(`buildModel threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
  return { problems, raw, oracle, tracedMs };
}

/** Runs jobs with at most `limit` at a time; results keep their keys so tests can await their own. */
export function startPool<T>(keys: string[], limit: number, job: (key: string) => Promise<T>): Map<string, Promise<T>> {
  const results = new Map<string, Promise<T>>();
  const waiting: Array<() => void> = [];
  let running = 0;
  const slot = async (): Promise<void> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
  };
  const release = (): void => {
    running--;
    waiting.shift()?.();
  };
  for (const key of keys) {
    const result = (async () => {
      await slot();
      try {
        return await job(key);
      } finally {
        release();
      }
    })();
    result.catch(() => undefined); // the test that owns this key reports the failure
    results.set(key, result);
  }
  return results;
}
