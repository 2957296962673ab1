#!/usr/bin/env node
// The in-host suites (test/exthost) in desktop VS Code, for machines that can download it: @vscode/test-electron
// fetches VS Code (cached in .vscode-test/), starts it with this checkout as the extension under development
// and the test workspace open, and runs dist/test/exthost/index.js's run(). Build first: `node esbuild.mjs`.
// Not runnable on the offline CI machines (no download): there test/vscode/run-code-server.sh runs the same
// suites in code-server. Usage: node test/vscode/run-test-electron.mjs [--version stable|insiders|1.90.0]
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const testsPath = path.join(root, 'dist/test/exthost/index.js');
if (!existsSync(testsPath)) {
  console.error(`${path.relative(root, testsPath)} is missing: run \`node esbuild.mjs\` first`);
  process.exit(2);
}
const vi = process.argv.indexOf('--version');
const version = vi > 0 ? process.argv[vi + 1] : undefined;
const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'loopscope-vscode-'));
try {
  await runTests({
    version,
    extensionDevelopmentPath: root,
    extensionTestsPath: testsPath,
    launchArgs: [
      path.join(root, 'test/e2e/workspace'),
      '--disable-extensions', // only Loopscope (the extension under development) is loaded
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${userDataDir}`,
    ],
  });
  console.log('extension host tests passed');
} catch (e) {
  console.error(e instanceof TestRunFailedError ? e.message : e);
  process.exitCode = 1;
} finally {
  rmSync(userDataDir, { recursive: true, force: true });
}
