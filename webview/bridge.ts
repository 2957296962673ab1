// Where the viewer runs: inside a VS Code webview (acquireVsCodeApi exists: messages to the host, state via
// setState) or standalone (an exported page: the trace is embedded, state lives in the URL hash:
// "#step=12", "#step=12&internal=shown" while task navigation visits Node's internal tasks, "&view=timeline"
// while the Timeline or Insights tab is shown, "&presenter=on" in presenter mode).

import { isHostMessage, isRawTraceEnvelope, type HostMessage, type WebviewMessage } from '../src/shared/protocol';
import { TRACE_DATA_ID } from '../src/shared/panelHtml';
import type { RawTrace } from '../src/shared/rawTrace';
import { isSideTab, type SideTab } from './sideTabs';

export interface SavedState {
  step: number;
  speed?: number;
  /** The traced file the step belongs to (a saved step of another file is not restored). */
  file?: string;
  /** Task navigation visits Node's internal tasks too (a preference: kept across files). Absent: folded. */
  showInternal?: boolean;
  /** The tab beside the step view (sideTabs.ts). Absent: the source view. */
  view?: SideTab;
  /** Presenter mode (presenter.ts). Absent: off. */
  presenter?: boolean;
}

export interface HostBridge {
  readonly mode: 'vscode' | 'standalone';
  post(message: WebviewMessage): void;
  saveState(state: SavedState): void;
  loadState(): SavedState | undefined;
  onMessage(handler: (message: HostMessage) => void): void;
}

/** The part of VS Code's webview API the viewer uses. */
export interface VsCodeApi {
  postMessage(message: unknown): void;
  setState(state: unknown): void;
  getState(): unknown;
}

type WindowWithVsCode = Window & { acquireVsCodeApi?: () => VsCodeApi };

function asSavedState(x: unknown): SavedState | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const s = x as Record<string, unknown>;
  if (typeof s.step !== 'number' || !Number.isInteger(s.step) || s.step < 0) return undefined;
  return {
    step: s.step,
    speed: typeof s.speed === 'number' ? s.speed : undefined,
    file: typeof s.file === 'string' ? s.file : undefined,
    ...(s.showInternal === true ? { showInternal: true } : {}),
    ...(isSideTab(s.view) && s.view !== 'source' ? { view: s.view } : {}),
    ...(s.presenter === true ? { presenter: true } : {}),
  };
}

export function vscodeBridge(win: Window, api: VsCodeApi): HostBridge {
  return {
    mode: 'vscode',
    post: (m) => api.postMessage(m),
    saveState: (s) => api.setState(s),
    loadState: () => asSavedState(api.getState()),
    onMessage: (handler) =>
      win.addEventListener('message', (e: MessageEvent) => {
        if (isHostMessage(e.data)) handler(e.data);
      }),
  };
}

export function standaloneBridge(win: Window): HostBridge {
  return {
    mode: 'standalone',
    post: () => undefined,
    saveState: (s) => {
      try {
        win.history.replaceState(null, '', `#step=${s.step + 1}${s.showInternal ? '&internal=shown' : ''}${s.view ? `&view=${s.view}` : ''}${s.presenter ? '&presenter=on' : ''}`);
      } catch {
        // file:// pages in some browsers refuse replaceState; the step is simply not kept
      }
    },
    loadState: () => {
      const m = /^#step=(\d+)(&internal=shown)?(?:&view=([a-z]+))?(&presenter=on)?$/.exec(win.location.hash);
      if (!m) return undefined;
      const view = isSideTab(m[3]) && m[3] !== 'source' ? { view: m[3] } : {};
      return { step: Math.max(0, Number(m[1]) - 1), ...(m[2] ? { showInternal: true } : {}), ...view, ...(m[4] ? { presenter: true } : {}) };
    },
    onMessage: () => undefined,
  };
}

export function detectBridge(win: Window): HostBridge {
  const acquire = (win as WindowWithVsCode).acquireVsCodeApi;
  return typeof acquire === 'function' ? vscodeBridge(win, acquire()) : standaloneBridge(win);
}

/** The RawTrace embedded in an exported page, or an error message saying why there is none. */
export function readEmbeddedTrace(doc: Document): { raw: RawTrace } | { error: string } | null {
  const el = doc.getElementById(TRACE_DATA_ID);
  if (!el) return null;
  try {
    const value: unknown = JSON.parse(el.textContent ?? '');
    return isRawTraceEnvelope(value) ? { raw: value } : { error: 'The embedded trace is not a Loopscope raw trace (format/version mismatch).' };
  } catch (e) {
    return { error: `The embedded trace is not valid JSON: ${(e as Error).message}` };
  }
}
