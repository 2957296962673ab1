import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { WebviewMessage } from '../../src/shared/protocol';
import { FIRST_RUN_ORDER, LATER_RUNS_ORDER, writeOrderVariesProgram } from '../support/orderVaries';
import { loopscopeApi, tracedConsole, visualize, withSetting, workspaceFile } from './helpers';

/** The panel's handler of what its webview posts: a test posts as the webview's order picker would. */
type WebviewSide = { onMessage(message: WebviewMessage): Promise<void> };

function plainNode(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => execFile('node', args, (err, out) => (err ? reject(err) : resolve(out.trim()))));
}

export function defineSettingsSuite(): void {
  describe('settings', () => {
    it('loopscope.timeoutMs stops an endless program with exit reason "timeout"', async () => {
      const t0 = Date.now();
      const raw = await withSetting('timeoutMs', 400, () => visualize('visualizeFile', workspaceFile('forever.js')));
      assert.ok(raw);
      assert.equal(raw.meta.exit.reason, 'timeout');
      assert.equal(raw.meta.timeoutMs, 400);
      assert.ok(Date.now() - t0 < 10000, `took ${Date.now() - t0} ms (the setting was not applied?)`);
    });

    it('loopscope.maxEvents stops an endless program with exit reason "event-cap"', async () => {
      const raw = await withSetting('maxEvents', 200, () => visualize('visualizeFile', workspaceFile('forever.js')));
      assert.ok(raw);
      assert.equal(raw.meta.exit.reason, 'event-cap');
      assert.ok(raw.events.length <= 400, `${raw.events.length} events kept`);
    });

    it('loopscope.moduleFormat decides how the file is loaded, as plain node would load it', async () => {
      const file = workspaceFile('moduleKind.js').fsPath;
      const auto = await visualize('visualizeFile', workspaceFile('moduleKind.js'));
      assert.ok(auto);
      assert.equal(auto.meta.module, 'cjs');
      assert.deepEqual(tracedConsole(auto), [await plainNode([file])]);

      const esm = await withSetting('moduleFormat', 'esm', () => visualize('visualizeFile', workspaceFile('moduleKind.js')));
      assert.ok(esm);
      assert.equal(esm.meta.module, 'esm');
      assert.deepEqual(tracedConsole(esm), [await plainNode(['--input-type=module', '-e', readFileSync(file, 'utf8')])]);
    });

    it('Check Order Stability runs the file loopscope.stabilityRuns times and shows a run of the most frequent order', async () => {
      const file = workspaceFile('moduleKind.js');
      const raw = await withSetting('stabilityRuns', 3, () => visualize('checkOrderStability', file));
      assert.ok(raw);
      const plain = await plainNode([file.fsPath]);
      assert.deepEqual(raw.meta.orderVariant, { index: 0, of: 1, count: 3, runs: 3, orders: [{ count: 3, console: [plain] }] });
      assert.deepEqual(tracedConsole(raw), [plain]);
      const api = await loopscopeApi();
      assert.equal(api.currentPanel()?.currentTrace?.raw, raw);
    });

    it('the panel\'s order picker shows a run of another console order of the last check', async () => {
      const raw = await withSetting('stabilityRuns', 3, () => visualize('checkOrderStability', vscode.Uri.file(writeOrderVariesProgram())));
      assert.ok(raw);
      assert.deepEqual(raw.meta.orderVariant?.orders?.map((o) => o.console), [LATER_RUNS_ORDER, FIRST_RUN_ORDER]);
      const panel = (await loopscopeApi()).currentPanel()!;
      await (panel as unknown as WebviewSide).onMessage({ type: 'order/show', index: 1 });
      const shown = panel.currentTrace!.raw;
      assert.equal(shown.meta.orderVariant?.index, 1);
      assert.deepEqual(tracedConsole(shown), FIRST_RUN_ORDER, 'the run shown printed the order picked');
    });

    it('loopscope.nodePath that does not exist: nothing runs, the panel keeps its trace', async () => {
      const api = await loopscopeApi();
      const shown = api.currentPanel()?.currentTrace?.raw;
      const raw = await withSetting('nodePath', '/nonexistent/bin/node', () => visualize('visualizeFile', workspaceFile('moduleKind.js')));
      assert.equal(raw, undefined);
      assert.equal(api.currentPanel()?.currentTrace?.raw, shown);
    });
  });
}
