// Library project: markdown-it's ES modules (lib/: parsers, rules, renderer) with the entities, linkify-it, mdurl,
// uc.micro and punycode.js modules it imports are the user's code here; a document rendered, parsed, inlined.
// @options timeoutMs=150000 maxEvents=3000000
import MarkdownIt from './lib/markdown-it/index.mjs';
const md = new MarkdownIt({ linkify: true, typographer: true });
const doc = [
  '# Loopscope', '', 'A *tracer* for the **event loop** -- see https://nodejs.org/ and `setImmediate`.', '',
  '| queue | kind |', '| --- | --- |', '| nextTick | job |', '| timers | macrotask |', '',
  '1. one', '2. two', '   - nested "quotes"', '', '```js', 'console.log(1);', '```', '', '> quoted & <escaped>', '',
  ...Array.from({ length: 60 }, (_, i) => `Paragraph ${i} with [a link](http://example.com/${i}) and _emphasis_ (c) ${i}...`),
];
const html = md.render(doc.join('\n'));
console.log(html.split('\n').slice(0, 24).join('\n'));
console.log('length', html.length);
await new Promise((r) => setTimeout(r, 1));
const tokens = md.parse('Hello *world* ![img](x.png "t")', {});
console.log(tokens.map((t) => `${t.type}:${t.children ? t.children.map((c) => c.type).join('+') : ''}`).join(' '));
console.log(md.renderInline('__bold__ and ~~strike~~ <b>raw</b>'));
