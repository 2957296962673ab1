#!/usr/bin/env node
'use strict';
// A compile cache keeps V8's code for the CLI bundle between runs, under the OS temp folder: about 13 ms of every
// start (of ~250 ms for a 10-line program). Node 22.1+ has one built in; on Node 20 the v8-compile-cache package
// does the same. Either falls back to a plain compile when its cache cannot be read or written.
const nodeModule = require('node:module');
if (typeof nodeModule.enableCompileCache === 'function') nodeModule.enableCompileCache();
else require('v8-compile-cache');
require('../dist/cli.js');
