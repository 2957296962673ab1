// ES module entry: with `--import`, Node runs the main entry through the ESM loader; the load hook registered
// here (dist/runtime/esmHooks.mjs, running on the loader's thread) returns the instrumented code for it.
import { register } from 'node:module';
import { join } from 'node:path';
import { C } from './captured';

export interface EsmHookData {
  entryUrl: string;
  codePath: string;
  runtimeName: string;
}

export function registerEsmEntry(entry: string, codePath: string, runtimeName: string): void {
  const data: EsmHookData = { entryUrl: C.pathToFileURL(entry).href, codePath, runtimeName };
  register(C.pathToFileURL(join(__dirname, 'esmHooks.mjs')).href, { data });
}
