// Shared by the in-host suites: the extension's test API, the test workspace, settings that reset themselves,
// and the oracle (plain `node` on the same code).
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LoopscopeApi } from '../../src/host/extension';
import type { RawTrace } from '../../src/shared/rawTrace';

export const EXTENSION_ID = 'loopscope.loopscope';

export async function loopscopeApi(): Promise<LoopscopeApi> {
  const ext = vscode.extensions.getExtension<LoopscopeApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  return ext.activate();
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the folder test/e2e/workspace open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openEditor(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document, vscode.ViewColumn.One);
}

/** Selects whole lines from..to (1-based, inclusive) like a user dragging over them. */
export function selectLines(editor: vscode.TextEditor, from: number, to: number): void {
  editor.selection = new vscode.Selection(from - 1, 0, to - 1, editor.document.lineAt(to - 1).text.length);
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs `fn` with loopscope.<key> = value in the user settings, then removes the setting again. */
export async function withSetting<T>(key: string, value: unknown, fn: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('loopscope');
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await fn();
  } finally {
    await config.update(key, undefined, vscode.ConfigurationTarget.Global);
  }
}

export async function visualize(command: 'visualizeSelection' | 'visualizeFile' | 'checkOrderStability', arg?: vscode.Uri): Promise<RawTrace | undefined> {
  return vscode.commands.executeCommand<RawTrace | undefined>(`loopscope.${command}`, arg);
}

/** The user's console output as recorded in the trace, one string per line. */
export function tracedConsole(raw: RawTrace): string[] {
  const text = raw.events.flatMap((e) => (e[0] === 'console' ? [e[3]] : [])).join('\n');
  return text.split('\n').filter((line) => line !== '');
}

/**
 * The oracle: what plain `node` prints for `source` (TypeScript types stripped by esbuild first, nothing
 * else changed). esbuild is loaded at run time from the repo: its API cannot be bundled into this file.
 */
export async function plainNodeOutput(source: string, loader: 'ts' | 'js'): Promise<string[]> {
  const esbuild = createRequire(__filename)('esbuild') as typeof import('esbuild');
  const { code } = await esbuild.transform(source, { loader, target: 'esnext' });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loopscope-oracle-'));
  try {
    const file = path.join(dir, 'oracle.cjs');
    await fs.writeFile(file, code);
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile('node', [file], { timeout: 10000 }, (err, out) => (err ? reject(err) : resolve(out))),
    );
    return stdout.split('\n').filter((line) => line !== '');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Lines from..to of a document's text (1-based, inclusive). */
export function linesOf(document: vscode.TextDocument, from: number, to: number): string {
  return document.getText(new vscode.Range(from - 1, 0, to - 1, document.lineAt(to - 1).text.length));
}
