// Library project: magic-string (its ES module build) and @jridgewell/sourcemap-codec are the user's code here,
// imported by relative paths; they edit a real source (the copy of sourcemap-codec itself) with a
// source map, one batch of edits per awaited step, then decode the map again; prints lengths and hashes.
// @options timeoutMs=150000 maxEvents=3000000
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import MagicString, { Bundle } from './lib/magic-string/dist/index.mjs';
import { decode, encode } from './lib/@jridgewell/sourcemap-codec/dist/sourcemap-codec.mjs';

const sha = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const code = await readFile(new URL('./lib/@jridgewell/sourcemap-codec/dist/sourcemap-codec.mjs', import.meta.url), 'utf8');
const s = new MagicString(code, { filename: 'sourcemap-codec.mjs' });
s.prepend('/* edited by a library project */\n');
await tick();
let renamed = 0;
for (const m of code.matchAll(/\bconst\b/g)) {
  s.overwrite(m.index, m.index + 5, 'let  ');
  renamed++;
}
console.log('renamed', renamed, 'consts');
await Promise.resolve();
let removed = 0;
for (const m of code.matchAll(/^\s*\/\/.*$/gm)) {
  s.remove(m.index, m.index + m[0].length);
  removed++;
}
console.log('removed', removed, 'comment lines');
await tick();
s.indent('  ');
s.append('\n/* end */\n');
const out = s.toString();
const map = s.generateMap({ hires: true, includeContent: true, source: 'sourcemap-codec.mjs' });
console.log('output', out.length, 'chars, sha', sha(out));
console.log('mappings', map.mappings.length, 'chars, sha', sha(map.mappings));
await tick();
const decoded = decode(map.mappings);
const segments = decoded.reduce((n, line) => n + line.length, 0);
console.log('decoded', decoded.length, 'lines', segments, 'segments, round trip', encode(decoded) === map.mappings);
const bundle = new Bundle();
bundle.addSource({ filename: 'a.js', content: new MagicString('export const a = 1;\n') });
bundle.addSource({ filename: 'b.js', content: new MagicString('export const b = 2;\n').prepend('// b\n') });
console.log('bundle', JSON.stringify(bundle.toString()), bundle.generateMap({ hires: true }).mappings);
console.log('snip', JSON.stringify(s.snip(40, 80).toString().slice(0, 30)), 'has changed', s.hasChanged());
