#!/usr/bin/env node
// Runs every test layer in order and prints one closing line `N passed, N failed` (what CI reads).
// Layers: type check, unit (pure + jsdom), integration/fidelity/CLI (real child Node vs the plain-node oracle),
// browser (built webview in headless Chromium: behaviour, layout check, golden screenshots in test/browser/golden/),
// VS Code (extension host + end-to-end in code-server).
// `node test/run-all.mjs unit fidelity` runs only the named layers.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');

/** A layer is a command whose output ends with mocha's "N passing / N failing" or our "N passed, N failed". */
const layers = [
  { name: 'typecheck', cmd: process.execPath, args: [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'], single: true },
  // One type check per world: src without the DOM, src/shared without Node either, the webview without Node.
  { name: 'typecheck-src', cmd: process.execPath, args: [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'src/tsconfig.json', '--noEmit'], single: true },
  { name: 'typecheck-shared', cmd: process.execPath, args: [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'src/shared/tsconfig.json', '--noEmit'], single: true },
  { name: 'typecheck-webview', cmd: process.execPath, args: [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'webview/tsconfig.json', '--noEmit'], single: true, when: 'webview/main.ts' },
  { name: 'unit', glob: 'test/unit', timeout: 20000 },
  { name: 'integration', glob: 'test/integration', timeout: 60000 },
  { name: 'cli', glob: 'test/cli', timeout: 60000 },
  { name: 'fidelity', glob: 'test/fidelity', timeout: 120000 },
  { name: 'layouts', glob: 'test/layouts', timeout: 300000 },
  { name: 'fuzz', glob: 'test/fuzz', timeout: 600000 },
  { name: 'realworld', glob: 'test/realworld', timeout: 600000 },
  // The Node versions users run: the fidelity fixtures, the corpus and the fuzzer again on Node 22 and 24
  // (installed into .tools/ by .ci/setup-other-nodes.sh), plain and traced on the same binary.
  ...[22, 24].map((major) => ({
    name: `node${major}`,
    globs: ['test/fidelity/fixturePrograms.test.ts', 'test/fidelity/projects.test.ts', 'test/fidelity/workerThreads.test.ts', 'test/fidelity/corpus.test.ts', 'test/fuzz'],
    timeout: 600000,
    node: major,
    env: { LOOPSCOPE_TEST_NODE: path.join(root, `.tools/node-${major}/bin/node`), LOOPSCOPE_TEST_NODE_MAJOR: String(major), LOOPSCOPE_FUZZ_PROGRAMS: '250' },
  })),
  { name: 'browser', glob: 'test/browser', timeout: 120000 },
  { name: 'vscode', cmd: 'bash', args: [path.join(root, 'test/vscode/run-code-server.sh')], when: 'test/vscode/run-code-server.sh' },
];

function testFiles(dir) {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  if (dir.endsWith('.test.ts')) return [dir];
  return readdirSync(abs, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts') && !f.split(path.sep).includes('fixtures'))
    .map((f) => path.join(dir, f));
}

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', ...env } });
    let out = '';
    const onData = (stream) => (d) => { out += d; stream.write(d); };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

function lastNumber(out, re) {
  const all = [...out.matchAll(re)];
  return all.length ? Number(all[all.length - 1][1]) : 0;
}

/** Mocha's "N failing" section (or our "not ok" lines), at most 80 lines of it. */
function failureDetails(out) {
  const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
  const at = plain.search(/\n\s*\d+ failing\n[\s\S]*$/);
  const lines = at >= 0 ? plain.slice(at).split('\n') : plain.split('\n').filter((l) => /not ok|Error|failed/.test(l));
  return lines.filter((l) => l.trim()).slice(0, 80).join('\n');
}

/** The browser layer needs Debian's chromium: install it on a fresh machine (root + apt), as .ci/run does. */
async function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  console.log('chromium is missing: apt-get install chromium (needs root and Debian apt)');
  await run('bash', ['-c', 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq chromium >/dev/null']);
}

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
/** Tests that did not run (mocha's "pending"): e.g. the corpus suites when ../shared/corpus is missing. */
let skipped = 0;
const summary = [];
const failures = [];
for (const layer of layers) {
  if (only.length && !only.includes(layer.name)) continue;
  if (layer.when && !existsSync(path.join(root, layer.when))) continue;
  let cmd = layer.cmd;
  let args = layer.args;
  if (layer.glob || layer.globs) {
    const files = (layer.globs ?? [layer.glob]).flatMap(testFiles);
    if (!files.length) continue;
    cmd = process.execPath;
    args = [mocha, '--import=tsx', '--timeout', String(layer.timeout), '--reporter', 'spec', ...files];
  }
  if (layer.name === 'browser') await ensureChromium();
  if (layer.node) await run('bash', [path.join(root, '.ci/setup-other-nodes.sh'), String(layer.node)]);
  console.log(`\n=== ${layer.name} ===`);
  const t0 = Date.now();
  const { code, out } = await run(cmd, args, layer.env);
  let p;
  let f;
  const s = lastNumber(out, /(\d+) pending/g);
  if (layer.single) {
    p = code === 0 ? 1 : 0;
    f = code === 0 ? 0 : 1;
  } else if (/\d+ passed, \d+ failed/.test(out)) {
    p = lastNumber(out, /(\d+) passed, \d+ failed/g);
    f = lastNumber(out, /\d+ passed, (\d+) failed/g);
  } else {
    p = lastNumber(out, /(\d+) passing/g);
    f = lastNumber(out, /(\d+) failing/g);
  }
  if (code !== 0 && f === 0) f = 1; // a crash with no failing test is still a failure
  passed += p;
  failed += f;
  skipped += s;
  if (f) failures.push(`--- ${layer.name} ---\n${failureDetails(out)}`);
  summary.push(`${layer.name.padEnd(18)} ${String(p).padStart(4)} passed ${String(f).padStart(3)} failed${s ? ` ${s} skipped` : ''}  ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
// CI keeps only the tail of the log: repeat what failed right above the summary.
if (failures.length) console.log(`\n=== failures ===\n${failures.join('\n')}`);
console.log('\n=== summary ===');
for (const line of summary) console.log(line);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
