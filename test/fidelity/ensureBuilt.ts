// Rebuilds dist/ (CLI bundle and child runtime) when a source file is newer than the bundles: a stale
// runtime would make the fidelity and CLI tests test old code.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const BUNDLES = ['dist/cli.js', 'dist/runtime/tracer.js', 'dist/runtime/esmHooks.mjs'];

export function ensureBuilt(): void {
  const oldestBundle = Math.min(...BUNDLES.map((b) => (existsSync(path.join(root, b)) ? statSync(path.join(root, b)).mtimeMs : 0)));
  const newestSource = (readdirSync(path.join(root, 'src'), { recursive: true }) as string[])
    .map((f) => statSync(path.join(root, 'src', f)))
    .filter((s) => s.isFile())
    .reduce((max, s) => Math.max(max, s.mtimeMs), 0);
  if (newestSource > oldestBundle) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
}
