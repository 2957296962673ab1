import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import {
  linesOf, loopscopeApi, openEditor, plainNodeOutput, selectLines, tracedConsole, visualize, waitFor, withSetting, workspaceFile,
} from './helpers';

/** queueDemo.ts: the function and its call; the lines above reference a type the selection does not include. */
const SELECTION = { from: 6, to: 17 };

function loopscopeTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('loopscope.visualizer'));
}

/** Whether a process whose command line mentions `name` is running (the traced child of a run). */
function childRunning(name: string): Promise<boolean> {
  return new Promise((resolve) => execFile('pgrep', ['-f', name], (err, out) => resolve(!err && out.trim() !== '')));
}

/** Where plain `node --check` puts the caret under a syntax error: [1-based line, 0-based column]. */
async function nodeSyntaxErrorPosition(file: string): Promise<[number, number]> {
  const stderr = await new Promise<string>((resolve) =>
    execFile('node', ['--check', file], (_err, _out, err) => resolve(err)),
  );
  const lines = stderr.split('\n');
  const line = Number(/:(\d+)$/.exec(lines[0] ?? '')?.[1]);
  const caret = lines.findIndex((l) => /^\s*\^/.test(l));
  assert.ok(line > 0 && caret > 0, `unexpected node --check output:\n${stderr}`);
  return [line, (lines[caret] ?? '').indexOf('^')];
}

export function defineVisualizeSuite(): void {
  describe('visualize', () => {
    before(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('Visualize Selection traces the selected lines of a .ts file as plain node runs them, and opens the panel', async () => {
      const api = await loopscopeApi();
      const editor = await openEditor('queueDemo.ts');
      selectLines(editor, SELECTION.from, SELECTION.to);
      const raw = await visualize('visualizeSelection');
      assert.ok(raw, 'no trace');
      assert.equal(raw.meta.file, editor.document.uri.fsPath);
      assert.deepEqual(raw.meta.lines, SELECTION);
      assert.equal(raw.meta.exit.reason, 'completed');
      for (const p of raw.probes) assert.ok(p.line >= SELECTION.from && p.line <= SELECTION.to, `probe outside the selection: ${JSON.stringify(p)}`);
      const oracle = await plainNodeOutput(linesOf(editor.document, SELECTION.from, SELECTION.to), 'ts');
      assert.deepEqual(tracedConsole(raw), oracle);
      assert.ok(oracle.includes('demo immediate'), 'the oracle ran the selection');

      const panel = api.currentPanel();
      assert.ok(panel, 'no panel');
      assert.equal(panel.webviewPanel.title, 'Loopscope: queueDemo.ts:6-17');
      assert.equal(panel.currentTrace?.raw, raw);
      // the page's script ran under the CSP and asked for the trace
      await waitFor('webview/ready from the panel', () => panel.webviewReady, 30000);
      assert.equal(loopscopeTabs().length, 1);
    });

    it('a second run updates the open panel instead of opening another one', async () => {
      const api = await loopscopeApi();
      const first = api.currentPanel();
      assert.ok(first);
      const raw = await visualize('visualizeFile', workspaceFile('moduleKind.js'));
      assert.ok(raw);
      assert.equal(api.currentPanel(), first);
      assert.equal(first.webviewPanel.title, 'Loopscope: moduleKind.js');
      assert.equal(first.currentTrace?.raw, raw);
      assert.equal(loopscopeTabs().length, 1);
    });

    it('traces the unsaved text of a dirty editor without saving it', async () => {
      const uri = workspaceFile('moduleKind.js');
      const onDisk = await fs.readFile(uri.fsPath, 'utf8');
      const editor = await openEditor('moduleKind.js');
      await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), "console.log('unsaved edit');\n"));
      assert.ok(editor.document.isDirty);
      try {
        const raw = await visualize('visualizeFile');
        assert.ok(raw);
        assert.deepEqual(tracedConsole(raw), await plainNodeOutput(editor.document.getText(), 'js'));
        assert.ok(tracedConsole(raw).includes('unsaved edit'));
        assert.equal(raw.meta.file, uri.fsPath, 'the trace names the document, not the temp copy');
        assert.equal(await fs.readFile(uri.fsPath, 'utf8'), onDisk, 'the file on disk changed');
        assert.ok(editor.document.isDirty, 'the document was saved');
      } finally {
        await vscode.window.showTextDocument(editor.document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    });

    it('a syntax error is reported at its position and the cursor goes there', async () => {
      const uri = workspaceFile('syntaxError.js');
      const [line, column] = await nodeSyntaxErrorPosition(uri.fsPath);
      const editor = await openEditor('syntaxError.js');
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      const raw = await visualize('visualizeFile');
      assert.equal(raw, undefined);
      const active = vscode.window.activeTextEditor;
      assert.equal(active?.document.uri.fsPath, uri.fsPath);
      assert.deepEqual([active.selection.active.line + 1, active.selection.active.character], [line, column]);
    });

    it('a new run cancels the one still running, and only the new trace is shown', async () => {
      const api = await loopscopeApi();
      // a long timeout, so "the old run ended by itself" and "it was cancelled" cannot be confused
      await withSetting('timeoutMs', 30000, async () => {
        const slow = visualize('visualizeFile', workspaceFile('forever.js'));
        // the slow run must be running before the new one starts: on a loaded machine a fixed pause was not
        // always enough, and the "new" run then started first and was the one replaced
        for (const deadline = Date.now() + 20000; !(await childRunning('forever.js')); ) {
          assert.ok(Date.now() < deadline, 'the first run never started its child');
          await new Promise((r) => setTimeout(r, 50));
        }
        const t0 = Date.now();
        const fast = visualize('visualizeFile', workspaceFile('moduleKind.js'));
        assert.equal(await slow, undefined, 'the cancelled run produced a trace');
        const cancelMs = Date.now() - t0;
        assert.ok(cancelMs < 10000, `the replaced run took ${cancelMs} ms to end`);
        const raw = await fast;
        assert.ok(raw);
        assert.equal(api.currentPanel()?.currentTrace?.raw, raw);
      });
    });
  });
}
