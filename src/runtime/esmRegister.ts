// ES module entry: with `--import`, Node runs the main entry through the ESM loader; a load hook returns the
// instrumented code for it (esmEntrySource.ts).
//
// Loader hooks must not change what the user's code sees. Hooks registered with module.register run on a
// separate thread, and while they are registered every later `import()` waits for that thread (an Atomics
// round trip): a dynamic import then finishes after a nextTick that plain node runs later. So:
// - where Node has module.registerHooks (22.15+, 23.5+), the hooks run in-thread and synchronously;
// - otherwise (Node 20) module.register serves the entry, and once the module graph is loaded (the graph's
//   evaluation begins, see dropEsmHooks) the loader is told to forget its customizations, through Node's
//   internal loader module (the runner passes --expose-internals for ES modules). Without it the trace stays
//   right except for that timing.
// Either way the hooks are gone before any user code runs.
import Module from 'node:module';
import { join } from 'node:path';
import { C } from './captured';
import { entrySource } from './esmEntrySource';
import { loadLocal, resolveLocal } from './esmProjectHooks';
import type { ProjectManifest } from '../shared/runtimeContract';

export interface EsmHookData {
  /** The entry's URL ('' when the entry is CommonJS and the hooks serve only the project's other modules). */
  entryUrl: string;
  codePath: string;
  runtimeName: string;
  /** A project of several files (esmProjectHooks.ts), or null. */
  project: ProjectManifest | null;
}

interface SyncLoadResult {
  format?: string;
  source?: string | ArrayBuffer | Uint8Array;
  shortCircuit?: boolean;
}
type SyncNextLoad = (url: string, context?: unknown) => SyncLoadResult;
interface SyncResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
type SyncNextResolve = (specifier: string, context?: unknown) => SyncResolveResult;
interface SyncHooks {
  resolve?(specifier: string, context: { parentURL?: string }, nextResolve: SyncNextResolve): SyncResolveResult;
  load(url: string, context: unknown, nextLoad: SyncNextLoad): SyncLoadResult;
}
type RegisterHooks = (hooks: SyncHooks) => { deregister(): void };
interface InternalLoader {
  setCustomizations?: (customizations: null) => void;
}

let drop: (() => void) | null = null;

/** Node runs loader hooks in-thread (module.registerHooks, Node 22.15+): keeping them costs no timing. */
export function esmHooksInThread(): boolean {
  return typeof (Module as unknown as { registerHooks?: RegisterHooks }).registerHooks === 'function';
}

/** `entry` null: a CommonJS entry whose project has ES modules (import() of them goes through the hooks). */
export function registerEsmEntry(entry: string | null, codePath: string, runtimeName: string, project: ProjectManifest | null): void {
  const data: EsmHookData = { entryUrl: entry === null ? '' : C.pathToFileURL(entry).href, codePath, runtimeName, project };
  const registerHooks = (Module as unknown as { registerHooks?: RegisterHooks }).registerHooks;
  if (typeof registerHooks === 'function') {
    const handle = registerHooks({
      resolve(specifier, context, nextResolve) {
        const url = project === null ? null : resolveLocal(project, specifier, context.parentURL);
        return url === null ? nextResolve(specifier, context) : { url, shortCircuit: true };
      },
      load(url, context, nextLoad) {
        if (url === data.entryUrl) return { format: 'module', source: entrySource(C.readFileSync(codePath, 'utf8') as string, runtimeName), shortCircuit: true };
        const local = project === null ? null : loadLocal(project, url);
        if (local === null) return nextLoad(url, context);
        return { format: local.format, source: local.codePath === null ? undefined : (C.readFileSync(local.codePath, 'utf8') as string), shortCircuit: true };
      },
    });
    drop = () => handle.deregister();
    return;
  }
  Module.register(C.pathToFileURL(join(__dirname, 'esmHooks.mjs')).href, { data });
  drop = dropOffThreadHooks;
}

/**
 * The module graph is loaded: no later import() may go through Loopscope's hooks. Runs once. Not called when
 * a local module is loaded by import() (ProjectManifest.keepEsmHooks): the hooks must serve it.
 */
export function dropEsmHooks(): void {
  const d = drop;
  drop = null;
  if (d === null) return;
  try {
    d();
  } catch {
    // an unknown Node: keep the hooks (dynamic imports may then finish later than under plain node)
  }
}

function dropOffThreadHooks(): void {
  const internalRequire = Module.createRequire(__filename);
  const id = 'internal/modules/esm/loader';
  const loaderModule = internalRequire(id) as { getOrInitializeCascadedLoader?: () => InternalLoader };
  const loader = loaderModule.getOrInitializeCascadedLoader?.();
  if (loader !== undefined && typeof loader.setCustomizations === 'function') loader.setCustomizations(null);
}
