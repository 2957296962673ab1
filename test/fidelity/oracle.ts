// The oracle: plain `node` on the same program. TypeScript/TSX files run as esbuild's plain transform of
// them, written to a temporary folder (never into the fixture's folder) and run with cwd = the fixture's
// folder. Programs that never end are killed (with their whole process group) after a deadline.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { transform } from 'esbuild';
import type { ModuleFormat } from '../../src/shared/rawTrace';
import { testNodePath } from '../support/testNode';

export interface OracleRun {
  stdout: string;
  stderr: string;
  code: number | null;
  /** Killed at the deadline. */
  timedOut: boolean;
}

/** Enough output for any prefix comparison; a runaway program must not eat the test's memory. */
const OUTPUT_CAP = 8 * 1024 * 1024;

/** The module format node itself would pick for a file (TypeScript: the fixture says, default cjs). */
export function nodeModuleFormat(file: string, ann: { module?: ModuleFormat }): ModuleFormat {
  if (ann.module) return ann.module;
  if (/\.(mjs|mts)$/.test(file)) return 'esm';
  if (/\.(cjs|cts)$/.test(file) || /\.tsx?$/.test(file)) return 'cjs';
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module' ? 'esm' : 'cjs';
    if (path.dirname(dir) === dir) return 'cjs';
  }
}

export function isTypeScript(file: string): boolean {
  return /\.(ts|tsx|mts|cts)$/.test(file);
}

export async function runOracle(fileArg: string, opts: { module: ModuleFormat; timeoutMs?: number }): Promise<OracleRun> {
  const file = path.resolve(fileArg);
  const cwd = path.dirname(file);
  if (!isTypeScript(file)) return runNode(file, cwd, opts.timeoutMs ?? 20000);
  const tmp = await mkdtemp(path.join(tmpdir(), 'loopscope-oracle-'));
  try {
    const source = await readFile(file, 'utf8');
    const loader = file.endsWith('x') ? 'tsx' : 'ts';
    const { code } = await transform(source, { loader, sourcefile: file, target: 'esnext' });
    const out = path.join(tmp, path.basename(file).replace(/\.[^.]+$/, opts.module === 'esm' ? '.mjs' : '.cjs'));
    await writeFile(out, code);
    return await runNode(out, cwd, opts.timeoutMs ?? 20000);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function runNode(file: string, cwd: string, timeoutMs: number): Promise<OracleRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(testNodePath(), [file], { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outSize = 0;
    let errSize = 0;
    let timedOut = false;
    child.stdout.on('data', (b: Buffer) => {
      if (outSize < OUTPUT_CAP) out.push(b);
      outSize += b.length;
    });
    child.stderr.on('data', (b: Buffer) => {
      if (errSize < OUTPUT_CAP) err.push(b);
      errSize += b.length;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code,
        timedOut,
      });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Lines of a stream's text, without the empty string after the final newline. */
export function outputLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
