// CPU workload for `npm run bench`: a tight loop, one statement per iteration. Prints the CPU ms it used (less bent by a busy machine than wall time) on
// the last line so the bench compares the workload itself, not process start-up.
const t0 = performance.now();
const cpu0 = process.cpuUsage();
let s = 0;
for (let i = 0; i < 100_000_000; i++) {
  s += i % 7;
}
console.log(s);
const cpu = process.cpuUsage(cpu0);
console.log(`ms ${performance.now() - t0} cpu ${(cpu.user + cpu.system) / 1000}`);
