// Benchmark workload: 100k promises, 10k timers, 5k immediates, 5k nextTicks.
let done = 0;
async function chain(n) {
  for (let i = 0; i < n; i++) await Promise.resolve(i);
  done++;
}
const jobs = [];
for (let i = 0; i < 20000; i++) jobs.push(chain(4)); // 20k async functions x (4 awaits + own promise) ~ 100k+ promises
for (let i = 0; i < 10000; i++) setTimeout(() => { done++; }, i % 20);
for (let i = 0; i < 5000; i++) setImmediate(() => { done++; });
for (let i = 0; i < 5000; i++) process.nextTick(() => { done++; });
Promise.all(jobs).then(() => console.log('promises settled'));
process.on('beforeExit', () => { if (done) { console.log('done', done); done = 0; } });
