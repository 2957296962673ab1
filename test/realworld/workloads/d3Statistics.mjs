// Real-world workload: d3-array statistics on a seeded dataset (a 32-bit LCG, so every run sees the same data),
// computed in chunks between awaits and timers.
// @options timeoutMs=60000 maxEvents=2000000
import { bin, deviation, extent, group, mean, median, quantile, rollup, sum, variance } from 'd3-array';

let seed = 42;
const random = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const categories = ['alpha', 'beta', 'gamma', 'delta'];
const rows = [];
for (let i = 0; i < 5000; i++) {
  rows.push({ id: i, category: categories[Math.floor(random() * categories.length)], value: Math.round((random() + random() + random()) * 1000) / 10 });
}
const round = (x) => Math.round(x * 1000) / 1000;
const values = rows.map((r) => r.value);

await new Promise((resolve) => setTimeout(resolve, 5));
console.log('mean', round(mean(values)), 'median', round(median(values)));
console.log('deviation', round(deviation(values)), 'variance', round(variance(values)));
console.log('extent', extent(values).join(' '), 'q90', round(quantile(values, 0.9)));

await new Promise((resolve) => setImmediate(resolve));
const bins = bin().domain([0, 300]).thresholds(12)(values);
for (const b of bins) console.log(`bin [${b.x0}, ${b.x1}) ${b.length}`);

const byCategory = await Promise.resolve(group(rows, (r) => r.category));
for (const [name, list] of [...byCategory].sort((a, b) => a[0].localeCompare(b[0]))) {
  console.log(name, list.length, round(mean(list, (r) => r.value)));
}
const sums = rollup(rows, (list) => sum(list, (r) => r.value), (r) => r.category, (r) => r.value > 150);
for (const [name, split] of [...sums].sort((a, b) => a[0].localeCompare(b[0]))) {
  console.log(name, 'above 150:', round(split.get(true) ?? 0), 'at most 150:', round(split.get(false) ?? 0));
}
process.nextTick(() => console.log('done'));
