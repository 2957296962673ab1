// What a command asked to trace: which document, which lines, and whether its text on disk is current.
// Pure of side effects: reading the editor state only; running is the runner's job.
import * as path from 'node:path';
import * as vscode from 'vscode';

/** Extensions Loopscope traces (esbuild loaders exist for each). Kept in step with package.json's `when` clauses. */
export const TRACEABLE_EXTENSIONS: readonly string[] = ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts'];
const TRACEABLE_LANGUAGES: readonly string[] = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];

export interface TraceTarget {
  document: vscode.TextDocument;
  /** 1-based inclusive lines of the file, when only a selection is traced. */
  lines?: { from: number; to: number };
  /** Short name for titles and messages, e.g. "sample.ts" or "sample.ts:3-7". */
  label: string;
}

export class TargetError extends Error {}

function isTraceable(document: vscode.TextDocument): boolean {
  return TRACEABLE_EXTENSIONS.includes(path.extname(document.uri.path).toLowerCase()) ||
    TRACEABLE_LANGUAGES.includes(document.languageId);
}

/** The lines a selection covers; a selection ending at column 0 of a later line does not include that line. */
export function selectionLines(selection: vscode.Selection): { from: number; to: number } {
  const from = selection.start.line + 1;
  let to = selection.end.line + 1;
  if (selection.end.character === 0 && selection.end.line > selection.start.line) to -= 1;
  return { from, to };
}

export function documentName(document: vscode.TextDocument): string {
  return path.basename(document.uri.path) || document.uri.toString();
}

function describe(document: vscode.TextDocument, lines?: { from: number; to: number }): string {
  const name = documentName(document);
  if (!lines) return name;
  return lines.from === lines.to ? `${name}:${lines.from}` : `${name}:${lines.from}-${lines.to}`;
}

async function documentFor(uri: vscode.Uri | undefined): Promise<vscode.TextDocument> {
  if (uri) return vscode.workspace.openTextDocument(uri);
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new TargetError('Loopscope: open a JavaScript or TypeScript file first.');
  return editor.document;
}

function checkTraceable(document: vscode.TextDocument): void {
  if (!isTraceable(document)) {
    throw new TargetError(`Loopscope traces JavaScript and TypeScript files (${TRACEABLE_EXTENSIONS.join(' ')}); ${documentName(document)} is not one.`);
  }
  if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') {
    throw new TargetError(`Loopscope runs files on this machine; ${document.uri.toString()} is not a local file.`);
  }
}

/** The whole file: the explorer/title-bar URI when the command came from there, else the active editor's. */
export async function fileTarget(uri?: vscode.Uri): Promise<TraceTarget> {
  const document = await documentFor(uri);
  checkTraceable(document);
  return { document, label: describe(document) };
}

/** The active editor's selection (its lines); an empty selection traces the whole file. */
export function selectionTarget(editor: vscode.TextEditor | undefined): TraceTarget {
  if (!editor) throw new TargetError('Loopscope: select some lines of a JavaScript or TypeScript file first.');
  checkTraceable(editor.document);
  const lines = editor.selection.isEmpty ? undefined : selectionLines(editor.selection);
  return { document: editor.document, lines, label: describe(editor.document, lines) };
}
