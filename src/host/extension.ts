// Entry point of the VS Code extension: a thin activate() that builds the shared context and registers the
// commands and the panel serializer. An activation failure is shown to the user, not only logged.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { LoopscopeContext } from './context';
import { VisualizerPanel } from './panel/VisualizerPanel';
import { VisualizerSerializer } from './panel/serializer';

/** Returned by activate(); used by the in-host tests. Deliberately small. */
export interface LoopscopeApi {
  /** The open panel, if any. */
  currentPanel(): VisualizerPanel | undefined;
  /** The serializer VS Code calls after a window reload (tests call it with a panel they create). */
  readonly serializer: vscode.WebviewPanelSerializer;
  /** The 1-based line highlighted in editors of `uri` by the panel's current step. */
  highlightedLine(uri: vscode.Uri): number | undefined;
}

export function activate(extension: vscode.ExtensionContext): LoopscopeApi {
  try {
    const ctx = new LoopscopeContext(extension);
    registerCommands(ctx);
    const serializer = new VisualizerSerializer(ctx.panelDeps);
    ctx.register(vscode.window.registerWebviewPanelSerializer(VisualizerPanel.viewType, serializer));
    ctx.register({ dispose: () => VisualizerPanel.currentPanel?.dispose() });
    return {
      currentPanel: () => VisualizerPanel.currentPanel,
      serializer,
      highlightedLine: (uri) => ctx.panelDeps.highlight.lineOf(uri),
    };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(`Loopscope failed to start: ${message}`);
    throw e;
  }
}

export function deactivate(): void {
  // everything is released through the context's subscriptions
}
