// Entry point of the `loopscope` command (bundled to dist/cli.js; bin/loopscope.js requires it).

import { isBrokenPipe, runCli } from './runCli';

// `loopscope trace x.js | head`: the reader left early; that is not a failure
process.stdout.on('error', (e) => {
  if (isBrokenPipe(e)) process.exit(0);
  throw e;
});

void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
);
