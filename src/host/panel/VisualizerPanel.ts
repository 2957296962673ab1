// The Loopscope panel: one webview showing the last trace. The HTML is assigned exactly once per webview
// (re-assigning reloads the page and loses its state); every later change is a protocol message. Messages from
// the webview are validated before use: a webview is a web page, treated as untrusted input.
import * as vscode from 'vscode';
import { panelHtml } from '../../shared/panelHtml';
import { makeNonce } from '../../shared/pageSecurity';
import { isWebviewMessage, type HostMessage, type TraceErrorMessage, type TraceRunningMessage, type WebviewMessage } from '../../shared/protocol';
import { EditorHighlight, revealLine } from '../editorHighlight';
import { traceFileUri } from '../traceFiles';
import { getWebviewOptions, webviewAssetsRoot } from './webviewOptions';
import type { PanelTrace, SavedPanel, TraceStore } from './traceStore';

export interface PanelDeps {
  extensionUri: vscode.Uri;
  store: TraceStore;
  highlight: EditorHighlight;
  /** Current loopscope.playbackSpeed (read at each load, so a settings change applies to the next trace). */
  playbackSpeed: () => number;
  log: vscode.LogOutputChannel;
}

/** What the panel shows instead of a trace: a run in progress or its error (protocol messages). */
type Status = TraceRunningMessage | TraceErrorMessage;

const STEP_SAVE_DELAY_MS = 300;

export class VisualizerPanel implements vscode.Disposable {
  static readonly viewType = 'loopscope.visualizer';
  private static current: VisualizerPanel | undefined;

  static get currentPanel(): VisualizerPanel | undefined {
    return VisualizerPanel.current;
  }

  /** The open panel, revealed without taking focus from the editor, or a new one beside the editor. */
  static createOrShow(deps: PanelDeps, label: string): VisualizerPanel {
    const existing = VisualizerPanel.current;
    if (existing) {
      existing.panel.reveal(undefined, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      VisualizerPanel.viewType,
      titleFor(label),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      getWebviewOptions(deps.extensionUri),
    );
    return new VisualizerPanel(panel, deps);
  }

  /** After a window reload: the serializer hands back the panel; the trace comes from the store, not a re-run. */
  static revive(panel: vscode.WebviewPanel, deps: PanelDeps, saved: SavedPanel | undefined): VisualizerPanel {
    VisualizerPanel.current?.dispose();
    panel.webview.options = getWebviewOptions(deps.extensionUri);
    const revived = new VisualizerPanel(panel, deps);
    if (saved?.kind === 'trace') {
      revived.showTrace(saved.trace, saved.step);
      revived.speedPending = false; // the page restores the speed the user had chosen
    }
    else if (saved?.kind === 'too-large') {
      panel.title = titleFor(saved.label);
      revived.showError({
        message: `The trace of ${saved.label} (${(saved.bytes / 1e6).toFixed(1)} MB) was too large to keep across a reload. Run Loopscope again to see it.`,
      });
    }
    return revived;
  }

  private trace: PanelTrace | undefined;
  private step = 0;
  private status: Status | undefined;
  private ready = false;
  /** The setting's speed goes with a trace's first load only: later the user's choice in the panel wins. */
  private speedPending = false;
  private disposed = false;
  private stepSaveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly received = new vscode.EventEmitter<WebviewMessage>();
  /** Every valid message from the webview, after the panel acted on it. */
  readonly onDidReceiveMessage = this.received.event;

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly deps: PanelDeps) {
    VisualizerPanel.current = this;
    this.panel.webview.html = this.html();
    this.disposables.push(
      this.received,
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      // a hidden webview is torn down (no retainContextWhenHidden): it asks again with webview/ready when shown
      this.panel.onDidChangeViewState(() => {
        if (!this.panel.visible) this.ready = false;
      }),
    );
  }

  get currentTrace(): PanelTrace | undefined {
    return this.trace;
  }

  get currentStep(): number {
    return this.step;
  }

  /** The webview's script has started and asked for the state (`webview/ready`). */
  get webviewReady(): boolean {
    return this.ready;
  }

  get webviewPanel(): vscode.WebviewPanel {
    return this.panel;
  }

  showTrace(trace: PanelTrace, step = 0): void {
    this.trace = trace;
    this.step = step;
    this.speedPending = true;
    this.status = undefined;
    this.panel.title = titleFor(trace.label);
    this.deps.highlight.show(trace.sourceUri, null);
    this.postState();
  }

  showRunning(file: string): void {
    this.status = { type: 'trace/running', file };
    // the panel no longer shows a step: no editor line may stay highlighted for it
    this.deps.highlight.clear();
    this.post(this.status);
  }

  showError(error: Omit<TraceErrorMessage, 'type'>): void {
    this.status = { type: 'trace/error', ...error };
    this.deps.highlight.clear();
    this.post(this.status);
  }

  private postState(): void {
    if (this.trace && this.ready) {
      const speed = this.speedPending ? { playbackSpeed: this.deps.playbackSpeed() } : {};
      this.speedPending = false;
      this.post({ type: 'trace/load', raw: this.trace.raw, step: this.step, ...speed });
    }
    if (this.status) this.post(this.status);
  }

  private post(message: HostMessage): void {
    // before webview/ready the page cannot listen yet; postState() replays the state when it is ready
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) {
      this.deps.log.warn('ignored an invalid message from the panel');
      return;
    }
    switch (message.type) {
      case 'webview/ready':
        this.ready = true;
        this.postState();
        break;
      case 'editor/highlight': {
        // the step may be in another file of the project: the highlight follows it there
        const uri = this.trace ? traceFileUri(this.trace, message.file) : undefined;
        if (uri) this.deps.highlight.show(uri, message.line);
        break;
      }
      case 'editor/reveal': {
        const uri = this.trace ? traceFileUri(this.trace, message.file) : undefined;
        if (uri) await revealLine(uri, message.line).then(undefined, (e: unknown) => this.deps.log.warn(`could not show line ${message.line}: ${String(e)}`));
        break;
      }
      case 'state/step':
        this.step = message.step;
        this.saveStepSoon();
        break;
    }
    this.received.fire(message);
  }

  private saveStepSoon(): void {
    // playback emits a step every few ms; the store gets the last one
    if (this.stepSaveTimer) clearTimeout(this.stepSaveTimer);
    this.stepSaveTimer = setTimeout(() => void this.deps.store.saveStep(this.step), STEP_SAVE_DELAY_MS);
  }

  private html(): string {
    const webview = this.panel.webview;
    const assets = webviewAssetsRoot(this.deps.extensionUri);
    return panelHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(assets, 'main.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(assets, 'styles.css')).toString(),
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (VisualizerPanel.current === this) VisualizerPanel.current = undefined;
    if (this.stepSaveTimer) {
      clearTimeout(this.stepSaveTimer);
      void this.deps.store.saveStep(this.step);
    }
    // a closed panel shows no step: no editor keeps its line highlighted
    this.deps.highlight.clear();
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

function titleFor(label: string): string {
  return `Loopscope: ${label}`;
}
