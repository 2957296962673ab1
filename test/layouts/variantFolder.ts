// A temporary copy of a program's surroundings with one file replaced by its variant: the program's folder
// (sibling helpers such as esm-pkg/_sibling.js, and a package.json there if any) and, when the nearest
// package.json is further up, a package.json carrying its "type" (what decides how node loads .js files).

import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface VariantFolder {
  /** Absolute path of the variant program inside the copy. */
  file: string;
  remove(): Promise<void>;
}

/** The "type" of the nearest package.json above `dir` (inclusive), if any declares one. */
function nearestPackageType(dir: string): string | undefined {
  for (let at = dir; ; at = path.dirname(at)) {
    const pkg = path.join(at, 'package.json');
    if (existsSync(pkg)) return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type;
    if (path.dirname(at) === at) return undefined;
  }
}

export async function makeVariantFolder(originalFile: string, fileName: string, code: string): Promise<VariantFolder> {
  const sourceDir = path.dirname(originalFile);
  const dir = await mkdtemp(path.join(tmpdir(), 'loopscope-layouts-'));
  try {
    for (const entry of await readdir(sourceDir, { withFileTypes: true })) {
      if (entry.isFile()) await copyFile(path.join(sourceDir, entry.name), path.join(dir, entry.name));
    }
    if (!existsSync(path.join(sourceDir, 'package.json'))) {
      // always write one: a package.json above the temp folder must not decide for the program
      const type = nearestPackageType(sourceDir);
      await writeFile(path.join(dir, 'package.json'), JSON.stringify(type ? { type } : {}));
    }
    // the variant replaces the original; a TS file minified to .cjs/.mjs leaves no stale .ts beside it
    await rm(path.join(dir, path.basename(originalFile)), { force: true });
    const file = path.join(dir, fileName);
    await writeFile(file, code);
    return { file, remove: () => rm(dir, { recursive: true, force: true }) };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
