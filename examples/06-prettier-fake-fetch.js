// The fake-fetch idiom as Prettier formats it: the arrow's body on the line after `=>`. Run it:
//
//   loopscope trace examples/06-prettier-fake-fetch.js
//
// Each "request" is a timer that resolves its promise with the name it was given. Awaited one by one the three
// take about 450 ms; with Promise.all about 150 ms, and the values arrive in the order asked for, not the order
// the timers fired. In the trace, watch the three timers sit in the timer queue together in the second half.
const fakeFetch = (name, ms = 150) =>
  new Promise((resolve) => setTimeout(() => resolve(name), ms));

const elapsed = (start) => `~${Math.round((Date.now() - start) / 50) * 50} ms`;

async function oneByOne() {
  const start = Date.now();
  const a = await fakeFetch("a");
  const b = await fakeFetch("b");
  const c = await fakeFetch("c");
  console.log(`one by one: ${[a, b, c]} in ${elapsed(start)}`);
}

async function together() {
  const start = Date.now();
  const results = await Promise.all([
    fakeFetch("slow", 150),
    fakeFetch("fast", 50),
    fakeFetch("medium", 100),
  ]);
  console.log(`Promise.all: ${results} in ${elapsed(start)}`);
}

oneByOne().then(together);
