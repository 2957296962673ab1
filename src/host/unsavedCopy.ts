// An unsaved document is traced from its editor text, never from a save: the text goes to a file in a fresh
// private temp folder (never next to the user's files) which is removed after the run. Only untitled editors need
// it: a saved file with unsaved changes is traced at its own path with the editor's text (TraceOptions.source).
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_BY_LANGUAGE: Record<string, string> = {
  javascript: '.js',
  javascriptreact: '.jsx',
  typescript: '.ts',
  typescriptreact: '.tsx',
};

export interface UnsavedCopy extends vscode.Disposable {
  /** The temp file holding the editor's text. */
  readonly file: string;
}

function fileNameFor(document: vscode.TextDocument): string {
  const base = path.basename(document.uri.path);
  if (path.extname(base)) return base;
  return `${base || 'untitled'}${EXTENSION_BY_LANGUAGE[document.languageId] ?? '.js'}`;
}

export async function writeUnsavedCopy(document: vscode.TextDocument): Promise<UnsavedCopy> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loopscope-unsaved-'));
  const file = path.join(dir, fileNameFor(document));
  await fs.writeFile(file, document.getText(), 'utf8');
  return {
    file,
    dispose: () => void fs.rm(dir, { recursive: true, force: true }).catch(() => undefined),
  };
}
