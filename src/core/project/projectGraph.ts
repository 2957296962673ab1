// The project's local module graph, resolved up front by esbuild (a bundle build that writes nothing, with a
// metafile): which of the user's files the entry loads, directly or not, by `require`, `import` or `import()`
// with a literal specifier, and which file each specifier names. esbuild resolves the way TypeScript users
// write imports (extensionless `./util` -> util.ts / util/index.ts, `./util.js` -> util.ts, .mts/.cts/.json,
// the nearest tsconfig.json's `paths` and `baseUrl`), so Loopscope writes no resolver of its own.
// Packages (`node_modules`) and Node's own modules stay external: they run as written, never instrumented.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Message, Plugin } from 'esbuild';
import { LoopscopeInputError } from '../errors';
import { getEsbuildBuild } from '../esbuildProvider';
import { loaderForFile } from '../transpile';
import { storedGraph, storeGraph } from './graphCache';

export interface ProjectGraph {
  /** Real paths of the local code files, the entry first. */
  files: string[];
  /** Importer real path -> specifier as written -> the real path it names (code and .json files). */
  resolutions: Record<string, Record<string, string>>;
  /** Some local file is loaded by `import()` (the ES module hooks must stay for it). */
  dynamicImports: boolean;
}

/** Files Loopscope instruments (JSON and everything else is loaded by Node as written). */
const CODE_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx']);
/** Files the graph may name; anything else an import names (CSS, images, .node addons) stays external. */
const GRAPH_EXTENSIONS = new Set([...CODE_EXTENSIONS, '.json']);

/** A quick look at the entry's text: does it name any module that may be a local file? */
export function mayImportLocalFiles(entry: string, source: string): boolean {
  const specifier = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"`])([^'"`\n]+)\1/g;
  for (let m = specifier.exec(source); m !== null; m = specifier.exec(source)) {
    const s = m[2];
    if (s.startsWith('.') || s.startsWith('/') || s.startsWith('#') || s.startsWith('file:')) return true;
  }
  // tsconfig `paths` / `baseUrl` can make a bare specifier local
  return /\bfrom\s*['"]|\bimport\s*\(|\brequire\s*\(/.test(source) && nearestTsconfig(path.dirname(entry)) !== null;
}

function nearestTsconfig(dir: string): string | null {
  for (let current = dir; ; ) {
    const candidate = path.join(current, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

const isLocal = (file: string): boolean => !file.split(/[\\/]/).includes('node_modules');

/**
 * Resolves the graph from `entry` (absolute), or takes the last run's when nothing it depends on changed
 * (graphCache.ts). `source`: the entry's text when it differs from the file (an
 * editor's unsaved changes). A syntax error in another file is a LoopscopeInputError at that file's position.
 */
export async function resolveProjectGraph(entry: string, source: string | undefined): Promise<ProjectGraph> {
  const stored = storedGraph(entry, source);
  if (stored !== null) return stored;
  const graph = await buildProjectGraph(entry, source);
  storeGraph(entry, source, graph);
  return graph;
}

async function buildProjectGraph(entry: string, source: string | undefined): Promise<ProjectGraph> {
  const cwd = path.dirname(entry);
  const result = await getEsbuildBuild()({
    entryPoints: [entry],
    absWorkingDir: cwd,
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'esnext',
    outdir: path.join(cwd, '.loopscope-graph-never-written'),
    logLevel: 'silent',
    plugins: [keepUnresolvedExternal, ...(source === undefined ? [] : [entryText(entry, source)])],
  }).catch((err: unknown) => {
    throw toInputError(err, cwd);
  });
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const entryReal = real(entry);
  const files = [entryReal];
  const seen = new Set(files);
  const resolutions: Record<string, Record<string, string>> = {};
  let dynamicImports = false;
  for (const [input, info] of Object.entries(result.metafile.inputs)) {
    const importer = real(path.resolve(cwd, input));
    if (!isLocal(importer) || !CODE_EXTENSIONS.has(path.extname(importer).toLowerCase())) continue;
    if (!seen.has(importer)) {
      seen.add(importer);
      files.push(importer);
    }
    for (const imp of info.imports) {
      if (imp.external === true || imp.original === undefined) continue;
      const target = real(path.resolve(cwd, imp.path));
      if (!isLocal(target)) continue;
      (resolutions[importer] ??= {})[imp.original] = target;
      if (imp.kind === 'dynamic-import') dynamicImports = true;
    }
  }
  return { files, resolutions, dynamicImports };
}

/** Imports esbuild cannot resolve (an optional dependency, a file created at run time) stay for Node to try. */
const keepUnresolvedExternal: Plugin = {
  name: 'loopscope-keep-unresolved',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if ((args.pluginData as { inner?: boolean } | undefined)?.inner === true) return undefined;
      const r = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { inner: true } });
      if (r.errors.length > 0) return { path: args.path, external: true };
      if (!r.external && !GRAPH_EXTENSIONS.has(path.extname(r.path).toLowerCase())) return { path: args.path, external: true };
      return { path: r.path, external: r.external, namespace: r.namespace, sideEffects: r.sideEffects };
    });
  },
};

/** The entry's text from the editor instead of the disk. */
function entryText(entry: string, source: string): Plugin {
  const escaped = entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    name: 'loopscope-entry-text',
    setup(build) {
      build.onLoad({ filter: new RegExp(`^${escaped}$`) }, () => ({ contents: source, loader: loaderForFile(entry), resolveDir: path.dirname(entry) }));
    },
  };
}

function toInputError(err: unknown, cwd: string): Error {
  const errors = (err as { errors?: Message[] } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return err instanceof Error ? err : new Error(String(err));
  const first = errors[0];
  const loc = first.location;
  if (!loc) return new LoopscopeInputError(first.text, cwd);
  const column = Buffer.from(loc.lineText, 'utf8').subarray(0, loc.column).toString('utf8').length + 1;
  return new LoopscopeInputError(first.text, path.resolve(cwd, loc.file), loc.line, column);
}
