// Which module system Node will use for the user's file, decided the way Node decides it (extension, nearest
// package.json "type"), plus Node 22's syntax detection for files with no declared type: code with import/export
// declarations, import.meta or top-level await runs as ESM.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { parse, type AnyNode, type Program } from 'acorn';
import { isNode } from './instrument/walk';
import type { ModuleFormat } from '../shared/rawTrace';

const ESM_EXTENSIONS = new Set(['.mjs', '.mts']);
const CJS_EXTENSIONS = new Set(['.cjs', '.cts']);
/** Extensions whose format comes from the nearest package.json "type". */
const TYPED_BY_PACKAGE = new Set(['.js', '.jsx', '.ts', '.tsx']);

/**
 * For TypeScript/JSX pass the TRANSPILED code as `source`: TypeScript-only syntax does not parse, and type-only
 * imports (removed by esbuild) must not make a file ESM. Plain JS is its own transpiled code. Code that does
 * not parse as a module is CJS.
 */
export function detectModuleFormat(file: string, source: string, override?: 'auto' | ModuleFormat): ModuleFormat {
  if (override === 'cjs' || override === 'esm') return override;
  const ext = extname(file).toLowerCase();
  if (ESM_EXTENSIONS.has(ext)) return 'esm';
  if (CJS_EXTENSIONS.has(ext)) return 'cjs';
  if (TYPED_BY_PACKAGE.has(ext)) {
    const type = nearestPackageType(dirname(resolve(file)));
    if (type === 'module') return 'esm';
    if (type === 'commonjs') return 'cjs';
  }
  return hasModuleSyntax(source) ? 'esm' : 'cjs';
}

/** The "type" of the nearest package.json above `dir` (the package scope), or undefined when it has none. */
function nearestPackageType(dir: string): string | undefined {
  for (let current = dir; ; ) {
    const pkgPath = join(current, 'package.json');
    if (existsSync(pkgPath)) {
      try {
        const pkg: unknown = JSON.parse(readFileSync(pkgPath, 'utf8'));
        const type = typeof pkg === 'object' && pkg !== null ? (pkg as { type?: unknown }).type : undefined;
        return typeof type === 'string' ? type : undefined;
      } catch {
        return undefined; // an unreadable package.json: fall back to syntax detection
      }
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

export function hasModuleSyntax(code: string): boolean {
  let program: Program;
  try {
    program = parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'module',
      allowAwaitOutsideFunction: true,
      allowHashBang: true,
    });
  } catch {
    return false; // e.g. `with`, a top-level `return`: only valid as a script
  }
  for (const stmt of program.body) {
    if (stmt.type === 'ImportDeclaration' || stmt.type.startsWith('Export')) return true;
  }
  const mayHaveTopLevelAwait = code.includes('await');
  const mayHaveImportMeta = code.includes('import.meta');
  if (!mayHaveTopLevelAwait && !mayHaveImportMeta) return false;
  return containsOutsideFunctions(program, mayHaveTopLevelAwait, mayHaveImportMeta);
}

/** Looks for top-level `await` / `for await` (not inside any function) and `import.meta` (anywhere). */
function containsOutsideFunctions(root: AnyNode, lookForAwait: boolean, lookForImportMeta: boolean): boolean {
  const stack: Array<{ node: AnyNode; inFunction: boolean }> = [{ node: root, inFunction: false }];
  while (stack.length > 0) {
    const { node, inFunction } = stack.pop()!;
    if (lookForAwait && !inFunction) {
      if (node.type === 'AwaitExpression') return true;
      if (node.type === 'ForOfStatement' && node.await) return true;
    }
    if (lookForImportMeta && node.type === 'MetaProperty' && node.meta.name === 'import') return true;
    const childInFunction =
      inFunction ||
      node.type === 'FunctionDeclaration' ||
      node.type === 'FunctionExpression' ||
      node.type === 'ArrowFunctionExpression';
    for (const key in node) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) stack.push({ node: item, inFunction: childInFunction });
      } else if (isNode(value)) {
        stack.push({ node: value, inFunction: childInFunction });
      }
    }
  }
  return false;
}

