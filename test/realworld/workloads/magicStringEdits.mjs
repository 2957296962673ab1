// Real-world workload: magic-string edits a real source file (semver's range parser) with a source map, one batch
// of edits per awaited step; prints the map's mappings length and a hash of the output.
// @options timeoutMs=60000 maxEvents=2000000
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import MagicString from 'magic-string';

const file = fileURLToPath(new URL('../../../node_modules/semver/classes/range.js', import.meta.url));
const sha = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const code = await readFile(file, 'utf8');
const s = new MagicString(code, { filename: 'range.js' });
s.prepend('/* edited by a workload */\n');
await tick();
let renamed = 0;
for (const m of code.matchAll(/\bconst\b/g)) {
  s.overwrite(m.index, m.index + 5, 'let  ');
  renamed++;
}
console.log('const -> let:', renamed);
await Promise.resolve();
let removed = 0;
for (const m of code.matchAll(/^\s*\/\/.*$/gm)) {
  s.remove(m.index, m.index + m[0].length);
  removed++;
}
console.log('comment lines removed:', removed);
await tick();
for (const m of code.matchAll(/\bfunction\b/g)) s.appendLeft(m.index, '/*fn*/');
s.append('\n// end\n');
const out = s.toString();
const map = s.generateMap({ source: 'range.js', file: 'range.out.js', includeContent: true, hires: true });
console.log('output length:', out.length);
console.log('output sha256:', sha(out));
console.log('mappings length:', map.mappings.length);
console.log('map sha256:', sha(map.toString()));
queueMicrotask(() => console.log('done'));
