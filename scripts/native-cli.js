#!/usr/bin/env node
/**
 * Runs the project's `cdk` or `cdktf` with their telemetry off. In this repository:
 * `npm run cdk -- synth`, `npm run cdktf -- synth`. Shipped in the package as the
 * `stateline-native` bin, so a topology repository that depends on stateline gets the same with
 * the npm scripts `"cdk": "stateline-native cdk"` and `"cdktf": "stateline-native cdktf"`.
 *
 * Both CLIs read the switch only from their own environment (`CHECKPOINT_DISABLE` for cdktf, whose
 * telemetry call to checkpoint-api.hashicorp.com prints a lookup error offline;
 * `CDK_DISABLE_CLI_TELEMETRY` for the CDK, which cdk.json also turns off), so no file in a project
 * can set it for a bare `npx cdktf`. The tool is the project's own: `node_modules/.bin` of the
 * working directory comes first on the path (npm scripts put it there too), so a global install
 * is never preferred. Exit code and output are the tool's.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const TOOLS = ['cdk', 'cdktf'];
const [tool, ...args] = process.argv.slice(2);
if (!TOOLS.includes(tool)) {
  process.stderr.write(`usage: stateline-native ${TOOLS.join('|')} [args...] (in stateline's repository: npm run cdk|cdktf -- [args...])\n`);
  process.exit(2);
}
const localBin = path.join(process.cwd(), 'node_modules', '.bin');
const pathKey = Object.keys(process.env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
const searchPath = fs.existsSync(localBin) ? [localBin, process.env[pathKey]].filter(Boolean).join(path.delimiter) : process.env[pathKey];
const r = spawnSync(tool, args, {
  stdio: 'inherit',
  // On Windows the bins are .cmd shims, which only a shell runs.
  shell: process.platform === 'win32',
  env: { ...process.env, [pathKey]: searchPath, CHECKPOINT_DISABLE: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' },
});
if (r.error) {
  process.stderr.write(`cannot run ${tool}: ${r.error.message} (install it in the project: npm install --save-dev --save-exact ${tool === 'cdk' ? 'aws-cdk' : 'cdktf-cli'}@<version>)\n`);
  process.exit(2);
}
process.exit(r.status === null ? 1 : r.status);
