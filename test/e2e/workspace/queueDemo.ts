// Loopscope end-to-end sample: the tests select lines 6-17 (queueDemo and its call) and visualize them.
interface QueueDemoJob { label: string; delayMs: number }
const queueDemoJobs: QueueDemoJob[] = [{ label: 'outside the selection', delayMs: 0 }];
console.log(queueDemoJobs.length);

function queueDemo(prefix: string): void {
  console.log(`${prefix} sync start`);
  setTimeout(() => {
    console.log(`${prefix} timeout`);
    setImmediate(() => console.log(`${prefix} immediate`));
  }, 0);
  Promise.resolve().then(() => console.log(`${prefix} microtask`));
  process.nextTick(() => console.log(`${prefix} nextTick`));
  console.log(`${prefix} sync end`);
}

queueDemo('demo');
