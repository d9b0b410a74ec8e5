/**
 * `npm run cdk|cdktf -- ...` (scripts/native-cli.js, shipped as the `stateline-native` bin) runs
 * the project's CLI with telemetry off: cdktf's checkpoint call (an error line offline) and the
 * CDK's telemetry read only their environment. A stub `cdktf` on PATH records what it was started
 * with; one in the working directory's node_modules/.bin wins over it.
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
  const run = (...args: string[]) => runIn(os.tmpdir(), ...args);
  const runIn = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { cwd, encoding: 'utf8', env: { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH}`, CHECKPOINT_DISABLE: '', CDK_DISABLE_CLI_TELEMETRY: '' } });

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
    expect(r.stderr).toMatch(/^usage: stateline-native cdk\|cdktf \[args\.\.\.\]/);
  });

  test('the project\'s own tool (node_modules/.bin of the working directory) comes before one on the path', () => {
    stub('cdktf', 0);
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-native-project-'));
    try {
      fs.mkdirSync(path.join(project, 'node_modules', '.bin'), { recursive: true });
      fs.writeFileSync(path.join(project, 'node_modules', '.bin', 'cdktf'), '#!/bin/sh\necho "local cdktf $* CHECKPOINT_DISABLE=$CHECKPOINT_DISABLE"\n', { mode: 0o755 });
      expect(runIn(project, 'cdktf', 'synth').stdout).toBe('local cdktf synth CHECKPOINT_DISABLE=1\n');
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  test('a tool that is not installed: exit 2 saying how to install it', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-native-empty-'));
    try {
      const r = spawnSync(process.execPath, [SCRIPT, 'cdk', 'synth'], { cwd: empty, encoding: 'utf8', env: { ...process.env, PATH: empty } });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^cannot run cdk: .*\(install it in the project: npm install --save-dev --save-exact aws-cdk@<version>\)\n$/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  test('package.json exposes both as npm scripts here, and ships the script as the stateline-native bin', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(pkg.scripts).toMatchObject({ cdk: 'node scripts/native-cli.js cdk', cdktf: 'node scripts/native-cli.js cdktf' });
    expect(pkg.bin).toEqual({ stateline: 'bin/stateline.js', 'stateline-native': 'scripts/native-cli.js' });
    expect(pkg.files).toContain('scripts/native-cli.js');
    expect(fs.readFileSync(SCRIPT, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });
});
