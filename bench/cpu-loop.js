// CPU workload for `npm run bench`: a tight loop, one statement per iteration. Prints its own elapsed ms on
// the last line so the bench compares the workload itself, not process start-up.
const t0 = performance.now();
let s = 0;
for (let i = 0; i < 100_000_000; i++) {
  s += i % 7;
}
console.log(s);
console.log(`ms ${performance.now() - t0}`);
