// ESM loader hooks (built to dist/runtime/esmHooks.mjs; registered by the tracer through module.register).
// For the user's entry URL, `load` returns the instrumented code as a module (also for .ts/.mts, which Node 20
// cannot load itself), with an end-of-body marker so the runtime knows when the module body finished.
import { readFileSync } from 'node:fs';
import type { EsmHookData } from './esmRegister';

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

export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<LoadResult> {
  if (config === null || url !== config.entryUrl) return nextLoad(url, context);
  return { format: 'module', source: withEndMarker(readFileSync(config.codePath, 'utf8'), config.runtimeName), shortCircuit: true };
}

/** Appends `R.m();` after the last statement, on its own line before the source map comment (no mapping moves). */
export function withEndMarker(code: string, runtimeName: string): string {
  const marker = ';' + runtimeName + '.m();\n';
  const at = code.lastIndexOf('\n//# sourceMappingURL=');
  if (at < 0) return code + '\n' + marker;
  return code.slice(0, at + 1) + marker + code.slice(at + 1);
}
