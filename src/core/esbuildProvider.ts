// The one place that loads esbuild (the native `esbuild` package, for the CLI and the extension alike).
// Tests pass their own transform to transpile() instead of swapping it here.
//
// esbuild is loaded lazily with a computed require on purpose: its JS API finds its native binary relative to its
// own file, so it must never be inlined into a bundle (dist/cli.js, dist/extension.js). A bundler leaves a
// require through `createRequire(...)` alone, and Node resolves it from node_modules at run time.
import { createRequire } from 'node:module';
import type { TransformOptions, TransformResult } from 'esbuild';

export type EsbuildTransform = (input: string, options: TransformOptions) => Promise<TransformResult>;

const ESBUILD_PACKAGE = 'esbuild';
let current: EsbuildTransform | undefined;

export function getEsbuildTransform(): EsbuildTransform {
  current ??= loadNativeEsbuild();
  return current;
}

function loadNativeEsbuild(): EsbuildTransform {
  const from = typeof __filename === 'string' ? __filename : `${process.cwd()}/`;
  const esbuild = createRequire(from)(ESBUILD_PACKAGE) as typeof import('esbuild');
  return esbuild.transform;
}
