// Command-line parsing: defaults, every option, and a clear CliUsageError for each kind of mistake.

import assert from 'node:assert/strict';
import { CliUsageError, parseCliArgs, parseLineRange } from '../../src/cli/args';

describe('parseCliArgs', () => {
  it('defaults: text report, 5000 ms, 100000 events, module auto', () => {
    assert.deepEqual(parseCliArgs(['trace', 'a.js']), {
      kind: 'trace', file: 'a.js', json: false, html: undefined, out: undefined, lines: undefined,
      timeoutMs: 5000, maxEvents: 100000, maxItems: 100, module: 'auto', nodePath: undefined, allTasks: false, runs: 1,
      callBudget: 10000,
    });
  });

  it('--full records every call; --call-budget N sets the per-task budget; not both', () => {
    const full = parseCliArgs(['trace', 'a.js', '--full']);
    assert.equal(full.kind === 'trace' && full.callBudget, Infinity);
    const budget = parseCliArgs(['trace', 'a.js', '--call-budget', '0']);
    assert.equal(budget.kind === 'trace' && budget.callBudget, 0);
    assert.throws(() => parseCliArgs(['trace', 'a.js', '--full', '--call-budget', '5']), /--full records every call: it cannot go with --call-budget/);
    assert.throws(() => parseCliArgs(['trace', 'a.js', '--call-budget', 'many']), /--call-budget expects a whole number of calls, got "many"/);
  });

  it('reads every option', () => {
    const cmd = parseCliArgs(['trace', 'b.ts', '--json', '--html', 'o.html', '--out', 'o.json', '--lines', '40-45',
      '--timeout', '500', '--max-events', '20000', '--max-items', '7', '--module', 'esm', '--node', '/opt/node', '--all-tasks', '--runs', '5']);
    assert.deepEqual(cmd, {
      kind: 'trace', file: 'b.ts', json: true, html: 'o.html', out: 'o.json', lines: { from: 40, to: 45 },
      timeoutMs: 500, maxEvents: 20000, maxItems: 7, module: 'esm', nodePath: '/opt/node', allTasks: true, runs: 5,
      callBudget: 10000,
    });
  });

  it('--node: a path is made absolute against the cwd (the child runs in the file\'s folder); a bare name stays for PATH', () => {
    const relative = parseCliArgs(['trace', 'a.js', '--node', '.tools/node-22/bin/node']);
    assert.equal(relative.kind === 'trace' && relative.nodePath, `${process.cwd()}/.tools/node-22/bin/node`);
    const bare = parseCliArgs(['trace', 'a.js', '--node', 'node22']);
    assert.equal(bare.kind === 'trace' && bare.nodePath, 'node22');
  });

  it('help and version', () => {
    assert.deepEqual(parseCliArgs([]), { kind: 'help' });
    assert.deepEqual(parseCliArgs(['--help']), { kind: 'help' });
    assert.deepEqual(parseCliArgs(['-h']), { kind: 'help' });
    assert.deepEqual(parseCliArgs(['--version']), { kind: 'version' });
  });

  const bad: Array<[string[], RegExp]> = [
    [['trace'], /missing FILE/],
    [['trace', 'a.js', 'b.js'], /one FILE/],
    [['run', 'a.js'], /unknown command/],
    [['trace', 'a.js', '--timeout', 'abc'], /--timeout/],
    [['trace', 'a.js', '--timeout', '0'], /--timeout/],
    [['trace', 'a.js', '--timeout', '1.5'], /--timeout/],
    [['trace', 'a.js', '--max-events', '-3'], /max-events/],
    [['trace', 'a.js', '--module', 'amd'], /--module/],
    [['trace', 'a.js', '--lines', '5-2'], /empty/],
    [['trace', 'a.js', '--lines', 'x'], /A-B/],
    [['trace', 'a.js', '--frobnicate'], /frobnicate/],
    [['trace', 'a.js', '--json=yes'], /json/],
    [['trace', 'a.js', '--runs', '0'], /--runs/],
    [['trace', 'a.js', '--runs', '101'], /at most 100/],
  ];
  for (const [argv, message] of bad) {
    it(`rejects ${argv.join(' ')}`, () => {
      assert.throws(() => parseCliArgs(argv), (e: unknown) => e instanceof CliUsageError && message.test(e.message));
    });
  }

  it('parses line ranges', () => {
    assert.deepEqual(parseLineRange('7'), { from: 7, to: 7 });
    assert.deepEqual(parseLineRange(' 3 - 9 '), { from: 3, to: 9 });
    assert.throws(() => parseLineRange('0-3'), CliUsageError);
  });
});
