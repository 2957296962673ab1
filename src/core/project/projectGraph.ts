// The project's local module graph, resolved up front by esbuild (a bundle build that writes nothing, with a
// metafile): which of the user's files the entry loads, directly or not, by `require`, `import` or `import()`
// with a literal specifier, and which file each specifier names. esbuild resolves the way TypeScript users
// write imports (extensionless `./util` -> util.ts / util/index.ts, `./util.js` -> util.ts, .mts/.cts/.json,
// the nearest tsconfig.json's `paths` and `baseUrl`), so Loopscope writes no resolver of its own.
// Packages (`node_modules`) and Node's own modules stay external: they run as written, never instrumented.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Message, Metafile, Plugin } from 'esbuild';
import { getEsbuildBuild } from '../esbuildProvider';
import { loaderForFile, transpileSource } from '../transpile';
import { detectModuleFormat } from '../moduleFormat';
import { storedGraph, storeGraph } from './graphCache';
import { mayCreateWorkers, workerScripts } from './workerScripts';

export interface ProjectGraph {
  /** Real paths of the local code files, the entry first. */
  files: string[];
  /** Importer real path -> specifier as written -> the real path it names (code and .json files). */
  resolutions: Record<string, Record<string, string>>;
  /** Some local file is loaded by `import()` (the ES module hooks serve it if they stay). */
  dynamicImports: boolean;
  /**
   * Some `import()` names a local file Node cannot load by itself (TypeScript, or a specifier only the
   * resolution map resolves): without the hooks it would fail, so they must stay whatever they cost.
   */
  dynamicImportsNeedHooks: boolean;
}

const TYPESCRIPT = /\.[cm]?tsx?$/i;

/** Whether Node alone loads `target` for `specifier` written in `importer` (a relative path to a JavaScript file). */
function nodeLoadsItself(importer: string, specifier: string, target: string): boolean {
  if (TYPESCRIPT.test(target) || !(specifier.startsWith('./') || specifier.startsWith('../'))) return false;
  // `./m.mjs?v=2` names m.mjs (a query or hash makes another module instance of the same file, in Node too)
  const q = specifier.search(/[?#]/);
  return path.resolve(path.dirname(importer), q < 0 ? specifier : specifier.slice(0, q)) === target;
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
  if (mayCreateWorkers(source)) return true; // a worker's script (workerScripts.ts)
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

/**
 * esbuild's metafile of the graph. The bundler is stricter than Node in places (a `with` statement cannot go
 * into an ES module bundle, top-level await not into a CommonJS one): when it refuses a file that is valid on its
 * own (transpileSource, the per-file check the instrumenter uses too), the other output format is tried, and
 * then the entry is traced alone. A file that is not valid is the user's syntax error, reported at its place.
 */
async function buildMetafile(entry: string, source: string | undefined, workers: string[] = []): Promise<Metafile | null> {
  const cwd = path.dirname(entry);
  for (const format of ['esm', 'cjs'] as const) {
    try {
      const result = await getEsbuildBuild()({
        entryPoints: [entry, ...workers],
        absWorkingDir: cwd,
        bundle: true,
        write: false,
        metafile: true,
        packages: 'external',
        platform: 'node',
        format,
        target: 'esnext',
        outdir: path.join(cwd, '.loopscope-graph-never-written'),
        logLevel: 'silent',
        plugins: [keepUnresolvedExternal, ...(source === undefined ? [] : [entryText(entry, source)])],
      });
      return result.metafile;
    } catch (err) {
      await throwIfNotValid(err, cwd, entry, source);
    }
  }
  return null;
}

/** The first file esbuild complained about, checked on its own: its own syntax error is thrown. */
async function throwIfNotValid(err: unknown, cwd: string, entry: string, source: string | undefined): Promise<void> {
  const errors = (err as { errors?: Message[] } | null)?.errors;
  if (!Array.isArray(errors)) throw err;
  const loc = errors.find((e) => e.location)?.location;
  if (!loc) return;
  const file = path.resolve(cwd, loc.file);
  let text: string;
  try {
    text = file === entry && source !== undefined ? source : readFileSync(file, 'utf8');
  } catch {
    return;
  }
  await transpileSource(text, file, { module: detectModuleFormat(file, text) }); // throws LoopscopeInputError
}

/** Rounds of adding worker scripts (a worker's script may create workers of its own). */
const WORKER_ROUNDS = 4;

/** The graph, with the scripts of the Workers its files create as further entry points (workerScripts.ts). */
async function buildProjectGraph(entry: string, source: string | undefined): Promise<ProjectGraph> {
  const workers: string[] = [];
  let graph = await buildModuleGraph(entry, source, workers);
  for (let round = 0; round < WORKER_ROUNDS; round++) {
    const found = new Set(workers);
    for (const f of graph.files) {
      let text: string;
      try {
        text = f === graph.files[0] && source !== undefined ? source : readFileSync(f, 'utf8');
      } catch {
        continue;
      }
      if (!mayCreateWorkers(text)) continue;
      for (const w of workerScripts(f, text, path.dirname(entry))) if (isLocal(w) && CODE_EXTENSIONS.has(path.extname(w).toLowerCase())) found.add(realpathOr(w));
    }
    const added = [...found].filter((w) => !graph.files.includes(w));
    if (added.length === 0) break;
    workers.push(...added);
    graph = await buildModuleGraph(entry, source, workers);
  }
  return graph;
}

function realpathOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

async function buildModuleGraph(entry: string, source: string | undefined, workers: string[]): Promise<ProjectGraph> {
  const metafile = await buildMetafile(entry, source, workers);
  const cwd = path.dirname(entry);
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const entryReal = real(entry);
  const files = [entryReal];
  if (metafile === null) return { files, resolutions: {}, dynamicImports: false, dynamicImportsNeedHooks: false };
  const result = { metafile };
  const seen = new Set(files);
  const resolutions: Record<string, Record<string, string>> = {};
  let dynamicImports = false;
  let dynamicImportsNeedHooks = false;
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
      if (imp.kind === 'dynamic-import') {
        dynamicImports = true;
        if (!nodeLoadsItself(importer, imp.original, target)) dynamicImportsNeedHooks = true;
      }
    }
  }
  return { files, resolutions, dynamicImports, dynamicImportsNeedHooks };
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
