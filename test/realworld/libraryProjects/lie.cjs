// Library project: lie (a Promise implementation) and the immediate it schedules with (process.nextTick in
// Node) are the user's code here; their promises interleaved with native ones, nextTicks and immediates.
// @options timeoutMs=150000 maxEvents=3000000
const Lie = require('./lib/lie');
const log = (s) => console.log(s);
Lie.resolve(1).then((v) => log(`lie then ${v}`));
Promise.resolve().then(() => log('native then'));
process.nextTick(() => log('nextTick'));
setImmediate(() => {
  log('immediate');
  new Lie((resolve) => setImmediate(() => resolve('later'))).then((v) => { log(`lie ${v}`); return Lie.all([1, Lie.resolve(2), new Lie((r) => r(3))]); }).then((a) => log(`all ${a}`));
  setImmediate(() => log('second immediate'));
});
Lie.race([new Lie((r) => setImmediate(() => r('slow'))), Lie.resolve('fast')]).then((v) => log(`race ${v}`));
Lie.reject(new Error('boom')).catch((e) => log(`caught ${e.message}`)).finally(() => log('finally'));
(async () => { log(`await lie ${await Lie.resolve('x')}`); })();
log('sync end');
