// The HTML skeleton of the Loopscope viewer, shared by the VS Code panel (src/host builds it with its own
// nonce and webview URIs) and the self-contained export (src/cli/htmlExport.ts inlines the script and CSS).
// One skeleton, so both places boot the same app the same way. The app (webview/main.ts) builds its own DOM
// inside the root element; the skeleton only holds what must exist before the script runs. Pure strings.

import { viewerCsp } from './pageSecurity';

/** The element the app renders into. */
export const APP_ROOT_ID = 'loopscope-root';
/** `<script type="application/json">` holding an embedded RawTrace (standalone pages only). */
export const TRACE_DATA_ID = 'loopscope-trace';
/**
 * `<script type="application/json">` of a page made with `--runs N`: one RawTrace per console order of the runs
 * (RawTrace meta.orderVariant's order), null for the page's own trace, so the order picker can show the others.
 */
export const ORDER_TRACES_ID = 'loopscope-order-traces';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON for a `<script type="application/json">` element: `<` is written as \u003c so no user text (for
 * example `</script>` in console output) can close the element; U+2028/2029 are escaped too so the text
 * stays valid if someone ever pastes it into JS. `JSON.parse(el.textContent)` gives the value back.
 */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface PageShellParts {
  /** The Content-Security-Policy value. */
  csp: string;
  /** Markup placed in <head> after the CSP (stylesheet link or inline <style>). */
  styles: string;
  /** Markup placed at the end of <body> (data element, scripts). */
  scripts: string;
}

/** The page around the app: strict CSP first, then styles, the root with a readable boot state, scripts. */
export function pageShell(parts: PageShellParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(parts.csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Loopscope</title>
${parts.styles}
</head>
<body>
<main id="${APP_ROOT_ID}" class="ls-root" aria-busy="true">
<p class="ls-boot">Loading Loopscope…</p>
<noscript><p class="ls-boot">Loopscope needs JavaScript to draw the trace.</p></noscript>
</main>
${parts.scripts}
</body>
</html>
`;
}

export interface PanelHtmlOptions {
  /** `webview.cspSource` */
  cspSource: string;
  /** A fresh random nonce per HTML assignment (crypto, not Math.random). */
  nonce: string;
  /** `webview.asWebviewUri(dist/webview/main.js)` as a string. */
  scriptUri: string;
  /** `webview.asWebviewUri(dist/webview/styles.css)` as a string. */
  styleUri: string;
}

/** The VS Code panel's HTML: assets loaded from the extension, nothing else allowed. */
export function panelHtml(o: PanelHtmlOptions): string {
  const nonce = escapeHtml(o.nonce);
  return pageShell({
    csp: viewerCsp({ nonce: o.nonce, assetSource: o.cspSource }),
    styles: `<link rel="stylesheet" href="${escapeHtml(o.styleUri)}" nonce="${nonce}">`,
    scripts: `<script nonce="${nonce}" src="${escapeHtml(o.scriptUri)}"></script>`,
  });
}
