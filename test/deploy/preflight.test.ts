/** Deploy preflight: every problem at once, offline checks in dry runs, network checks behind a stub. */
import * as path from 'path';
import { EXAMPLE_IMAGES, formatPreflight, formatTarget, NetworkProbe, NPM_TOOLS, preflight, PreflightOptions } from '../../lib/deploy/preflight';
import { parseAsOf } from '../../lib/topology/clock';
import { readConfigFile } from '../../lib/topology/load';
import { deriveFrom, rawDefault } from '../helpers';

const ACCOUNT = '210987654321';
const IMAGE = `${ACCOUNT}.dkr.ecr.eu-central-1.amazonaws.com/support-agent:1.4.2`;
const TODAY = parseAsOf('2026-12-01');

/** An environment with every tool and a service principal for Azure, an AWS profile. */
function env(vars: Record<string, string | undefined> = {}, missing: string[] = []) {
  const all: Record<string, string | undefined> = { ARM_SUBSCRIPTION_ID: '11111111-2222-3333-4444-555555555555', ARM_CLIENT_ID: 'app', ARM_CLIENT_SECRET: 'x', ARM_TENANT_ID: 'aaaaaaaa-1111-2222-3333-444444444444', AWS_PROFILE: 'deploy', ...vars };
  return { hasCommand: (n: string) => !missing.includes(n), env: (n: string) => all[n] };
}

/** A topology that passes everything offline: own image, own tool function, own account, own name. */
function ready(mutate: (t: any) => void = () => undefined) {
  const t = rawDefault();
  t.name = 'acme';
  t.aws.account = ACCOUNT;
  t.aws.agents[0].image = IMAGE;
  t.aws.tools[0].lambda.functionArn = `arn:aws:lambda:eu-central-1:${ACCOUNT}:function:order-lookup`;
  mutate(t);
  return deriveFrom(t);
}

const network = (over: Partial<NetworkProbe> = {}): NetworkProbe => ({
  awsIdentity: async () => ({ account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:role/deployer` }),
  cdkBootstrapVersion: async () => 27,
  ecrImageExists: async () => true,
  azureCliAccount: async () => ({ subscriptionId: 's', user: 'me@example.com' }),
  ...over,
});

const run = (d = ready(), opts: Partial<PreflightOptions> = {}) => preflight(d, { asOf: TODAY, env: env(), ...opts });
const subjects = (ps: readonly { subject: string }[]) => ps.map((p) => p.subject);

describe('deploy preflight', () => {
  test('a ready topology and environment pass, listing the one-time steps', async () => {
    const r = await run();
    expect(r.errors).toEqual([]);
    expect(r.online).toBe(false);
    expect(r.oneTimeSteps[0]).toBe(`AWS: bootstrap the CDK once in the deployment account and eu-central-1 (the stack ships a Lambda asset): npx --no-install cdk bootstrap aws://${ACCOUNT}/eu-central-1`);
    expect(r.oneTimeSteps.some((s) => /vCPU quota for Standard_NC24ads_A100_v4 .* in swedencentral: GPU families usually start at 0/.test(s))).toBe(true);
    // Local accounts off + Azure RBAC: someone needs a Kubernetes data-plane role to deploy the model server.
    expect(r.oneTimeSteps.filter((s) => /AKS Kubernetes role/.test(s))).toEqual([expect.stringMatching(/^Azure: after phase 1, assign whoever deploys the model server to aks-acme-sdc-llm an AKS Kubernetes role \(e\.g\. "Azure Kubernetes Service RBAC Writer" .*Owner or Contributor carry no Kubernetes data actions/)]);
    expect(r.oneTimeSteps.some((s) => /quota for gpt-5\.6-terra 2026-07-09 DataZoneStandard in francecentral: 30 thousand tokens per minute/.test(s))).toBe(true);
    expect(formatPreflight(r)).toMatch(/preflight passed/);
  });

  test('the embedded default topology: its placeholder image and example tool function are rejected, and the default name is a warning', async () => {
    const r = await run(deriveFrom(rawDefault()));
    expect(r.errors).toEqual([
      expect.objectContaining({ subject: 'aws.agents[0].image', message: expect.stringContaining("123456789012.dkr.ecr.eu-central-1.amazonaws.com/support-agent:1.0.0\" is stateline's example placeholder") }),
      expect.objectContaining({ subject: 'aws.tools[0].lambda.functionArn', message: expect.stringMatching(/function:order-lookup-tool" is in 123456789012, an AWS documentation example account: create the tool's function in your account/) }),
    ]);
    expect(r.warnings.find((w) => w.subject === 'name')?.message).toMatch(/kv-stateline-sdc, kv-stateline-frc.* globally unique/);
    expect(formatPreflight(r)).toMatch(/preflight failed: 2 problems to fix before deploying\n$/);
  });

  test('without aws.account: a tool function in another account than the AWS identity is an error; offline a warning', async () => {
    // With aws.account set, validation already refuses it; without, only the deploy identity tells.
    const other = ready((t) => { delete t.aws.account; t.aws.tools[0].lambda.functionArn = 'arn:aws:lambda:eu-central-1:999988887777:function:order-lookup'; });
    const online = await run(other, { network: network() });
    expect(online.errors).toEqual([expect.objectContaining({ subject: 'aws.tools[0].lambda.functionArn', message: expect.stringMatching(/in account 999988887777, but the agents deploy to account 210987654321: the tool gateway's role can use a function of its own account only/) })]);
    const offline = await run(other);
    expect(offline.errors).toEqual([]);
    expect(offline.warnings.find((w) => w.subject === 'aws.tools[0].lambda.functionArn')?.message).toMatch(/cannot compare the function's account 999988887777 with the deployment account offline/);
  });

  test('the example config and any image in an AWS documentation account are rejected too', async () => {
    const example: any = readConfigFile(path.join(__dirname, '../../examples/stateline.config.yaml'));
    expect(EXAMPLE_IMAGES).toContain(example.aws.agents[0].image);
    example.aws.agents[0].image = example.aws.agents[0].image.replace('claims-agent', 'other');
    const r = await run(deriveFrom(example, path.join(__dirname, '../../examples')));
    // The image, the Lambda tool and the two tool secrets are all in the documentation account.
    expect(r.errors.map((e) => e.subject)).toEqual(['aws.agents[0].image', 'aws.tools[0].lambda.functionArn', 'aws.tools[1].openapi.auth.apiKey.secretArn', 'aws.tools[2].mcp.auth.oauth2.clientSecretArn']);
    for (const e of r.errors) expect(e.message).toMatch(/is in 111122223333, an AWS documentation example account/);
  });

  test('every problem at once: placeholder image, missing tools, no Azure subscription, a retired model', async () => {
    const d = deriveFrom((() => {
      const t = rawDefault();
      t.azure.serving[1].models[0] = { name: 'old', model: 'o4-mini', version: '2025-04-16', capacity: 10 };
      return t;
    })());
    const r = await run(d, { env: env({ ARM_SUBSCRIPTION_ID: undefined }, ['terraform', 'aws']) });
    expect(subjects(r.errors).sort()).toEqual(['aws.agents[0].image', 'aws.tools[0].lambda.functionArn', 'azure subscription', 'azure.serving[1].models[0].version', 'tool aws', 'tool terraform']);
    expect(r.errors.find((e) => e.subject === 'azure.serving[1].models[0].version')!.message).toMatch(/retired by Azure on 2026-11-19/);
    expect(formatPreflight(r)).toMatch(/preflight failed: 6 problems/);
    // The missing subscription is said once, with how to set it.
    expect(formatPreflight(r)).toContain("  target Azure  subscription not set (set azure.subscriptionId or ARM_SUBSCRIPTION_ID), tenant aaaaaaaa-1111-2222-3333-444444444444 (ARM_TENANT_ID)");
  });

  test('the target never repeats a missing value as its own reason', () => {
    const lines = formatTarget({ awsRegion: 'eu-central-1', awsAccountSource: 'unknown', azureSubscriptionSource: 'not set', azureTenantSource: 'unknown' });
    expect(lines).toEqual([
      'AWS    account unknown, region eu-central-1',
      'Azure  subscription not set (set azure.subscriptionId or ARM_SUBSCRIPTION_ID), tenant unknown',
    ]);
    for (const l of lines) expect(l).not.toMatch(/(\b[\w ]+) \(\1\)/);
  });

  test('Azure CLI credentials need az on the path; a service principal does not', async () => {
    const cliOnly = env({ ARM_CLIENT_ID: undefined, ARM_CLIENT_SECRET: undefined }, ['az']);
    expect(subjects((await run(ready(), { env: cliOnly })).errors)).toEqual(['tool az']);
    expect((await run(ready(), { env: env({}, ['az']) })).errors).toEqual([]);
  });

  test('images in another account: an error, or a one-time repository-policy step when acknowledged', async () => {
    const other = ready((t) => { t.aws.agents[0].image = '999988887777.dkr.ecr.eu-central-1.amazonaws.com/agent:1'; });
    expect((await run(other)).errors.map((e) => e.message)).toEqual([expect.stringMatching(/in account 999988887777, but the agents deploy to account 210987654321.*--allow-cross-account-images/)]);
    const ack = await run(other, { allowCrossAccountImages: true });
    expect(ack.errors).toEqual([]);
    expect(ack.oneTimeSteps.some((s) => /repository policy in account 999988887777 must allow ecr:BatchGetImage/.test(s))).toBe(true);
  });

  test('offline without aws.account the image account cannot be compared: a warning, not a guess', async () => {
    const r = await run(ready((t) => { delete t.aws.account; }));
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.subject)).toContain('aws.agents[0].image');
  });

  describe('network checks (only without --dry-run)', () => {
    test('all good: identity, bootstrap, image and the account the image must match', async () => {
      const r = await run(ready((t) => { delete t.aws.account; }), { network: network() });
      expect(r.online).toBe(true);
      expect(r.errors).toEqual([]);
      expect(r.passed).toEqual(expect.arrayContaining([`AWS identity arn:aws:iam::${ACCOUNT}:role/deployer (account ${ACCOUNT})`, 'CDK bootstrap version 27 in eu-central-1', 'aws.agents[0].image exists in ECR']));
    });

    test('failures are findings: wrong account, not bootstrapped, image missing, az not signed in', async () => {
      const cliAuth = env({ ARM_CLIENT_ID: undefined, ARM_CLIENT_SECRET: undefined, ARM_TENANT_ID: undefined });
      const r = await run(ready(), {
        env: cliAuth,
        network: network({
          awsIdentity: async () => ({ account: '555566667777', arn: 'arn:aws:iam::555566667777:user/x' }),
          cdkBootstrapVersion: async () => null,
          ecrImageExists: async () => false,
          azureCliAccount: async () => ({ error: 'Please run az login' }),
        }),
      });
      expect(r.errors.map((e) => `${e.subject}: ${e.message}`)).toEqual(expect.arrayContaining([
        expect.stringMatching(/^aws.account: the topology deploys to 210987654321, but the AWS credentials are for 555566667777/),
        expect.stringMatching(/^cdk bootstrap: account 555566667777 is not bootstrapped .* npx --no-install cdk bootstrap aws:\/\/555566667777\/eu-central-1/),
        expect.stringMatching(/^aws.agents\[0\].image: .* does not exist in ECR/),
        expect.stringMatching(/^azure credentials: az account show --subscription 11111111-2222-3333-4444-555555555555 failed \(Please run az login\): run az login/),
      ]));
    });

    test('a failing identity call is reported, and the image account then falls back to aws.account', async () => {
      const r = await run(ready(), { network: network({ awsIdentity: async () => ({ error: 'Unable to locate credentials' }) }) });
      expect(r.errors.map((e) => e.message)).toEqual(['aws sts get-caller-identity failed: Unable to locate credentials']);
    });
  });
});

describe('where it deploys, and what it needs first', () => {
  const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  const OTHER = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

  test('the target is printed: offline from the topology and the environment, online from the credentials', async () => {
    const offline = await run(ready());
    expect(formatPreflight(offline)).toContain([
      `  target AWS    account ${ACCOUNT} (aws.account, not verified offline), region eu-central-1`,
      "  target Azure  subscription 11111111-2222-3333-4444-555555555555 (ARM_SUBSCRIPTION_ID), tenant aaaaaaaa-1111-2222-3333-444444444444 (ARM_TENANT_ID)",
    ].join('\n'));
    const cliAuth = env({ ARM_CLIENT_ID: undefined, ARM_CLIENT_SECRET: undefined });
    const asked: Array<string | undefined> = [];
    const online = await run(ready(), { env: cliAuth, network: network({ azureCliAccount: async (sub) => { asked.push(sub); return { subscriptionId: sub!, tenantId: TENANT, user: 'me@example.com' }; } }) });
    expect(online.errors).toEqual([]);
    expect(asked).toEqual(['11111111-2222-3333-4444-555555555555']);
    expect(online.target).toEqual({
      awsRegion: 'eu-central-1', awsAccount: ACCOUNT, awsAccountSource: `credentials arn:aws:iam::${ACCOUNT}:role/deployer`,
      azureSubscription: '11111111-2222-3333-4444-555555555555', azureSubscriptionSource: 'ARM_SUBSCRIPTION_ID',
      azureTenant: TENANT, azureTenantSource: 'az account show (me@example.com)',
    });
  });

  test('a service principal without ARM_TENANT_ID stops the deploy: azurerm cannot sign in without the tenant', async () => {
    const noTenant = await run(ready(), { env: env({ ARM_TENANT_ID: undefined }) });
    expect(noTenant.errors.map((e) => `${e.subject}: ${e.message}`)).toEqual([
      'ARM_TENANT_ID: is not set, but ARM_CLIENT_ID is (a service principal or OIDC sign-in): azurerm needs the tenant to sign in; set ARM_TENANT_ID to the tenant of the subscription',
    ]);
    expect(noTenant.target.azureTenantSource).toBe('not set: ARM_CLIENT_ID needs ARM_TENANT_ID');
    const pinned = await run(ready((t) => { t.azure.tenantId = TENANT; }), { env: env({ ARM_TENANT_ID: undefined }) });
    expect(pinned.errors.map((e) => e.message)).toEqual([expect.stringContaining(`set ARM_TENANT_ID to ${TENANT} (azure.tenantId)`)]);
    // A managed identity and the Azure CLI login bring their own tenant.
    expect((await run(ready(), { env: env({ ARM_TENANT_ID: undefined, ARM_USE_MSI: 'true' }) })).errors).toEqual([]);
    expect((await run(ready(), { env: env({ ARM_TENANT_ID: undefined, ARM_CLIENT_ID: undefined, ARM_CLIENT_SECRET: undefined }) })).errors).toEqual([]);
  });

  test('a target that differs from aws.account, azure.subscriptionId or azure.tenantId stops the deploy', async () => {
    const pinned = ready((t) => { t.azure.subscriptionId = '99999999-2222-3333-4444-555555555555'; t.azure.tenantId = TENANT; });
    const sp = await run(pinned, { env: env({ ARM_TENANT_ID: OTHER }) });
    expect(sp.errors.map((e) => `${e.subject}: ${e.message}`)).toEqual([
      'azure.subscriptionId: is 99999999-2222-3333-4444-555555555555, but ARM_SUBSCRIPTION_ID is 11111111-2222-3333-4444-555555555555: stateline stops rather than guess which subscription you meant; unset ARM_SUBSCRIPTION_ID or correct one of them',
      `azure.tenantId: is ${TENANT}, but the Azure credentials are for tenant ${OTHER} (ARM_TENANT_ID): the agents' identities and the subscription must be in the same tenant; correct one of them`,
    ]);
    const cli = await run(pinned, {
      env: env({ ARM_CLIENT_ID: undefined, ARM_CLIENT_SECRET: undefined, ARM_SUBSCRIPTION_ID: undefined, ARM_TENANT_ID: undefined }),
      network: network({
        awsIdentity: async () => ({ account: '555566667777', arn: 'arn:aws:iam::555566667777:role/other' }),
        azureCliAccount: async (sub) => ({ subscriptionId: sub!, tenantId: OTHER, user: 'me@example.com' }),
      }),
    });
    expect(subjects(cli.errors)).toEqual(expect.arrayContaining(['aws.account', 'azure.tenantId']));
    expect(cli.errors.find((e) => e.subject === 'azure.tenantId')!.message).toMatch(/subscription 99999999-2222-3333-4444-555555555555 is in tenant aaaaaaaa-.*az login --tenant 72f988bf/);
    expect(cli.target).toMatchObject({ awsAccount: '555566667777', azureSubscription: '99999999-2222-3333-4444-555555555555', azureSubscriptionSource: 'azure.subscriptionId', azureTenant: OTHER });
  });

  test('prerequisites: cdk and cdktf installed in the project, a cdktf.json, Terraform, the AWS CLI, a recent CDK bootstrap', async () => {
    const bare = { ...env({}, ['terraform', 'aws']), hasProjectTool: () => false, fileExists: () => false };
    const r = await run(ready(), { env: bare, network: network({ cdkBootstrapVersion: async () => 5 }) });
    expect(r.errors.map((e) => `${e.subject}: ${e.message}`)).toEqual(expect.arrayContaining([
      'tool cdk: not installed in this project (phase 2 run it through npx, which stateline never lets download a package): npm install --save-dev --save-exact aws-cdk@2.1148.1',
      'tool cdktf: not installed in this project (phases 1 and 3 run it through npx, which stateline never lets download a package): npm install --save-dev --save-exact cdktf-cli@0.21.0',
      expect.stringMatching(/^tool terraform: not found on PATH: cdktf deploy runs Terraform: install Terraform 1\.x/),
      expect.stringMatching(/^tool aws: not found on PATH: reads the VPN pre-shared keys/),
      expect.stringMatching(/^cdktf\.json: not found in the project directory: .*\{"language": "typescript", "app": "npx --no-install stateline synth --no-check --no-graph"\}$/),
      expect.stringMatching(/^cdk bootstrap: the CDK bootstrap stack in eu-central-1 is version 5, older than the 6 the template requires/),
    ]));
  });

  test('the tool versions asked for are the ones stateline pins', () => {
    const pkg = JSON.parse(require('fs').readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
    for (const tool of Object.values(NPM_TOOLS)) expect(pkg.devDependencies[tool.pkg]).toBe(tool.version);
  });

  test('local Terraform state is a warning that names what it will hold; azure.state removes it', async () => {
    const local = await run(ready(), { outDir: 'out' });
    expect(local.warnings.find((w) => w.subject === 'azure.state')?.message).toMatch(/^not set: Terraform state stays local \(out\/terraform\.<stack>\.tfstate, owner-only\) and holds the tunnels' pre-shared keys and the agents' client secrets/);
    const remote = await run(ready((t) => { t.azure.state = { resourceGroupName: 'rg-tfstate', storageAccountName: 'acmetfstate', containerName: 'tfstate' }; }));
    expect(remote.warnings.map((w) => w.subject)).not.toContain('azure.state');
  });

  test('destroy checks tools, credentials and the target, needs the outputs, and ignores images and models', async () => {
    const d = deriveFrom(rawDefault()); // placeholder image: a deploy error, irrelevant to a destroy
    const files = new Set(['cdktf.json']);
    const e = { ...env(), fileExists: (f: string) => files.has(f) };
    const missing = await preflight(d, { asOf: TODAY, env: e, action: 'destroy', outDir: 'out' });
    expect(missing.errors.map((x) => `${x.subject}: ${x.message}`)).toEqual(['outputs: out/cdk.out/manifest.json and out/cdktf.out/manifest.json not found: destroy acts on the synthesized outputs; run stateline synth --out out with the topology that was deployed']);
    files.add('out/cdk.out/manifest.json').add('out/cdktf.out/manifest.json');
    const ok = await preflight(d, { asOf: TODAY, env: e, action: 'destroy', outDir: 'out', network: network({ cdkBootstrapVersion: async () => { throw new Error('not asked on destroy'); } }) });
    expect(ok.errors).toEqual([]);
    expect(ok.oneTimeSteps).toEqual([]);
    expect(formatPreflight(ok)).toMatch(/preflight passed/);
  });
});

describe('the real environment probe', () => {
  test('finds npm tools in the project node_modules/.bin and programs on PATH, not made-up ones', () => {
    const { ProcessEnvironment } = require('../../lib/deploy/probes');
    const probe = new ProcessEnvironment(path.join(__dirname, '../..'), { PATH: path.dirname(process.execPath) });
    expect(probe.hasCommand('cdk')).toBe(true);
    expect(probe.hasCommand('cdktf')).toBe(true);
    expect(probe.hasCommand(path.basename(process.execPath))).toBe(true);
    expect(probe.hasCommand('definitely-not-a-stateline-tool')).toBe(false);
    expect(probe.env('PATH')).toBe(path.dirname(process.execPath));
  });

  test('project tools are those npx runs without downloading: node_modules/.bin here or in an ancestor, not PATH', () => {
    const { ProcessEnvironment } = require('../../lib/deploy/probes');
    const nested = new ProcessEnvironment(path.join(__dirname, '../../lib/deploy'), { PATH: path.dirname(process.execPath) });
    expect(nested.hasProjectTool('cdktf')).toBe(true);
    expect(nested.hasProjectTool(path.basename(process.execPath))).toBe(false);
    expect(nested.fileExists('confirm.ts')).toBe(true);
    expect(nested.fileExists('cdktf.json')).toBe(false);
  });
});
