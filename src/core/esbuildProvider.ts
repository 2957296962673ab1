// The one place that imports esbuild. The CLI uses the native `esbuild` package; the VS Code extension may swap
// in `esbuild-wasm` (same `transform` API) with `setEsbuildTransform` before the first transpile.
import { transform } from 'esbuild';
import type { TransformOptions, TransformResult } from 'esbuild';

export type EsbuildTransform = (input: string, options: TransformOptions) => Promise<TransformResult>;

let current: EsbuildTransform = transform;

export function getEsbuildTransform(): EsbuildTransform {
  return current;
}

export function setEsbuildTransform(impl: EsbuildTransform): void {
  current = impl;
}
