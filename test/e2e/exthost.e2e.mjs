// Runs the mocha suite of test/exthost INSIDE code-server's (Node) extension host, the way @vscode/test-electron
// does with --extensionDevelopmentPath/--extensionTestsPath: code-server takes them from the workbench URL's
// `payload` parameter, and the workbench reports through window.codeAutomationLog / codeAutomationExit.
// Usage: node test/e2e/exthost.e2e.mjs <baseUrl> <workspaceFolder> <extensionDevelopmentPath> <extensionTestsPath> [timeoutSeconds]
// PATCH_SMOKE=1: turn on developmentOptions.enableSmokeTestDriver in the page (VS Code builds that need it for the
// payload keys and whose code-server has no --vscode-option flag). SHOT_DIR: where the final screenshot goes.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';

const [baseUrl, folder, devPath, testsPath, timeoutS = '300'] = process.argv.slice(2);
if (!testsPath) {
  console.error('usage: exthost.e2e.mjs <baseUrl> <workspaceFolder> <extensionDevelopmentPath> <extensionTestsPath> [timeoutSeconds]');
  process.exit(2);
}
const authority = new URL(baseUrl).host; // code-server's browser side uses location.host as the remote authority
const remote = (p) => `vscode-remote://${authority}${p}`;
const payload = JSON.stringify([['extensionDevelopmentPath', remote(devPath)], ['extensionTestsPath', remote(testsPath)]]);
const url = `${baseUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`;

const profile = fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), 'chromium-profile-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
let done;
const exited = new Promise((r) => (done = r));
await page.exposeFunction('codeAutomationLog', (type, args) => console.log(util.format(...(args ?? []))));
await page.exposeFunction('codeAutomationExit', (code) => done(code));
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
if (process.env.PATCH_SMOKE === '1') {
  // rewrite <meta id="vscode-workbench-web-configuration" data-settings=...> before the workbench reads it
  // (a page.route() rewrite of the HTML broke the remote connection, so it is done from an init script)
  await page.addInitScript(() => {
    const patch = (el) => {
      if (el.id !== 'vscode-workbench-web-configuration' || el.dataset.patched) return;
      const cfg = JSON.parse(el.getAttribute('data-settings'));
      cfg.developmentOptions = { ...(cfg.developmentOptions || {}), enableSmokeTestDriver: true };
      el.setAttribute('data-settings', JSON.stringify(cfg));
      el.dataset.patched = '1';
    };
    new MutationObserver((muts) => muts.forEach((m) => m.addedNodes.forEach((n) => n.nodeType === 1 && patch(n))))
      .observe(document, { childList: true, subtree: true });
  });
}
const t0 = Date.now();
await page.goto(url);
const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), Number(timeoutS) * 1000))]);
console.log(`extension host tests finished with exit code ${code} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
await page.screenshot({ path: path.join(process.env.SHOT_DIR || process.cwd(), 'exthost-final.png') }).catch(() => {});
await ctx.close();
fs.rmSync(profile, { recursive: true, force: true });
process.exit(code === 0 ? 0 : 1);
