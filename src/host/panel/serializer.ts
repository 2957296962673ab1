// Restores the panel after a window reload from the stored trace and step. It never runs the user's code:
// reloading a window must not execute anything.
import type * as vscode from 'vscode';
import { VisualizerPanel, type PanelDeps } from './VisualizerPanel';

export class VisualizerSerializer implements vscode.WebviewPanelSerializer {
  constructor(private readonly deps: PanelDeps) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, _state: unknown): Promise<void> {
    VisualizerPanel.revive(panel, this.deps, this.deps.store.load());
  }
}
