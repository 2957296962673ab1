// Library project: semver's own modules (index.js and its classes/, functions/, ranges/, internal/ files) are
// the user's code here, loaded by a relative require; ranges, sorting, increments and coercion, one batch per
// microtask / nextTick / timer / immediate turn.
// @options timeoutMs=120000 maxEvents=3000000
const semver = require('./lib/semver');

const versions = ['0.9.0', '1.0.0', '1.2.3', '1.2.4-beta.1', '1.10.0', '2.0.0-rc.1', '2.0.0', '2.4.1', '3.0.0', '3.1.0-alpha', '10.2.0'];
const ranges = ['^1.2.0', '~1.2.3', '>=2.0.0 <3', '1.x || >=3.0.0', '*', '<1.0.0', '^2.0.0-rc.0', '>10', 'not a range'];

function checkRange(range) {
  const valid = semver.validRange(range);
  if (valid === null) return `${range}: invalid`;
  const ok = versions.filter((v) => semver.satisfies(v, range));
  return `${range} (${valid}): [${ok.join(', ')}] max=${semver.maxSatisfying(versions, range)} min=${semver.minSatisfying(versions, range)} minVersion=${semver.minVersion(range)}`;
}

const batches = [
  () => ranges.map(checkRange),
  () => [`sorted: ${semver.sort(versions.slice().reverse()).join(' ')}`, `rsorted: ${semver.rsort(versions.slice()).join(' ')}`],
  () => ['major', 'minor', 'patch', 'premajor', 'prerelease'].map((kind) => `inc ${kind}: ${versions.slice(0, 4).map((v) => semver.inc(v, kind, 'beta')).join(' ')}`),
  () => [['1.2.3', '1.3.0'], ['2.0.0-rc.1', '2.0.0'], ['1.0.0', '1.0.0']].map(([a, b]) => `diff ${a} ${b}: ${semver.diff(a, b)} cmp=${semver.compare(a, b)}`),
  () => ['v1.2', '3', 'version 4.5.6 build', '1.2.3.4', 'nothing', '=2.0.0-rc.1'].map((s) => `coerce ${JSON.stringify(s)}: ${semver.coerce(s)} clean=${semver.clean(s)}`),
  () => [['^1.2.0', '~1.3.0'], ['>=2 <3', '^3'], ['1.x', '1.2.x']].map(([a, b]) => `intersects ${a} ${b}: ${semver.intersects(a, b)} subset=${semver.subset(b, a)}`),
  () => [`outside: ${semver.outside('3.0.0', '^1.2.0', '>')} gtr=${semver.gtr('0.1.0', '^1.0.0')} ltr=${semver.ltr('0.1.0', '^1.0.0')}`,
    `simplify: ${semver.simplifyRange(versions, '1.0.0 || 1.2.3 || 2.0.0 || 2.4.1')}`],
  () => {
    // a hot batch: thousands of comparisons in one task, past the default call budget
    const many = [];
    for (let i = 0; i < 1500; i++) many.push(`${(i * 7) % 13}.${(i * 11) % 17}.${(i * 5) % 23}${i % 9 === 0 ? `-rc.${i % 4}` : ''}`);
    const sorted = semver.sort(many.slice());
    return [`hot: ${many.length} versions, first ${sorted[0]}, last ${sorted[sorted.length - 1]}, ^7 max ${semver.maxSatisfying(many, '^7.0.0')}, valid ${many.filter((v) => semver.valid(v)).length}`];
  },
  () => {
    try {
      new semver.SemVer('not.a.version');
      return ['no error'];
    } catch (e) {
      return [`${e.constructor.name}: ${e.message}`];
    }
  },
];

const schedulers = [(f) => queueMicrotask(f), (f) => process.nextTick(f), (f) => setTimeout(f, 1), (f) => setImmediate(f)];

async function main() {
  for (let i = 0; i < batches.length; i++) {
    const lines = await new Promise((resolve) => schedulers[i % schedulers.length](() => resolve(batches[i]())));
    for (const line of lines) console.log(line);
  }
  console.log('done, semver', semver.SEMVER_SPEC_VERSION);
}

main();
