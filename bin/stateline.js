#!/usr/bin/env node
// The `stateline` CLI. TypeScript sources are loaded through tsx (esbuild, cached), so a
// fresh clone runs after `npm ci` with no build step.
'use strict';
require('tsx/cjs');
// tsx turns on source-mapped stack traces; CDK captures a stack trace per construct and
// mapping them costs ~0.4 s on a large topology. Traces still show file and function names.
process.setSourceMapsEnabled(false);
require('../lib/cli/main.ts').main(process.argv).then((code) => {
  process.exitCode = code;
});
