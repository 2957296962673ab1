// Library project: js-yaml (CommonJS: index.js and its lib/ modules with their schema/ and type/ folders) is
// the user's code here; dumps, loads, multi-document loads, anchors, a syntax error and a 400-item round trip.
// @options timeoutMs=150000 maxEvents=3000000
const yaml = require('./lib/js-yaml');
const doc = { name: 'loopscope', version: 3, list: [1, 'two', { three: 3 }], nested: { deep: { deeper: [true, null, 1.5] } }, date: new Date(Date.UTC(2024, 1, 29)), multi: 'line one\nline two\n' };
const text = yaml.dump(doc, { sortKeys: true });
console.log(text);
const back = yaml.load(text);
console.log(JSON.stringify(back));
const many = yaml.loadAll('---\na: 1\n---\nb: [x, y]\n---\n- &anchor {k: v}\n- *anchor\n');
console.log(JSON.stringify(many));
try { yaml.load('a: [1, 2\nb: }'); } catch (e) { console.log(e.name, e.message.split('\n')[0]); }
const big = yaml.dump(Array.from({ length: 400 }, (_, i) => ({ i, s: `item ${i}`, even: i % 2 === 0 })));
console.log(big.length, yaml.load(big).filter((x) => x.even).length);
Promise.resolve().then(() => console.log(yaml.dump({ schema: 'json' }, { schema: yaml.JSON_SCHEMA })));
