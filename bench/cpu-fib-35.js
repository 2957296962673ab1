// CPU workload for `npm run bench`: bench/cpu-fib.js at fib(35), 30M calls (about 100 ms plain). Beside
// fib(32)'s 25 ms, it shows how much of fib(32)'s ratio is the tracer's fixed warm-up (its first 10,000
// recorded calls, run before V8 optimized the record path, and V8 compiling it) rather than a cost per call.
// Its last line: the wall ms and the CPU ms it took.
const t0 = performance.now();
const cpu0 = process.cpuUsage();
function fib(n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}
console.log(fib(35));
const cpu = process.cpuUsage(cpu0);
console.log(`ms ${performance.now() - t0} cpu ${(cpu.user + cpu.system) / 1000}`);
