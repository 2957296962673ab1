// Library project: acorn's parser (dist/acorn.js, one 240 KB file) and acorn-walk are the user's code here,
// loaded by relative requires of their folders (package.json "main"); they parse sizeable real sources (the
// copies of acorn-walk and of acorn itself), one per timer turn, and the node counts by type are printed.
// @options timeoutMs=150000 maxEvents=3000000
const fs = require('node:fs');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');
const acorn = require('./lib/acorn');
const walk = require('./lib/acorn-walk');

const inputs = [
  ['lib/acorn-walk/dist/walk.js', 'script'],
  ['lib/acorn-walk/dist/walk.mjs', 'module'],
  ['lib/acorn/dist/acorn.js', 'script'],
];

async function countNodes(rel, sourceType) {
  const code = await fs.promises.readFile(path.join(__dirname, rel), 'utf8');
  await sleep(1);
  const comments = [];
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType, locations: true, onComment: comments });
  const counts = new Map();
  walk.full(ast, (node) => counts.set(node.type, (counts.get(node.type) ?? 0) + 1));
  const functions = [];
  walk.simple(ast, {
    FunctionDeclaration(node) {
      if (functions.length < 5) functions.push(`${node.id.name}@${node.loc.start.line}`);
    },
  });
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 8);
  console.log(`${rel}: ${ast.body.length} statements, ${comments.length} comments, ${[...counts.values()].reduce((a, b) => a + b, 0)} nodes`);
  console.log(`  top: ${top.map(([t, n]) => `${t}=${n}`).join(' ')}`);
  console.log(`  first functions: ${functions.join(' ')}`);
}

async function main() {
  for (const [rel, sourceType] of inputs) await countNodes(rel, sourceType);
  try {
    acorn.parse('let x = (1 +;', { ecmaVersion: 2022 });
  } catch (e) {
    console.log(`${e.name}: ${e.message} at ${e.pos} (line ${e.loc.line}, column ${e.loc.column})`);
  }
  const tokens = [...acorn.tokenizer('const answer = 6 * 7; // done', { ecmaVersion: 2022 })].map((t) => t.type.label);
  console.log(`tokens: ${tokens.join(' ')}`);
  console.log(`acorn ${acorn.version}`);
}

main();
