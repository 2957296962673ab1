// CPU workload for `npm run bench`: a JSON round trip of a 2,000-record array, 60 times. Prints its own
// elapsed ms on the last line.
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const data = [];
for (let i = 0; i < 2000; i++) data.push({ id: i, name: 'item ' + i, tags: ['a', 'b', 'c'], nested: { x: i / 3, ok: i % 2 === 0 } });
let total = 0;
for (let r = 0; r < 60; r++) {
  const copy = JSON.parse(JSON.stringify(data));
  total += copy.length;
}
console.log(total);
const cpu = process.cpuUsage(cpu0);
console.log(`ms ${performance.now() - t0} cpu ${(cpu.user + cpu.system) / 1000}`);
