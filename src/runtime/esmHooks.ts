// ESM loader hooks run off-thread (built to dist/runtime/esmHooks.mjs; registered through module.register on
// Node versions without module.registerHooks, see esmRegister.ts). For the user's entry URL, `load` returns the
// instrumented code as a module (also for .ts/.mts, which Node 20 cannot load itself) with Loopscope's start and
// end markers (esmEntrySource.ts); the project's other local modules are resolved and served by
// esmProjectHooks.ts; every other URL goes to the next loader untouched.
import { readFileSync } from 'node:fs';
import type { EsmHookData } from './esmRegister';
import { entrySource } from './esmEntrySource';
import { loadLocal, resolveLocal } from './esmProjectHooks';

export { withEndMarker } from './esmEntrySource';

interface LoadResult {
  format: string;
  source?: string | ArrayBuffer | Uint8Array;
  shortCircuit?: boolean;
}
type NextLoad = (url: string, context: unknown) => Promise<LoadResult> | LoadResult;
interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context: unknown) => Promise<ResolveResult> | ResolveResult;

let config: EsmHookData | null = null;

export function initialize(data: EsmHookData): void {
  config = data;
}

export function resolve(specifier: string, context: { parentURL?: string }, nextResolve: NextResolve): Promise<ResolveResult> | ResolveResult {
  const url = config?.project ? resolveLocal(config.project, specifier, context.parentURL) : null;
  return url === null ? nextResolve(specifier, context) : { url, shortCircuit: true };
}

export function load(url: string, context: unknown, nextLoad: NextLoad): Promise<LoadResult> | LoadResult {
  if (config === null) return nextLoad(url, context);
  if (url === config.entryUrl) return { format: 'module', source: entrySource(readFileSync(config.codePath, 'utf8'), config.runtimeName), shortCircuit: true };
  const local = config.project ? loadLocal(config.project, url) : null;
  if (local === null) return nextLoad(url, context);
  // CommonJS without a source: Node's CJS loader loads it (src/runtime/projectModules.ts serves it)
  return { format: local.format, source: local.codePath === null ? undefined : readFileSync(local.codePath, 'utf8'), shortCircuit: true };
}
