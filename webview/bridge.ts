// Where the viewer runs: inside a VS Code webview (acquireVsCodeApi exists: messages to the host, state via
// setState) or standalone (an exported page: the trace is embedded, state lives in the URL hash:
// "#step=12", "#step=12&internal=shown" while task navigation visits Node's internal tasks, "&view=timeline"
// while the Timeline or Insights tab is shown, "&presenter=on" in presenter mode).

import { isHostMessage, isRawTraceEnvelope, type HostMessage, type WebviewMessage } from '../src/shared/protocol';
import { ORDER_TRACES_ID, TRACE_DATA_ID } from '../src/shared/panelHtml';
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
  /** Whether a run of the runs' console order `index` can be shown (`order/show`). */
  canShowOrder(index: number): boolean;
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
    // the host keeps the last check's runs (and says so when they are gone)
    canShowOrder: () => true,
    saveState: (s) => api.setState(s),
    loadState: () => asSavedState(api.getState()),
    onMessage: (handler) =>
      win.addEventListener('message', (e: MessageEvent) => {
        if (isHostMessage(e.data)) handler(e.data);
      }),
  };
}

export function standaloneBridge(win: Window): HostBridge {
  let handler: ((message: HostMessage) => void) | undefined;
  return {
    mode: 'standalone',
    canShowOrder: (index) => index === 0 || embeddedOrderTraces(win.document)?.[index] != null,
    // the page is its own host: another order's run is embedded beside the shown one (--runs N --html)
    post: (m) => {
      if (m.type !== 'order/show' || !handler) return;
      const raw = readEmbeddedOrderTrace(win.document, m.index);
      if (raw) handler({ type: 'trace/load', raw, step: 0 });
    },
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
    onMessage: (h) => {
      handler = h;
    },
  };
}

export function detectBridge(win: Window): HostBridge {
  const acquire = (win as WindowWithVsCode).acquireVsCodeApi;
  return typeof acquire === 'function' ? vscodeBridge(win, acquire()) : standaloneBridge(win);
}

/**
 * The run of the runs' console order `index` embedded in an exported page of `--runs N` (a list of raw traces,
 * one per order, null for the page's main trace), or null.
 */
function readEmbeddedOrderTrace(doc: Document, index: number): RawTrace | null {
  if (index === 0) {
    const main = readEmbeddedTrace(doc);
    return main && 'raw' in main ? main.raw : null;
  }
  const raw = embeddedOrderTraces(doc)?.[index];
  return isRawTraceEnvelope(raw) ? raw : null;
}

const orderListCache = new WeakMap<Document, unknown[] | null>();

/** The page's list of order runs, parsed once (a page of one run: null). */
function embeddedOrderTraces(doc: Document): unknown[] | null {
  if (!orderListCache.has(doc)) {
    let list: unknown = null;
    try {
      list = JSON.parse(doc.getElementById(ORDER_TRACES_ID)?.textContent ?? 'null');
    } catch {
      // a damaged list: the page offers no other order
    }
    orderListCache.set(doc, Array.isArray(list) ? list : null);
  }
  return orderListCache.get(doc) ?? null;
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
