// Every .js/.cjs/.mjs file of a node_modules folder through checkInstrumentFile, split over at most two
// worker threads (the machine has two cores, shared), with the totals the test reports.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { checkInstrumentFile, type FileCheck } from './instrumentCheck';
import { ModuleScopes, packageRoot } from './moduleScope';

export type FailedCheck = Extract<FileCheck, { kind: 'failed' }> & { file: string };

/** What one worker found; plain data, so it crosses the thread boundary as it is. */
export interface ScanPart {
  instrumented: number;
  cjs: number;
  esm: number;
  /** Installed packages with at least one file that acorn parses (instrumented or failed). */
  packages: string[];
  unparseable: string[];
  tooLarge: string[];
  failures: FailedCheck[];
}

export interface ScanSummary extends Omit<ScanPart, 'packages'> {
  packages: number;
  workers: number;
  seconds: number;
}

export interface ScanJob {
  files: string[];
  maxBytes: number;
}

const JS_FILE = /\.(js|cjs|mjs)$/;

/** Regular files only: symlinks (node_modules/.bin) point at files listed under their real path anyway. */
export function listJsFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && JS_FILE.test(d.name))
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

export async function scanFiles(job: ScanJob): Promise<ScanPart> {
  const scopes = new ModuleScopes();
  const packages = new Set<string>();
  const part: ScanPart = { instrumented: 0, cjs: 0, esm: 0, packages: [], unparseable: [], tooLarge: [], failures: [] };
  for (const file of job.files) {
    const check = await checkInstrumentFile(file, scopes.declaredFormat(file), job.maxBytes);
    switch (check.kind) {
      case 'instrumented':
        part.instrumented++;
        part[check.module]++;
        packages.add(packageRoot(file));
        break;
      case 'unparseable':
        part.unparseable.push(file);
        break;
      case 'too-large':
        part.tooLarge.push(file);
        break;
      case 'failed':
        part.failures.push({ ...check, file });
        packages.add(packageRoot(file));
        break;
    }
  }
  part.packages = [...packages];
  return part;
}

/**
 * The files dealt round-robin to `workers` threads (big bundles sit together in a folder: round-robin keeps
 * the halves even). The workers inherit this process's execArgv, so `--import tsx` loads the TypeScript.
 */
export async function scanInWorkers(job: ScanJob, workers: number): Promise<ScanSummary> {
  const started = performance.now();
  const shares = Array.from({ length: workers }, (_, w) => job.files.filter((_, i) => i % workers === w));
  const parts = await Promise.all(shares.map((files) => runWorker({ files, maxBytes: job.maxBytes })));
  const summary: ScanSummary = { instrumented: 0, cjs: 0, esm: 0, packages: 0, unparseable: [], tooLarge: [], failures: [], workers, seconds: 0 };
  const packages = new Set<string>();
  for (const part of parts) {
    summary.instrumented += part.instrumented;
    summary.cjs += part.cjs;
    summary.esm += part.esm;
    part.packages.forEach((p) => packages.add(p));
    summary.unparseable.push(...part.unparseable);
    summary.tooLarge.push(...part.tooLarge);
    summary.failures.push(...part.failures);
  }
  summary.packages = packages.size;
  summary.failures.sort((a, b) => a.file.localeCompare(b.file));
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

function runWorker(job: ScanJob): Promise<ScanPart> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'scanWorkerBoot.cjs'), { workerData: job });
    let result: ScanPart | undefined;
    worker.once('message', (part: ScanPart) => (result = part));
    worker.once('error', reject);
    worker.once('exit', (code) => (result ? resolve(result) : reject(new Error(`scan worker exited with code ${code} before reporting`))));
  });
}
