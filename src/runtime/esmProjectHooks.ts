// A project of several files, ES module side: the resolve and load hooks' answers for the project's local
// modules, shared by the in-thread hooks (module.registerHooks, esmRegister.ts) and the off-thread ones
// (esmHooks.mjs). Resolve: specifiers Node cannot resolve itself come from the manifest. Load: a local ES
// module is served as its instrumented code; a local CommonJS module is handed to Node's CJS loader (no
// source), where projectModules.ts compiles its instrumented code, so its `require` is the real one.
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ProjectManifest } from '../shared/runtimeContract';

export interface LocalLoad {
  format: 'module' | 'commonjs';
  /** The instrumented code file (ES modules); null: Node's CJS loader loads it. */
  codePath: string | null;
}

/** The URL a local file's specifier names, or null when Node resolves it itself. */
export function resolveLocal(manifest: ProjectManifest, specifier: string, parentURL: string | undefined): string | null {
  if (parentURL === undefined || !parentURL.startsWith('file:')) return null;
  const map = manifest.resolutions[fileURLToPath(parentURL)];
  if (map === undefined || !Object.hasOwn(map, specifier)) return null;
  // a query or hash stays on the URL: Node makes each its own module instance (`import('./m.mjs?v=2')`)
  const q = specifier.search(/[?#]/);
  return pathToFileURL(map[specifier]).href + (q < 0 ? '' : specifier.slice(q));
}

/** How to load `url` when it is a local module of the project, else null. */
export function loadLocal(manifest: ProjectManifest, url: string): LocalLoad | null {
  if (!url.startsWith('file:')) return null;
  const q = url.search(/[?#]/);
  const file = fileURLToPath(q < 0 ? url : url.slice(0, q));
  const local = Object.hasOwn(manifest.modules, file) ? manifest.modules[file] : undefined;
  if (local === undefined) return null;
  return local.module === 'esm' ? { format: 'module', codePath: local.code } : { format: 'commonjs', codePath: null };
}
