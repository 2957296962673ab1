// Real-world workload: semver range checks (satisfies, maxSatisfying, minSatisfying, coerce) over a list of
// versions, one range per microtask / nextTick / timer turn.
// @options timeoutMs=60000 maxEvents=2000000
const semver = require('semver');

const versions = ['0.9.0', '1.0.0', '1.2.3', '1.2.4-beta.1', '1.10.0', '2.0.0-rc.1', '2.0.0', '2.4.1', '3.0.0', '3.1.0-alpha', '10.2.0'];
const ranges = ['^1.2.0', '~1.2.3', '>=2.0.0 <3', '1.x || >=3.0.0', '*', '<1.0.0', '^2.0.0-rc.0', '>10', 'not a range'];
const loose = ['v1.2', '3', 'version 4.5.6 build', '1.2.3.4', 'nothing', '=2.0.0-rc.1'];

function check(range) {
  const valid = semver.validRange(range);
  if (valid === null) return `${range}: invalid`;
  const ok = versions.filter((v) => semver.satisfies(v, range));
  return `${range} (${valid}): [${ok.join(', ')}] max=${semver.maxSatisfying(versions, range)} min=${semver.minSatisfying(versions, range)}`;
}

const schedulers = [(f) => queueMicrotask(f), (f) => process.nextTick(f), (f) => setTimeout(f, 1), (f) => setImmediate(f)];

async function main() {
  for (let i = 0; i < ranges.length; i++) {
    const line = await new Promise((resolve) => schedulers[i % schedulers.length](() => resolve(check(ranges[i]))));
    console.log(line);
  }
  for (const text of loose) {
    const c = semver.coerce(text);
    console.log(`coerce ${JSON.stringify(text)} -> ${c === null ? null : c.version}`);
  }
  console.log('sorted', semver.sort([...versions]).join(' '));
  console.log('rsorted', semver.rsort([...versions]).join(' '));
  console.log('diff', semver.diff('1.2.3', '2.0.0'), semver.diff('1.2.3', '1.2.4-beta.1'));
}

main().finally(() => console.log('done'));
