// Why "All done!" prints before the work is done, and how to fix it. Run it:
//
//   loopscope trace examples/03-foreach-async.js
//
// Array.prototype.forEach calls the async callback and ignores the promise it returns, so the loop
// "finishes" as soon as every callback reached its first await. The for...of version awaits each one.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function save(item) {
  await sleep(10); // pretend to write to a database
  console.log(`  saved ${item}`);
}

async function withForEach(items) {
  items.forEach(async (item) => {
    await save(item); // nobody waits for this
  });
  console.log('forEach: All done!   <- printed before anything was saved');
}

async function withForOf(items) {
  for (const item of items) {
    await save(item); // the loop waits here
  }
  console.log('for...of: All done!  <- printed after everything was saved');
}

async function main() {
  await withForEach(['a', 'b', 'c']);
  await sleep(50); // let the forgotten saves finish before the second demo
  await withForOf(['x', 'y', 'z']);
  // For independent items, `await Promise.all(items.map(save))` runs the saves in parallel.
}

main();
