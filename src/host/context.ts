// Everything the commands share, built once in activate(): the output channel, the panel's dependencies, the
// runner. Every disposable goes through register(), so deactivation releases all of it.
import * as vscode from 'vscode';
import { traceFile } from '../core/runTraced';
import { traceRuns } from '../core/runs/traceRuns';
import { EditorHighlight } from './editorHighlight';
import type { PanelDeps } from './panel/VisualizerPanel';
import { TraceStore } from './panel/traceStore';
import { readSettings } from './settings';
import { TraceRunner } from './traceRunner';

export class LoopscopeContext {
  readonly log: vscode.LogOutputChannel;
  readonly panelDeps: PanelDeps;
  readonly runner: TraceRunner;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = this.register(vscode.window.createOutputChannel('Loopscope', { log: true }));
    this.panelDeps = {
      extensionUri: extension.extensionUri,
      store: new TraceStore(extension.workspaceState),
      highlight: this.register(new EditorHighlight()),
      playbackSpeed: () => readSettings().playbackSpeed,
      log: this.log,
    };
    this.runner = this.register(
      new TraceRunner({ traceFile, traceRuns, panel: this.panelDeps, isTrusted: () => vscode.workspace.isTrusted }),
    );
  }

  register<T extends vscode.Disposable>(disposable: T): T {
    this.extension.subscriptions.push(disposable);
    return disposable;
  }
}
