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

export interface EsmHookData {
  entryUrl: string;
  codePath: string;
  runtimeName: string;
}

interface SyncLoadResult {
  format?: string;
  source?: string | ArrayBuffer | Uint8Array;
  shortCircuit?: boolean;
}
type SyncNextLoad = (url: string, context?: unknown) => SyncLoadResult;
interface SyncHooks {
  load(url: string, context: unknown, nextLoad: SyncNextLoad): SyncLoadResult;
}
type RegisterHooks = (hooks: SyncHooks) => { deregister(): void };
interface InternalLoader {
  setCustomizations?: (customizations: null) => void;
}

let drop: (() => void) | null = null;

export function registerEsmEntry(entry: string, codePath: string, runtimeName: string): void {
  const data: EsmHookData = { entryUrl: C.pathToFileURL(entry).href, codePath, runtimeName };
  const registerHooks = (Module as unknown as { registerHooks?: RegisterHooks }).registerHooks;
  if (typeof registerHooks === 'function') {
    const handle = registerHooks({
      load(url, context, nextLoad) {
        if (url !== data.entryUrl) return nextLoad(url, context);
        return { format: 'module', source: entrySource(C.readFileSync(codePath, 'utf8') as string, runtimeName), shortCircuit: true };
      },
    });
    drop = () => handle.deregister();
    return;
  }
  Module.register(C.pathToFileURL(join(__dirname, 'esmHooks.mjs')).href, { data });
  drop = dropOffThreadHooks;
}

/** The module graph is loaded: no later import() may go through Loopscope's hooks. Runs once. */
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
