// Start-up cost of a multi-file project (README "Multi-file projects"): a generated TypeScript project of 50
// files (an entry importing 49 modules, each with a few functions, a class and a timer; every tenth module
// imports another), traced by the whole `loopscope trace` process. Cold: an empty instrumentation cache, so
// esbuild transpiles and the instrumenter instruments every file; warm: the same project again, every module
// from the cache. Baseline: a one-file program. Medians of 5 alternating runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'loopscope-project-bench-'));
const project = path.join(tmp, 'project');
const FILES = 50;

function generate() {
  mkdirSync(path.join(project, 'lib'), { recursive: true });
  const imports = [];
  const calls = [];
  for (let i = 1; i < FILES; i++) {
    const dep = i % 10 === 0 ? `import { f${i - 1} } from './m${i - 1}';\n` : '';
    const body = [
      dep,
      `export enum Mode${i} { A, B }`,
      `export class Box${i} {`,
      `  constructor(private readonly value: number) {}`,
      `  get(): number { return this.value * ${i}; }`,
      `}`,
      `export function f${i}(n: number): number {`,
      `  const box = new Box${i}(n);`,
      `  let total = 0;`,
      `  for (let k = 0; k < 3; k++) total += box.get() + k;`,
      i % 10 === 0 ? `  total += f${i - 1}(1);` : '',
      `  return total;`,
      `}`,
      `export function later${i}(): void {`,
      `  setTimeout(() => { if (f${i}(1) < 0) console.log('never'); }, 0);`,
      `}`,
    ].join('\n');
    writeFileSync(path.join(project, 'lib', `m${i}.ts`), body + '\n');
    imports.push(`import { f${i}, later${i} } from './lib/m${i}';`);
    calls.push(`sum += f${i}(2); later${i}();`);
  }
  writeFileSync(path.join(project, 'main.ts'), `${imports.join('\n')}\nlet sum = 0;\n${calls.join('\n')}\nconsole.log('sum', sum);\n`);
}

function timeTrace(file, cacheDir) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(root, 'bin/loopscope.js'), 'trace', file], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LOOPSCOPE_CACHE_DIR: cacheDir },
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`loopscope trace ${file} exited ${r.status}: ${r.stderr}`);
  return ms;
}

generate();
const warmCache = path.join(tmp, 'warm-cache');
timeTrace(path.join(project, 'main.ts'), warmCache); // fills the warm cache
const cold = [];
const warm = [];
const single = [];
for (let round = 0; round < 5; round++) {
  cold.push(timeTrace(path.join(project, 'main.ts'), path.join(tmp, `cold-cache-${round}`)));
  warm.push(timeTrace(path.join(project, 'main.ts'), warmCache));
  single.push(timeTrace(path.join(root, 'bench/ten-lines.js'), warmCache));
}
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(0)} ms`;
console.log(`    ${FILES}-file TypeScript project, whole \`loopscope trace\`: cold cache ${fmt(median(cold))}, warm cache ${fmt(median(warm))}`);
console.log(`    one-file program (bench/ten-lines.js) for comparison: ${fmt(median(single))}; medians of 5 alternating runs`);
rmSync(tmp, { recursive: true, force: true });
