// The classic puzzle: in what order do these four lines print?
//
//   node examples/01-classic-order.js          -> 1, 4, 3, 2
//   loopscope trace examples/01-classic-order.js
//
// 1. Synchronous code runs first, to the end: "1" and "4".
// 2. Then, before the event loop moves on, Node empties the nextTick queue, then the microtask
//    (promise) queue: "3 (nextTick)" and "3 (promise)".
// 3. Only then does the loop reach the timers phase: "2".
// A 0 ms timeout is never "immediate": it waits for every tick and microtask queued before it runs.

console.log('1');

setTimeout(() => {
  console.log('2 (timeout, 0 ms)');
}, 0);

Promise.resolve().then(() => {
  console.log('3 (promise)');
});

process.nextTick(() => {
  // nextTick callbacks run before promise callbacks in a CommonJS script
  console.log('3 (nextTick)');
});

console.log('4');
