// A program whose console order is known to differ between runs, for the order picker's tests: the first run to
// claim a marker file beside the program prints "b" before "a", every later run "a" before "b". Each call
// writes it into a fresh folder, so the marker starts unclaimed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const FIRST_RUN_ORDER = ['start', 'b', 'a'];
export const LATER_RUNS_ORDER = ['start', 'a', 'b'];

export function writeOrderVariesProgram(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ls-order-varies-'));
  const file = path.join(dir, 'order-varies.js');
  writeFileSync(
    file,
    [
      "const fs = require('fs');",
      'let first = false;',
      "try { fs.writeFileSync(__dirname + '/claimed', '', { flag: 'wx' }); first = true; } catch {}",
      "console.log('start');",
      "if (first) { console.log('b'); console.log('a'); }",
      "else { console.log('a'); console.log('b'); }",
      '',
    ].join('\n'),
  );
  return file;
}
