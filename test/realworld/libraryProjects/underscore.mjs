// Library project: underscore's ES module build (modules/, 161 files under their own "type": "module"
// package.json) is the user's code here; collections, templates, chains and a debounce across a timer.
// @options timeoutMs=150000 maxEvents=3000000
import _ from './lib/underscore/modules/index-all.js';
import { groupBy, sortBy, template, debounce, chain } from './lib/underscore/modules/index.js';
const data = _.range(200).map((i) => ({ id: i, g: ['x', 'y'][i % 2], v: (i * 13) % 47 }));
console.log(JSON.stringify(_.countBy(data, 'g')), _.max(data, 'v').id, _.min(data, (d) => d.v).id);
console.log(JSON.stringify(Object.keys(groupBy(data, 'g'))), sortBy(data, 'v').slice(0, 4).map((d) => d.id).join(','));
console.log(template('<% _.each(xs, function(x){ %><%= x %>,<% }); %>')({ xs: [1, 2, 3] }));
console.log(chain(data).pluck('v').uniq().sortBy().first(6).value().join(' '), _.isEqual(_.clone({ a: [1] }), { a: [1] }));
const d = debounce(() => console.log('debounced'), 5);
d(); d();
await new Promise((r) => setTimeout(r, 20));
console.log(_.zip([1, 2], ['a', 'b']).join(';'), _.escape('<&>'), _.uniqueId('p'), _.uniqueId('p'));
