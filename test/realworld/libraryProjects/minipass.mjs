// Library project: minipass's ES module build (a class with private fields over EventEmitter and Stream) is the
// user's code here; flowing data, an async object stream read with for await, concat().
// @options timeoutMs=150000 maxEvents=3000000
import { Minipass } from './lib/minipass/dist/esm/index.js';
const mp = new Minipass({ encoding: 'utf8' });
const chunks = [];
mp.on('data', (c) => chunks.push(c));
mp.on('end', () => console.log('end', chunks.join('|')));
mp.write('hello ');
mp.write(Buffer.from('world'));
setTimeout(() => mp.end('!'), 1);
const asyncMp = new Minipass({ objectMode: true, async: true });
(async () => { const got = []; for await (const o of asyncMp) got.push(o.n); console.log('for await', got.join(',')); })();
for (let n = 0; n < 5; n++) asyncMp.write({ n });
asyncMp.end();
const collected = new Minipass();
collected.end('abc');
collected.concat().then((b) => console.log('concat', b.toString()));
console.log('sync end', mp.flowing, asyncMp.writable);
