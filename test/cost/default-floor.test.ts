/**
 * The default topology's monthly floor, hand-checked from the price table: every priced item is
 * listed below with its arithmetic (count x hours x unit price), so a change to the stacks or
 * the table updates one line here. Prices are written as numbers, not read from the table: a
 * table change must show up in this test.
 */
import { CostReport, CostTotals, estimateCost, estimateCostSummary, ResourceCost } from '../../lib/cost';
import type { InventoryView } from '../../lib/policy';
import { loadInventory } from '../../lib/policy';
import { outputDirInputs } from '../../lib/cli/check';
import { scenarioDir } from '../scenarios';

const H = 730; // hours in a billing month
const ROTATIONS = H / (90 * 24); // Key Vault rotations per month with time_after_creation = P90D

/** AWS, eu-central-1 (stack stateline-aws-agents-eu-central-1). */
const AWS_ITEMS: ReadonlyArray<readonly [string, number]> = [
  ['2 Site-to-Site VPN connections x 730 h x $0.05', 2 * H * 0.05], // 73.00
  ['10 interface endpoints x 2 subnets (ENIs) x 730 h x $0.012', 10 * 2 * H * 0.012], // 175.20
  ['Route 53 Resolver outbound endpoint: 2 ENIs x 730 h x $0.125', 2 * H * 0.125], // 182.50
  ['DNS Firewall domain list: 504 domains x $0.0005', 504 * 0.0005], // 0.252
  ['3 KMS keys x $1', 3 * 1], // 3.00
  // The tunnels' pre-shared keys live in secrets Site-to-Site VPN creates (not in the template, not counted here).
  ['1 Secrets Manager secret (the agent Entra client secret) x $0.40', 1 * 0.4], // 0.40
];

/** Azure: hub in swedencentral, serving swedencentral (with the AKS cluster) and francecentral. */
const AZURE_ITEMS: ReadonlyArray<readonly [string, number]> = [
  ['hub: VPN gateway VpnGw2AZ x 730 h x $0.54', H * 0.54], // 394.20
  ['hub: 2 Standard public IPs x 730 h x $0.005', 2 * H * 0.005], // 7.30
  ['hub: DNS Private Resolver inbound endpoint x $180/month', 180], // 180.00
  ['hub: 4 private DNS zones x $0.50', 4 * 0.5], // 2.00
  ['swedencentral: 2 private endpoints x 730 h x $0.01', 2 * H * 0.01], // 14.60
  ['swedencentral: HSM key RSA 2048 x $1 + HSM key RSA 3072 x $5', 1 + 5], // 6.00
  ['swedencentral: 2 keys x P90D rotation x $1', 2 * ROTATIONS * 1], // 0.68
  ['swedencentral: AKS Standard tier x 730 h x $0.10', H * 0.1], // 73.00
  ['swedencentral: system pool min_count 2 x Standard_D4ds_v5 x 730 h x $0.226', 2 * H * 0.226], // 329.96
  ['swedencentral: system pool 2 P10 OS disks x $19.71', 2 * 19.71], // 39.42
  ['swedencentral: GPU pool a100 at min_count 0', 0],
  ['swedencentral: AKS private DNS zone x $0.50', 0.5], // 0.50
  ['francecentral: 2 private endpoints x 730 h x $0.01', 2 * H * 0.01], // 14.60
  ['francecentral: HSM key RSA 2048 x $1', 1], // 1.00
  ['francecentral: 1 key x P90D rotation x $1', ROTATIONS * 1], // 0.34
];

const sum = (items: ReadonlyArray<readonly [string, number]>) => items.reduce((n, [, v]) => n + v, 0);
const all = (r: CostReport): ResourceCost[] => r.stacks.flatMap((s) => s.resources);

describe('monthly floor of the default topology', () => {
  let report: CostReport;
  let region: CostReport;
  let inventory: InventoryView;
  beforeAll(async () => {
    const load = (dir: string) => loadInventory({ cwd: dir, ...outputDirInputs(dir) });
    inventory = await load(scenarioDir('default'));
    report = estimateCost(inventory);
    region = estimateCost(await load(scenarioDir('region')));
  });

  test('AWS floor is the hand-checked sum (about $434.35)', () => {
    expect(report.clouds.aws.floor).toBeCloseTo(sum(AWS_ITEMS), 6);
    expect(report.clouds.aws.ceiling).toBeCloseTo(report.clouds.aws.floor, 6);
  });

  test('Azure floor is the hand-checked sum (about $1,063.59)', () => {
    expect(report.clouds.azure.floor).toBeCloseTo(sum(AZURE_ITEMS), 6);
    expect(report.total.floor).toBeCloseTo(sum(AWS_ITEMS) + sum(AZURE_ITEMS), 6);
  });

  test('the ceiling adds the autoscaled pools at max_count: 3 more system nodes, 2 A100 nodes, their OS disks', () => {
    const extra = 3 * (H * 0.226 + 19.71) + 2 * (H * 3.673 + 19.71);
    expect(report.total.ceiling - report.total.floor).toBeCloseTo(extra, 6);
  });

  test('the GPU pool is priced at min_count (0) for the floor and max_count (2) for the ceiling', () => {
    const gpu = all(report).find((r) => r.type === 'azurerm_kubernetes_cluster_node_pool')!;
    expect(gpu.floor).toBe(0);
    expect(gpu.ceiling).toBeCloseTo(2 * H * 3.673 + 2 * 19.71, 6);
    expect(gpu.lines.map((l) => l.key)).toEqual(['azure/vm/Standard_NC24ads_A100_v4', 'azure/managed-disk/P10']);
  });

  test('every resource type it synthesizes has a cost model: priced, usage-based or free with a reason', () => {
    const noModel = all(report).filter((r) => r.unpriced.some((u) => u.startsWith('no cost model'))).map((r) => r.type);
    expect([...new Set(noModel)]).toEqual([]);
    expect(report.total.unpriced).toBe(0);
    const free = report.stacks.flatMap((s) => s.free);
    expect(free.reduce((n, f) => n + f.count, 0)).toBe(report.total.free);
    for (const f of free) expect({ type: f.type, reason: f.reason.length >= 12 && f.reason.includes(' '), count: f.ids.length }).toEqual({ type: f.type, reason: true, count: f.count });
  });

  test('usage-based: model deployments, AgentCore, DynamoDB, S3, logs; never part of the floor', () => {
    const usageOnly = all(report).filter((r) => r.status === 'usage');
    expect(usageOnly.every((r) => r.floor === 0 && r.usage.length > 0)).toBe(true);
    const types = new Set(usageOnly.map((r) => r.type));
    for (const t of ['azurerm_cognitive_deployment', 'azurerm_log_analytics_workspace', 'AWS::BedrockAgentCore::Runtime', 'AWS::BedrockAgentCore::Memory', 'AWS::BedrockAgentCore::Gateway', 'AWS::DynamoDB::Table', 'AWS::S3::Bucket']) expect(types).toContain(t);
    const gpt = all(report).find((r) => r.id.includes('Deployment-gpt-5-6-terra') && r.region === 'swedencentral')!;
    expect(gpt.usage.map((u) => [u.key, u.unitPrice])).toEqual([
      ['azure/openai/tokens/gpt-5.6-terra/DataZoneStandard/input', 2.2],
      ['azure/openai/tokens/gpt-5.6-terra/DataZoneStandard/output', 13.2],
    ]);
  });

  test('the four Azure tunnels are within the ten the gateway includes', () => {
    const connections = report.stacks.flatMap((s) => s.free).filter((f) => f.type === 'azurerm_virtual_network_gateway_connection');
    expect(connections.map((c) => c.count)).toEqual([4]);
    expect(connections[0].reason).toMatch(/one of the first 10 site-to-site tunnels of its gateway/);
    expect(all(report).some((r) => r.type === 'azurerm_virtual_network_gateway_connection')).toBe(false);
  });

  test('regions (of what is billed): the AWS stack from its CDK environment; Azure keys (created through ARM template deployments) from their vault', () => {
    expect(new Set(all(report).filter((r) => r.cloud === 'aws' && r.status !== 'free').map((r) => r.region))).toEqual(new Set(['eu-central-1']));
    const keys = all(report).filter((r) => r.type === 'azurerm_resource_group_template_deployment' && r.status !== 'free');
    expect(keys.map((k) => `${k.stack}:${k.region}`).sort()).toEqual([
      'stateline-azure-serving-francecentral:francecentral',
      'stateline-azure-serving-swedencentral:swedencentral',
      'stateline-azure-serving-swedencentral:swedencentral',
    ]);
  });

  test('the totals synth prints (estimateCostSummary, no per-resource records) equal the full report\'s', () => {
    const summary = estimateCostSummary(inventory);
    const close = (a: CostTotals, b: CostTotals) => {
      expect({ ...a, floor: 0, ceiling: 0 }).toEqual({ ...b, floor: 0, ceiling: 0 });
      expect(a.floor).toBeCloseTo(b.floor, 9);
      expect(a.ceiling).toBeCloseTo(b.ceiling, 9);
    };
    close(summary.total, report.total);
    for (const c of ['aws', 'azure']) close(summary.clouds[c], report.clouds[c]);
    // The identity stack's time_rotating (provider `time`) counts with Azure, not as a cloud of its own.
    expect(Object.keys(summary.clouds)).toEqual(['aws', 'azure']);
    expect(Object.keys(report.clouds)).toEqual(['aws', 'azure']);
  });

  test('adding a serving region changes the floor by exactly that region\'s resources', () => {
    const added = region.stacks.find((s) => s.stack === 'stateline-azure-serving-westeurope')!;
    expect(region.total.floor - report.total.floor).toBeCloseTo(added.floor, 9);
    for (const s of report.stacks) expect(region.stacks.find((x) => x.stack === s.stack && x.cloud === s.cloud)!.floor).toBeCloseTo(s.floor, 9);
    // A serving region with one token-billed model and no cluster: 2 private endpoints, 1 HSM key and its rotations.
    expect(added.floor).toBeCloseTo(2 * H * 0.01 + 1 + ROTATIONS, 6);
    expect(region.total.usageBased - report.total.usageBased).toBe(added.resources.filter((r) => r.usage.length).length);
    // Plus one resource elsewhere: the agent's (free) inference role assignment on the new account.
    expect(region.total.resources - report.total.resources).toBe(added.resources.length + added.free.reduce((n, f) => n + f.count, 0) + 1);
  });
});
