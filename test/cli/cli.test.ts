import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from './run';
import { rawDefault } from '../helpers';

describe('stateline CLI', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-cli-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('validate: exit 0 on the embedded default', async () => {
    const r = await run(['validate']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\(embedded default\) is valid \(2 serving regions, 1 agent, 6 stacks\)/);
  });

  test('validate: exit 2 listing every problem by path, no stack trace', async () => {
    const t = rawDefault();
    t.aws.asn = 65010;
    t.azure.serving[0].models[0].capacity = -5;
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(t));
    const r = await run(['validate', '--config', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/2 problems/);
    expect(r.err).toMatch(/aws\.asn: equals azure\.hub\.gateway\.asn/);
    expect(r.err).toMatch(/azure\.serving\[0\]\.models\[0\]\.capacity: .*\(got -5\)/);
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
  });

  /** An environment with every tool, a service principal for Azure and an AWS profile. */
  const readyEnv = { hasCommand: () => true, env: (n: string) => ({ ARM_SUBSCRIPTION_ID: '11111111-2222-3333-4444-555555555555', ARM_CLIENT_ID: 'app', ARM_CLIENT_SECRET: 'x', ARM_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47', AWS_PROFILE: 'deploy' } as Record<string, string>)[n] };
  /** The default topology with the deployer's own image, account and name. */
  const readyConfig = () => {
    const t = rawDefault();
    t.name = 'acme';
    t.aws.account = '210987654321';
    t.aws.agents[0].image = '210987654321.dkr.ecr.eu-central-1.amazonaws.com/support-agent:1.4.2';
    t.aws.tools[0].lambda.functionArn = 'arn:aws:lambda:eu-central-1:210987654321:function:order-lookup-tool';
    const file = path.join(dir, 'ready.json');
    fs.writeFileSync(file, JSON.stringify(t));
    return file;
  };

  test('deploy --dry-run runs the preflight first, then prints the three phases and runs nothing', async () => {
    const r = await run(['deploy', '--dry-run', '--config', readyConfig(), '--out', dir], { env: readyEnv });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^preflight \(as of 2026-12-01; offline checks only \(--dry-run\)\)\n/);
    expect(r.out).toMatch(/preflight passed/);
    expect(r.out.indexOf('preflight passed')).toBeLessThan(r.out.indexOf('[phase 1/3'));
    const phases = r.out.split('\n').filter((l) => l.startsWith('[phase')).map((l) => l.slice(0, 12));
    expect(phases).toEqual(['[phase 1/3 a', '[phase 1/3 a', '[phase 1/3 a', '[phase 1/3 a', '[phase 2/3 a', '[phase 2/3 a', '[phase 3/3 a']);
    expect(r.out).toContain('dry run: nothing was executed');
    expect(fs.existsSync(path.join(dir, '.stateline'))).toBe(false);
  });

  test('deploy --dry-run on the embedded default (asked for explicitly): exit 2 naming the placeholder image, before any step', async () => {
    const r = await run(['deploy', '--dry-run', '--use-embedded-default', '--out', dir], { env: readyEnv });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/error {2}aws\.agents\[0\]\.image: "123456789012\.dkr\.ecr\.eu-central-1\.amazonaws\.com\/support-agent:1\.0\.0" is stateline's example placeholder/);
    expect(r.out).not.toContain('[phase');
    // The default's example tool function (in AWS's documentation account) is the second problem.
    expect(r.out).toMatch(/error {2}aws\.tools\[0\]\.lambda\.functionArn: .* is in 123456789012, an AWS documentation example account/);
    expect(r.err).toMatch(/deploy stopped before any cloud call: the preflight found 2 problems/);
  });

  test('deploy (not a dry run) with every problem at once stops before synthesizing, and network checks ran', async () => {
    const out = path.join(dir, 'never-written');
    const calls: string[] = [];
    const network = {
      awsIdentity: async () => { calls.push('sts'); return { error: 'Unable to locate credentials' }; },
      cdkBootstrapVersion: async () => { calls.push('bootstrap'); return null; },
      ecrImageExists: async () => { calls.push('ecr'); return false; },
      azureCliAccount: async () => { calls.push('az'); return { subscriptionId: 's', user: 'u' }; },
    };
    const r = await run(['deploy', '--yes', '--config', readyConfig(), '--out', out], { env: { hasCommand: (n) => n !== 'terraform', env: () => undefined }, network });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/with network checks/);
    expect(r.out).toMatch(/tool terraform: not found on PATH/);
    expect(r.out).toMatch(/azure subscription: neither azure\.subscriptionId nor ARM_SUBSCRIPTION_ID is set/);
    expect(r.out).toMatch(/aws credentials: aws sts get-caller-identity failed: Unable to locate credentials/);
    expect(r.out).toMatch(/does not exist in ECR/);
    expect(calls).toEqual(expect.arrayContaining(['sts', 'ecr', 'az']));
    expect(fs.existsSync(out)).toBe(false);
  });

  test('--as-of pins the model lifecycle: validate warns before a retirement and fails from its day on', async () => {
    const t = rawDefault();
    t.azure.serving[1].models[0] = { name: 'o4-mini', model: 'o4-mini', version: '2025-04-16', capacity: 10 };
    const file = path.join(dir, 'old-model.json');
    fs.writeFileSync(file, JSON.stringify(t));
    const before = await run(['validate', '--config', file, '--as-of', '2026-09-01']);
    expect(before.code).toBe(0);
    expect(before.err).toMatch(/warning: azure\.serving\[1\]\.models\[0\]\.version: o4-mini 2025-04-16 retires on 2026-11-19 \(in 79 days\)/);
    const after = await run(['validate', '--config', file]);
    expect(after.code).toBe(2);
    expect(after.err).toMatch(/1 retired model version:\n {2}- azure\.serving\[1\]\.models\[0\]\.version: o4-mini 2025-04-16 was retired by Azure on 2026-11-19/);
    const synth = await run(['synth', '--config', file, '--out', path.join(dir, 'retired-out')]);
    expect(synth.code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'retired-out'))).toBe(false);
    expect((await run(['validate', '--as-of', '2026-13-01'])).err).toMatch(/--as-of "2026-13-01" is not a date: use YYYY-MM-DD/);
  });

  test('validate: the default has no model warning; a deprecated version and a region its SKU is not offered in are warnings, not failures', async () => {
    const clean = await run(['validate']);
    expect(clean.code).toBe(0);
    expect(clean.err).toBe('');
    const t = rawDefault();
    t.azure.serving[1].region = 'germanywestcentral';
    t.azure.serving[1].models[0] = { name: 'gpt-5-1', model: 'gpt-5.1', version: '2025-11-13', sku: 'DataZoneStandard', capacity: 10 };
    const file = path.join(dir, 'deprecated-model.json');
    fs.writeFileSync(file, JSON.stringify(t));
    const r = await run(['validate', '--config', file]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: azure\.serving\[1\]\.models\[0\]\.version: gpt-5\.1 2025-11-13 is deprecated since 2026-11-13/);
    expect(r.err).toMatch(/warning: azure\.serving\[1\]\.models\[0\]\.sku: gpt-5\.1 2025-11-13 is not offered as DataZoneStandard in germanywestcentral/);
  });

  test('check --as-of decides whether a dated suppression still applies', async () => {
    const template = path.join(dir, 'sagemaker.json');
    fs.writeFileSync(template, JSON.stringify({ Resources: { ModelEndpoint: { Type: 'AWS::SageMaker::Endpoint', Properties: { EndpointConfigName: 'x' } } } }));
    const t = rawDefault();
    t.policy = { suppressions: [{ rule: 'placement/*', resource: 'ModelEndpoint', reason: 'migration to Azure tracked in PLAT-123', expires: '2026-12-15' }] };
    const config = path.join(dir, 'suppressed.json');
    fs.writeFileSync(config, JSON.stringify(t));
    expect((await run(['check', '--template', template, '--config', config, '--as-of', '2026-12-14'])).code).toBe(0);
    expect((await run(['check', '--template', template, '--config', config, '--as-of', '2026-12-16'])).code).toBe(1);
  });

  test('unwritable outputs and empty configs are user errors (exit 2), not crashes', async () => {
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, 'x');
    const synth = await run(['synth', '--out', file]);
    expect(synth.code).toBe(2);
    expect(synth.err).toMatch(/is a file, not a directory/);
    const check = await run(['check', '--template', file, '--output', path.join(dir, 'missing-dir', 'r.json')]);
    expect(check.code).toBe(2);
    fs.writeFileSync(path.join(dir, 'empty.yaml'), '');
    const empty = await run(['validate', '--config', path.join(dir, 'empty.yaml')]);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/empty\.yaml is empty: expected a topology object/);
  });

  test('a refusal of the machine (full disk, permission) exits 2 in one line; a bug exits 3, never 1 (the policy code)', async () => {
    const spy = jest.spyOn(require('fs') as typeof fs, 'mkdtempSync').mockImplementation(() => { throw Object.assign(new Error('ENOSPC: no space left on device, mkdtemp'), { code: 'ENOSPC', syscall: 'mkdtemp', path: '/out/.stateline-synth-' }); });
    try {
      const full = await run(['synth', '--as-of', '2026-10-01', '--out', path.join(dir, 'full')]);
      expect([full.code, full.err]).toEqual([2, 'stateline: mkdtemp /out/.stateline-synth- failed: ENOSPC (ENOSPC: no space left on device, mkdtemp)\n']);
      spy.mockImplementation(() => { throw new TypeError('cannot read properties of undefined'); });
      const bug = await run(['synth', '--as-of', '2026-10-01', '--out', path.join(dir, 'bug')]);
      expect(bug.code).toBe(3);
      expect(bug.err).toMatch(/^stateline: internal error \(please report it with this output\): TypeError: cannot read properties of undefined\n\s+at /);
    } finally {
      spy.mockRestore();
    }
  });

  test('usage errors exit 2', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['synth', '--no-such-flag'])).code).toBe(2);
    expect((await run(['--help'])).code).toBe(0);
    expect((await run(['deploy', '--phase', '4', '--dry-run'])).code).toBe(2);
  });

  test('synth writes both clouds; an invalid topology leaves previous outputs untouched', async () => {
    const out = path.join(dir, 'out');
    const ok = await run(['synth', '--out', out]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/aws\s+1 stack/);
    expect(ok.out).toMatch(/azure\s+5 stacks/);
    expect(ok.out).toMatch(/policy passed: \d+ resources checked, 0 errors/);
    // The default topology's summary: outputs and diagram, 3 phases, its agent's paths, cost, policy and schema.
    expect(ok.out.replace(/\n$/, '').split('\n').map((l) => l.trim().split(/\s+/)[0])).toEqual(['stateline', 'phase', 'phase', 'phase', 'paths', 'cost', 'policy']);
    expect(ok.out).toMatch(/\(cdktf\.out\); diagram \S*stateline\.svg\n/);
    // Plain synth validates both clouds against the provider schemas; only CDK custom resources have none.
    expect(ok.out).toMatch(/policy passed: .*; schema: \d+ resources validated against provider schemas, 4 not validated \(no schema data: Custom::AWS, Custom::VpcRestrictDefaultSG\)/);
    expect(fs.readFileSync(path.join(out, 'stateline.svg'), 'utf8')).toMatch(/^<\?xml|<svg/);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'cdktf.out/manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks).sort()).toEqual(['stateline-azure-hub', 'stateline-azure-identity', 'stateline-azure-link', 'stateline-azure-serving-francecentral', 'stateline-azure-serving-swedencentral']);
    expect(fs.existsSync(path.join(out, 'cdk.out/stateline-aws-agents-eu-central-1.template.json'))).toBe(true);
    const before = fs.readFileSync(path.join(out, 'cdk.out/manifest.json'), 'utf8');

    const t = rawDefault();
    t.aws.vpc.cidr = 'not-a-cidr';
    fs.writeFileSync(path.join(dir, 'bad2.json'), JSON.stringify(t));
    const bad = await run(['synth', '--out', out, '--config', path.join(dir, 'bad2.json')]);
    expect(bad.code).toBe(2);
    expect(fs.readFileSync(path.join(out, 'cdk.out/manifest.json'), 'utf8')).toBe(before);
    expect(fs.readdirSync(out).sort()).toEqual(['cdk.out', 'cdktf.out', 'stateline.mmd', 'stateline.svg', 'stateline.topology.json']);

    // No machine path leaks into any synthesized file.
    const leaks: string[] = [];
    const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (fs.readFileSync(f, 'utf8').includes(dir) || fs.readFileSync(f, 'utf8').includes(process.cwd())) leaks.push(f);
    });
    walk(out);
    expect(leaks).toEqual([]);
  });
});
