// Library project: commander (one CommonJS file: Command extends EventEmitter, so node:events calls back
// into library code) is the user's code here; options, a subcommand, choices, version and help with exitOverride.
// @options timeoutMs=150000 maxEvents=3000000
const { Command, Option } = require('./lib/commander');
const program = new Command();
program.name('loop').version('1.2.3').exitOverride().configureOutput({ writeOut: (s) => console.log('OUT', JSON.stringify(s)), writeErr: (s) => console.log('ERR', JSON.stringify(s)) });
program.option('-d, --debug', 'debug').option('-n, --count <n>', 'count', (v) => Number(v), 1).addOption(new Option('-c, --colour <c>').choices(['red', 'blue']));
program.command('run <file> [rest...]').description('run a file').option('--fast').action(function (file, rest, opts) {
  console.log('run', file, rest.join('+'), JSON.stringify(opts), JSON.stringify(this.parent.opts()));
});
program.on('option:debug', () => console.log('debug listener fired'));
program.parse(['node', 'loop', '-d', '-n', '5', 'run', 'a.js', 'b', 'c', '--fast']);
for (const args of [['--colour', 'green'], ['--version'], ['--help'], ['nope']]) {
  try {
    new Command().exitOverride().configureOutput({ writeOut: (s) => console.log('OUT', s.length), writeErr: (s) => console.log('ERR', JSON.stringify(s)) })
      .version('9.9.9').addOption(new Option('--colour <c>').choices(['red'])).parse(['node', 'x', ...args]);
  } catch (e) {
    console.log('caught', e.code, e.exitCode);
  }
}
console.log(program.helpInformation().split('\n').length);
