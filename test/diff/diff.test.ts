import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diffDirectories, DiffReport } from '../../lib/diff';
import { renderMarkdown, renderText } from '../../lib/diff/render';
import { deepChanges } from '../../lib/diff/values';
import { policyFindingsOf } from '../../lib/cli/check';
import { copyScenario, scenarioDir } from '../scenarios';
import { run } from '../cli/run';
import { DEFAULT_TOPOLOGY } from '../../lib/topology/default';

const AWS_TEMPLATE = 'cdk.out/stateline-aws-agents-eu-central-1.template.json';
const diff = (a: string, b: string) => diffDirectories(a, b, (d) => policyFindingsOf(d));
const changes = (r: DiffReport) => r.stacks.flatMap((s) => s.resources.map((x) => ({ ...x, stack: s.stack, status: s.status })));

describe('stateline diff', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-diff-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A copy of a scenario with its AWS template edited. */
  function editedAws(name: string, from: string, edit: (t: any) => void): string {
    const dir = copyScenario(from, path.join(tmp, name));
    const file = path.join(dir, AWS_TEMPLATE);
    const t = JSON.parse(fs.readFileSync(file, 'utf8'));
    edit(t);
    fs.writeFileSync(file, JSON.stringify(t));
    return dir;
  }

  test('an unchanged topology produces "no changes" and exit 0', async () => {
    const r = await run(['diff', '--before', scenarioDir('default'), '--after', scenarioDir('default'), '--fail-on', 'destructive', 'security', 'policy']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('stateline diff: no changes\n');
    const md = await run(['diff', '--before', scenarioDir('default'), '--after', scenarioDir('default'), '--format', 'markdown']);
    expect(md.out).toContain('No changes.');
  });

  test('adding a serving region adds one Azure stack and only additions there', async () => {
    const r = await diff(scenarioDir('default'), scenarioDir('region'));
    const added = r.stacks.filter((s) => s.status === 'added');
    expect(added.map((s) => s.stack)).toEqual(['stateline-azure-serving-westeurope']);
    expect(added[0].resources.every((x) => x.kind === 'add')).toBe(true);
    expect(added[0].resources.map((x) => x.resourceType)).toEqual(expect.arrayContaining(['azurerm_cognitive_account', 'azurerm_cognitive_deployment', 'azurerm_private_endpoint']));
    // Existing Azure stacks keep every resource address.
    expect(changes(r).filter((x) => x.stack.startsWith('stateline-azure') && x.kind !== 'add' && x.kind !== 'update')).toEqual([]);
    expect(r.summary.destructive).toBe(0);
  });

  test('changing a model capacity is an in-place update, not destructive', async () => {
    const r = await diff(scenarioDir('default'), scenarioDir('capacity'));
    expect(changes(r).map((x) => [x.stack, x.resourceType, x.kind, x.properties.map((p) => `${p.path}: ${p.old} -> ${p.new}`)])).toEqual([
      ['stateline-azure-serving-francecentral', 'azurerm_cognitive_deployment', 'update', ['sku.capacity: 30 -> 60']],
    ]);
    const cli = await run(['diff', '--before', scenarioDir('default'), '--after', scenarioDir('capacity'), '--fail-on', 'destructive', '--no-attribution']);
    expect(cli.code).toBe(0);
  });

  test('changing the hub VNet address space replaces the resolver inbound endpoint (destructive)', async () => {
    const r = await diff(scenarioDir('default'), scenarioDir('hubcidr'));
    const replaced = changes(r).filter((x) => x.kind === 'replace');
    expect(replaced.map((x) => x.resourceType)).toEqual(expect.arrayContaining(['azurerm_private_dns_resolver_inbound_endpoint']));
    const inbound = replaced.find((x) => x.resourceType === 'azurerm_private_dns_resolver_inbound_endpoint')!;
    expect(inbound.properties.some((p) => p.replaces && p.path.startsWith('ip_configurations'))).toBe(true);
    expect(r.summary.destructive).toBeGreaterThan(0);
    expect(renderMarkdown(r)).toMatch(/### Destructive changes[\s\S]*azurerm_private_dns_resolver_inbound_endpoint[\s\S]*\*\*replace\*\*/);
    expect((await run(['diff', '--before', scenarioDir('default'), '--after', scenarioDir('hubcidr'), '--fail-on', 'destructive', '--no-attribution'])).code).toBe(1);
  });

  test('removing the state table and an agent memory is destructive and stateful', async () => {
    const noTable = editedAws('no-table', 'default', (t) => {
      for (const [id, res] of Object.entries<any>(t.Resources)) if (res.Type === 'AWS::DynamoDB::Table') delete t.Resources[id];
    });
    const r = await diff(scenarioDir('default'), noTable);
    const removed = changes(r).filter((x) => x.kind === 'remove');
    expect(removed).toEqual([expect.objectContaining({ resourceType: 'AWS::DynamoDB::Table', stateful: true })]);
    const agents = await diff(scenarioDir('twoagents'), scenarioDir('default'));
    expect(changes(agents).filter((x) => x.kind === 'remove' && x.stateful).map((x) => x.resourceType)).toEqual(expect.arrayContaining(['AWS::BedrockAgentCore::Memory', 'AWS::BedrockAgentCore::Runtime']));
    expect((await run(['diff', '--before', scenarioDir('default'), '--after', noTable, '--fail-on', 'destructive', '--no-attribution'])).code).toBe(1);
  });

  test('adding an agent adds IAM grants: security-relevant', async () => {
    const r = await diff(scenarioDir('default'), scenarioDir('twoagents'));
    const security = changes(r).filter((x) => x.security);
    expect(security.map((x) => x.resourceType)).toEqual(expect.arrayContaining(['AWS::IAM::Role', 'AWS::IAM::Policy']));
    expect(renderMarkdown(r)).toContain('### Security-relevant changes');
    expect((await run(['diff', '--before', scenarioDir('default'), '--after', scenarioDir('twoagents'), '--fail-on', 'security', '--no-attribution'])).code).toBe(1);
    expect((await run(['diff', '--before', scenarioDir('default'), '--after', scenarioDir('twoagents'), '--fail-on', 'policy', '--no-attribution'])).code).toBe(0);
  });

  test('adding a SageMaker endpoint on AWS shows in the policy delta', async () => {
    const injected = editedAws('sagemaker', 'default', (t) => {
      t.Resources.LlamaEndpoint = { Type: 'AWS::SageMaker::Endpoint', Properties: { EndpointConfigName: 'llama' } };
    });
    const r = await diff(scenarioDir('default'), injected);
    expect(r.policy.introduced).toEqual([expect.objectContaining({ rule: 'placement/stateless-endpoint-outside-azure', resource: 'LlamaEndpoint', cloud: 'aws' })]);
    expect(renderMarkdown(r)).toMatch(/### Policy delta[\s\S]*:x: introduced[\s\S]*LlamaEndpoint/);
    const back = await diff(injected, scenarioDir('default'));
    expect(back.policy.fixed.map((f) => f.resource)).toEqual(['LlamaEndpoint']);
    expect((await run(['diff', '--before', scenarioDir('default'), '--after', injected, '--fail-on', 'policy', '--no-attribution'])).code).toBe(1);
  });

  test('asset hashes and CDK metadata are noise, not changes', async () => {
    const noisy = editedAws('noise', 'default', (t) => {
      for (const res of Object.values<any>(t.Resources)) res.Metadata = { 'aws:cdk:path': 'moved/elsewhere' };
      t.Parameters = { ...(t.Parameters ?? {}), BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/other/version' } };
      const text = JSON.stringify(t).replace(/[0-9a-f]{64}/g, 'f'.repeat(64));
      Object.assign(t, JSON.parse(text));
    });
    const r = await diff(scenarioDir('default'), noisy);
    expect(r.stacks).toEqual([]);
  });

  test('markdown: summary first and never truncated; details truncated with a note; stable text', async () => {
    const r = await diff(scenarioDir('default'), scenarioDir('ten'));
    const full = renderMarkdown(r);
    expect(full.indexOf('| cloud | stacks |')).toBeLessThan(full.indexOf('<details>'));
    expect(full.length).toBeLessThan(65536);
    expect(renderMarkdown(r)).toBe(full);
    const small = renderMarkdown(r, 4000);
    expect(small).toContain('| Azure |');
    expect(small).toMatch(/stack detail sections? omitted to stay under GitHub's comment limit/);
    expect(renderText(r)).toContain('Azure stateline-azure-serving-westeurope (added)');
    const json = await run(['diff', '--before', scenarioDir('default'), '--after', scenarioDir('ten'), '--format', 'json', '--no-attribution']);
    expect(JSON.parse(json.out)).toMatchObject({ version: 1, summary: { azure: { stacks: expect.any(Number) } } });
    // Without attribution the topology diff still heads the report: eight serving regions added.
    expect(JSON.parse(json.out).topology).toMatchObject({ attribution: 'attribution off (--no-attribution)' });
    expect(JSON.parse(json.out).topology.changes.map((c: any) => c.path)).toEqual(expect.arrayContaining(['azure.serving[westeurope]', 'azure.serving[switzerlandnorth]']));
    expect(JSON.parse(json.out).topology.changes).toHaveLength(8);
  });

  test('secrets are masked in property changes; references are shown', () => {
    const masked = deepChanges({ shared_key: 'OldLiteralKey1' }, { shared_key: 'NewLiteralKey2' }, '', () => false);
    expect(masked).toEqual([{ path: 'shared_key', old: '"****"', new: '"****"', replaces: false }]);
    const refs = deepChanges({ shared_key: '${var.a}' }, { shared_key: '${var.b}' }, '', () => false);
    expect(refs[0]).toMatchObject({ old: '"${var.a}"', new: '"${var.b}"' });
  });

  test('--base GITREF synthesizes the base revision of the config in a temporary worktree and compares', async () => {
    // A throwaway repository: the stateline sources plus a committed config; the working tree
    // then changes one model capacity, which the diff must report as an in-place update.
    const repo = path.join(tmp, 'repo');
    const root = path.resolve(__dirname, '../..');
    fs.mkdirSync(repo);
    for (const f of ['bin', 'lib', 'stacks', 'package.json', 'package-lock.json', 'tsconfig.json']) fs.cpSync(path.join(root, f), path.join(repo, f), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(repo, 'node_modules'), 'dir');
    fs.writeFileSync(path.join(repo, '.gitignore'), 'node_modules\n');
    const config = path.join(repo, 'stateline.config.json');
    const topology = JSON.parse(JSON.stringify(DEFAULT_TOPOLOGY));
    fs.writeFileSync(config, JSON.stringify(topology));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'base');
    topology.azure.serving[1].models[0].capacity = 45;
    fs.writeFileSync(config, JSON.stringify(topology));
    const cwd = process.cwd();
    process.chdir(repo);
    try {
      const r = await run(['diff', '--base', 'HEAD', '--config', 'stateline.config.json', '--format', 'json']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out);
      expect(report.stacks.flatMap((st: any) => st.resources.map((x: any) => [st.stack, x.resourceType, x.kind, x.properties.map((p: any) => `${p.path}: ${p.old} -> ${p.new}`)]))).toEqual([
        ['stateline-azure-serving-francecentral', 'azurerm_cognitive_deployment', 'update', ['sku.capacity: 30 -> 45']],
      ]);
      // The base's synth recorded its topology: the report leads with the field and attributes the change to it.
      const field = 'azure.serving[francecentral].models[gpt-5-6-terra].capacity';
      expect(report.topology).toMatchObject({ before: 'HEAD (recorded by its synth)', after: 'working tree (stateline.config.json)', changes: [{ path: field, old: '30', new: '45' }], unattributed: 0, fromCode: 0 });
      expect(report.stacks[0].resources[0].causes).toEqual([field]);
      const bad = await run(['diff', '--base', 'no-such-ref-xyz']);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/no-such-ref-xyz/);
    } finally {
      process.chdir(cwd);
    }
  }, 120000);

  test('usage errors exit 2', async () => {
    expect((await run(['diff', '--before', scenarioDir('default')])).code).toBe(2);
    expect((await run(['diff', '--before', path.join(tmp, 'missing'), '--after', scenarioDir('default')])).code).toBe(2);
    expect((await run(['diff', '--before', 'a', '--after', 'b', '--base', 'HEAD'])).code).toBe(2);
    expect((await run(['diff', '--base', 'HEAD', '--before-config', 'x.json'])).code).toBe(2);
    const bad = path.join(tmp, 'bad-config.json');
    fs.writeFileSync(bad, JSON.stringify({ ...DEFAULT_TOPOLOGY, aws: { ...DEFAULT_TOPOLOGY.aws, vpc: { cidr: '10.20.0.0/16', maxAzs: 9 } } }));
    const r = await run(['diff', '--before', scenarioDir('default'), '--after', scenarioDir('capacity'), '--before-config', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad-config\.json: \d+ problems? in the topology:[\s\S]*aws\.vpc\.maxAzs/);
  });
});
