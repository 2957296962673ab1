// The viewer's CSP and nonce (src/shared/pageSecurity.ts), used by the VS Code panel and exported pages.

import assert from 'node:assert/strict';
import { makeNonce, viewerCsp } from '../../src/shared/pageSecurity';

describe('page security', () => {
  it('makes 144-bit base64url nonces, a new one each time', () => {
    const nonces = new Set(Array.from({ length: 200 }, makeNonce));
    assert.equal(nonces.size, 200);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9_-]{24}$/);
    // every character position takes many values: the bits are random, not a fixed pattern
    const seen = new Set([...nonces].map((n) => n[5]));
    assert.ok(seen.size > 20, `position 5 took only ${seen.size} values`);
  });

  it('lets an exported page load nothing but its own nonce-tagged script and style', () => {
    assert.equal(
      viewerCsp({ nonce: 'N0' }),
      "default-src 'none'; style-src 'nonce-N0'; script-src 'nonce-N0'; img-src data:; base-uri 'none'; form-action 'none'",
    );
  });

  it("lets the panel load the extension's own files as well", () => {
    assert.equal(
      viewerCsp({ nonce: 'N0', assetSource: 'https://file+.vscode-resource.vscode-cdn.net' }),
      "default-src 'none'; style-src https://file+.vscode-resource.vscode-cdn.net 'nonce-N0'; script-src 'nonce-N0'; " +
        "img-src https://file+.vscode-resource.vscode-cdn.net data:; font-src https://file+.vscode-resource.vscode-cdn.net; base-uri 'none'; form-action 'none'",
    );
  });
});
