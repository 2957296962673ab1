// Controlled concurrency: seven jobs, at most three at a time. Run it:
//
//   loopscope trace examples/08-batch-of-3.ts
//
// `Promise.all` over all seven would start them all at once (a server, an API rate limit or a pool of
// connections may not like that); one `await` after another would take the sum of their times. Batches
// of three run three at a time: each batch takes as long as its slowest job, and the next batch starts
// only after it. In the Timeline, three timers wait together, then the next three.

const durations = [90, 30, 60, 120, 40, 80, 50];

function job(id: number, ms: number): Promise<string> {
  console.log(`start job ${id} (${ms} ms)`);
  return new Promise((resolve) => setTimeout(() => resolve(`job ${id}`), ms));
}

async function inBatches(size: number): Promise<void> {
  const started = Date.now();
  for (let i = 0; i < durations.length; i += size) {
    const batch = durations.slice(i, i + size).map((ms, k) => job(i + k, ms));
    const done = await Promise.all(batch);
    console.log(`batch done: ${done.join(', ')}`);
  }
  const took = Date.now() - started;
  console.log(`${durations.length} jobs in batches of ${size}: ${took} ms (each batch's slowest job: 90 + 120 + 50 = 260 ms)`);
}

inBatches(3);
