// Runs one visualization: checks (trust, Node binary), traces in the background with a cancellable progress
// notification when it takes a while, logs what ran, and hands the trace to the panel. The editor is never
// blocked: the user's code runs in a child process, and a new run cancels the previous one.
import * as vscode from 'vscode';
import type { TraceOptions } from '../core/runTraced';
import { traceOfVariant, type TracedRuns, type TraceRunsOptions } from '../core/runs/traceRuns';
import { orderPreview, orderStabilitySummary } from '../shared/orderVariants';
import type { RawTrace } from '../shared/rawTrace';
import { reportRunError } from './errorReport';
import { NodeNotFoundError, resolveNodeBinary } from './nodeBinary';
import { VisualizerPanel, type PanelDeps } from './panel/VisualizerPanel';
import { describeRun, exitWarning } from './runReport';
import { readSettings } from './settings';
import type { TraceTarget } from './traceTarget';
import { writeUnsavedCopy, type UnsavedCopy } from './unsavedCopy';
import { refuseUntrusted, UNTRUSTED_MESSAGE } from './workspaceTrust';

/** Runs shorter than this finish without a notification flashing up. */
export const PROGRESS_DELAY_MS = 500;

export type TraceFile = (opts: TraceOptions) => Promise<RawTrace>;
export type TraceRuns = (opts: TraceRunsOptions) => Promise<TracedRuns>;

export interface RunnerDeps {
  traceFile: TraceFile;
  traceRuns: TraceRuns;
  panel: PanelDeps;
  isTrusted: () => boolean;
}

export class TraceRunner implements vscode.Disposable {
  private running: AbortController | undefined;
  /** The last Check Order Stability's runs: the panel's order picker shows their other orders. */
  private orders: { traced: TracedRuns; target: TraceTarget } | undefined;
  /** Panels whose order picker this runner answers. */
  private readonly listened = new WeakSet<VisualizerPanel>();

  constructor(private readonly deps: RunnerDeps) {}

  private get log(): vscode.LogOutputChannel {
    return this.deps.panel.log;
  }

  /** The trace shown in the panel, or undefined when nothing was traced (refused, cancelled, failed). */
  run(target: TraceTarget): Promise<RawTrace | undefined> {
    return this.traceAndShow(target, target.label, (opts) => this.deps.traceFile(opts));
  }

  /**
   * "Check Order Stability": the program run `loopscope.stabilityRuns` times; the panel shows a run of the most
   * frequent console order, and a notification offers the others.
   */
  async checkOrderStability(target: TraceTarget): Promise<RawTrace | undefined> {
    const runs = readSettings(target.document.uri).stabilityRuns;
    let traced: TracedRuns | undefined;
    const raw = await this.traceAndShow(target, `${target.label} (${runs} runs)`, async (opts) => {
      traced = await this.deps.traceRuns({ ...opts, runs });
      this.orders = { traced, target };
      return traceOfVariant(traced, 0);
    });
    if (raw && traced) this.offerOtherOrders(traced, target);
    return raw;
  }

  /** The panel's order picker (webview/render/header.ts): show a run of another of the last runs' orders. */
  private showOrder(index: number): void {
    const orders = this.orders;
    if (!orders || index >= orders.traced.traces.length) {
      void vscode.window.showInformationMessage('Loopscope: the runs of that check are gone (a newer run, or a window reload). Run “Check Order Stability” again.');
      return;
    }
    this.show(traceOfVariant(orders.traced, index), orders.target, `${orders.target.label} (order ${index + 1})`);
  }

  private offerOtherOrders(traced: TracedRuns, target: TraceTarget): void {
    const { variants } = traced;
    const summary = orderStabilitySummary(variants);
    this.log.info(`  ${summary}`);
    if (variants.variants.length < 2) {
      void vscode.window.showInformationMessage(`Loopscope: ${summary}.`);
      return;
    }
    void vscode.window.showWarningMessage(`Loopscope: ${summary}. The panel shows order 1.`, 'Show Another Order').then(async (choice) => {
      if (!choice) return;
      const picked = await vscode.window.showQuickPick(
        variants.variants.map((v, i) => ({ label: `Order ${i + 1}`, description: `${v.count} of ${variants.count} runs`, detail: orderPreview(v.console).join(' · '), index: i })),
        { title: 'Loopscope: console orders of the runs', placeHolder: 'Show a run that printed this order' },
      );
      if (picked) this.show(traceOfVariant(traced, picked.index), target, `${target.label} (order ${picked.index + 1})`);
    });
  }

  private show(raw: RawTrace, target: TraceTarget, label: string): void {
    const trace = { raw, sourceUri: target.document.uri, label };
    const panel = VisualizerPanel.createOrShow(this.deps.panel, label);
    if (!this.listened.has(panel)) {
      this.listened.add(panel);
      panel.onDidReceiveMessage((m) => {
        if (m.type === 'order/show') this.showOrder(m.index);
      });
    }
    panel.showTrace(trace);
    void this.deps.panel.store.saveTrace(trace).then(undefined, (e: unknown) => this.log.warn(`could not keep the trace for a window reload: ${String(e)}`));
  }

  private async traceAndShow(target: TraceTarget, label: string, trace: (opts: TraceOptions) => Promise<RawTrace>): Promise<RawTrace | undefined> {
    if (!this.deps.isTrusted()) {
      this.log.warn(UNTRUSTED_MESSAGE);
      refuseUntrusted();
      return undefined;
    }
    const settings = readSettings(target.document.uri);
    // the newest run wins at once, before anything is awaited: a run still looking for its node binary must not
    // cancel a run that started after it
    this.running?.abort();
    const abort = new AbortController();
    this.running = abort;
    let nodeBinary: string;
    try {
      nodeBinary = await resolveNodeBinary(settings.nodePath);
    } catch (e) {
      if (this.running === abort) this.running = undefined;
      if (!(e instanceof NodeNotFoundError)) throw e;
      this.log.error(e.message);
      void vscode.window.showErrorMessage(e.message, 'Open Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'loopscope.nodePath');
      });
      return undefined;
    }
    if (abort.signal.aborted) return undefined; // a newer run started while this one looked for node
    const document = target.document;
    let unsaved: UnsavedCopy | undefined;
    const panel = VisualizerPanel.currentPanel;
    panel?.showRunning(label);
    this.log.info(`visualize ${label}`);
    let raw: RawTrace;
    try {
      // An untitled editor has no path of its own: it runs from a temp copy. A saved file with unsaved changes
      // runs at its own path with the editor's text, so its relative imports still resolve.
      if (document.isUntitled) {
        unsaved = await writeUnsavedCopy(document);
        this.log.info(`  untitled editor: traced its text from ${unsaved.file}`);
      } else if (document.isDirty) {
        this.log.info('  unsaved changes: traced the editor\'s text (the file on disk is not changed)');
      }
      const tracing = trace({
        file: unsaved?.file ?? document.uri.fsPath,
        source: document.isDirty && !document.isUntitled ? document.getText() : undefined,
        lines: target.lines,
        module: settings.moduleFormat,
        timeoutMs: settings.timeoutMs,
        maxEvents: settings.maxEvents,
        ...(settings.fullTrace ? { callBudget: Infinity } : {}),
        nodePath: nodeBinary,
        signal: abort.signal,
      });
      const progress = this.progressAfterDelay(tracing, abort, label);
      try {
        raw = await tracing;
      } finally {
        progress.dispose();
      }
    } catch (e) {
      if (abort.signal.aborted) {
        this.log.info(`  cancelled: ${target.label}`);
        if (this.running === abort) panel?.showError({ message: `Cancelled: ${target.label}` });
        return undefined;
      }
      await reportRunError(e, target, this.log, VisualizerPanel.currentPanel);
      return undefined;
    } finally {
      unsaved?.dispose();
      if (this.running === abort) this.running = undefined;
    }
    if (abort.signal.aborted) return undefined; // a newer run replaced this one while it finished

    if (unsaved) {
      // the trace belongs to the document, not to the temp copy it was read from
      const file = document.isUntitled ? document.uri.toString() : document.uri.fsPath;
      raw = { ...raw, meta: { ...raw.meta, file } };
    }
    for (const line of describeRun(raw, nodeBinary)) this.log.info(line);
    this.show(raw, target, target.label);
    const warning = exitWarning(raw, target.label);
    if (warning) void vscode.window.showWarningMessage(warning);
    return raw;
  }

  /** A notification with Cancel, only if the run is still going after PROGRESS_DELAY_MS. */
  private progressAfterDelay(run: Promise<unknown>, abort: AbortController, label: string): vscode.Disposable {
    let finished = false;
    const settled = run.then(
      () => undefined,
      () => undefined,
    ).finally(() => (finished = true));
    const timer = setTimeout(() => {
      if (finished) return;
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Loopscope: running ${label}…`, cancellable: true },
        (_progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          return settled;
        },
      );
    }, PROGRESS_DELAY_MS);
    return { dispose: () => clearTimeout(timer) };
  }

  dispose(): void {
    this.running?.abort();
  }
}

