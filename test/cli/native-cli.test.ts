/**
 * `npm run cdk|cdktf -- ...` (scripts/native-cli.js) runs the project's CLI with telemetry off:
 * cdktf's checkpoint call (an error line offline) and the CDK's telemetry read only their
 * environment. A stub `cdktf` on PATH records what it was started with.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'native-cli.js');

describe('scripts/native-cli.js', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-native-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const stub = (name: string, exit: number) => fs.writeFileSync(path.join(dir, name), `#!/bin/sh\necho "${name} $* CHECKPOINT_DISABLE=$CHECKPOINT_DISABLE CDK_DISABLE_CLI_TELEMETRY=$CDK_DISABLE_CLI_TELEMETRY"\nexit ${exit}\n`, { mode: 0o755 });
  const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', env: { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH}`, CHECKPOINT_DISABLE: '', CDK_DISABLE_CLI_TELEMETRY: '' } });

  test('passes the arguments, sets both switches and keeps the exit code', () => {
    stub('cdktf', 0);
    stub('cdk', 3);
    const tf = run('cdktf', 'synth', '--output', 'x');
    expect([tf.status, tf.stdout]).toEqual([0, 'cdktf synth --output x CHECKPOINT_DISABLE=1 CDK_DISABLE_CLI_TELEMETRY=true\n']);
    expect(run('cdk', 'synth').status).toBe(3);
  });

  test('runs only cdk and cdktf (exit 2 otherwise)', () => {
    const r = run('terraform', 'apply');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage: node scripts\/native-cli\.js cdk\|cdktf/);
  });

  test('package.json exposes both as npm scripts', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(pkg.scripts).toMatchObject({ cdk: 'node scripts/native-cli.js cdk', cdktf: 'node scripts/native-cli.js cdktf' });
  });
});
