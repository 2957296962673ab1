// `loopscope trace FILE --html OUT.html`: one self-contained offline page that steps through the trace with
// the same viewer as the VS Code panel. The built webview script and CSS are inlined, the RawTrace is
// embedded as JSON (the page builds the model itself, with the shared src/shared/model), and a CSP allows
// only the page's own inline script and style (by nonce) and no network at all.

import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { ORDER_TRACES_ID, TRACE_DATA_ID, jsonForScriptElement, pageShell } from '../shared/panelHtml';
import { makeNonce, viewerCsp } from '../shared/pageSecurity';
import type { RawTrace } from '../shared/rawTrace';

export interface WebviewAssets {
  js: string;
  css: string;
}


/**
 * Inline text cannot contain the closing tag of its element: `</script` / `</style` become `<\/script` /
 * `<\/style` (equivalent inside JS strings, regexes and comments, where they can occur).
 */
function inlineSafe(text: string, tag: 'script' | 'style'): string {
  return text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

/** More orders than this are named in the page's picker but not embedded: each one is a whole trace. */
export const MAX_EMBEDDED_ORDERS = 10;

/**
 * The page, as a string: pure (the nonce is a parameter so tests can pin it). `orderTraces` (`--runs N`): a run
 * of each console order of the runs, in meta.orderVariant's order; the page shows `raw` and offers the others.
 */
export function renderExportHtml(raw: RawTrace, assets: WebviewAssets, nonce: string = makeNonce(), orderTraces: readonly RawTrace[] = []): string {
  // the bundle's external source map is not part of the page: drop its URL so nothing tries to fetch it
  const js = assets.js.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  return pageShell({
    csp: viewerCsp({ nonce }),
    styles: `<style nonce="${nonce}">\n${inlineSafe(assets.css, 'style')}\n</style>`,
    scripts:
      `<script type="application/json" id="${TRACE_DATA_ID}">${jsonForScriptElement(raw)}</script>\n` +
      orderTracesElement(raw, orderTraces) +
      `<script nonce="${nonce}">\n${inlineSafe(js, 'script')}\n</script>`,
  });
}

/** The other orders' runs (the page's own trace is null in the list: it is embedded once). */
function orderTracesElement(raw: RawTrace, orderTraces: readonly RawTrace[]): string {
  if (orderTraces.length < 2) return '';
  const list = orderTraces.slice(0, MAX_EMBEDDED_ORDERS).map((t) => (t.meta.orderVariant?.index === raw.meta.orderVariant?.index ? null : t));
  return `<script type="application/json" id="${ORDER_TRACES_ID}">${jsonForScriptElement(list)}</script>\n`;
}

/**
 * Where the built webview lives: next to the running bundle (dist/cli.js -> dist/webview/), or, when run
 * from the sources under tsx (src/cli/), the repository's dist/webview/.
 */
export function findWebviewAssetDir(): string {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const candidates = [path.join(here, 'webview'), path.join(here, '..', '..', 'dist', 'webview'), path.join(here, '..', 'dist', 'webview')];
  const found = candidates.find((d) => existsSync(path.join(d, 'main.js')) && existsSync(path.join(d, 'styles.css')));
  if (!found) {
    throw new Error(`Loopscope's viewer is not built (no webview/main.js and styles.css in ${candidates.join(', ')}). Run: npm run build`);
  }
  return found;
}

export async function readWebviewAssets(dir: string = findWebviewAssetDir()): Promise<WebviewAssets> {
  const [js, css] = await Promise.all([
    fsp.readFile(path.join(dir, 'main.js'), 'utf8'),
    fsp.readFile(path.join(dir, 'styles.css'), 'utf8'),
  ]);
  return { js, css };
}

export async function writeHtmlExport(raw: RawTrace, outFile: string, orderTraces: readonly RawTrace[] = []): Promise<void> {
  const html = renderExportHtml(raw, await readWebviewAssets(), makeNonce(), orderTraces);
  await fsp.writeFile(outFile, html, 'utf8');
}
