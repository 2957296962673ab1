// Entry point of the webview bundle (dist/webview/main.js, an IIFE). Inside VS Code it shakes hands with the
// host (webview/ready -> trace/load); in an exported page it shows the embedded trace.

import { APP_ROOT_ID } from '../src/shared/panelHtml';
import { LoopscopeApp } from './app';
import { detectBridge, readEmbeddedTrace } from './bridge';

declare global {
  interface Window {
    /** The running app, for the browser tests and the bench. */
    loopscope?: LoopscopeApp;
  }
}

function boot(): void {
  const root = document.getElementById(APP_ROOT_ID);
  if (!root) return;
  const bridge = detectBridge(window);
  const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  const app = new LoopscopeApp(root, bridge, { reducedMotion });
  window.loopscope = app;

  if (bridge.mode === 'vscode') {
    app.showStatus({ kind: 'empty', message: 'Waiting for a trace. Select some code and run “Loopscope: Visualize Selection”, or “Loopscope: Visualize File”.' });
    bridge.post({ type: 'webview/ready' });
    return;
  }
  const embedded = readEmbeddedTrace(document);
  if (!embedded) app.showStatus({ kind: 'empty', message: 'This page has no trace embedded. Create one with: loopscope trace FILE --html OUT.html' });
  else if ('error' in embedded) app.showStatus({ kind: 'error', message: embedded.error });
  else app.loadRaw(embedded.raw);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
