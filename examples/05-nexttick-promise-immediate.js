// nextTick vs promises vs setImmediate vs setTimeout, including work queued from inside callbacks.
// Run it:
//
//   loopscope trace examples/05-nexttick-promise-immediate.js
//
// Rules shown here (Node, CommonJS):
// - after each task, Node drains the nextTick queue, then the microtask queue, and repeats until both are
//   empty, so a tick queued by a promise callback still runs before the loop moves on;
// - setImmediate runs in the check phase; an immediate queued by an immediate waits for the next loop turn;
// - inside an I/O callback setImmediate always beats setTimeout(0) (the check phase comes next).

const fs = require('fs');

setImmediate(() => {
  console.log('immediate 1');
  setImmediate(() => console.log('immediate 3 (queued by immediate 1: next loop turn)'));
  process.nextTick(() => console.log('  tick after immediate 1'));
});
setImmediate(() => console.log('immediate 2'));

Promise.resolve().then(() => {
  console.log('promise 1');
  process.nextTick(() => console.log('tick queued by promise 1 (after the microtask queue drains)'));
  Promise.resolve().then(() => console.log('promise 2 (queued by promise 1)'));
});

process.nextTick(() => console.log('tick 1 (first of all)'));

fs.readFile(__filename, () => {
  console.log('file read (I/O callback)');
  setTimeout(() => console.log('timeout from I/O'), 0);
  setImmediate(() => console.log('immediate from I/O (always before that timeout)'));
});

console.log('sync');
