// Library project: fastq and reusify are the user's code here; a callback queue of concurrency 2 whose workers
// finish in setImmediate, then its promise queue across timers.
// @options timeoutMs=150000 maxEvents=3000000
const fastq = require('./lib/fastq');
const done = [];
const q = fastq((task, cb) => setImmediate(() => cb(null, task * 2)), 2);
for (let i = 0; i < 12; i++) q.push(i, (err, r) => done.push(r));
q.drain = () => {
  console.log('drained', done.join(','));
  const pq = fastq.promise(async (n) => { await new Promise((r) => setTimeout(r, 1)); return n + 1; }, 3);
  Promise.all([1, 2, 3, 4, 5].map((n) => pq.push(n))).then((r) => console.log('promise queue', r.join(',')));
};
console.log('queued', q.length(), 'running', q.running());
