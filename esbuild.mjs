// Builds every bundle Loopscope ships or tests: the CLI, the child-side runtime, the extension host, the
// webview, and the in-host test suite. `node esbuild.mjs --watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {esbuild.BuildOptions[]} */
const bundles = [
  // the `loopscope` command
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs' },
  // preloaded into the user's process: must stay self-contained (imports nothing from host or core)
  // No source map: the child runs with --enable-source-maps, which would parse it at every start (~3 ms).
  { entryPoints: ['src/runtime/tracer.ts'], outfile: 'dist/runtime/tracer.js', platform: 'node', format: 'cjs', sourcemap: false },
  { entryPoints: ['src/runtime/esmHooks.ts'], outfile: 'dist/runtime/esmHooks.mjs', platform: 'node', format: 'esm', sourcemap: false },
  // the VS Code extension host side
  { entryPoints: ['src/host/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  // the webview app (browser only)
  { entryPoints: ['webview/main.ts'], outfile: 'dist/webview/main.js', platform: 'browser', format: 'iife' },
  // its stylesheet: one file per component under webview/styles/, bundled in index.css's @import order
  { entryPoints: ['webview/styles/index.css'], outfile: 'dist/webview/styles.css', platform: 'browser', sourcemap: false },
  // in-host test suite (mocha run() inside VS Code / code-server)
  { entryPoints: ['test/exthost/index.ts'], outfile: 'dist/test/exthost/index.js', platform: 'node', format: 'cjs', external: ['vscode', 'mocha'] },
].filter((b) => existsSync(b.entryPoints[0]));

const common = { bundle: true, sourcemap: !production, minify: production, target: 'node20', logLevel: 'warning' };

if (watch) {
  for (const b of bundles) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(bundles.map((b) => esbuild.build({ ...common, ...b, target: b.platform === 'browser' ? 'es2022' : 'node20' })));
}
