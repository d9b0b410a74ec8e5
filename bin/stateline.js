#!/usr/bin/env node
// The `stateline` CLI. TypeScript sources are loaded through tsx (esbuild, cached), so a
// fresh clone runs after `npm ci` with no build step.
'use strict';
require('tsx/cjs');
require('../lib/cli/main.ts').main(process.argv).then((code) => {
  process.exitCode = code;
});
