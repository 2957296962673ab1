// In-host test runner: VS Code (or code-server) loads this file through extensionTestsPath and calls run(),
// the contract of @vscode/test-electron. Suites use mocha's BDD globals, installed before they are defined.
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { defineCommandsSuite } from './commands.test';
import { defineSerializerSuite } from './serializer.test';
import { defineSettingsSuite } from './settings.test';
import { defineVisualizeSuite } from './visualize.test';
import { defineWorkspaceTrustSuite } from './workspaceTrust.test';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  const grep = process.env.LOOPSCOPE_EXTHOST_GREP;
  if (grep) mocha.grep(grep);
  mocha.suite.emit('pre-require', globalThis, 'loopscope-exthost', mocha);
  if (vscode.workspace.isTrusted) {
    defineCommandsSuite();
    defineVisualizeSuite();
    defineSerializerSuite();
    defineSettingsSuite();
  } else {
    // a window opened on an untrusted folder: only the Restricted Mode behaviour can be checked there
    defineWorkspaceTrustSuite();
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} tests failed.`)) : resolve()));
  });
}
