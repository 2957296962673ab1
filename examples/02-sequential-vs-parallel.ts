// Three simulated 150 ms requests, awaited three ways. Run it:
//
//   loopscope trace examples/02-sequential-vs-parallel.ts
//
// - one after another: each await waits for the previous request: about 450 ms
// - Promise.all: all three timers are queued at once and run together: about 150 ms
// - mixed: start everything first, await later: also about 150 ms
// In the trace, watch the timer queue: sequential code never has more than one request in it.

interface User { id: number; name: string }

function fetchUser(id: number): Promise<User> {
  // a stand-in for a network call: resolves after 150 ms
  return new Promise((resolve) => setTimeout(() => resolve({ id, name: `user${id}` }), 150));
}

async function sequential(): Promise<void> {
  const start = Date.now();
  const a = await fetchUser(1);
  const b = await fetchUser(2);
  const c = await fetchUser(3);
  console.log(`sequential: ${a.name}, ${b.name}, ${c.name} in ~${roundTo50(Date.now() - start)} ms`);
}

async function parallel(): Promise<void> {
  const start = Date.now();
  const users = await Promise.all([fetchUser(1), fetchUser(2), fetchUser(3)]);
  console.log(`Promise.all: ${users.map((u) => u.name).join(', ')} in ~${roundTo50(Date.now() - start)} ms`);
}

async function mixed(): Promise<void> {
  const start = Date.now();
  // the requests start here, all at once...
  const pending = [fetchUser(1), fetchUser(2), fetchUser(3)];
  // ...and are awaited one by one: the waits overlap
  const names: string[] = [];
  for (const p of pending) names.push((await p).name);
  console.log(`start all, await each: ${names.join(', ')} in ~${roundTo50(Date.now() - start)} ms`);
}

function roundTo50(ms: number): number {
  return Math.round(ms / 50) * 50;
}

async function main(): Promise<void> {
  await sequential();
  await parallel();
  await mixed();
}

main();
