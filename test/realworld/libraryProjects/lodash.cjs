// Library project: lodash (lodash.js, one 540 KB CommonJS file) is the user's code here, loaded by a relative
// require of its folder; collections, chains, merge, templates, memoize and a debounce across timers.
// @options timeoutMs=150000 maxEvents=3000000
const _ = require('./lib/lodash');
const data = _.range(300).map((i) => ({ id: i, group: ['a', 'b', 'c'][i % 3], score: (i * 37) % 101, tags: [`t${i % 5}`, `u${i % 7}`] }));
console.log(JSON.stringify(_.countBy(data, 'group')), _.sumBy(data, 'score'), _.meanBy(data, 'score').toFixed(3));
console.log(JSON.stringify(_.mapValues(_.groupBy(data, 'group'), (g) => _.maxBy(g, 'score').id)));
console.log(_.chain(data).filter((d) => d.score > 50).sortBy(['score', 'id']).take(5).map('id').value().join(','));
console.log(JSON.stringify(_.merge({ a: { b: [1, 2] } }, { a: { b: [3], c: _.template('hi <%= who %>')({ who: 'there' }) } })));
console.log(_.camelCase('Foo Bar-baz'), _.kebabCase('fooBarBaz'), _.startCase('hello world'), _.escape('<a href="x">&</a>'), _.padStart('7', 3, '0'));
console.log(JSON.stringify(_.uniqBy(_.flatMap(data, 'tags'), _.identity).sort()), _.isEqual(_.cloneDeep(data), data));
const memo = _.memoize((n) => (n < 2 ? n : memo(n - 1) + memo(n - 2)));
console.log(memo(80), _.debounce !== undefined, _.partition([1, 2, 3, 4], (n) => n % 2).join('|'));
const deb = _.debounce(() => console.log('debounced once'), 5);
deb(); deb(); deb();
setTimeout(() => console.log(_.zip(['a', 'b'], [1, 2]).join(';'), _.get({ a: [{ b: { c: 3 } }] }, 'a[0].b.c')), 20);
