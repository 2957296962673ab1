// Builds only the webview bundle (same options as esbuild.mjs) so the browser tests and the bench do not
// depend on every other bundle building. Writes dist/webview/main.js and dist/webview/styles.css.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** `root`: the repository (given explicitly by ESM callers, where tsx's __dirname is not this folder). */
export async function buildWebview(root: string = path.resolve(__dirname, '..', '..')): Promise<string> {
  const out = path.join(root, 'dist', 'webview');
  mkdirSync(out, { recursive: true });
  copyFileSync(path.join(root, 'webview', 'styles.css'), path.join(out, 'styles.css'));
  await esbuild.build({
    entryPoints: [path.join(root, 'webview', 'main.ts')],
    outfile: path.join(out, 'main.js'),
    platform: 'browser',
    format: 'iife',
    bundle: true,
    sourcemap: true,
    target: 'es2022',
    logLevel: 'warning',
  });
  return out;
}
