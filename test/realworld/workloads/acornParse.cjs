// Real-world workload: acorn parses large real files (acorn's own bundle, then esbuild's JS API) one per timer
// tick, and the AST node counts by type are printed, sorted. The per-node callback is this file's code, so it
// is traced for every node.
// @options timeoutMs=120000 maxEvents=5000000
const fs = require('node:fs');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');
const acorn = require('acorn');
const walk = require('acorn-walk');

const modules = path.resolve(__dirname, '../../../node_modules');
const inputs = [
  ['acorn/dist/acorn.js', 'script'],
  ['esbuild/lib/main.js', 'script'],
  ['acorn-walk/dist/walk.mjs', 'module'],
];

async function countNodes(rel, sourceType) {
  const code = await fs.promises.readFile(path.join(modules, rel), 'utf8');
  await sleep(1);
  const program = acorn.parse(code, { ecmaVersion: 'latest', sourceType });
  const counts = new Map();
  walk.full(program, (node) => counts.set(node.type, (counts.get(node.type) ?? 0) + 1));
  return counts;
}

async function main() {
  const total = new Map();
  for (const [rel, sourceType] of inputs) {
    const counts = await countNodes(rel, sourceType);
    let nodes = 0;
    for (const [type, n] of counts) {
      nodes += n;
      total.set(type, (total.get(type) ?? 0) + n);
    }
    console.log(`${rel}: ${nodes} nodes, ${counts.size} node types`);
  }
  const sorted = [...total].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [type, n] of sorted) console.log(`${type} ${n}`);
}

main().then(() => setImmediate(() => console.log('done')));
