/**
 * The confirmation step by step: which read-only preview each step gets, how real tool output
 * (Terraform 1.11.4 `plan -json`, aws-cdk 2.1148.1 `cdk diff`, recorded in fixtures/) is
 * summarized, and that the runner runs nothing of a step that is not confirmed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pluginCacheEnv, PreviewOutput, PreviewRunner, previewCommands, renderSummary, stepConfirmer, summarizeCdkDiff, summarizeStackResources, summarizeTerraformPlan } from '../../lib/deploy/confirm';
import { planDeploy, planDestroy, Step } from '../../lib/deploy/plan';
import { runPhases, ToolRunner } from '../../lib/deploy/runner';
import { deriveFrom, rawDefault } from '../helpers';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const ok = (stdout: string, stderr = ''): PreviewOutput => ({ code: 0, stdout, stderr });
const d = deriveFrom(rawDefault());
const OUT = '/work/project/out';
const plan = planDeploy(d, { azure: {}, aws: {} }, { outDir: OUT, stateDir: `${OUT}/.stateline/deploy` });
const stepOf = (steps: readonly Step[], tool: Step['tool'], stack: string) => steps.find((s) => s.tool === tool && s.stacks.includes(stack))!;

describe('preview commands', () => {
  test('a Terraform step: init, then plan -json per stack in its synthesized directory (-destroy on a destroy)', () => {
    const serving = stepOf(plan.steps, 'cdktf', 'stateline-azure-serving-francecentral');
    const cmds = previewCommands(serving, 'deploy', { outDir: OUT, region: 'eu-central-1' });
    expect(cmds.map((c) => c.stack)).toEqual(['stateline-azure-serving-swedencentral', 'stateline-azure-serving-francecentral']);
    expect(cmds[1]).toEqual({
      stack: 'stateline-azure-serving-francecentral',
      kind: 'terraform-plan',
      setup: ['terraform', `-chdir=${OUT}/cdktf.out/stacks/stateline-azure-serving-francecentral`, 'init', '-input=false', '-no-color'],
      argv: ['terraform', `-chdir=${OUT}/cdktf.out/stacks/stateline-azure-serving-francecentral`, 'plan', '-input=false', '-no-color', '-json', '-lock-timeout=120s'],
    });
    const destroy = planDestroy(d, { outDir: OUT, stateDir: '' });
    expect(previewCommands(stepOf(destroy.steps, 'cdktf', 'stateline-azure-hub'), 'destroy', { outDir: OUT, region: 'eu-central-1' })[0].argv.slice(-1)).toEqual(['-destroy']);
  });

  test('the AWS step: cdk diff with the deploy\'s own --app and --parameters; on a destroy, the stack\'s resources', () => {
    const aws = stepOf(plan.steps, 'cdk', d.aws.stackName);
    const [diff] = previewCommands(aws, 'deploy', { outDir: OUT, region: 'eu-central-1' });
    expect(diff.argv.slice(0, 6)).toEqual(['npx', 'cdk', 'diff', d.aws.stackName, '--app', `${OUT}/cdk.out`]);
    expect(diff.argv.filter((a) => a.startsWith(`${d.aws.stackName}:`))).toEqual(aws.command.filter((a) => a.startsWith(`${d.aws.stackName}:`)));
    expect(diff.argv).not.toContain('--require-approval');
    expect(diff.argv).not.toContain('--outputs-file');
    const destroy = planDestroy(d, { outDir: OUT, stateDir: '' });
    expect(previewCommands(stepOf(destroy.steps, 'cdk', d.aws.stackName), 'destroy', { outDir: OUT, region: 'eu-central-1' })[0].argv)
      .toEqual(['aws', 'cloudformation', 'list-stack-resources', '--stack-name', d.aws.stackName, '--region', 'eu-central-1', '--output', 'json']);
  });

  test('the secret hand-over has no preview of its own (it belongs to the step before it)', () => {
    expect(previewCommands(plan.steps.find((s) => s.tool === 'secrets')!, 'deploy', { outDir: OUT, region: 'eu-central-1' })).toEqual([]);
  });
});

test('previews share the provider plugin cache cdktf sets up for its own runs', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-home-'));
  try {
    expect(pluginCacheEnv({}, home)).toEqual({ TF_PLUGIN_CACHE_DIR: path.join(home, '.terraform.d', 'plugin-cache') });
    expect(fs.existsSync(path.join(home, '.terraform.d', 'plugin-cache'))).toBe(true);
    expect(pluginCacheEnv({ TF_PLUGIN_CACHE_DIR: '/cache' }, home)).toEqual({});
    expect(pluginCacheEnv({ CDKTF_DISABLE_PLUGIN_CACHE_ENV: 'true' }, home)).toEqual({});
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

describe('summaries of real tool output', () => {
  test('terraform plan -json: create, update, replace and delete, by address', () => {
    const s = summarizeTerraformPlan('hub', ok(fixture('terraform-plan.jsonl')), 'deploy');
    expect(s).toMatchObject({ add: 1, change: 1, replace: 1, remove: 1, replaced: ['terraform_data.swap'], removed: ['terraform_data.gone'] });
    expect(s.error).toBeUndefined();
    expect(renderSummary(s, 'deploy')).toEqual([
      '    preview hub (terraform plan): 1 to add, 1 to change, 1 to replace, 1 to destroy',
      '      replaces terraform_data.swap',
      '      destroys terraform_data.gone',
    ]);
  });

  test('terraform plan -destroy names every resource; a failed plan carries its diagnostic', () => {
    const s = summarizeTerraformPlan('hub', ok(fixture('terraform-plan-destroy.jsonl')), 'destroy');
    expect([...s.removed].sort()).toEqual(['terraform_data.gone', 'terraform_data.keep', 'terraform_data.swap']);
    expect(renderSummary(s, 'destroy')[0]).toBe('    will destroy hub (terraform plan -destroy): 3 resources');
    const failed = summarizeTerraformPlan('hub', { code: 1, stdout: fixture('terraform-plan-error.jsonl'), stderr: '' }, 'deploy');
    expect(failed.error).toBe('Reference to undeclared input variable: An input variable with the name "nope" has not been declared. This variable can be declared with a variable "nope" {} block.');
    expect(summarizeTerraformPlan('hub', { code: 1, stdout: '', stderr: 'Error: Failed to get existing workspaces\n' }, 'deploy').error).toBe('terraform plan exited 1: Error: Failed to get existing workspaces');
  });

  test('cdk diff: resources added, changed, replaced and removed, and the IAM and security group tables', () => {
    const s = summarizeCdkDiff('stateline-aws-agents-eu-central-1', ok('', fixture('cdk-diff.txt')));
    expect([s.add, s.change, s.replace, s.remove]).toEqual([26, 16, 4, 3]);
    expect(s.replaced).toEqual([
      'NetworkagentsSubnet1Subnet5821A6F4 (AWS::EC2::Subnet)', 'NetworkagentsSubnet1RouteTableAssociation3F87851A (AWS::EC2::SubnetRouteTableAssociation)',
      'NetworkagentsSubnet2Subnet65A92AE4 (AWS::EC2::Subnet)', 'NetworkagentsSubnet2RouteTableAssociationB3EFED5A (AWS::EC2::SubnetRouteTableAssociation)',
    ]);
    expect(s.removed).toEqual(['DnsFirewallDomainList36343EB2 (AWS::Route53Resolver::FirewallDomainList)', 'DnsFirewall56AC7ACA (AWS::Route53Resolver::FirewallRuleGroup)', 'DnsFirewallAssociation75689B24 (AWS::Route53Resolver::FirewallRuleGroupAssociation)']);
    expect(s.notes).toEqual(['IAM statement changes: `cdk diff` lists them', 'security group changes: `cdk diff` lists them']);
  });

  test('CloudFormation stack resources: all of them deleted; a stack that does not exist has nothing to delete', () => {
    const s = summarizeStackResources('agents', ok(JSON.stringify({ StackResourceSummaries: [{ LogicalResourceId: 'Vpc', ResourceType: 'AWS::EC2::VPC' }] })));
    expect([s.remove, s.removed]).toEqual([1, ['Vpc (AWS::EC2::VPC)']]);
    const gone = summarizeStackResources('agents', { code: 254, stdout: '', stderr: 'An error occurred (ValidationError) when calling the ListStackResources operation: Stack with id agents does not exist' });
    expect([gone.remove, gone.error, gone.notes]).toEqual([0, undefined, ['agents does not exist: nothing to delete']]);
  });
});

describe('the confirmer', () => {
  const hub = stepOf(plan.steps, 'cdktf', 'stateline-azure-hub');
  const base = { action: 'deploy' as const, outDir: OUT, region: 'eu-central-1', target: { aws: 'AWS account 1, eu-central-1', azure: 'Azure subscription s' }, yes: false };
  const previewing = (stdout: string): PreviewRunner & { calls: string[] } => {
    const calls: string[] = [];
    return { calls, run: async (argv) => { calls.push(argv.slice(0, 3).join(' ')); return ok(argv.includes('plan') ? stdout : ''); } };
  };

  test('a deploy step whose plan changes nothing runs without a question', async () => {
    const asked: string[] = [];
    const confirm = stepConfirmer({ ...base, log: () => undefined, preview: previewing('{"type":"change_summary","changes":{"add":0,"change":0,"remove":0}}'), prompt: { ask: async (q) => { asked.push(q); return 'n'; } } });
    expect(await confirm(hub, {})).toBe(true);
    expect(asked).toEqual([]);
  });

  test('the end of input is a no; no prompt at all is a refusal with a reason; deploy --yes previews nothing', async () => {
    const preview = previewing(fixture('terraform-plan.jsonl'));
    expect(await stepConfirmer({ ...base, log: () => undefined, preview, prompt: { ask: async () => '' } })(hub, {})).toBe(false);
    expect(await stepConfirmer({ ...base, log: () => undefined, preview })(hub, {})).toMatch(/^not confirmed: there is no terminal to ask on/);
    const yes = previewing('');
    const lines: string[] = [];
    expect(await stepConfirmer({ ...base, yes: true, log: (l) => lines.push(l), preview: yes })(hub, {})).toBe(true);
    expect([yes.calls, lines]).toEqual([[], ['    confirmed by --yes']]);
  });

  test('the runner runs nothing of a step that is not confirmed, and stops with code 2', async () => {
    const state = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-confirm-run-'));
    const ran: string[] = [];
    const runner: ToolRunner = {
      exec: async (argv) => { ran.push(argv.join(' ')); return 0; },
      readSecret: async () => '', readTerraformOutput: async () => '', writeSecret: async () => undefined, secretExists: async () => false,
    };
    const asked: string[] = [];
    const r = await runPhases(d, runner, {
      action: 'destroy', outDir: state, stateDir: state, cwd: state, log: () => undefined,
      confirm: async (step) => { asked.push(step.stacks.join(' ')); return false; },
    });
    fs.rmSync(state, { recursive: true, force: true });
    expect([r.code, ran, asked]).toEqual([2, [], ['stateline-azure-link']]);
    expect(r.message).toBe('phase 3 (stateline-azure-link) was not confirmed: nothing of it ran. Re-run when ready: stateline destroy --phase 3');
  });
});
