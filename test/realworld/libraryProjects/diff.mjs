// Library project: jsdiff's ES module build (libesm/: diff/, patch/, convert/, util/) is the user's code here;
// line, word, char and JSON diffs, a unified patch created, parsed and applied.
// @options timeoutMs=150000 maxEvents=3000000
import { diffLines, diffWords, createTwoFilesPatch, applyPatch, parsePatch, diffChars, diffJson } from './lib/diff/libesm/index.js';
const a = Array.from({ length: 120 }, (_, i) => `line ${i} ${i % 7 === 0 ? 'seven' : 'plain'}`).join('\n') + '\n';
const b = a.replace(/seven/g, 'SEVEN').replace('line 50 plain', 'line fifty');
const parts = diffLines(a, b);
console.log(parts.length, parts.filter((p) => p.added).length, parts.filter((p) => p.removed).length);
const patch = createTwoFilesPatch('a.txt', 'b.txt', a, b);
console.log(patch.split('\n').slice(0, 8).join('|'));
console.log(applyPatch(a, patch) === b, parsePatch(patch)[0].hunks.length);
console.log(JSON.stringify(diffWords('the quick brown fox', 'the slow brown dog')));
console.log(diffChars('kitten', 'sitting').map((p) => (p.added ? '+' : p.removed ? '-' : '=') + p.value).join(' '));
console.log(diffJson({ a: 1, b: [1, 2] }, { a: 2, b: [1, 2, 3] }).length);
