import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { buildModel } from '../../src/shared/model';
import { loopscopeApi, openEditor, selectLines, visualize, waitFor } from './helpers';

export function defineSerializerSuite(): void {
  describe('panel serializer (window reload)', () => {
    it('restores the last trace, its step and title from storage without running the code again', async () => {
      const api = await loopscopeApi();
      const editor = await openEditor('queueDemo.ts');
      selectLines(editor, 6, 17);
      const raw = await visualize('visualizeSelection');
      assert.ok(raw);
      const before = api.currentPanel();
      assert.ok(before);
      await waitFor('the panel to load', () => before.webviewReady, 30000);
      const step = before.currentStep;
      // closing the panel then reviving stands in for the reload (a real reload would end this test run)
      before.webviewPanel.dispose();
      assert.equal(api.currentPanel(), undefined);
      // no wait: the command does not await the store's persistence, and a reload may come at once

      const restored = vscode.window.createWebviewPanel('loopscope.visualizer', 'restoring', vscode.ViewColumn.Beside, {});
      await api.serializer.deserializeWebviewPanel(restored, undefined);
      const revived = api.currentPanel();
      assert.ok(revived, 'no panel after revive');
      assert.equal(revived.webviewPanel, restored);
      assert.equal(restored.title, 'Loopscope: queueDemo.ts:6-17');
      const trace = revived.currentTrace;
      assert.ok(trace);
      // same run: a new run would have new timings; stored traces come back through JSON
      assert.deepEqual(JSON.parse(JSON.stringify(trace.raw)), JSON.parse(JSON.stringify(raw)));
      assert.equal(trace.sourceUri.toString(), editor.document.uri.toString());
      assert.equal(revived.currentStep, step);
      assert.equal(restored.webview.options.enableScripts, true);
      await waitFor('the revived panel to load', () => revived.webviewReady, 30000);
    });

    it("the editor highlights the restored step's line, and no line once the panel closes", async () => {
      const api = await loopscopeApi();
      const panel = api.currentPanel();
      const trace = panel?.currentTrace;
      assert.ok(panel && trace, 'the revived panel of the test before');
      const uri = trace.sourceUri;
      // the oracle: the model's line at the step the panel restored (the page posts it when it renders)
      const expected = buildModel(trace.raw).lineAt(panel.currentStep) ?? undefined;
      await waitFor(`line ${expected} highlighted`, () => api.highlightedLine(uri) === expected, 30000);
      panel.webviewPanel.dispose();
      assert.equal(api.highlightedLine(uri), undefined);
    });
  });
}
