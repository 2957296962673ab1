// Worker workload for `npm run bench` (part 7): the main thread starts a worker running this same file; the
// worker computes fib(30) (1.6M calls, counted past the call budget) and reports its own time. The main
// thread's last line: the wall ms from creating the Worker to its answer, and the worker's own ms.
const { Worker, isMainThread, parentPort } = require('node:worker_threads');

function fib(n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

if (isMainThread) {
  const t0 = performance.now();
  const worker = new Worker(__filename);
  worker.on('message', ({ value, ms }) => {
    console.log(value);
    console.log(`worker ${ms} wall ${performance.now() - t0}`);
  });
} else {
  const t0 = performance.now();
  const value = fib(30);
  parentPort.postMessage({ value, ms: performance.now() - t0 });
}
