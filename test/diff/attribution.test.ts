/**
 * The example: a PR that changes `aws.vpc.maxAzs` 3 -> 2 and one model capacity. The
 * report must lead with the topology diff, attribute every resource change to the field that
 * causes it, keep removals of subnets out of the security column, and fit its markdown summary
 * on one screen before the details fold.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { outputAnalyzer } from '../../lib/cli/cost';
import { runDiff } from '../../lib/cli/diff';
import { synthesize } from '../../lib/cli/synth';
import type { DiffReport } from '../../lib/diff';
import { renderJson, renderMarkdown, renderText } from '../../lib/diff/render';
import { TOPOLOGY_FILE } from '../../lib/diff/topology-record';
import { diffTopology, applyField } from '../../lib/diff/topology';
import { topologyFromRaw } from '../../lib/topology/load';
import { rawDefault } from '../helpers';

const MAX_AZS = 'aws.vpc.maxAzs';
const CAPACITY = 'azure.serving[francecentral].models[gpt-5-6-terra].capacity';
const noFindings = async () => [];

describe('cause attribution: aws.vpc.maxAzs 3 -> 2 plus one model capacity', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-attr-test-'));
  const beforeDir = path.join(tmp, 'before');
  const afterDir = path.join(tmp, 'after');
  const before = rawDefault();
  before.aws.vpc.maxAzs = 3;
  const after = rawDefault();
  after.azure.serving[1].models[0].capacity = 60;
  let report: DiffReport;

  beforeAll(async () => {
    synthesize(topologyFromRaw(before, 'before'), beforeDir);
    synthesize(topologyFromRaw(after, 'after'), afterDir);
    // With the cost block, as the CLI renders it: the fold bound below must hold with it.
    report = await runDiff({ before: beforeDir, after: afterDir }, noFindings, () => undefined, outputAnalyzer().cost);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const changes = () => report.stacks.flatMap((s) => s.resources.map((r) => ({ ...r, cloud: s.cloud, stack: s.stack })));

  test('synth records the resolved topology next to the outputs, without machine paths', () => {
    const text = fs.readFileSync(path.join(afterDir, TOPOLOGY_FILE), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'stateline.topology/v2', topology: { aws: { vpc: { maxAzs: 2 } } } });
    expect(text).not.toContain(tmp);
    expect(text).not.toContain(process.cwd());
  });

  test('the topology diff heads the report: two fields, old -> new', () => {
    expect(Object.keys(report)[1]).toBe('topology');
    expect(report.topology!.changes).toEqual([
      { path: MAX_AZS, old: '3', new: '2' },
      { path: CAPACITY, old: '30', new: '60' },
    ]);
    expect(renderText(report).split('\n').slice(0, 3)).toEqual([
      'stateline diff',
      expect.stringMatching(/^topology: 2 fields changed/),
      '  aws.vpc.maxAzs: 3 -> 2',
    ]);
    // Counts per cloud, in the right number: "1 stack", never "1 stacks".
    const counts = renderText(report).split('\n').filter((l) => /^ {2}(AWS|Azure) +\d+ stacks?: \+/.test(l));
    expect(counts.length).toBeGreaterThan(0);
    for (const l of counts) expect(l).not.toMatch(/ 1 stacks| (?!1 )\d+ stack:/);
    expect(Object.keys(JSON.parse(renderJson(report)))).toEqual(['version', 'topology', 'stacks', 'policy', 'cost', 'summary']);
  });

  test('each AWS resource change is attributed to aws.vpc.maxAzs, the deployment update to the capacity', () => {
    const aws = changes().filter((c) => c.cloud === 'aws');
    expect(aws.length).toBeGreaterThanOrEqual(20);
    for (const c of aws) expect([c.resource, c.causes]).toEqual([c.resource, [MAX_AZS]]);
    // On Azure: the deployment, and the NSGs that admit the agent subnets (two /18 instead of three /19 now).
    const azure = changes().filter((c) => c.cloud === 'azure').map((c) => [c.resourceType, c.kind, c.causes]);
    expect(azure.filter(([type]) => type !== 'azurerm_network_security_group')).toEqual([['azurerm_cognitive_deployment', 'update', [CAPACITY]]]);
    expect(azure.filter(([type]) => type === 'azurerm_network_security_group')).toEqual(Array(5).fill(['azurerm_network_security_group', 'update', [MAX_AZS]]));
    expect(report.topology!.unattributed).toBe(0);
    expect(report.topology!.fromCode).toBe(0);
    const effect = report.topology!.effects.find((e) => e.field === MAX_AZS)!;
    expect(effect.summary).toMatch(/^replaces .*2 subnets.*, removes .*1 subnet.*, updates 12 VPC endpoints, 5 network security groups, 1 agent runtime and 1 VPN route propagation$/);
  });

  test('removing the third zone is destructive; only the NSGs admitting the (now wider) agent subnets are security-relevant; endpoints show the removed subnet element', () => {
    const security = changes().filter((c) => c.security);
    expect(security.map((c) => c.resourceType)).toEqual(Array(5).fill('azurerm_network_security_group'));
    for (const c of security) expect(c.securityReasons!.join('\n')).toMatch(/opens security_rule\[\d\]\.source_address_prefixes: \+"10\.20\.0\.0\/18" \+"10\.20\.64\.0\/18" -"10\.20\.0\.0\/19" -"10\.20\.32\.0\/19"/);
    expect(report.summary.security).toBe(5);
    expect(report.summary.destructive).toBe(7);
    const endpoints = changes().filter((c) => c.resourceType === 'AWS::EC2::VPCEndpoint' && c.properties[0].path === 'SubnetIds');
    expect(endpoints).toHaveLength(10);
    for (const e of endpoints) expect(e.properties).toEqual([{ path: 'SubnetIds', set: true, replaces: false, elements: [{ op: 'remove', value: expect.stringMatching(/^\{"Ref":"NetworkagentsSubnet3Subnet[0-9A-F]{8}"\}$/) }] }]);
  });

  test('the markdown names the cause in its first lines and fits on one screen before the details fold', () => {
    const md = renderMarkdown(report);
    const lines = md.split('\n');
    const fold = lines.findIndex((l) => l.startsWith('<details>'));
    expect(fold).toBeGreaterThan(0);
    // The first fold is on line 40 or earlier (1-based), with the cost in the summary above it.
    expect(fold + 1).toBeLessThanOrEqual(40);
    const summary = lines.slice(0, fold).join('\n');
    expect(report.cost).toBeDefined();
    expect(summary).toMatch(/· \*\*Cost:\*\* -\$[\d,.]+\/month floor/);
    expect(summary).toMatch(/\| AWS \| 1 \| 0 \| 14 \| 4 \| 3 \| \$[\d,.]+ → \$[\d,.]+ \(-\$[\d,.]+\) \|/);
    expect(summary).toMatch(/\| Azure \| 3 \| 0 \| 6 \| 0 \| 0 \| \$[\d,.]+ \(no change\) \|/);
    expect(lines.slice(0, 4).join('\n')).toMatch(/\*\*Cause:\*\* 2 topology fields changed: `aws\.vpc\.maxAzs` `3` → `2`/);
    expect(lines.slice(0, fold).join('\n')).toContain('| `aws.vpc.maxAzs` | `3` | `2` | replaces');
    expect(renderMarkdown(report)).toBe(md);
  });

  test('what no single field explains is reported unattributed, not guessed', async () => {
    const edited = path.join(tmp, 'edited');
    fs.cpSync(afterDir, edited, { recursive: true });
    const file = path.join(edited, 'cdk.out', 'stateline-aws-agents-eu-central-1.template.json');
    const t = JSON.parse(fs.readFileSync(file, 'utf8'));
    t.Resources.HandAdded = { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'x' } };
    fs.writeFileSync(file, JSON.stringify(t));
    const r = await runDiff({ before: beforeDir, after: edited }, noFindings, () => undefined);
    const hand = r.stacks.flatMap((s) => s.resources).find((x) => x.resource === 'HandAdded')!;
    expect(hand.causes).toEqual([]);
    expect(r.topology!.unattributed).toBe(1);
    expect(renderText(r)).toContain('+ HandAdded (AWS::SSM::Parameter) <- unattributed');
  });

  test('without a recorded topology the cause is unknown unless --before-config/--after-config name it', async () => {
    const bare = (name: string, from: string) => {
      const d = path.join(tmp, name);
      fs.cpSync(from, d, { recursive: true });
      fs.rmSync(path.join(d, TOPOLOGY_FILE));
      return d;
    };
    const b = bare('bare-before', beforeDir);
    const a = bare('bare-after', afterDir);
    const unknown = await runDiff({ before: b, after: a }, noFindings, () => undefined);
    expect(unknown.topology).toMatchObject({ changes: [], attribution: expect.stringMatching(/^unattributed: the before and after topology is unknown/) });
    expect(unknown.stacks.flatMap((s) => s.resources).every((r) => r.causes === undefined)).toBe(true);
    fs.writeFileSync(path.join(tmp, 'before.json'), JSON.stringify(before));
    fs.writeFileSync(path.join(tmp, 'after.json'), JSON.stringify(after));
    // Attribution itself is covered above; here only where the topologies come from.
    const named = await runDiff({ before: b, after: a, beforeConfig: path.join(tmp, 'before.json'), afterConfig: path.join(tmp, 'after.json'), attribution: false }, noFindings, () => undefined);
    expect(named.topology).toMatchObject({ before: path.relative(process.cwd(), path.join(tmp, 'before.json')), attribution: 'attribution off (--no-attribution)' });
    expect(named.topology!.changes.map((c) => c.path)).toEqual([MAX_AZS, CAPACITY]);
  });
});

describe('topology diff paths', () => {
  test('list elements by identity: adding a region at the front changes only that element', () => {
    const a = rawDefault();
    const b = rawDefault();
    b.azure.serving.unshift({ region: 'westeurope', addressSpace: '10.103.0.0/22', models: [] });
    b.aws.agents[0].memory.eventExpiryDays = 60;
    const fields = diffTopology(a, b);
    expect(fields.map((f) => f.path)).toEqual(['aws.agents[support_agent].memory.eventExpiryDays', 'azure.serving[westeurope]']);
    expect(fields[1]).toMatchObject({ new: expect.stringContaining('"westeurope"') });
    expect(fields[1].old).toBeUndefined();
    // Applying one field alone changes nothing else.
    expect(diffTopology(a, applyField(a, fields[1])).map((f) => f.path)).toEqual(['azure.serving[westeurope]']);
    expect((applyField(a, fields[1]) as any).azure.serving[0].region).toBe('westeurope');
  });
});
