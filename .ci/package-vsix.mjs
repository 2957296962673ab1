#!/usr/bin/env node
// `npm run package [-- --target linux-x64]`: one .vsix per platform. The extension transpiles TS with the
// native esbuild (measured: ~20 ms cold start and ~1 ms per small transform, vs ~500-800 ms and ~11 ms with
// esbuild-wasm), and esbuild's JS API cannot be bundled (it finds its binary relative to its own package), so
// dist/extension.js keeps `esbuild` external and this script places esbuild's package and the target's binary
// package in dist/node_modules/, where Node's resolution from dist/extension.js finds them first.
// A target other than this machine's: its @esbuild/<platform> package is fetched with `npm pack` (registry).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };

// vsce target names -> esbuild platform package names
const ESBUILD_PACKAGE = {
  'linux-x64': '@esbuild/linux-x64', 'linux-arm64': '@esbuild/linux-arm64', 'linux-armhf': '@esbuild/linux-arm',
  'alpine-x64': '@esbuild/linux-x64', 'alpine-arm64': '@esbuild/linux-arm64',
  'darwin-x64': '@esbuild/darwin-x64', 'darwin-arm64': '@esbuild/darwin-arm64',
  'win32-x64': '@esbuild/win32-x64', 'win32-arm64': '@esbuild/win32-arm64',
};
const hostTarget = `${process.platform}-${process.arch === 'arm' ? 'armhf' : process.arch}`;
const target = arg('--target') ?? hostTarget;
const esbuildPkg = ESBUILD_PACKAGE[target];
if (!esbuildPkg) {
  console.error(`package-vsix: unknown target "${target}" (one of ${Object.keys(ESBUILD_PACKAGE).join(', ')})`);
  process.exit(2);
}

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const esbuildVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/esbuild/package.json'), 'utf8')).version;
const vendor = path.join(root, 'dist/node_modules');
rmSync(vendor, { recursive: true, force: true });
mkdirSync(path.join(vendor, '@esbuild'), { recursive: true });
cpSync(path.join(root, 'node_modules/esbuild'), path.join(vendor, 'esbuild'), { recursive: true });

const local = path.join(root, 'node_modules', esbuildPkg);
const localVersion = existsSync(local) ? JSON.parse(readFileSync(path.join(local, 'package.json'), 'utf8')).version : '';
if (localVersion === esbuildVersion) {
  cpSync(local, path.join(vendor, esbuildPkg), { recursive: true });
} else {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'loopscope-pack-'));
  const tgz = execFileSync('npm', ['pack', `${esbuildPkg}@${esbuildVersion}`, '--silent'], { cwd: tmp, encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', tgz], { cwd: tmp });
  cpSync(path.join(tmp, 'package'), path.join(vendor, esbuildPkg), { recursive: true });
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`package-vsix: esbuild ${esbuildVersion} + ${esbuildPkg} -> dist/node_modules`);

const out = arg('--out') ?? `${pkg.name}-${target}-${pkg.version}.vsix`;
const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
// vsce runs `vscode:prepublish` (the production build) before collecting files
try {
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links',
    '--target', target, '--out', out], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
} finally {
  // a development build must keep resolving the repo's esbuild (the vendored binary may be another platform's)
  rmSync(vendor, { recursive: true, force: true });
}
