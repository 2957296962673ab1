// Which module format Node gives a file of node_modules, from what is declared (extension, the nearest
// package.json "type"), and which package a file belongs to. Package scopes are cached per folder: thousands of
// files share a few hundred package.json files.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ModuleFormat } from '../../src/shared/rawTrace';

/**
 * 'either': a .js file whose package declares no "type". Node runs it as CommonJS unless its syntax says ESM, and
 * packages meant for bundlers ship ESM syntax that way, so the caller tries a script first, then a module.
 */
export type DeclaredFormat = ModuleFormat | 'either';

export class ModuleScopes {
  private readonly typeByDir = new Map<string, string | undefined>();

  declaredFormat(file: string): DeclaredFormat {
    const ext = path.extname(file).toLowerCase();
    if (ext === '.mjs') return 'esm';
    if (ext === '.cjs') return 'cjs';
    const type = this.packageType(path.dirname(file));
    if (type === 'module') return 'esm';
    if (type === 'commonjs') return 'cjs';
    return 'either';
  }

  /** The "type" of the nearest package.json above `dir` (Node's package scope), undefined when it has none. */
  private packageType(dir: string): string | undefined {
    if (this.typeByDir.has(dir)) return this.typeByDir.get(dir);
    let type: string | undefined;
    const pkgPath = path.join(dir, 'package.json');
    const parent = path.dirname(dir);
    if (existsSync(pkgPath)) {
      type = readPackageType(pkgPath);
    } else if (parent !== dir) {
      type = this.packageType(parent);
    }
    this.typeByDir.set(dir, type);
    return type;
  }
}

function readPackageType(pkgPath: string): string | undefined {
  try {
    const pkg: unknown = JSON.parse(readFileSync(pkgPath, 'utf8'));
    const type = typeof pkg === 'object' && pkg !== null ? (pkg as { type?: unknown }).type : undefined;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined; // Node fails on such a package.json too; its files then count as untyped
  }
}

/**
 * The installed package a file belongs to: its folder up to `name` or `@scope/name` after the LAST node_modules
 * (two versions of one package nested in different places are two installed packages).
 */
export function packageRoot(file: string): string {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return path.dirname(file);
  const scoped = parts[at + 1].startsWith('@') && at + 2 < parts.length;
  return parts.slice(0, at + (scoped ? 3 : 2)).join(path.sep);
}
