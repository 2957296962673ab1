// A worker thread does not inherit the test process's tsx loader (Node 20): load the TypeScript worker
// body through tsx's CommonJS API.
require('tsx/cjs/api').require('./scanWorker.ts', __filename);
