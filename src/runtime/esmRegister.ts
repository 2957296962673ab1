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
// Either way the hooks are gone before any user code runs. On Node 20 a local JavaScript module that only
// import() loads is then served in-thread instead (serveImportedModules): the loader's own `load` still reads
// the file as plain node does, and its answer's source is swapped for the instrumented code.
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
interface LoadAnswer {
  format?: string | null;
  source?: unknown;
}
type AsyncLoad = (this: InternalLoader, url: string, context: unknown) => Promise<LoadAnswer>;
interface InternalLoader {
  setCustomizations?: (customizations: object | null) => void;
  load?: AsyncLoad;
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
  drop = () => {
    cascadedLoader()?.setCustomizations?.(null);
    if (project !== null && project.keepEsmHooks) serveImportedModules(project);
  };
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

function internalRequire<T>(id: string): T {
  return Module.createRequire(__filename)(id) as T;
}

function cascadedLoader(): InternalLoader | undefined {
  return internalRequire<{ getOrInitializeCascadedLoader?: () => InternalLoader }>('internal/modules/esm/loader').getOrInitializeCascadedLoader?.();
}

/**
 * The loader's own `load` is `async load(url, context) { return defaultLoad(url, context); }`. This returns the
 * same promise shape, reaction for reaction: an async function returning a thenable (Node queues the same one
 * thenable job for it), whose `then` waits on defaultLoad's promise (the same one reaction) and hands over the
 * answer with the instrumented code as its source. import() settles on the very tick it would under plain node.
 * Its `then` is the promise's own, as Node's thenable job would call it (a program that replaced
 * Promise.prototype.then sees the same calls).
 */
async function withInstrumentedSource(answer: Promise<LoadAnswer>, codePath: string): Promise<LoadAnswer> {
  const swap = (a: LoadAnswer): LoadAnswer => (a.format === 'module' ? { ...a, source: C.readFileSync(codePath, 'utf8') as string } : a);
  const thenable = {
    then(resolve: (a: LoadAnswer) => void, reject: (e: unknown) => void): void {
      void answer.then((a) => {
        try {
          resolve(swap(a));
        } catch (e) {
          reject(e); // the instrumented file could not be read: import() rejects, never hangs
        }
      }, reject);
    },
  };
  return thenable as unknown as LoadAnswer;
}

/**
 * Node 20 without loader hooks (none registered, or dropped): a local ES module that import() loads is served
 * its instrumented code in-thread. The loader's `load` (which, with no customizations, is `defaultLoad`) is
 * shadowed on the loader instance: for a local module it calls defaultLoad itself, so the file is read
 * exactly as plain node reads it (the same I/O, in the same loop phase), and the answer's source is replaced
 * by the instrumented code one promise reaction later, the reaction that the async `load` spends on returning
 * defaultLoad's promise: import() settles on the same tick as under plain node. Resolution stays Node's (a
 * JavaScript file it resolves itself; what it cannot resolve keeps the hooks, `esmHooksRequired`). A CommonJS
 * module has no source here (Node's CJS loader loads it, projectModules.ts). Without the internals (an unknown
 * Node) nothing changes: such a module runs as written.
 */
export function serveImportedModules(project: ProjectManifest): void {
  try {
    const loader = cascadedLoader();
    const ownLoad = loader?.load;
    if (loader === undefined || typeof ownLoad !== 'function') return;
    // taken on first use: requiring it while the preload runs would meet Node's module loading half-done
    let defaultLoad: ((url: string, context: unknown) => Promise<LoadAnswer>) | undefined;
    // hooks the program registers itself (module.register) make the loader's load theirs: it is left to them
    let customized = false;
    const ownSet = loader.setCustomizations;
    if (typeof ownSet === 'function') {
      loader.setCustomizations = function setCustomizations(this: InternalLoader, customizations: object | null): void {
        customized = customizations != null;
        C.apply(ownSet, this, [customizations]);
      };
    }
    loader.load = function load(this: InternalLoader, url: string, context: unknown): Promise<LoadAnswer> {
      const local = customized ? null : loadLocal(project, url);
      defaultLoad ??= internalRequire<{ defaultLoad?: typeof defaultLoad }>('internal/modules/esm/load').defaultLoad;
      if (local === null || local.codePath === null || typeof defaultLoad !== 'function') return C.apply(ownLoad, this, [url, context]);
      return withInstrumentedSource(defaultLoad(url, context), local.codePath);
    };
  } catch {
    // an unknown Node: such a module runs as written
  }
}
