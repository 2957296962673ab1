// A library frame between two user frames in the panel (Chromium, exported page of a trace made now): the
// js-events project's listener, called by EventEmitter#emit from Bus.ping, shows `emit` between them as a
// dimmed row tagged "library" with its module, and no line to click. Screenshot: test-results/screenshots/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { traceFile } from '../../src/core/runTraced';
import { buildModel } from '../../src/shared/model';
import type { RawTrace } from '../../src/shared/rawTrace';
import { BrowserPages, clean, root, shots, texts } from './browserPages';

const pages = new BrowserPages();

describe('webview in Chromium: a library frame between user frames (traced now)', function () {
  this.timeout(120000);
  let raw: RawTrace;
  before(async () => {
    await pages.start();
    raw = await traceFile({ file: path.join(root, 'test/fixtures/projects/js-events/main.js') });
  });
  after(() => pages.stop());

  it('shows emit once between Bus.ping and onPing: dimmed, tagged library, not clickable', async () => {
    const model = buildModel(raw);
    const ping = model.console.find((c) => c.text === '[info] ping 1');
    assert.ok(ping, 'the trace has the first ping line');
    const w = await pages.openExport(raw, { hash: `#step=${ping.step + 1}` });
    const { page } = w;
    const rows = '.ls-stack .ls-frame:not(.is-exiting)';
    // bottom to top in the data; the lane draws the top row highest
    const names = await texts(page, `${rows} .ls-frame-name`);
    assert.deepEqual(names, ['main script', 'Bus.ping', 'emit', 'onPing', 'info'], `stack rows: ${JSON.stringify(names)}`);
    const library = page.locator(`${rows}.is-library`);
    assert.equal(await library.count(), 1);
    assert.equal(await library.locator('.ls-frame-tag').textContent(), 'library');
    assert.equal(await library.locator('.ls-frame-detail').textContent(), 'node:events');
    assert.equal(await library.getAttribute('data-line'), null, 'nothing to reveal');
    assert.equal(await library.getAttribute('role'), null);
    // dimmed: its name is drawn in the muted colour, unlike a user frame's
    const colour = (sel: string): Promise<string> => page.locator(sel).first().evaluate((el) => getComputedStyle(el).color);
    assert.notEqual(await colour(`${rows}.is-library .ls-frame-name`), await colour(`${rows}:not(.is-library):not(.is-task) .ls-frame-name`));
    // user frames show no tag
    assert.deepEqual((await texts(page, `${rows}:not(.is-library) .ls-frame-tag`)).filter((t) => t !== ''), []);
    await page.locator('.ls-stack').screenshot({ path: path.join(shots, 'library-frame-emit.png') });
    await clean(w);
  });
});
