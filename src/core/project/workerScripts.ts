// Worker threads' scripts are part of the project: `new Worker(...)` names a file that no import names, so the
// bundler's module graph misses it. Read from the source text, the forms programs write: a literal path
// (relative to the working directory, which is the entry's folder in a traced run), `path.join(__dirname, …)` /
// `path.resolve(__dirname, …)`, and `new URL('./w.js', import.meta.url)` (relative to the file itself).
// `new Worker(__filename)` needs nothing: the entry is traced already.
import { existsSync } from 'node:fs';
import path from 'node:path';

const WORKER_SCRIPT =
  /\bnew\s+Worker\s*\(\s*(?:(['"`])([^'"`\n$]+)\1|(?:path\s*\.\s*)?(?:join|resolve)\s*\(\s*__dirname\s*,\s*(['"`])([^'"`\n$]+)\3\s*\)|new\s+URL\s*\(\s*(['"`])([^'"`\n$]+)\5\s*,\s*import\.meta\.url\s*\))/g;

/** Does the text create a Worker at all (then the project graph is resolved, for its script)? */
export function mayCreateWorkers(source: string): boolean {
  return /\bnew\s+Worker\s*\(/.test(source);
}

/**
 * The existing files that `new Worker(...)` calls in `source` (the text of `file`) name, as absolute paths.
 * `cwd`: the working directory of the traced run (the entry's folder).
 */
export function workerScripts(file: string, source: string, cwd: string): string[] {
  const out: string[] = [];
  WORKER_SCRIPT.lastIndex = 0;
  for (let m = WORKER_SCRIPT.exec(source); m !== null; m = WORKER_SCRIPT.exec(source)) {
    let target: string;
    if (m[2] !== undefined) {
      if (!(m[2].startsWith('./') || m[2].startsWith('../') || path.isAbsolute(m[2]))) continue; // Node requires these forms
      target = path.resolve(cwd, m[2]);
    } else {
      target = path.resolve(path.dirname(file), m[4] ?? m[6]);
    }
    if (existsSync(target) && !out.includes(target)) out.push(target);
  }
  return out;
}
