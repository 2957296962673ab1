console.log('1 sync');
setTimeout(() => console.log('4 timeout'), 0);
Promise.resolve().then(() => console.log('3 promise'));
process.nextTick(() => console.log('2 tick'));
async function main() {
  await null;
  console.log('3b after await');
}
main();
console.log('1b sync end');
