// The Node binary a fidelity layer runs user programs on, both plain (the oracle) and traced: the Node
// running the tests unless LOOPSCOPE_TEST_NODE names another one (test/run-all.mjs sets it for the Node 22
// and 24 layers). Oracle and traced run always use the same binary: fidelity is judged per Node version.

/** Absolute path of the Node binary that runs the programs under test. */
export function testNodePath(): string {
  return process.env.LOOPSCOPE_TEST_NODE || process.execPath;
}

/** The major version of that binary, e.g. 20, without spawning it when it is the running Node. */
export function testNodeMajor(): number {
  const named = process.env.LOOPSCOPE_TEST_NODE_MAJOR;
  if (named) return Number(named);
  return Number(process.versions.node.split('.')[0]);
}
