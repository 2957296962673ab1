// The exported page and the panel skeleton: strict CSP, inlined assets, embedded trace that survives
// hostile text (`</script>` in console output), nothing that could load from the network.
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { renderExportHtml } from '../../src/cli/htmlExport';
import { APP_ROOT_ID, TRACE_DATA_ID, jsonForScriptElement, panelHtml } from '../../src/shared/panelHtml';
import type { RawTrace } from '../../src/shared/rawTrace';

import { c01 } from './modelFixtures';

/** Any trace will do here (a hand-written one); a copy, since a test adds an event to it. */
const raw = (): RawTrace => structuredClone(c01());
const assets = { js: 'window.__booted = "</script> inside js";\n//# sourceMappingURL=main.js.map\n', css: 'body { color: red } /* </style> */' };

describe('HTML export page', () => {
  it('embeds the raw trace so that JSON.parse(textContent) gives it back, with hostile text inert', () => {
    const r = raw();
    r.events.push(['console', 9, 'stdout', '</script><script>alert(1)</script>\u2028<!--', 1]);
    const html = renderExportHtml(r, assets, 'N0nce');
    const doc = new JSDOM(html).window.document;
    const data = doc.getElementById(TRACE_DATA_ID)!;
    assert.equal(data.getAttribute('type'), 'application/json');
    assert.deepEqual(JSON.parse(data.textContent!), r);
    // exactly our two scripts: the data element and the nonce'd app script
    const scripts = Array.from(doc.querySelectorAll('script'));
    assert.equal(scripts.length, 2);
    assert.equal(scripts[1].getAttribute('nonce'), 'N0nce');
    assert.ok(!html.includes('</script><script>alert(1)'));
  });

  it('has a CSP that allows only its own inline script and style, and no network', () => {
    const html = renderExportHtml(raw(), assets, 'N0nce');
    const doc = new JSDOM(html).window.document;
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-N0nce'(;|$)/);
    assert.match(csp, /style-src 'nonce-N0nce'(;|$)/);
    assert.doesNotMatch(csp, /unsafe|https?:|\*/);
    assert.equal(doc.querySelector('style')!.getAttribute('nonce'), 'N0nce');
    assert.equal(doc.querySelectorAll('[src], [href], link').length, 0);
    assert.ok(doc.getElementById(APP_ROOT_ID));
  });

  it('inlines the assets safely and drops the source map URL', () => {
    const html = renderExportHtml(raw(), assets, 'N0nce');
    const doc = new JSDOM(html).window.document;
    assert.match(doc.querySelectorAll('script')[1].textContent!, /window\.__booted = "<\\\/script> inside js"/);
    assert.doesNotMatch(html, /sourceMappingURL/);
    assert.match(doc.querySelector('style')!.textContent!, /body \{ color: red \} \/\* <\\\/style> \*\//);
  });

  it('uses a fresh random nonce by default', () => {
    const a = renderExportHtml(raw(), assets);
    const b = renderExportHtml(raw(), assets);
    const nonce = (h: string) => /nonce-([^']+)'/.exec(h)![1];
    assert.notEqual(nonce(a), nonce(b));
    assert.ok(nonce(a).length >= 16);
  });

  it('jsonForScriptElement escapes < and line separators', () => {
    assert.equal(jsonForScriptElement({ a: '</script>\u2028' }), '{"a":"\\u003c/script>\\u2028"}');
  });
});

describe('panel HTML (VS Code)', () => {
  it('loads the script and style from webview URIs under a nonce CSP', () => {
    const html = panelHtml({ cspSource: 'vscode-webview://abc', nonce: 'XyZ', scriptUri: 'vscode-resource:/m.js?a=1&b=2', styleUri: 'vscode-resource:/s.css' });
    const doc = new JSDOM(html).window.document;
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /style-src vscode-webview:\/\/abc 'nonce-XyZ'/);
    assert.match(csp, /script-src 'nonce-XyZ'/);
    const script = doc.querySelector('script')!;
    assert.equal(script.getAttribute('src'), 'vscode-resource:/m.js?a=1&b=2');
    assert.equal(script.getAttribute('nonce'), 'XyZ');
    assert.equal(doc.querySelector('link[rel="stylesheet"]')!.getAttribute('href'), 'vscode-resource:/s.css');
    assert.ok(doc.getElementById(APP_ROOT_ID));
    assert.equal(doc.getElementById(TRACE_DATA_ID), null);
  });
});
