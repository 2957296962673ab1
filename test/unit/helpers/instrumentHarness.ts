// Runs code twice with plain `node`: the original (the oracle; for TypeScript esbuild's plain transpile output)
// and the instrumented version with a STUB runtime preloaded (`-r`). The stub passes every value through and
// counts the calls, so any difference in output is the instrumenter's fault.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { ModuleFormat } from '../../../src/shared/rawTrace';
import { detectModuleFormat } from '../../../src/core/moduleFormat';
import { instrumentSource, type InstrumentResult } from '../../../src/core/instrument';
import { transpileSource, type TranspileResult } from '../../../src/core/transpile';

export interface NodeRun {
  stdout: string;
  stderr: string;
  status: number | null;
  /** The thrown error lines of stderr (`TypeError: x is not a function`), without paths or source excerpts. */
  errors: string[];
}

export interface StubStats {
  /** `fast`: calls that ran a fast copy (R.k[0]). */
  counts: Record<'e' | 'x' | 's' | 'r' | 'fa' | 'c' | 't' | 'l' | 'g' | 'fast', number>;
  /** Probe ids passed to R.e, in call order (first 10,000). */
  entered: number[];
  /** Distinct values assigned to R.l. */
  lines: number[];
}

export interface Comparison {
  plain: NodeRun;
  instrumented: NodeRun;
  stats: StubStats;
  result: InstrumentResult;
  transpiled: TranspileResult;
  module: ModuleFormat;
  instrumentedFile: string;
}

let scratch: string | undefined;

/** A temp folder for this test process (removed by `cleanupScratch`). */
export function scratchDir(): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'loopscope-instrument-'));
  return scratch;
}

export function cleanupScratch(): void {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}

let caseCounter = 0;

export async function instrumentSnippet(
  source: string,
  file: string,
  opts: { module?: ModuleFormat; lines?: { from: number; to: number } } = {},
): Promise<{ transpiled: TranspileResult; result: InstrumentResult; module: ModuleFormat }> {
  const transpiled = await transpileSource(source, file, { module: opts.module ?? 'cjs', lines: opts.lines });
  const module = opts.module ?? detectModuleFormat(file, transpiled.code);
  const result = instrumentSource(transpiled, { file, module, originalSource: source });
  return { transpiled, result, module };
}

/** Instruments `source` as `fileName` and runs it against plain node. */
export async function compareWithPlainNode(
  source: string,
  fileName: string,
  opts: { module?: ModuleFormat; nodeArgs?: string[]; fast?: boolean } = {},
): Promise<Comparison> {
  const dir = join(scratchDir(), `case${++caseCounter}`);
  mkdirSync(join(dir, 'plain'), { recursive: true });
  mkdirSync(join(dir, 'instrumented'), { recursive: true });
  const originalPath = join(dir, 'plain', fileName);
  const { transpiled, result, module } = await instrumentSnippet(source, originalPath, { module: opts.module });
  // Node cannot run TypeScript: the oracle is esbuild's plain output, run as the same module format.
  const isTypeScript = /\.[cm]?tsx?$/.test(fileName);
  const runName = isTypeScript ? basename(fileName, extname(fileName)) + (module === 'esm' ? '.mjs' : '.cjs') : fileName;
  const plainFile = join(dir, 'plain', runName);
  writeFileSync(plainFile, isTypeScript ? transpiled.code : source);
  const instrumentedFile = join(dir, 'instrumented', runName);
  writeFileSync(instrumentedFile, result.code);
  const statsFile = join(dir, 'stats.json');
  const stubFile = join(dir, 'stub.cjs');
  writeFileSync(stubFile, stubRuntimeSource(result.runtimeName, statsFile, opts.fast ?? false));
  const nodeArgs = opts.nodeArgs ?? [];
  const plain = runNode([...nodeArgs, plainFile], join(dir, 'plain'));
  const instrumented = runNode(['-r', stubFile, ...nodeArgs, instrumentedFile], join(dir, 'instrumented'));
  const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as StubStats;
  return { plain, instrumented, stats, result, transpiled, module, instrumentedFile };
}

export function runNode(args: string[], cwd: string): NodeRun {
  const run = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 20_000 });
  const stderr = run.stderr ?? '';
  return { stdout: run.stdout ?? '', stderr, status: run.status, errors: errorLines(stderr) };
}

function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^[\w$.]*(Error|Exception)\b/.test(line) || /^\[?Uncaught\b/.test(line));
}

/**
 * The stub runtime: the injected API with pass-through values and call counters, written on exit. `fast`: R.h
 * is up from the start, so every function with a fast copy runs it (src/core/instrument/fastCopy.ts).
 */
export function stubRuntimeSource(runtimeName: string, statsFile: string, fast = false): string {
  return `'use strict';
const fs = require('fs');
const counts = { e: 0, x: 0, s: 0, r: 0, fa: 0, c: 0, t: 0, l: 0, g: 0, fast: 0 };
const entered = [];
const lines = new Set();
let invocation = 0;
const R = {
  e(probe) { counts.e++; if (entered.length < 10000) entered.push(probe); return ++invocation; },
  x(frame) { counts.x++; },
  s(frame, value) { counts.s++; return value; },
  r(frame, value) { counts.r++; return value; },
  fa(frame, iterable) { counts.fa++; return iterable; },
  c(probe, fn) { counts.c++; return fn; },
  t(probe, value) { counts.t++; return value; },
  n: 0, // the loop guard's countdown: kept at 0 so that every iteration calls g
  g() { counts.g++; R.n = 0; },
  h: ${fast},
  k: new Float64Array(1 << 16),
  get l() { return 0; },
  set l(line) { counts.l++; lines.add(line); },
};
Object.defineProperty(globalThis, ${JSON.stringify(runtimeName)}, { value: R, enumerable: false });
process.on('exit', () => {
  counts.fast = R.k[0];
  fs.writeFileSync(${JSON.stringify(statsFile)}, JSON.stringify({ counts, entered, lines: [...lines] }));
});
`;
}
