/**
 * The supported layout (README "Keeping your topology"): a team repository that depends on
 * stateline, keeps its `stateline.config.yaml`, has no package-lock.json, and runs stateline
 * through its local bin or an npm script. Every command works there: validate, synth, check,
 * graph, diff --base (no `npm ci` in the base, no lockfile), deploy and destroy dry runs (the
 * preflight finds cdk and cdktf in the repository's node_modules/.bin and its cdktf.json), and
 * `npm run cdktf -- synth` through the package's `stateline-native` bin, quiet offline.
 * stateline is linked into node_modules as an install would place it, with the bins its
 * package.json declares.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { ProcessEnvironment } from '../../lib/deploy/probes';
import { rawDefault } from '../helpers';
import { run } from './run';

const ROOT = path.resolve(__dirname, '..', '..');
const BINS: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).bin;
const ACCOUNT = '210987654321';

describe('a team repository that depends on stateline', () => {
  let repo: string;
  let stubBin: string;
  const cwd = process.cwd();
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, stdio: 'pipe' });
  const writeTopology = (mutate: (t: any) => void = () => undefined) => {
    const t = rawDefault();
    t.name = 'acme';
    t.aws.account = ACCOUNT;
    t.aws.agents[0].image = `${ACCOUNT}.dkr.ecr.eu-central-1.amazonaws.com/support-agent:1.4.2`;
    for (const tool of t.aws.tools ?? []) if (tool.lambda) tool.lambda.functionArn = tool.lambda.functionArn.replace(':123456789012:', `:${ACCOUNT}:`);
    mutate(t);
    fs.writeFileSync(path.join(repo, 'stateline.config.yaml'), stringify(t));
  };

  beforeAll(() => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-team-'));
    repo = path.join(tmp, 'acme-platform');
    stubBin = path.join(tmp, 'bin');
    fs.mkdirSync(path.join(repo, 'node_modules', '.bin'), { recursive: true });
    fs.mkdirSync(stubBin);
    // terraform and aws only need to exist for the dry-run preflight; they are never run here.
    for (const tool of ['terraform', 'aws']) fs.writeFileSync(path.join(stubBin, tool), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    fs.symlinkSync(ROOT, path.join(repo, 'node_modules', 'stateline'), 'dir');
    for (const [name, file] of Object.entries(BINS)) fs.symlinkSync(`../stateline/${file}`, path.join(repo, 'node_modules', '.bin', name));
    for (const tool of ['cdk', 'cdktf']) fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules', '.bin', tool)), path.join(repo, 'node_modules', '.bin', tool));
    fs.writeFileSync(path.join(repo, 'package.json'), JSON.stringify({
      name: 'acme-platform', private: true,
      scripts: { stateline: 'stateline', cdk: 'stateline-native cdk', cdktf: 'stateline-native cdktf' },
      devDependencies: { stateline: 'file:../stateline-0.1.0.tgz', 'aws-cdk': '2.1148.1', 'cdktf-cli': '0.21.0' },
    }, null, 2));
    fs.writeFileSync(path.join(repo, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'npx --no-install stateline synth --no-check --no-graph' }));
    fs.writeFileSync(path.join(repo, '.gitignore'), 'node_modules\nout\n');
    writeTopology();
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'acme topology');
    process.chdir(repo);
  });
  afterAll(() => {
    process.chdir(cwd);
    fs.rmSync(path.dirname(repo), { recursive: true, force: true });
  });

  test('the local bin and the npm script run stateline without the registry', () => {
    const env = { ...process.env, npm_config_offline: 'true', STATELINE_CONFIG: '' };
    const bin = spawnSync(path.join(repo, 'node_modules', '.bin', 'stateline'), ['validate'], { cwd: repo, encoding: 'utf8', env });
    expect([bin.status, bin.stdout]).toEqual([0, 'stateline validate: stateline.config.yaml is valid (2 serving regions, 1 agent, 6 stacks)\n']);
    const script = spawnSync('npm', ['run', '--silent', 'stateline', '--', 'validate'], { cwd: repo, encoding: 'utf8', env });
    expect([script.status, script.stdout]).toEqual([0, bin.stdout]);
  });

  test('synth, check and graph work on the repository\'s own topology', async () => {
    const synth = await run(['synth', '--out', 'out']);
    expect(synth.code).toBe(0);
    expect(synth.out).toMatch(/^stateline synth: stateline\.config\.yaml -> out\//);
    expect(synth.out).toMatch(/phase 1 {2}azure {2}hub acme-azure-hub/);
    const check = await run(['check', '--cdk-out', 'out/cdk.out', '--cdktf-out', 'out/cdktf.out', '--config', 'stateline.config.yaml']);
    expect(check.code).toBe(0);
    const graph = await run(['graph', '--cdk-out', 'out/cdk.out', '--cdktf-out', 'out/cdktf.out', '--format', 'mermaid']);
    expect([graph.code, graph.out]).toEqual([0, expect.stringMatching(/^flowchart/)]);
  });

  test('diff --base HEAD without a lockfile: the base synthesized with the installed stateline, no npm ci', async () => {
    expect(fs.existsSync(path.join(repo, 'package-lock.json'))).toBe(false);
    writeTopology((t) => { t.azure.serving[1].models[0].capacity = 45; });
    try {
      const r = await run(['diff', '--base', 'HEAD', '--format', 'json']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out);
      expect(report.topology).toMatchObject({ before: 'HEAD (recorded by its synth)', after: 'working tree (stateline.config.yaml)', changes: [{ path: 'azure.serving[francecentral].models[gpt-5-6-terra].capacity', old: '30', new: '45' }] });
      expect(report.stacks.map((s: { stack: string }) => s.stack)).toEqual(['acme-azure-serving-francecentral']);
      // The temporary worktree is gone.
      expect(execFileSync('git', ['worktree', 'list'], { cwd: repo, encoding: 'utf8' }).trim().split('\n')).toHaveLength(1);
    } finally {
      writeTopology();
    }
  });

  test('diff --base: usage and environment problems exit 2 (1 means the diff failed a --fail-on), never a stack trace', async () => {
    const unknownRef = await run(['diff', '--base', 'no-such-branch']);
    expect([unknownRef.code, unknownRef.err]).toEqual([2, expect.stringMatching(/^stateline: --base no-such-branch is not a commit in .*: use a branch, tag or commit/)]);
    git('mv', 'stateline.config.yaml', 'topology.yaml');
    git('commit', '-qm', 'rename');
    fs.renameSync(path.join(repo, 'topology.yaml'), path.join(repo, 'stateline.config.yaml'));
    try {
      const noConfig = await run(['diff', '--base', 'HEAD']);
      expect([noConfig.code, noConfig.err]).toEqual([2, expect.stringMatching(/^stateline: HEAD has no topology to compare with \(looked for stateline\.config\.yaml\): use a ref where the config exists, or compare outputs with --before DIR --after DIR\n$/)]);
    } finally {
      git('reset', '-q', '--hard', 'HEAD~1');
    }
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-nogit-'));
    fs.copyFileSync(path.join(repo, 'stateline.config.yaml'), path.join(outside, 'stateline.config.yaml'));
    process.chdir(outside);
    try {
      const notRepo = await run(['diff', '--base', 'HEAD']);
      expect([notRepo.code, notRepo.err]).toEqual([2, expect.stringMatching(/is not inside a git repository: run it in your topology's repository, or compare outputs with --before DIR --after DIR/)]);
    } finally {
      process.chdir(repo);
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  test('deploy and destroy dry runs: the preflight finds the repository\'s cdk, cdktf and cdktf.json', async () => {
    const vars = { PATH: stubBin, ARM_SUBSCRIPTION_ID: '11111111-2222-3333-4444-555555555555', ARM_CLIENT_ID: 'app', ARM_CLIENT_SECRET: 'x', ARM_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47', AWS_PROFILE: 'deploy' };
    const env = new ProcessEnvironment(repo, vars);
    const deploy = await run(['deploy', '--dry-run', '--out', 'out'], { env });
    expect(deploy.err).toBe('');
    expect(deploy.code).toBe(0);
    expect(deploy.out).toContain('  ok     tools: cdk, cdktf, terraform, aws');
    expect(deploy.out).toContain('[phase 1/3 azure-serving] cdktf deploy acme-azure-hub');
    const destroy = await run(['destroy', '--dry-run', '--out', 'out'], { env });
    expect([destroy.code, destroy.out]).toEqual([0, expect.stringContaining('destroy, in this order: acme-azure-link, acme-aws-agents-eu-central-1, acme-azure-identity')]);
    fs.renameSync(path.join(repo, 'cdktf.json'), path.join(repo, 'cdktf.json.off'));
    try {
      const noCdktfJson = await run(['deploy', '--dry-run', '--out', 'out'], { env });
      expect(noCdktfJson.code).toBe(2);
      expect(noCdktfJson.out).toMatch(/error {2}cdktf\.json: not found in the project directory/);
    } finally {
      fs.renameSync(path.join(repo, 'cdktf.json.off'), path.join(repo, 'cdktf.json'));
    }
  });

  test('npm run cdktf -- synth (the stateline-native bin) is quiet offline: no checkpoint lookup error', () => {
    // A user's shell: no telemetry switch set. TF_CLI_CONFIG_FILE is unset because this machine points
    // it at a missing file, which makes terraform (and cdktf through it) print an unrelated error block.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|CHECKPOINT_DISABLE$|CDK_DISABLE_CLI_TELEMETRY$|TF_CLI_CONFIG_FILE$|STATELINE_CONFIG$)/i.test(k)));
    const r = spawnSync('npm', ['run', '--silent', 'cdktf', '--', 'synth'], { cwd: repo, encoding: 'utf8', env: { ...env, npm_config_offline: 'true' } });
    const out = `${r.stdout}${r.stderr}`;
    expect({ code: r.status, out }).toEqual({ code: 0, out: expect.any(String) });
    expect(out).toMatch(/Generated Terraform code for the stacks: acme-azure-hub/);
    expect(out).not.toMatch(/checkpoint-api\.hashicorp\.com|ENOTFOUND|\[ERROR\]/);
    expect(fs.existsSync(path.join(repo, 'cdktf.out', 'stacks', 'acme-azure-hub', 'cdk.tf.json'))).toBe(true);
  }, 60_000);
});
