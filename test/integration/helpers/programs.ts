// Small programs for the integration tests, written to a temp dir; the oracle is plain `node` on the same file.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RawEvent } from '../../../src/shared/rawTrace';

export function writeProgram(dir: string, name: string, code: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, code);
  return file;
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'loopscope-it-'));
}

export interface PlainRun {
  /** stdout split into lines, without the empty string after a final newline. */
  lines: string[];
  stdout: string;
  stderr: string;
  status: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Plain node's output and exit status (the oracle). TypeScript is not run (Node 20 cannot). stdin is closed
 * (EOF at once), as in the traced child. `maxBuffer` raises spawnSync's 1 MB output limit for huge programs.
 */
export function plainNode(file: string, nodePath = 'node', opts: { maxBuffer?: number; env?: NodeJS.ProcessEnv } = {}): PlainRun {
  const r = spawnSync(nodePath, [file], {
    cwd: path.dirname(file),
    encoding: 'utf8',
    timeout: 10000,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: opts.maxBuffer ?? 1024 * 1024,
    env: opts.env ?? process.env,
  });
  const out = r.stdout.endsWith('\n') ? r.stdout.slice(0, -1) : r.stdout;
  return { lines: out === '' ? [] : out.split('\n'), stdout: r.stdout, stderr: r.stderr, status: r.status, signal: r.signal };
}

/** Is this process still running? (A zombie waiting for a reaper counts as gone: it runs nothing.) */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The text of every console event of a raw trace, in order. */
export function consoleTexts(events: RawEvent[]): string[] {
  return events.filter((e): e is Extract<RawEvent, { 0: 'console' }> => e[0] === 'console').map((e) => e[3]);
}
