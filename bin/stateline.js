#!/usr/bin/env node
// The `stateline` CLI. Runs the compiled JavaScript in dist/ (`npm run build`; `npm ci` and
// `npm install` build it through the `prepare` script). In a source checkout whose TypeScript
// is newer than the build, it never runs the stale build: it says so on stderr and runs the
// sources through tsx instead (slower to start, same behaviour).
'use strict';
// Node 22.1+ keeps compiled code of loaded modules on disk (aws-cdk-lib is ~20 MB of JavaScript:
// compiling it is most of synth's start-up). Node 20 has no such cache; this is then a no-op.
require('module').enableCompileCache?.();
const { compiledEntry } = require('./launch');

const entry = compiledEntry('lib/cli/main');
let main;
if (entry.fresh) {
  main = require(entry.file).main;
} else {
  process.stderr.write(`stateline: ${entry.reason}; running the TypeScript sources through tsx (run \`npm run build\` for a fast start)\n`);
  require('tsx/cjs');
  // tsx turns on source-mapped stack traces; CDK captures a stack trace per construct and
  // mapping them costs ~0.4 s on a large topology. Traces still show file and function names.
  process.setSourceMapsEnabled(false);
  main = require(entry.source).main;
}
main(process.argv).then((code) => {
  process.exitCode = code;
});
