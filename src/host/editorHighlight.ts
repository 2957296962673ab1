// Editor sync for the panel: the current step's running line as a whole-line decoration (the debugger's
// stack-frame colour, so themes already style it), and "show me this line" from the panel.
import * as vscode from 'vscode';

export class EditorHighlight implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.stackFrameHighlightBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  });
  private current: { uri: string; line: number } | undefined;
  private readonly subscription: vscode.Disposable;

  constructor() {
    // an editor of the file opened (or re-shown) after the step changed must show the line too
    this.subscription = vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.apply(e)));
  }

  /** The 1-based line highlighted in editors of `uri`, if any (for tests and the panel's own checks). */
  lineOf(uri: vscode.Uri): number | undefined {
    return this.current?.uri === uri.toString() ? this.current.line : undefined;
  }

  show(uri: vscode.Uri, line: number | null): void {
    const previous = this.current;
    this.current = line === null ? undefined : { uri: uri.toString(), line };
    for (const editor of vscode.window.visibleTextEditors) {
      const key = editor.document.uri.toString();
      if (key === uri.toString() || key === previous?.uri) this.apply(editor);
    }
  }

  clear(): void {
    this.current = undefined;
    for (const editor of vscode.window.visibleTextEditors) editor.setDecorations(this.decoration, []);
  }

  private apply(editor: vscode.TextEditor): void {
    const c = this.current;
    if (!c || editor.document.uri.toString() !== c.uri || c.line > editor.document.lineCount) {
      editor.setDecorations(this.decoration, []);
      return;
    }
    editor.setDecorations(this.decoration, [new vscode.Range(c.line - 1, 0, c.line - 1, 0)]);
  }

  dispose(): void {
    this.subscription.dispose();
    this.decoration.dispose();
  }
}

/** Shows `line` of the document in a text editor (not over the panel), selected and centred if off screen. */
export async function revealLine(uri: vscode.Uri, line: number): Promise<void> {
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const editor = visible
    ? await vscode.window.showTextDocument(visible.document, { viewColumn: visible.viewColumn, preserveFocus: false })
    : await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
  const index = Math.min(Math.max(line, 1), editor.document.lineCount) - 1;
  const text = editor.document.lineAt(index);
  // anchored at the end, the cursor at the start: the editor does not scroll sideways to a long line's end
  editor.selection = new vscode.Selection(index, text.range.end.character, index, text.firstNonWhitespaceCharacterIndex);
  editor.revealRange(text.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/**
 * Shows `uri` in the editor column that holds `traced` (else the first), as a preview tab, without taking focus
 * from the panel; nothing happens when an editor already shows it.
 */
export async function showBesidePanel(uri: vscode.Uri, traced: vscode.Uri): Promise<void> {
  const visible = vscode.window.visibleTextEditors;
  if (visible.some((e) => e.document.uri.toString() === uri.toString())) return;
  const column = visible.find((e) => e.document.uri.toString() === traced.toString())?.viewColumn ?? vscode.ViewColumn.One;
  await vscode.window.showTextDocument(uri, { viewColumn: column, preview: true, preserveFocus: true });
}
