/**
 * Meters on minimal raw inputs (Terraform JSON and CloudFormation written by hand, as a user would),
 * through the real loaders: what each resource type is billed for, and what is reported as not priced.
 */
import * as path from 'path';
import { CostReport, estimateCost, estimateCostSummary, ResourceCost } from '../../lib/cost';
import { loadInventory } from '../../lib/policy';
import { cfn, tf, writeFiles } from '../policy/helpers';

const H = 730;

async function costOfTerraform(resources: Record<string, Record<string, object>>): Promise<CostReport> {
  const dir = writeFiles({ 'main.tf.json': tf(resources) });
  return estimateCost(await loadInventory({ cwd: dir, terraform: ['main.tf.json'] }));
}

/** A CloudFormation template inside a minimal cloud assembly whose stack has a region. */
async function costOfTemplate(resources: Parameters<typeof cfn>[0], region = 'eu-central-1'): Promise<CostReport> {
  const dir = writeFiles({
    'cdk.out/manifest.json': { version: '55.0.0', artifacts: { s: { type: 'aws:cloudformation:stack', environment: `aws://123456789012/${region}`, properties: { templateFile: 's.template.json' } } } },
    'cdk.out/s.template.json': cfn(resources),
  });
  return estimateCost(await loadInventory({ cwd: dir, cdkOut: [path.join(dir, 'cdk.out')] }));
}

/** A resource with a charge (or a part not priced), by id. */
const one = (r: CostReport, id: string): ResourceCost => {
  const found = r.stacks.flatMap((s) => s.resources).find((x) => x.id === id);
  if (!found) throw new Error(`${id} is not among the charged resources`);
  return found;
};

/** Why a resource is free, or undefined when it is not counted as free. */
const freeReason = (r: CostReport, id: string) => r.stacks.flatMap((s) => s.free).find((f) => f.ids.includes(id))?.reason;

describe('Azure meters', () => {
  test('GPU node pool: min_count VMs and OS disks for the floor, max_count for the ceiling', async () => {
    const r = await costOfTerraform({
      azurerm_kubernetes_cluster: { c: { location: 'westeurope', sku_tier: 'Free', default_node_pool: { name: 'system', vm_size: 'Standard_D4ds_v5', node_count: 3 } } },
      azurerm_kubernetes_cluster_node_pool: { h100: { kubernetes_cluster_id: '${azurerm_kubernetes_cluster.c.id}', name: 'h100', mode: 'User', vm_size: 'Standard_ND96isr_H100_v5', auto_scaling_enabled: true, min_count: 1, max_count: 3, os_disk_size_gb: 128 } },
    });
    const pool = one(r, 'azurerm_kubernetes_cluster_node_pool.h100');
    expect(pool.region).toBe('westeurope');
    expect(pool.floor).toBeCloseTo(1 * H * 98.32 + 19.71, 6);
    expect(pool.ceiling).toBeCloseTo(3 * H * 98.32 + 3 * 19.71, 6);
    expect(pool.notes).toEqual([]);
    const cluster = one(r, 'azurerm_kubernetes_cluster.c');
    // Free tier: no management charge; a fixed node_count is floor and ceiling.
    expect(cluster.lines.map((l) => l.key)).toEqual(['azure/vm/Standard_D4ds_v5', 'azure/managed-disk/P10']);
    expect(cluster.floor).toBeCloseTo(3 * H * 0.226 + 3 * 19.71, 6);
    expect(cluster.ceiling).toBeCloseTo(cluster.floor, 9);
  });

  test('an ephemeral OS disk adds no disk charge; Premium tier bills $0.60 per cluster-hour', async () => {
    const r = await costOfTerraform({
      azurerm_kubernetes_cluster: { c: { location: 'westeurope', sku_tier: 'Premium', default_node_pool: { name: 'system', vm_size: 'Standard_D4ds_v5', node_count: 2, os_disk_type: 'Ephemeral' } } },
    });
    expect(one(r, 'azurerm_kubernetes_cluster.c').floor).toBeCloseTo(H * 0.6 + 2 * H * 0.226, 6);
  });

  test('provisioned deployments are fixed (PTUs x hours); token deployments are usage-based', async () => {
    const r = await costOfTerraform({
      azurerm_cognitive_account: { a: { location: 'swedencentral', kind: 'AIServices', sku_name: 'S0' } },
      azurerm_cognitive_deployment: {
        ptu: { cognitive_account_id: '${azurerm_cognitive_account.a.id}', model: { format: 'OpenAI', name: 'gpt-4.1', version: '2025-04-14' }, sku: { name: 'DataZoneProvisionedManaged', capacity: 15 } },
        global: { cognitive_account_id: '${azurerm_cognitive_account.a.id}', model: { format: 'OpenAI', name: 'gpt-4.1', version: '2025-04-14' }, sku: { name: 'GlobalStandard', capacity: 100 } },
      },
    });
    const ptu = one(r, 'azurerm_cognitive_deployment.ptu');
    expect(ptu.status).toBe('priced');
    expect(ptu.floor).toBeCloseTo(15 * H * 1.1, 6);
    const global = one(r, 'azurerm_cognitive_deployment.global');
    expect(global.status).toBe('usage');
    expect(global.floor).toBe(0);
    expect(global.usage.map((u) => u.unitPrice)).toEqual([2, 8]);
    expect(global.notes[0]).toMatch(/capacity 100 is a rate limit/);
    expect(freeReason(r, 'azurerm_cognitive_account.a')).toBe('no standing charge: billed through its model deployments');
  });

  test('a model the table has no token price for is still usage-based, with the missing price said', async () => {
    const r = await costOfTerraform({
      azurerm_cognitive_deployment: { d: { cognitive_account_id: 'x', model: { format: 'OpenAI', name: 'gpt-5.9', version: '1' }, sku: { name: 'Standard', capacity: 1 } } },
    });
    const d = one(r, 'azurerm_cognitive_deployment.d');
    expect(d.status).toBe('usage');
    expect(d.usage[0].unitPrice).toBeUndefined();
    expect(d.usage[0].missing).toMatch(/no price for azure\/openai\/tokens\/gpt-5\.9\/Standard\/input in the table/);
  });

  test('HSM keys: RSA 2048 at $1, EC-HSM at the advanced price; software keys have no monthly charge', async () => {
    const r = await costOfTerraform({
      azurerm_key_vault: { v: { location: 'francecentral', sku_name: 'premium' } },
      azurerm_key_vault_key: {
        rsa: { key_vault_id: '${azurerm_key_vault.v.id}', key_type: 'RSA-HSM', key_size: 2048, rotation_policy: { automatic: { time_after_creation: 'P30D' } } },
        ec: { key_vault_id: '${azurerm_key_vault.v.id}', key_type: 'EC-HSM', curve: 'P-256' },
        soft: { key_vault_id: '${azurerm_key_vault.v.id}', key_type: 'RSA', key_size: 2048 },
      },
    });
    expect(one(r, 'azurerm_key_vault_key.rsa').floor).toBeCloseTo(1 + H / (30 * 24), 6);
    expect(one(r, 'azurerm_key_vault_key.ec').floor).toBeCloseTo(5, 6);
    expect(one(r, 'azurerm_key_vault_key.soft').status).toBe('usage');
  });

  test('a region the table has no prices for is "not priced", never zero', async () => {
    const r = await costOfTerraform({ azurerm_virtual_network_gateway: { g: { location: 'brazilsouth', type: 'Vpn', sku: 'VpnGw2AZ' } } });
    const g = one(r, 'azurerm_virtual_network_gateway.g');
    expect(g.status).toBe('unpriced');
    expect(g.unpriced).toEqual(['VPN gateway VpnGw2AZ: no price for azure/vpn-gateway/VpnGw2AZ in brazilsouth']);
    expect(r.total.unpriced).toBe(1);
    expect(r.total.floor).toBe(0);
  });

  test('more than ten site-to-site connections on one gateway: the eleventh costs a tunnel-hour', async () => {
    const connections = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`c${String(i).padStart(2, '0')}`, { location: 'swedencentral', type: 'IPsec', virtual_network_gateway_id: '${azurerm_virtual_network_gateway.g.id}' }]));
    const r = await costOfTerraform({ azurerm_virtual_network_gateway_connection: connections });
    const charged = r.stacks[0].resources.filter((x) => x.status === 'priced');
    expect(charged.map((c) => c.id)).toEqual(['azurerm_virtual_network_gateway_connection.c10']);
    expect(charged[0].floor).toBeCloseTo(H * 0.015, 6);
  });

  test('a module whose contents are not visible is not priced; a time_rotating counts with its stack\'s cloud; the summary agrees', async () => {
    const dir = writeFiles({ 'main.tf.json': {
      resource: { azurerm_public_ip: { ip: { location: 'westeurope', sku: 'Standard', allocation_method: 'Static' } }, time_rotating: { t: { rotation_days: 90 } } },
      module: { remote: { source: 'git::https://example.com/modules/thing.git' } },
    } });
    const inventory = await loadInventory({ cwd: dir, terraform: ['main.tf.json'] });
    const r = estimateCost(inventory);
    const mod = r.stacks.flatMap((s) => s.resources).find((x) => x.type === 'module')!;
    expect(mod.status).toBe('unpriced');
    expect(mod.unpriced[0]).toMatch(/^module contents not visible/);
    expect(mod.cloud).toBe('azure');
    expect(freeReason(r, 'time_rotating.t')).toMatch(/not a cloud resource/);
    expect(Object.keys(r.clouds)).toEqual(['aws', 'azure']);
    expect(r.clouds.azure).toMatchObject({ resources: 3, free: 1, unpriced: 1 });
    const summary = estimateCostSummary(inventory);
    expect(summary.clouds.azure).toEqual(r.clouds.azure);
  });

  test('an unknown resource type is reported as not priced, with the type named', async () => {
    const r = await costOfTerraform({ azurerm_cosmosdb_account: { db: { location: 'westeurope' } } });
    const db = one(r, 'azurerm_cosmosdb_account.db');
    expect(db.status).toBe('unpriced');
    expect(db.unpriced).toEqual(['no cost model for azurerm_cosmosdb_account']);
  });
});

describe('AWS meters', () => {
  test('interface endpoints: one ENI-hour per subnet; gateway endpoints free; a token subnet list is not priced', async () => {
    const r = await costOfTemplate({
      Three: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.eu-central-1.sts', SubnetIds: ['a', 'b', 'c'] } },
      S3: { Type: 'AWS::EC2::VPCEndpoint', Properties: { ServiceName: 'com.amazonaws.eu-central-1.s3' } },
      Token: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Interface', ServiceName: 'x', SubnetIds: { Ref: 'Subnets' } } },
    });
    expect(one(r, 'Three').floor).toBeCloseTo(3 * H * 0.012, 6);
    expect(one(r, 'Three').region).toBe('eu-central-1');
    expect(freeReason(r, 'S3')).toBe('gateway endpoints (S3, DynamoDB) have no charge');
    expect(one(r, 'Token').status).toBe('unpriced');
  });

  test('a VPN connection to a transit gateway adds its attachment; resolver endpoints are per ENI', async () => {
    const r = await costOfTemplate({
      Vpn: { Type: 'AWS::EC2::VPNConnection', Properties: { Type: 'ipsec.1', CustomerGatewayId: 'cgw', TransitGatewayId: { Ref: 'Tgw' } } },
      Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: {} },
      Att: { Type: 'AWS::EC2::TransitGatewayVpcAttachment', Properties: { TransitGatewayId: { Ref: 'Tgw' }, VpcId: 'v', SubnetIds: ['a', 'b'] } },
      Resolver: { Type: 'AWS::Route53Resolver::ResolverEndpoint', Properties: { Direction: 'OUTBOUND', IpAddresses: [{ SubnetId: 'a' }, { SubnetId: 'b' }, { SubnetId: 'c' }], SecurityGroupIds: ['sg'] } },
    });
    expect(one(r, 'Vpn').lines.map((l) => l.key)).toEqual(['aws/vpn/connection', 'aws/transit-gateway/attachment']);
    expect(one(r, 'Vpn').floor).toBeCloseTo(H * 0.05 + H * 0.06, 6);
    expect(one(r, 'Att').floor).toBeCloseTo(H * 0.06, 6);
    expect(freeReason(r, 'Tgw')).toMatch(/billed per attachment/);
    expect(one(r, 'Resolver').floor).toBeCloseTo(3 * H * 0.125, 6);
  });

  test('regional prices come from the table for the region (the example\'s eu-west-1); a region the table lacks stays not priced, never zero', async () => {
    const resources = {
      Sts: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.x.sts', SubnetIds: ['a', 'b', 'c'] } },
      Vpn: { Type: 'AWS::EC2::VPNConnection', Properties: { Type: 'ipsec.1', CustomerGatewayId: 'cgw' } },
      Key: { Type: 'AWS::KMS::Key', Properties: {} },
    };
    const ireland = await costOfTemplate(resources, 'eu-west-1');
    // 3 ENIs x 730 h x $0.011 (eu-west-1, not the $0.012 of eu-central-1) and 730 h x $0.05.
    expect(one(ireland, 'Sts').floor).toBeCloseTo(3 * H * 0.011, 6);
    expect(one(ireland, 'Vpn').floor).toBeCloseTo(H * 0.05, 6);
    expect(ireland.total.unpriced).toBe(0);
    // eu-north-1 offers AgentCore, but the table has no sourced endpoint or VPN price there.
    for (const region of ['eu-north-1', 'xx-nowhere-9']) {
      const r = await costOfTemplate(resources, region);
      expect(one(r, 'Sts')).toMatchObject({ status: 'unpriced', floor: 0, unpriced: [`interface endpoint sts: 3 ENIs (one per subnet): no price for aws/vpc-endpoint/interface-az in ${region}`] });
      expect(one(r, 'Vpn').unpriced).toEqual([`Site-to-Site VPN connection (two tunnels): no price for aws/vpn/connection in ${region}`]);
      expect(r.total.unpriced).toBe(2);
      // A price the table has for every region still applies.
      expect(one(r, 'Key').floor).toBe(1);
    }
  });

  test('SNS: a standard topic is usage-based (requests), its policy free, FIFO not priced; Lambda/SQS deliveries free, HTTPS by use', async () => {
    const r = await costOfTemplate({
      Topic: { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: 'k' } },
      Policy: { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [{ Ref: 'Topic' }], PolicyDocument: {} } },
      Fifo: { Type: 'AWS::SNS::Topic', Properties: { FifoTopic: true, TopicName: 't.fifo' } },
      ToLambda: { Type: 'AWS::SNS::Subscription', Properties: { Protocol: 'lambda', TopicArn: { Ref: 'Topic' }, Endpoint: 'arn:aws:lambda:eu-west-1:1:function:f' } },
      ToHook: { Type: 'AWS::SNS::Subscription', Properties: { Protocol: 'https', TopicArn: { Ref: 'Topic' }, Endpoint: 'https://example.com/hook' } },
      ToSms: { Type: 'AWS::SNS::Subscription', Properties: { Protocol: 'sms', TopicArn: { Ref: 'Topic' }, Endpoint: '+10000000000' } },
    }, 'eu-west-1');
    expect(one(r, 'Topic')).toMatchObject({ status: 'usage', floor: 0, usage: [{ key: 'aws/sns/requests', unit: '1M requests', unitPrice: 0.5 }] });
    expect(freeReason(r, 'Policy')).toBe('topic policies have no charge');
    expect(one(r, 'Fifo').status).toBe('unpriced');
    expect(freeReason(r, 'ToLambda')).toMatch(/deliveries to Lambda and SQS have no charge/);
    expect(one(r, 'ToHook').usage).toEqual([expect.objectContaining({ key: 'aws/sns/notifications-http', unitPrice: 0.06 })]);
    expect(one(r, 'ToSms').unpriced).toEqual(['sms deliveries are not in the price table']);
  });

  test('a lone template records no region: per-region prices are not priced, global ones are', async () => {
    const dir = writeFiles({ 't.json': cfn({ Vpn: { Type: 'AWS::EC2::VPNConnection', Properties: { Type: 'ipsec.1' } }, Key: { Type: 'AWS::KMS::Key', Properties: {} } }) });
    const r = estimateCost(await loadInventory({ cwd: dir, templates: ['t.json'] }));
    expect(one(r, 'Vpn').status).toBe('unpriced');
    expect(one(r, 'Vpn').unpriced[0]).toMatch(/region unknown, and aws\/vpn\/connection is priced per region/);
    expect(one(r, 'Key').floor).toBe(1);
  });

  test('AgentCore memory with a self-managed strategy lists records at the self-managed rate', async () => {
    const r = await costOfTemplate({
      Mem: { Type: 'AWS::BedrockAgentCore::Memory', Properties: { Name: 'm', EventExpiryDuration: 30, MemoryStrategies: [{ CustomMemoryStrategy: { Name: 's', Configuration: { SelfManagedConfiguration: {} } } }] } },
    });
    expect(one(r, 'Mem').usage.map((u) => u.key)).toEqual(['aws/agentcore/memory-events', 'aws/agentcore/memory-records-self-managed', 'aws/agentcore/memory-retrievals']);
    expect(one(r, 'Mem').floor).toBe(0);
  });

  test('AgentCore unit prices in every commercial AgentCore region, marked as estimates; GovCloud stays without a price', async () => {
    const resources = { Rt: { Type: 'AWS::BedrockAgentCore::Runtime', Properties: { AgentRuntimeName: 'a' } } };
    const ireland = await costOfTemplate(resources, 'eu-west-1');
    expect(one(ireland, 'Rt').usage).toEqual([
      expect.objectContaining({ key: 'aws/agentcore/runtime-vcpu', unit: 'vCPU-hour', unitPrice: 0.0895, estimate: true }),
      expect.objectContaining({ key: 'aws/agentcore/runtime-memory', unit: 'GB-hour', unitPrice: 0.00945, estimate: true }),
    ]);
    const gov = await costOfTemplate(resources, 'us-gov-west-1');
    expect(one(gov, 'Rt').usage.map((u) => u.missing)).toEqual([
      'no price for aws/agentcore/runtime-vcpu in us-gov-west-1', 'no price for aws/agentcore/runtime-memory in us-gov-west-1',
    ]);
    // Usage lines never make a resource "not priced": the floor stays 0, and nothing is counted as unpriced.
    expect(gov.total.unpriced).toBe(0);
  });

  test('NAT gateways: one gateway-hour (zonal, public or private), per AZ when regional with its AZs listed, not priced when it may expand', async () => {
    const r = await costOfTemplate({
      Nat: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: 's', AllocationId: 'e' } },
      Private: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: 's', ConnectivityType: 'private' } },
      Regional: { Type: 'AWS::EC2::NatGateway', Properties: { VpcId: 'v', AvailabilityMode: 'regional', AvailabilityZoneAddresses: [{ AvailabilityZone: 'eu-west-1a', AllocationIds: ['e1'] }, { AvailabilityZone: 'eu-west-1b', AllocationIds: ['e2'] }] } },
      Expanding: { Type: 'AWS::EC2::NatGateway', Properties: { VpcId: 'v', AvailabilityMode: 'regional' } },
    }, 'eu-west-1');
    expect(one(r, 'Nat').floor).toBeCloseTo(H * 0.048, 6);
    expect(one(r, 'Private').floor).toBeCloseTo(H * 0.048, 6);
    expect(one(r, 'Nat').usage).toEqual([expect.objectContaining({ key: 'aws/nat-gateway/data-processed', unitPrice: 0.048 })]);
    expect(one(r, 'Regional').floor).toBeCloseTo(2 * H * 0.048, 6);
    expect(one(r, 'Expanding')).toMatchObject({ status: 'unpriced', floor: 0 });
    expect(one(r, 'Expanding').unpriced[0]).toMatch(/regional NAT gateway without AvailabilityZoneAddresses/);
    expect(r.total.unpriced).toBe(1);
    const virginia = await costOfTemplate({ Nat: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: 's' } } }, 'us-east-1');
    expect(one(virginia, 'Nat').floor).toBeCloseTo(H * 0.045, 6);
  });
});
