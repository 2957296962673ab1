// The fixture programs under test/fixtures/ (files starting with "_" are helpers of other fixtures).

import { readdirSync } from 'node:fs';
import path from 'node:path';

const PROGRAM = /\.(js|mjs|cjs|ts|tsx|jsx)$/;

/** Paths relative to `root`, sorted. */
export function listFixtures(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (PROGRAM.test(entry.name) && !entry.name.startsWith('_')) found.push(path.relative(root, full));
    }
  };
  walk(root);
  return found.sort();
}
