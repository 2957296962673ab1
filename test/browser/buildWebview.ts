// Builds only the webview bundles (same options as esbuild.mjs) so the browser tests and the bench do not
// depend on every other bundle building. Writes dist/webview/main.js and dist/webview/styles.css.
import * as esbuild from 'esbuild';
import path from 'node:path';

/** `root`: the repository (given explicitly by ESM callers, where tsx's __dirname is not this folder). */
export async function buildWebview(root: string = path.resolve(__dirname, '..', '..')): Promise<string> {
  const out = path.join(root, 'dist', 'webview');
  const common = { bundle: true, platform: 'browser', target: 'es2022', logLevel: 'warning' } as const;
  await Promise.all([
    esbuild.build({ ...common, entryPoints: [path.join(root, 'webview', 'main.ts')], outfile: path.join(out, 'main.js'), format: 'iife', sourcemap: true }),
    esbuild.build({ ...common, entryPoints: [path.join(root, 'webview', 'styles', 'index.css')], outfile: path.join(out, 'styles.css'), sourcemap: false }),
  ]);
  return out;
}
