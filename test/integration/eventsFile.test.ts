// The runner's fast reading of the events file (newlines turned into commas in place, one JSON.parse) on the
// shapes a real child can leave: the header, a torn last line, a damaged line, text that looks like a line join.
import assert from 'node:assert/strict';
import { parseEventsData, parseEventsFile } from '../../src/core/run/eventsFile';

describe('events file reading', () => {
  const header = '{"loopscope":1,"node":"v20.20.2","pid":1}\n';

  it('reads events whose console text holds "],[", quotes and escaped newlines', () => {
    const text = header + '["start",0,"cjs"]\n["console",1,"stdout","a],[\\"b\\"\\n,[\\"c",1]\n["done",2,"script"]\n["end",3,"completed",0]\n';
    const p = parseEventsData(Buffer.from(text));
    assert.equal(p.node, 'v20.20.2');
    assert.deepEqual(p.events, [['start', 0, 'cjs'], ['console', 1, 'stdout', 'a],["b"\n,["c', 1], ['done', 2, 'script']]);
    assert.deepEqual(p.endHint, ['end', 3, 'completed', 0]);
  });

  it('keeps every good line around a damaged one, and drops a torn last line', () => {
    const text = header + '["start",0,"cjs"]\n["console",1,"stdout","x],[\\"y",1]\n["run",2,"scr\n["done",3,"script"]\n["cons';
    const p = parseEventsFile(text);
    assert.deepEqual(p.events, [['start', 0, 'cjs'], ['console', 1, 'stdout', 'x],["y', 1], ['done', 3, 'script']]);
    assert.equal(p.endHint, null);
  });

  it('a file without header, a header alone, and an empty file', () => {
    assert.deepEqual(parseEventsFile('["start",0,"esm"]\n').events, [['start', 0, 'esm']]);
    assert.deepEqual(parseEventsFile(header), { node: 'v20.20.2', events: [], endHint: null });
    assert.deepEqual(parseEventsData(Buffer.alloc(0)), { node: null, events: [], endHint: null });
  });

  it('non-ASCII text survives the byte-level rewrite', () => {
    const p = parseEventsFile(header + '["console",1,"stdout","héllo → 世界 🎉",null]\n');
    assert.equal(p.events[0][3], 'héllo → 世界 🎉');
  });
});
