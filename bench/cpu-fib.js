// CPU workload for `npm run bench`: recursive fib, 2.7M calls (past the call budget they are counted, not
// stepped). Prints its own elapsed ms on the last line.
const t0 = performance.now();
function fib(n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}
console.log(fib(30));
console.log(`ms ${performance.now() - t0}`);
