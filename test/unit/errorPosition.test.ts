// An error's position is shown once: the copy a parser wrote into its message goes, nothing else does.
import assert from 'node:assert/strict';
import { withoutPosition } from '../../src/shared/errorPosition';

describe('withoutPosition', () => {
  it("drops acorn's trailing (line:col) and a tool's leading file:line:col:", () => {
    assert.equal(withoutPosition('Unexpected token (3:7)'), 'Unexpected token');
    assert.equal(withoutPosition('SyntaxError: Unexpected token (12:0)'), 'SyntaxError: Unexpected token');
    assert.equal(withoutPosition('/w/bad.js:3:7: Unexpected ";"'), 'Unexpected ";"');
    assert.equal(withoutPosition('C:\\w\\bad.ts:2:20: Expected ")" but found "{"'), 'Expected ")" but found "{"');
  });

  it('keeps messages without a position, and positions that are part of the text', () => {
    assert.equal(withoutPosition('Unexpected ";"'), 'Unexpected ";"');
    assert.equal(withoutPosition('The symbol "a" has already been declared'), 'The symbol "a" has already been declared');
    assert.equal(withoutPosition('expected 3:7 to be a time (not here)'), 'expected 3:7 to be a time (not here)');
  });
});
