// ESM loader hooks run off-thread (built to dist/runtime/esmHooks.mjs; registered through module.register on
// Node versions without module.registerHooks, see esmRegister.ts). For the user's entry URL, `load` returns the
// instrumented code as a module (also for .ts/.mts, which Node 20 cannot load itself) with Loopscope's start and
// end markers (esmEntrySource.ts); every other URL goes to the next loader untouched.
import { readFileSync } from 'node:fs';
import type { EsmHookData } from './esmRegister';
import { entrySource } from './esmEntrySource';

export { withEndMarker } from './esmEntrySource';

interface LoadResult {
  format: string;
  source?: string | ArrayBuffer | Uint8Array;
  shortCircuit?: boolean;
}
type NextLoad = (url: string, context: unknown) => Promise<LoadResult> | LoadResult;

let config: EsmHookData | null = null;

export function initialize(data: EsmHookData): void {
  config = data;
}

export function load(url: string, context: unknown, nextLoad: NextLoad): Promise<LoadResult> | LoadResult {
  if (config === null || url !== config.entryUrl) return nextLoad(url, context);
  return { format: 'module', source: entrySource(readFileSync(config.codePath, 'utf8'), config.runtimeName), shortCircuit: true };
}
