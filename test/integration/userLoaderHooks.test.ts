// Loader hooks the program registers itself (module.register) keep serving what they serve: on Node 20 a local
// module that import() loads after that is theirs, not Loopscope's (src/runtime/esmRegister.ts). The oracle is
// plain node on the same program.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { traceFile } from '../../src/core/runTraced';
import { consoleTexts, plainNode, tempDir, writeProgram } from './helpers/programs';

describe('loader hooks the program registers itself', function () {
  this.timeout(30000);
  let dir: string;
  before(() => {
    dir = tempDir();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a local module import() loads after module.register is the hooks' answer, as under plain node", async () => {
    const file = writeProgram(
      dir,
      'main.js',
      `const { register } = require('node:module');
const { pathToFileURL } = require('node:url');
register('./hooks.mjs', pathToFileURL(__filename));
import('./m.mjs').then((m) => console.log('x =', m.x));
`,
    );
    writeProgram(dir, 'hooks.mjs', `export async function load(url, context, next) {
  if (url.endsWith('/m.mjs')) return { format: 'module', source: "export const x = 'from hook';", shortCircuit: true };
  return next(url, context);
}
`);
    writeProgram(dir, 'm.mjs', 'export const x = 1;\n');
    const plain = plainNode(file);
    assert.deepEqual(plain.lines, ['x = from hook']);
    assert.deepEqual(consoleTexts((await traceFile({ file })).events), plain.lines);
  });
});
