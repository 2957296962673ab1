// CPU workload for `npm run bench`: recursive fib, 7M calls (past the call budget they are counted, not
// stepped). Its last line: the wall ms and the CPU ms it took
// (CPU time is less bent by a busy machine; it includes the JIT compiler's threads).
const t0 = performance.now();
const cpu0 = process.cpuUsage();
function fib(n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}
console.log(fib(32));
const cpu = process.cpuUsage(cpu0);
console.log(`ms ${performance.now() - t0} cpu ${(cpu.user + cpu.system) / 1000}`);
