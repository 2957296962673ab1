// The fix for 04-cpu-blocks-timer.js: move the CPU-bound loop to a worker thread. Run it:
//
//   loopscope trace examples/07-worker-threads.js
//
// The worker runs this same file (isMainThread is false there) on its own thread with its own event loop,
// so the main thread stays free: its 10 ms timer runs on time while the worker is still busy. In the
// Timeline the worker's long task sits in its own lane, side by side with the main thread's timer:
// that is parallelism (two threads at once), next to concurrency (one thread taking turns).
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');

function busyWork(ms) {
  // deliberately block this thread: no await, no callback, just arithmetic
  const end = Date.now() + ms;
  let n = 0;
  while (Date.now() < end) n++;
  return n;
}

if (isMainThread) {
  const scheduled = Date.now();
  setTimeout(() => {
    const delay = Date.now() - scheduled;
    console.log(`timer asked for 10 ms, ran after ${delay} ms`);
  }, 10);
  const worker = new Worker(__filename, { workerData: 200 });
  worker.on('message', () => console.log(`the worker finished after ${Date.now() - scheduled} ms`));
  console.log('the CPU-bound loop runs in a worker; the main thread is free');
} else {
  console.log(`worker: blocking its own thread for ${workerData} ms...`);
  parentPort.postMessage(busyWork(workerData));
}
