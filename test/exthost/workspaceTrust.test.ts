import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { loopscopeApi, visualize, workspaceFile } from './helpers';

/** Runs only in a window whose folder is NOT trusted (run-code-server.sh starts one without --disable-workspace-trust). */
export function defineWorkspaceTrustSuite(): void {
  describe('Restricted Mode (untrusted workspace)', () => {
    it('the extension activates but refuses to run code', async () => {
      assert.equal(vscode.workspace.isTrusted, false, 'this suite needs an untrusted workspace');
      const api = await loopscopeApi();
      const raw = await visualize('visualizeFile', workspaceFile('moduleKind.js'));
      assert.equal(raw, undefined, 'code ran in an untrusted workspace');
      assert.equal(api.currentPanel(), undefined);
    });
  });
}
