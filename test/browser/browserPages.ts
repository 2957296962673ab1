// What the browser tests share: the Chromium launch, the built webview assets, opening a page (an exported
// page, or any HTML) from a file:// URL while recording page errors, network requests and dialogs, and the
// check that none happened.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderExportHtml } from '../../src/cli/htmlExport';
import type { RawTrace } from '../../src/shared/rawTrace';
import { buildWebview } from './buildWebview';

export const root = path.resolve(__dirname, '..', '..');
export const shots = path.join(root, 'test-results', 'screenshots');

/** Launch flags as in the team's e2e recipe: no sandbox in the container, no background network. */
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Watched {
  page: Page;
  errors: string[];
  requests: string[];
  dialogs: string[];
}

export interface OpenOptions {
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
  contrast?: 'more' | 'no-preference';
  hash?: string;
  motion?: boolean;
  /** Playwright's fake clock from before the page's scripts run: transitions advance only by page.clock. */
  fakeClock?: boolean;
}

/** A browser, the built webview and a temporary folder for pages; `start` in before(), `stop` in after(). */
export class BrowserPages {
  browser!: Browser;
  assets!: { js: string; css: string };
  private tmp = '';

  async start(): Promise<void> {
    const dir = await buildWebview();
    this.assets = { js: readFileSync(path.join(dir, 'main.js'), 'utf8'), css: readFileSync(path.join(dir, 'styles.css'), 'utf8') };
    this.tmp = mkdtempSync(path.join(os.tmpdir(), 'loopscope-browser-'));
    mkdirSync(shots, { recursive: true });
    this.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: LAUNCH_ARGS });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    if (this.tmp) rmSync(this.tmp, { recursive: true, force: true });
  }

  async open(html: string, opts: OpenOptions = {}): Promise<Watched> {
    const file = path.join(this.tmp, `page-${Math.random().toString(36).slice(2)}.html`);
    writeFileSync(file, html);
    const page = await this.browser.newPage({ viewport: { width: opts.width ?? 1400, height: opts.height ?? 900 } });
    const w: Watched = { page, errors: [], requests: [], dialogs: [] };
    page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy|Refused to/.test(m.text())) w.errors.push(`console: ${m.text()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file://') && !r.url().startsWith('data:')) w.requests.push(r.url());
    });
    page.on('dialog', async (d) => {
      w.dialogs.push(d.message());
      await d.dismiss();
    });
    if (opts.fakeClock) await page.clock.install({ time: 0 });
    await page.emulateMedia({ colorScheme: opts.colorScheme ?? 'light', contrast: opts.contrast ?? 'no-preference', reducedMotion: opts.motion ? 'no-preference' : 'reduce' });
    await page.goto(`file://${file}${opts.hash ?? ''}`);
    return w;
  }

  /** The exported page of `raw` (with a run of each console order of `--runs`: `orderTraces`), once the viewer shows it. */
  async openExport(raw: RawTrace, opts: OpenOptions = {}, orderTraces: readonly RawTrace[] = []): Promise<Watched> {
    const w = await this.open(renderExportHtml(raw, this.assets, undefined, orderTraces), opts);
    await w.page.waitForSelector('.ls-viewer:not([hidden])');
    return w;
  }
}

/** No page errors, CSP violations, network requests or dialogs happened; closes the page. */
export async function clean(w: Watched): Promise<void> {
  assert.deepEqual(w.errors, [], 'no page errors or CSP violations');
  assert.deepEqual(w.requests, [], 'no network requests');
  assert.deepEqual(w.dialogs, [], 'no script from the trace ran');
  await w.page.close();
}

export const texts = (page: Page, sel: string): Promise<string[]> => page.locator(sel).allTextContents();
export const counter = (page: Page): Promise<string | null> => page.locator('.ls-counter').textContent();

/** Boxes of the elements matching `sel` must not overlap each other. */
export async function assertNoOverlap(page: Page, sel: string): Promise<void> {
  const boxes = await page.locator(sel).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const overlap = a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
      assert.ok(!overlap, `${sel} #${i} and #${j} overlap: ${JSON.stringify(a)} ${JSON.stringify(b)}`);
    }
}
