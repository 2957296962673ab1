// The fixture programs under test/fixtures/ (files starting with "_" are helpers of other fixtures). The
// multi-file projects under test/fixtures/projects/ have their own suite (projects.test.ts): their modules are
// not programs of their own; nor are the worker-thread programs under test/fixtures/workers/ (workerThreads.test.ts).

import { readdirSync } from 'node:fs';
import path from 'node:path';

const PROGRAM = /\.(js|mjs|cjs|ts|tsx|jsx)$/;

/** Paths relative to `root`, sorted. */
export function listFixtures(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !(dir === root && (entry.name === 'projects' || entry.name === 'workers'))) walk(full);
      }
      else if (PROGRAM.test(entry.name) && !entry.name.startsWith('_')) found.push(path.relative(root, full));
    }
  };
  walk(root);
  return found.sort();
}
