import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, loopscopeApi } from './helpers';

interface ContributedCommand {
  command: string;
}

export function defineCommandsSuite(): void {
  describe('commands', () => {
    it('registers every command package.json contributes', async () => {
      await loopscopeApi();
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      const contributed = (ext?.packageJSON.contributes.commands as ContributedCommand[]).map((c) => c.command).sort();
      assert.deepEqual(contributed, ['loopscope.checkOrderStability', 'loopscope.visualizeFile', 'loopscope.visualizeSelection']);
      const registered = await vscode.commands.getCommands(true);
      for (const id of contributed) assert.ok(registered.includes(id), `${id} is contributed but not registered`);
    });
  });
}
