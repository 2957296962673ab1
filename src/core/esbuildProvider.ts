// The one place that loads esbuild (the native `esbuild` package, for the CLI and the extension alike).
// Tests pass their own transform to transpile() instead of swapping it here.
//
// esbuild is loaded lazily with a computed require on purpose: its JS API finds its native binary relative to its
// own file, so it must never be inlined into a bundle (dist/cli.js, dist/extension.js). A bundler leaves a
// require through `createRequire(...)` alone, and Node resolves it from node_modules at run time.
import { createRequire } from 'node:module';
import type { TransformOptions, TransformResult } from 'esbuild';

export type EsbuildTransform = (input: string, options: TransformOptions) => Promise<TransformResult>;
export type EsbuildBuild = typeof import('esbuild').build;

const ESBUILD_PACKAGE = 'esbuild';
let current: EsbuildTransform | undefined;
let native: typeof import('esbuild') | undefined;

export function getEsbuildTransform(): EsbuildTransform {
  current ??= loadNativeEsbuild().transform;
  return current;
}

/** esbuild's `build`: the multi-file runner asks it for the project's local module graph (core/project/). */
export function getEsbuildBuild(): EsbuildBuild {
  return loadNativeEsbuild().build;
}

function loadNativeEsbuild(): typeof import('esbuild') {
  const from = typeof __filename === 'string' ? __filename : `${process.cwd()}/`;
  native ??= createRequire(from)(ESBUILD_PACKAGE) as typeof import('esbuild');
  return native;
}
