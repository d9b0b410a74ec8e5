/**
 * Network least privilege on Azure (default topology, synthesized once): an NSG on every hub and
 * serving subnet that supports one, deny by default, the AWS agent subnets as the only non-Azure
 * sources allowed to the model endpoints, DNS only from the AWS resolver endpoint's subnets, the
 * deploy path to the Key Vault kept open, and NSG logs in the region's workspace.
 */
import { aksNodeRules, DENY_ALL_PRIORITY, NSG_LOG_CATEGORIES, privateEndpointRules, securityRule } from '../../lib/azure/network-security';
import { AKS_POD_CIDR } from '../../lib/topology/derive';
import { deriveFrom, rawDefault } from '../helpers';
import { Body, bodiesOf, buildAzure, BuiltAzure, refTo, resourcesOf, TfJson } from './synth';

const derived = deriveFrom(rawDefault());
const sdc = derived.serving.find((s) => s.region === 'swedencentral')!;
const frc = derived.serving.find((s) => s.region === 'francecentral')!;

/** Every attribute of an inline `security_rule`: Terraform's JSON syntax needs all of them (attributes as blocks). */
const RULE_ATTRIBUTES = [
  'access', 'description', 'destination_address_prefix', 'destination_address_prefixes', 'destination_application_security_group_ids',
  'destination_port_range', 'destination_port_ranges', 'direction', 'name', 'priority', 'protocol', 'source_address_prefix',
  'source_address_prefixes', 'source_application_security_group_ids', 'source_port_range', 'source_port_ranges',
];

/** A rule in short form: `priority name access protocol sources -> destinations:ports`. */
const short = (r: Body) => `${r.priority} ${r.name} ${r.access} ${r.protocol} ${(r.source_address_prefixes ?? [r.source_address_prefix]).join(',')} -> ${
  (r.destination_application_security_group_ids ?? r.destination_address_prefixes ?? [r.destination_address_prefix]).join(',')}:${r.destination_port_range ?? r.destination_port_ranges.join(',')}`;

describe('network security groups (default topology)', () => {
  let built: BuiltAzure;
  const json = (stack: string): TfJson => built.json[stack];
  /** The NSG rules (short form) on a subnet of a stack, found through its association. */
  const rulesOn = (stack: string, subnet: string): string[] => {
    const tf = json(stack);
    const subnetRef = refTo(tf, 'azurerm_subnet', (b) => b.name === subnet);
    const associations = bodiesOf(tf, 'azurerm_subnet_network_security_group_association').filter((a) => a.subnet_id === subnetRef);
    expect(associations).toHaveLength(1);
    const [nsg] = resourcesOf(tf, 'azurerm_network_security_group').filter(([name]) => associations[0].network_security_group_id === `\${azurerm_network_security_group.${name}.id}`);
    return nsg[1].security_rule.map(short);
  };
  beforeAll(() => { built = buildAzure(derived); });
  afterAll(() => built.dispose());

  test('every subnet except GatewaySubnet has exactly one NSG; GatewaySubnet has none (Microsoft does not support it)', () => {
    for (const stack of [derived.hub.stackName, ...derived.serving.map((s) => s.stackName)]) {
      const tf = json(stack);
      const associated = new Set(bodiesOf(tf, 'azurerm_subnet_network_security_group_association').map((a) => a.subnet_id));
      for (const [name, subnet] of resourcesOf(tf, 'azurerm_subnet')) {
        expect([subnet.name, associated.has(`\${azurerm_subnet.${name}.id}`)]).toEqual([subnet.name, subnet.name !== 'GatewaySubnet']);
      }
      expect(associated.size).toBe(resourcesOf(tf, 'azurerm_subnet').length - (stack === derived.hub.stackName ? 1 : 0));
    }
  });

  test('private endpoint subnet: the agent subnets reach only the AI Services endpoint on 443; deployers reach the Key Vault endpoint; the rest is denied', () => {
    const tf = json(sdc.stackName);
    const asg = (name: string) => refTo(tf, 'azurerm_application_security_group', (b) => b.name === name);
    const agents = derived.aws.agentSubnets.join(',');
    expect(derived.aws.agentSubnets).toEqual(['10.20.0.0/18', '10.20.64.0/18']);
    expect(rulesOn(sdc.stackName, 'snet-private-endpoints')).toEqual([
      `100 AllowAgentsHttpsToModelEndpoints Allow Tcp ${agents} -> ${asg('asg-stateline-sdc-model-endpoints')}:443`,
      `200 DenyAgentsToOtherEndpoints Deny * ${agents} -> *:*`,
      `300 AllowVirtualNetworkHttpsToKeyVault Allow Tcp VirtualNetwork -> ${asg('asg-stateline-sdc-key-vault')}:443`,
      `${DENY_ALL_PRIORITY} DenyAllInbound Deny * * -> *:*`,
    ]);
    // The endpoints are members of those groups; NSGs apply to them because network policies are on.
    const memberships = bodiesOf(tf, 'azurerm_private_endpoint_application_security_group_association');
    const endpoint = (subresource: string) => refTo(tf, 'azurerm_private_endpoint', (b) => b.private_service_connection.subresource_names[0] === subresource);
    expect(memberships.map((m) => [m.private_endpoint_id, m.application_security_group_id]).sort()).toEqual([
      [endpoint('account'), asg('asg-stateline-sdc-model-endpoints')],
      [endpoint('vault'), asg('asg-stateline-sdc-key-vault')],
    ].sort());
    expect(bodiesOf(tf, 'azurerm_subnet').find((s) => s.name === 'snet-private-endpoints')!.private_endpoint_network_policies).toBe('Enabled');
  });

  test('model servers: the ILB subnet and the AKS node subnet admit the agents on 443 to the model server address only; the node subnet keeps the overlay and probe rules AKS needs', () => {
    const agents = derived.aws.agentSubnets.join(',');
    const [cluster] = sdc.clusters;
    expect(rulesOn(sdc.stackName, 'snet-ilb')).toEqual([
      `100 AllowAgentsHttpsToModelServers Allow Tcp ${agents} -> ${cluster.modelServerIp}/32:443`,
      `${DENY_ALL_PRIORITY} DenyAllInbound Deny * * -> *:*`,
    ]);
    const nodes = sdc.subnets['snet-aks-llm'];
    expect(rulesOn(sdc.stackName, 'snet-aks-llm')).toEqual([
      `100 AllowClusterNodesAndPods Allow * ${nodes},${AKS_POD_CIDR} -> ${nodes},${AKS_POD_CIDR}:*`,
      '110 AllowAzureLoadBalancerInbound Allow * AzureLoadBalancer -> *:*',
      `120 AllowAgentsHttpsToModelServer Allow Tcp ${agents} -> ${cluster.modelServerIp}/32:443`,
      `130 AllowPrivateLinkHttpsToModelServer Allow Tcp ${sdc.subnets['snet-pls']} -> ${cluster.modelServerIp}/32:443`,
      `${DENY_ALL_PRIORITY} DenyAllInbound Deny * * -> *:*`,
    ]);
    expect(rulesOn(sdc.stackName, 'snet-pls')).toEqual([`${DENY_ALL_PRIORITY} DenyAllInbound Deny * * -> *:*`]);
    // The node subnet keeps endpoint network policies off: the API server endpoint AKS puts there is for operators.
    expect(bodiesOf(json(sdc.stackName), 'azurerm_subnet').find((s) => s.name === 'snet-aks-llm')!.private_endpoint_network_policies).toBeUndefined();
  });

  test('the agent subnets are the only non-Azure sources any rule allows into a serving spoke', () => {
    for (const plan of derived.serving) {
      const azure = [...Object.values(plan.subnets), AKS_POD_CIDR, 'AzureLoadBalancer'];
      for (const nsg of bodiesOf(json(plan.stackName), 'azurerm_network_security_group')) {
        for (const r of nsg.security_rule.filter((x: Body) => x.access === 'Allow')) {
          const sources: string[] = r.source_address_prefixes ?? [r.source_address_prefix];
          const foreign = sources.filter((s) => !azure.includes(s));
          if (sources.includes('VirtualNetwork')) {
            // Only the Key Vault's group, for the deploy path: never the model endpoints.
            expect([r.name, r.destination_application_security_group_ids]).toEqual(['AllowVirtualNetworkHttpsToKeyVault', [expect.stringMatching(/KeyVault/)]]);
          } else {
            expect([nsg.name, r.name, foreign.filter((s) => !derived.aws.agentSubnets.includes(s))]).toEqual([nsg.name, r.name, []]);
          }
        }
      }
    }
  });

  test('hub resolver subnet: DNS (UDP and TCP 53) from the AWS Route 53 outbound endpoint subnets to the whole subnet only', () => {
    expect(derived.aws.resolverSubnets).toEqual(['10.20.0.0/18', '10.20.64.0/18']);
    const subnet = derived.hub.subnets['snet-dns-inbound'];
    const sources = derived.aws.resolverSubnets.join(',');
    expect(rulesOn(derived.hub.stackName, 'snet-dns-inbound')).toEqual([
      `100 AllowAwsResolverDnsUdp Allow Udp ${sources} -> ${subnet}:53`,
      `110 AllowAwsResolverDnsTcp Allow Tcp ${sources} -> ${subnet}:53`,
      '120 AllowAzureLoadBalancerInbound Allow * AzureLoadBalancer -> *:*',
      `${DENY_ALL_PRIORITY} DenyAllInbound Deny * * -> *:*`,
    ]);
  });

  test('inline rules carry every attribute (JSON attributes-as-blocks) and end in the deny-all', () => {
    for (const stack of [derived.hub.stackName, ...derived.serving.map((s) => s.stackName)]) {
      for (const nsg of bodiesOf(json(stack), 'azurerm_network_security_group')) {
        for (const r of nsg.security_rule) expect(Object.keys(r).sort()).toEqual(RULE_ATTRIBUTES);
        expect(nsg.security_rule.at(-1)).toMatchObject({ name: 'DenyAllInbound', priority: 4096, access: 'Deny', direction: 'Inbound' });
        expect(nsg.security_rule.every((r: Body) => r.direction === 'Inbound')).toBe(true);
      }
    }
  });

  test('nothing lands in a subnet before its NSG: endpoints, the cluster and the resolver wait for the associations', () => {
    for (const [stack, type] of [[sdc.stackName, 'azurerm_private_endpoint'], [sdc.stackName, 'azurerm_kubernetes_cluster'], [derived.hub.stackName, 'azurerm_private_dns_resolver_inbound_endpoint']]) {
      for (const body of bodiesOf(json(stack), type)) expect(body.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^azurerm_subnet_network_security_group_association\./)]));
    }
  });

  test('each NSG logs its events and rule counters to the region\'s workspace (no metrics: NSGs have none)', () => {
    for (const [stack, workspace] of [[derived.hub.stackName, derived.hub.logAnalyticsName], ...derived.serving.map((s) => [s.stackName, s.logAnalyticsName])]) {
      const tf = json(stack);
      const nsgs = resourcesOf(tf, 'azurerm_network_security_group');
      const settings = bodiesOf(tf, 'azurerm_monitor_diagnostic_setting').filter((d) => /azurerm_network_security_group\./.test(d.target_resource_id));
      expect(settings).toHaveLength(nsgs.length);
      for (const s of settings) {
        expect(s).toMatchObject({ log_analytics_workspace_id: refTo(tf, 'azurerm_log_analytics_workspace', (b) => b.name === workspace), enabled_log: NSG_LOG_CATEGORIES.map((category) => ({ category })) });
        expect(s.enabled_metric).toBeUndefined();
      }
    }
  });
});

describe('network security rules derived from the topology', () => {
  test('a stamp no agent calls admits no AWS source', () => {
    const raw = rawDefault();
    raw.aws.agents[0].serving = ['swedencentral'];
    const d = deriveFrom(raw);
    expect(d.serving.find((s) => s.region === 'francecentral')!.agentSources).toEqual([]);
    expect(d.serving.find((s) => s.region === 'swedencentral')!.agentSources).toEqual(d.aws.agentSubnets);
    expect(privateEndpointRules({ agentSources: [], modelEndpointsAsgId: 'asg-m', keyVaultAsgId: 'asg-k' }).map((r) => r.name)).toEqual(['AllowVirtualNetworkHttpsToKeyVault', 'DenyAllInbound']);
    expect(frc.agentSources).toEqual(derived.aws.agentSubnets);
  });

  test('three zones: three agent subnets, the resolver in the first two', () => {
    const raw = rawDefault();
    raw.aws.vpc = { cidr: '10.20.0.0/16', maxAzs: 3 };
    const d = deriveFrom(raw);
    expect(d.aws.agentSubnets).toEqual(['10.20.0.0/19', '10.20.32.0/19', '10.20.64.0/19']);
    expect(d.aws.resolverSubnets).toEqual(['10.20.0.0/19', '10.20.32.0/19']);
  });

  test('one prefix goes to the singular attribute (tags are allowed only there), several to the list', () => {
    const [intra] = aksNodeRules({ nodeSubnet: '10.1.0.0/24', podCidr: AKS_POD_CIDR, agentSources: ['10.2.0.0/18'], modelServerIp: '10.1.1.4' });
    expect(securityRule(intra)).toMatchObject({ sourceAddressPrefixes: ['10.1.0.0/24', AKS_POD_CIDR], destinationAddressPrefixes: ['10.1.0.0/24', AKS_POD_CIDR], destinationPortRange: '*' });
    const probes = aksNodeRules({ nodeSubnet: '10.1.0.0/24', podCidr: AKS_POD_CIDR, agentSources: [], modelServerIp: '10.1.1.4' })[1];
    expect(securityRule(probes)).toMatchObject({ sourceAddressPrefix: 'AzureLoadBalancer', destinationAddressPrefix: '*' });
    expect(securityRule(probes).sourceAddressPrefixes).toBeUndefined();
  });
});
