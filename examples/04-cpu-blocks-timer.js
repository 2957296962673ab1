// A timer is a lower bound, not an appointment. Run it:
//
//   loopscope trace examples/04-cpu-blocks-timer.js
//
// The 10 ms timer is due long before the CPU-bound loop ends, but JavaScript runs one task at a time:
// the timer callback waits in the timer queue until the synchronous loop returns.

const scheduled = Date.now();
setTimeout(() => {
  const delay = Date.now() - scheduled;
  console.log(`timer asked for 10 ms, ran after ${delay} ms`);
}, 10);

function busyWork(ms) {
  // deliberately block the thread: no await, no callback, just arithmetic
  const end = Date.now() + ms;
  let n = 0;
  while (Date.now() < end) n++;
  return n;
}

console.log('blocking the thread for 200 ms...');
busyWork(200);
console.log('done blocking; only now can the timer run');
