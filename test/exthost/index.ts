// In-host test runner: VS Code (or code-server) loads this file through extensionTestsPath and calls run(),
// the contract of @vscode/test-electron. Suites use mocha's BDD globals, installed before they are defined.
import Mocha from 'mocha';
import { defineCommandsSuite } from './commands.test';
import { defineSerializerSuite } from './serializer.test';
import { defineSettingsSuite } from './settings.test';
import { defineVisualizeSuite } from './visualize.test';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  const grep = process.env.LOOPSCOPE_EXTHOST_GREP;
  if (grep) mocha.grep(grep);
  mocha.suite.emit('pre-require', globalThis, 'loopscope-exthost', mocha);
  defineCommandsSuite();
  defineVisualizeSuite();
  defineSerializerSuite();
  defineSettingsSuite();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} tests failed.`)) : resolve()));
  });
}
