// Library project: d3-array, d3-format and d3-scale (with the d3-interpolate, d3-color, d3-time and
// d3-time-format it imports) are the user's code here, ES modules of "type": "module" packages imported by
// relative paths; statistics, scales, ticks and formats on a seeded dataset, in chunks between awaits and timers.
// @options timeoutMs=150000 maxEvents=3000000
import { bin, deviation, extent, group, mean, median, quantile, rollup, sum, ticks } from './lib/d3-array/dist/d3-array.mjs';
import { format, formatPrefix, precisionFixed } from './lib/d3-format/dist/d3-format.mjs';
import { scaleLinear, scaleLog, scaleOrdinal, scaleQuantize, scaleTime, scaleUtc } from './lib/d3-scale/dist/d3-scale.mjs';
import { interpolateRgb } from './lib/d3-interpolate/dist/d3-interpolate.mjs';

let seed = 7;
const random = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const categories = ['alpha', 'beta', 'gamma', 'delta'];
const rows = [];
for (let i = 0; i < 2000; i++) {
  rows.push({ id: i, category: categories[Math.floor(random() * categories.length)], value: Math.round((random() + random() + random()) * 1000) / 10 });
}
const values = rows.map((r) => r.value);
const f3 = format('.3f');
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

console.log('mean', f3(mean(values)), 'median', f3(median(values)), 'deviation', f3(deviation(values)), 'sum', format(',.1f')(sum(values)));
await tick();
const [lo, hi] = extent(values);
console.log('extent', lo, hi, 'quartiles', [0.25, 0.5, 0.75].map((p) => quantile(values, p)).join(' '));
const bins = bin().thresholds(ticks(lo, hi, 10))(values);
console.log('bins', bins.map((b) => `${b.x0}-${b.x1}:${b.length}`).join(' '));
await Promise.resolve();
const byCategory = rollup(rows, (v) => f3(mean(v, (r) => r.value)), (r) => r.category);
console.log('by category', [...byCategory].sort().map(([k, v]) => `${k}=${v}`).join(' '));
console.log('groups', [...group(rows, (r) => r.category, (r) => r.value > 150)].map(([k, g]) => `${k}:${g.get(true)?.length ?? 0}`).sort().join(' '));
await tick();

const x = scaleLinear().domain([lo, hi]).range([0, 960]).nice();
console.log('linear', x.domain().join(' '), x(100).toFixed(2), x.invert(480).toFixed(2), x.ticks(5).map(x.tickFormat(5)).join(' '));
const y = scaleLog().domain([1, 1e6]).range([0, 300]);
console.log('log ticks', y.ticks().filter((_, i) => i % 5 === 0).map(y.tickFormat(10, '~s')).join(' '));
const colour = scaleLinear().domain([0, 1]).range(['steelblue', 'orange']).interpolate(interpolateRgb);
console.log('colours', [0, 0.25, 0.5, 0.75, 1].map(colour).join(' '));
const q = scaleQuantize().domain([0, 300]).range(['low', 'mid', 'high']);
console.log('quantize', values.slice(0, 8).map(q).join(' '));
const ord = scaleOrdinal(categories, ['#1', '#2', '#3', '#4']);
console.log('ordinal', categories.map(ord).join(' '));
await tick();
const t = scaleUtc().domain([Date.UTC(2024, 0, 1), Date.UTC(2024, 11, 31)]);
console.log('utc ticks', t.ticks(6).map(t.tickFormat()).join(' | '));
const t2 = scaleUtc().domain([Date.UTC(2024, 1, 28, 22), Date.UTC(2024, 1, 29, 4)]);
console.log('utc hours', t2.ticks(4).map(t2.tickFormat()).join(' | '));
console.log('time scale kind', typeof scaleTime().ticks);
console.log('formats', [format('.2s')(42e6), format('+,.0f')(-1234.5), format('.1%')(0.123), formatPrefix(',.0', 1e3)(1234567), format('$.2f')(3.5), precisionFixed(0.01)].join(' '));
