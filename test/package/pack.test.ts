/**
 * stateline as a package in someone else's repository: `npm pack`, then `npm install` of the
 * tarball into a scratch project, offline (its dependencies are this repository's installed
 * ones, linked with file: specs), then the README's three ways in, run there: the jest matchers
 * (the README example verbatim, plus a SageMaker endpoint that must fail naming it), the CLI
 * (`npx --no-install stateline check` on the app's cdk.out exits 1) and the GitHub Action's
 * check step (the README workflow's inputs).
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const NODE_MODULES = path.join(ROOT, 'node_modules');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The environment of a user's shell: no npm lifecycle variables from the `npm test` running us. */
const cleanEnv = (): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'STATELINE_CONFIG' && k !== 'NODE_OPTIONS')),
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  CHECKPOINT_DISABLE: '1',
});

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function ok(r: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** The code block of `lang` in the README's "Use in your own app" section that contains `needle`. */
function readmeBlock(lang: string, needle: string): string {
  const section = README.split('## Use in your own app')[1]?.split('\n## ')[0] ?? '';
  const blocks = [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
  const block = blocks.find((b) => b.includes(needle));
  if (!block) throw new Error(`README "Use in your own app" has no ${lang} block with ${needle}`);
  return block;
}

/** A consumer's CDK app (plain JavaScript, as `cdk synth` would run it) with a SageMaker endpoint. */
const CDK_APP = `
const { App, Stack } = require('aws-cdk-lib');
const sagemaker = require('aws-cdk-lib/aws-sagemaker');
const app = new App({ outdir: 'cdk.out' });
const stack = new Stack(app, 'Agents');
new sagemaker.CfnEndpoint(stack, 'LlamaEndpoint', { endpointConfigName: 'llama-serverless' });
app.synth();
`;

/** Appended to the README example (one test file: aws-cdk-lib loads once); names chosen not to clash with its imports. */
const SAGEMAKER_TEST = `
import * as cdkCore from 'aws-cdk-lib';
import * as cdkAssertions from 'aws-cdk-lib/assertions';
import * as cdkSagemaker from 'aws-cdk-lib/aws-sagemaker';

test('a SageMaker endpoint fails toSatisfyPlacement, naming it', () => {
  const stack = new cdkCore.Stack(new cdkCore.App(), 'Agents');
  new cdkSagemaker.CfnEndpoint(stack, 'LlamaEndpoint', { endpointConfigName: 'llama-serverless' });
  expect(() => expect(cdkAssertions.Template.fromStack(stack)).toSatisfyPlacement()).toThrow(
    /1 error[\\s\\S]*placement\\/stateless-endpoint-outside-azure: LlamaEndpoint \\(AWS::SageMaker::Endpoint\\)/,
  );
  expect(cdkAssertions.Template.fromStack(stack)).not.toSatisfyPlacement();
});
`;

describe('the packed package in a scratch project', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-pack-'));
  const project = path.join(tmp, 'consumer');
  let packed: { filename: string; size: number; files: { path: string }[] };

  beforeAll(() => {
    // The package ships dist/: bring the build up to date (incremental; `npm test` already did).
    ok(run(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'], ROOT), 'tsc -b');
    const r = ok(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT), 'npm pack');
    packed = JSON.parse(r.stdout)[0];
    fs.mkdirSync(path.join(project, 'test'), { recursive: true });
    // Its dependencies, and the consumer's own CDK, CDKTF and jest, from this repository's install.
    const linked = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)];
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({
      name: 'consumer', private: true,
      dependencies: { stateline: `file:${path.join(tmp, packed.filename)}`, ...Object.fromEntries(linked.map((d) => [d, `file:${path.join(NODE_MODULES, d)}`])) },
    }, null, 2));
    ok(run('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], project), 'npm install --offline');
    fs.writeFileSync(path.join(project, 'app.js'), CDK_APP);
    ok(run(process.execPath, ['app.js'], project), 'the CDK app');
    fs.writeFileSync(path.join(project, 'test', 'readme.test.ts'), `${readmeBlock('ts', "import 'stateline/jest'")}${SAGEMAKER_TEST}`);
    fs.writeFileSync(path.join(project, 'jest.config.js'), `module.exports = ${JSON.stringify({
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': [path.join(NODE_MODULES, '@swc', 'jest'), { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
    })};\n`);
  });

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('the tarball holds the build, the schema data and the bin, and no tests, fixtures or source maps', () => {
    const files = packed.files.map((f) => f.path);
    expect(packed.size).toBeLessThan(2 * 1024 * 1024);
    expect(files).toEqual(expect.arrayContaining([
      'bin/stateline.js', 'scripts/native-cli.js', 'dist/lib/cli/main.js', 'dist/lib/api/policy.d.ts', 'dist/lib/api/jest.d.ts',
      'lib/schema/data/cloudformation.tsv.gz', 'lib/schema/data/terraform/azurerm.json.gz', 'dist/lib/policy/detect/sensitive-attributes.json', 'docs/API.md',
      // Data read at run time: the price table, the azurerm set attributes of the diff, every provider's schema data.
      'dist/lib/cost/prices.json', 'dist/lib/diff/data/azurerm-sets.json', 'lib/schema/data/terraform/azuread.json.gz', 'lib/schema/data/terraform/time.json.gz',
    ]));
    expect(files.filter((f) => /(^|\/)(test|tests|fixtures|__snapshots__)\//.test(f) || /\.map$|\.test\.|\.tsbuildinfo$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    // Every subpath export resolves to a shipped file.
    for (const target of Object.values(pkg.exports as Record<string, string | Record<string, string>>)) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) expect(files).toContain(file.replace(/^\.\//, ''));
    }
  });

  test('the install links both bins: stateline, and stateline-native (cdk/cdktf with telemetry off, for the npm scripts of a topology repository)', () => {
    for (const [name, file] of Object.entries(pkg.bin as Record<string, string>)) {
      expect(fs.realpathSync(path.join(project, 'node_modules', '.bin', name))).toBe(fs.realpathSync(path.join(project, 'node_modules', 'stateline', file)));
    }
    const usage = run(path.join(project, 'node_modules', '.bin', 'stateline-native'), [], project);
    expect([usage.status, usage.stderr]).toEqual([2, expect.stringMatching(/^usage: stateline-native cdk\|cdktf/)]);
  });

  test('stateline/policy and stateline/jest load no CDK or CDKTF library', () => {
    const r = ok(run(process.execPath, ['-e', `
      require('stateline/policy'); require('stateline/jest');
      const heavy = Object.keys(require.cache).filter((f) => /node_modules\\/(aws-cdk-lib|cdktf|constructs|@cdktf\\/provider-)/.test(f));
      process.stdout.write(JSON.stringify(heavy));`], project), 'require');
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  test("jest in the project: the README's matcher example passes, a SageMaker endpoint fails naming it", () => {
    const r = run(process.execPath, [path.join(NODE_MODULES, 'jest', 'bin', 'jest.js'), '--ci=false', '--colors=false'], project);
    expect(`${r.stdout}${r.stderr}`).toMatch(/Tests:\s+3 passed, 3 total/);
    expect(r.status).toBe(0);
    // toMatchPlacementSnapshot wrote the classification of the agent stack.
    const snap = fs.readFileSync(path.join(project, 'test', '__snapshots__', 'readme.test.ts.snap'), 'utf8');
    expect(snap).toMatch(/aws stateful-runtime +AWS::DynamoDB::Table x1/);
    expect(snap).not.toMatch(/stateless-serving/);
  });

  test("the README's CLI example: npx --no-install stateline check on the app's cdk.out exits 1 naming the endpoint", () => {
    const line = readmeBlock('bash', 'stateline check').split('\n').find((l) => l.includes('stateline check')) as string;
    const command = line.replace(/\s+#.*$/, '').trim().split(/\s+/);
    expect(command.slice(0, 3)).toEqual(['npx', '--no-install', 'stateline']);
    const r = run(command[0], command.slice(1), project);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/placement\/stateless-endpoint-outside-azure/);
    expect(r.stdout).toMatch(/LlamaEndpoint/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('the installed CLI synthesizes, checks and prices a topology in the project (data read from the package)', () => {
    const synth = run('npx', ['--no-install', 'stateline', 'synth', '--out', 'platform', '--as-of', '2026-12-01'], project);
    expect({ code: synth.status, stderr: synth.stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/running the TypeScript sources|\n\s+at /) });
    expect(synth.stdout).toMatch(/^ {2}paths {2}\S+: \d+\/\d+ model paths proven$/m);
    expect(synth.stdout).toMatch(/^ {2}cost {3}floor \$[\d,.]+\/month \(aws \$[\d,.]+, azure \$[\d,.]+\)/m);
    expect(synth.stdout).toMatch(/^ {2}policy passed: \d+ resources checked, 0 errors/m);
    expect(synth.stdout).toMatch(/^ {2}policy passed: .*; schema: \d+ resources validated against provider schemas/m);
    const cost = ok(run('npx', ['--no-install', 'stateline', 'cost', '--cdk-out', 'platform/cdk.out', '--cdktf-out', 'platform/cdktf.out', '--format', 'json'], project), 'stateline cost');
    const report = JSON.parse(cost.stdout) as { currency: string; total: { floor: number } };
    expect(report.currency).toBe('USD');
    expect(report.total.floor).toBeGreaterThan(0);
  });

  test("the README's workflow: the action's check step on the same cdk.out reports the error, SARIF and one comment", () => {
    const workflow = parseYaml(readmeBlock('yaml', 'stateline@')) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }> };
    const step = Object.values(workflow.jobs)[0].steps.find((s) => s.uses?.includes('/stateline@')) as { with: Record<string, string> };
    const env: NodeJS.ProcessEnv = { ...cleanEnv(), STATELINE_ACTION_PATH: ROOT, GITHUB_OUTPUT: path.join(tmp, 'github-output'), RUNNER_TEMP: tmp };
    for (const [k, v] of Object.entries(step.with)) env[`INPUT_${k.toUpperCase().replace(/-/g, '_')}`] = v;
    const r = ok(run(process.execPath, [path.join(ROOT, 'action', 'check.js')], project, env), 'action/check.js');
    const outputs = Object.fromEntries(fs.readFileSync(env.GITHUB_OUTPUT as string, 'utf8').trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2)));
    expect(outputs).toMatchObject({ 'exit-code': '1', errors: '1' });
    const sarif = JSON.parse(fs.readFileSync(outputs['sarif-file'], 'utf8'));
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toContain('placement/stateless-endpoint-outside-azure');
    const comment = fs.readFileSync(outputs['comment-file'], 'utf8');
    expect(comment.split('\n')[0]).toBe('<!-- stateline-check -->');
    expect(comment).toMatch(/stateline check failed:\*\* 1 placement policy error/);
    expect(comment).toMatch(/LlamaEndpoint/);
    expect(r.stderr).not.toMatch(/running the TypeScript sources/);
  });
});
