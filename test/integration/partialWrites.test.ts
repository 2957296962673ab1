// A write that ends without a newline leaves the terminal's line open (ConsoleLine.open): the stream's next
// write continues it. The oracle is plain node's stdout and stderr: the JSON document's console entries, joined
// the way a terminal joins them, and the panel's console rows (jsdom) read back as the lines node printed.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { traceFile } from '../../src/core/runTraced';
import { buildModel } from '../../src/shared/model';
import { traceDocument, type TraceDocument } from '../../src/shared/traceDocument';
import { formatTextReport } from '../../src/cli/textReport';
import { buildLayout } from '../../webview/layout';
import { ConsoleView } from '../../webview/render/console';
import { buildOutputRows } from '../../webview/outputRows';
import { plainNode, tempDir, writeProgram } from './helpers/programs';

/** A progress line written over three timer tasks, an empty write, a write of several lines ending open. */
const PROGRAM = `process.stdout.write('loading');
process.stderr.write('warn: ');
let dots = 0;
const timer = setInterval(() => {
  process.stdout.write('.');
  if (++dots === 3) {
    clearInterval(timer);
    process.stdout.write('done\\nsecond');
    process.stderr.write('slow\\n');
    setTimeout(() => console.log(' line'), 2);
  }
}, 1);
process.stdout.write('');
`;

/** What a terminal shows for one stream: each entry continues the line the previous one left open. */
function terminalLines(doc: TraceDocument, stream: 'stdout' | 'stderr'): string[] {
  const lines: string[] = [];
  let open = false;
  for (const c of doc.console.filter((e) => e.stream === stream)) {
    const parts = c.text.split('\n');
    if (open) lines[lines.length - 1] += parts.shift();
    lines.push(...parts);
    open = c.open === true;
  }
  return lines;
}

const linesOf = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

describe('partial writes: a line left open is continued by the next write, as in a terminal', function () {
  this.timeout(30000);
  let dir: string;
  let file: string;
  before(() => {
    dir = tempDir();
    file = writeProgram(dir, 'progress.js', PROGRAM);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the JSON console entries say which writes left their line open, and join into what node printed', async () => {
    const plain = plainNode(file);
    assert.deepEqual(linesOf(plain.stdout), ['loading...done', 'second line']);
    const doc = traceDocument(buildModel(await traceFile({ file })));
    assert.deepEqual(terminalLines(doc, 'stdout'), linesOf(plain.stdout));
    assert.deepEqual(terminalLines(doc, 'stderr'), linesOf(plain.stderr));
    assert.deepEqual(
      doc.console.map((c) => [c.text, c.open === true]),
      [['loading', true], ['warn: ', true], ['.', true], ['.', true], ['.', true], ['done\nsecond', true], ['slow', false], [' line', false]],
    );
  });

  it("the panel's console rows are node's lines, and a row shows only the writes made by the step shown", async () => {
    const plain = plainNode(file);
    const model = buildModel(await traceFile({ file }));
    const { window } = new JSDOM('<!DOCTYPE html><main id="loopscope-root"></main>');
    const layout = buildLayout(window.document.getElementById('loopscope-root')!);
    const view = new ConsoleView(layout.console, model, buildOutputRows(model));
    const shown = (): string[] => Array.from(layout.console.querySelectorAll('.ls-out-stdout .ls-out-text'), (e) => e.textContent ?? '');
    view.render(model.stepCount - 1);
    assert.deepEqual(shown(), linesOf(plain.stdout));
    // at the second dot's step the progress line reads "loading.." and is the current row
    const secondDot = model.console.filter((c) => c.text === '.')[1];
    view.render(secondDot.step);
    assert.deepEqual(shown(), ['loading..']);
    assert.ok(layout.console.querySelector('.ls-out-stdout')!.classList.contains('is-current'));
    // and back at the first write, before any dot
    view.render(model.console[0].step);
    assert.deepEqual(shown(), ['loading']);
  });

  it('the text report marks each write that left its line open', async () => {
    const report = formatTextReport(buildModel(await traceFile({ file })));
    assert.match(report, /printed {2}loading .* · no newline/);
    assert.match(report, /printed {2}done .*\n\s+second · no newline\n/);
    assert.doesNotMatch(report, /printed {2} line.*no newline/);
  });
});
