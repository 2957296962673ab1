// Turns a failed run into what the user sees: a notification with the message and the position, the cursor
// on the position (syntax errors), the same text in the panel if one is open, the details in the output channel.
import * as vscode from 'vscode';
import { LoopscopeInputError } from '../core/errors';
import { SelectionInsideFunctionError } from '../core/selection/planSelection';
import type { VisualizerPanel } from './panel/VisualizerPanel';
import type { TraceTarget } from './traceTarget';
import { documentName } from './traceTarget';

function isInputError(e: unknown): e is LoopscopeInputError {
  return e instanceof LoopscopeInputError || (e instanceof Error && e.name === 'LoopscopeInputError' && 'file' in e);
}

const VISUALIZE_FILE = 'Visualize File';

/** A selection inside a function body (core/selection): duck-typed like isInputError, across bundles. */
function isInsideFunction(e: LoopscopeInputError): e is SelectionInsideFunctionError {
  return e instanceof SelectionInsideFunctionError || typeof (e as { functionName?: unknown }).functionName === 'string';
}

/** Puts the cursor at a 1-based line/column of the document, in its editor (opened if needed). */
export async function moveCursorTo(document: vscode.TextDocument, line: number, column = 1): Promise<void> {
  const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn, preserveFocus: false });
  const lineIndex = Math.min(Math.max(line, 1), document.lineCount) - 1;
  const character = Math.min(Math.max(column, 1) - 1, document.lineAt(lineIndex).text.length);
  const position = new vscode.Position(lineIndex, character);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export async function reportRunError(
  error: unknown,
  target: TraceTarget,
  log: vscode.LogOutputChannel,
  panel: VisualizerPanel | undefined,
): Promise<void> {
  if (isInputError(error)) {
    const name = documentName(target.document);
    const where = error.line === undefined ? name : `${name}:${error.line}${error.column === undefined ? '' : `:${error.column}`}`;
    log.error(`${where}: ${error.message}`);
    panel?.showError({ message: error.message, file: name, line: error.line, column: error.column });
    // the positions are already the file's lines, also when only a selection was traced
    if (error.line !== undefined) await moveCursorTo(target.document, error.line, error.column);
    if (isInsideFunction(error)) {
      // the selection cannot run on its own, but its file can: offer that in one click
      void vscode.window.showErrorMessage(`Loopscope: ${error.message} (${where})`, VISUALIZE_FILE).then((choice) => {
        if (choice === VISUALIZE_FILE) void vscode.commands.executeCommand('loopscope.visualizeFile', target.document.uri);
      });
      return;
    }
    void vscode.window.showErrorMessage(`Loopscope: ${error.message} (${where})`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  log.error(`could not trace ${target.label}: ${error instanceof Error ? error.stack ?? message : message}`);
  panel?.showError({ message });
  const choice = await vscode.window.showErrorMessage(`Loopscope could not trace ${target.label}: ${message}`, 'Show Output');
  if (choice) log.show(true);
}
