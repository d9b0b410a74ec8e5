#!/usr/bin/env node
/**
 * Runs this project's `cdk` or `cdktf` (`npm run cdk -- synth`, `npm run cdktf -- synth`) with
 * their telemetry off. Both CLIs read the switch only from their own environment
 * (`CHECKPOINT_DISABLE` for cdktf, whose telemetry call to checkpoint-api.hashicorp.com prints a
 * lookup error offline; `CDK_DISABLE_CLI_TELEMETRY` for the CDK, which cdk.json also turns off),
 * so no file in the project can set it for a bare `npx cdktf`. Exit code and output are the tool's.
 */
'use strict';
const { spawnSync } = require('child_process');

const TOOLS = ['cdk', 'cdktf'];
const [tool, ...args] = process.argv.slice(2);
if (!TOOLS.includes(tool)) {
  process.stderr.write(`usage: node scripts/native-cli.js ${TOOLS.join('|')} [args...]\n`);
  process.exit(2);
}
const r = spawnSync(tool, args, {
  stdio: 'inherit',
  // npm scripts run with node_modules/.bin first on PATH; on Windows the bins are .cmd shims.
  shell: process.platform === 'win32',
  env: { ...process.env, CHECKPOINT_DISABLE: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' },
});
if (r.error) {
  process.stderr.write(`cannot run ${tool}: ${r.error.message} (run npm ci first)\n`);
  process.exit(2);
}
process.exit(r.status === null ? 1 : r.status);
