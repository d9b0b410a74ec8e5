/**
 * Network security groups (NSGs) for every hub and serving subnet that supports one: deny by
 * default inbound, with allow rules derived from the topology, so only the agents get in.
 *
 * | subnet | admits (inbound) | then |
 * |---|---|---|
 * | `snet-private-endpoints` | TCP 443 from the AWS agent subnets to the AI Services endpoint (its application security group); TCP 443 from `VirtualNetwork` to the Key Vault endpoint (the deploy path), never from the agent subnets | deny all |
 * | `snet-ilb` | TCP 443 from the agent subnets to the model servers' load balancer addresses | deny all |
 * | `snet-aks-<cluster>` | node and pod ranges among themselves (all ports: Azure CNI overlay's documented rules), Azure Load Balancer probes, TCP 443 from the agent subnets and from the Private Link Service NAT subnet to the cluster's model server address | deny all |
 * | `snet-pls` | nothing (Private Link Service NAT addresses are not subject to NSGs) | deny all |
 * | hub `snet-dns-inbound` | DNS (UDP and TCP 53) from the AWS Route 53 Resolver outbound endpoint's subnets to the whole subnet, Azure Load Balancer probes | deny all |
 * | hub `GatewaySubnet` | no NSG: Microsoft does not support one on the gateway subnet | |
 *
 * Why these and not more:
 * - Each NSG ends in an explicit `DenyAllInbound` (priority 4096) ahead of Azure's default
 *   `AllowVnetInBound`, which would admit every peered VNet and the whole AWS VPC (the
 *   `VirtualNetwork` tag covers address spaces learned over the VPN gateway).
 * - Private endpoints obey NSGs only with `private_endpoint_network_policies = "Enabled"`
 *   (set on `snet-private-endpoints`); application security groups tell the AI Services and
 *   Key Vault endpoints apart in one subnet. The AKS node subnets keep network policies off:
 *   the API server's private endpoint AKS places there is reached by operators (`kubectl`),
 *   not governed by these rules.
 * - Node subnets: with Azure CNI overlay, pod-to-pod traffic is not encapsulated and subnet
 *   NSG rules apply, so node/pod ranges must reach each other on all ports; the internal load
 *   balancer keeps the client address (floating IP), so the agents' rule targets the model
 *   server address on the nodes; health probes come from `AzureLoadBalancer`. Outbound is not
 *   restricted here: the cluster has no egress path (`outbound_type = "none"`) and reaches its
 *   API server and registry cache through private endpoints in its own subnet.
 * - The DNS rule targets the whole resolver subnet, not the /32: the inbound endpoint's
 *   backend addresses sit in the subnet.
 * - Rules are inline `security_rule` blocks (one resource per NSG; cdktf writes every block
 *   attribute, as Terraform's JSON syntax requires for this attribute-as-blocks argument).
 *
 * Logging: each NSG sends `NetworkSecurityGroupEvent` and `NetworkSecurityGroupRuleCounter`
 * to the region's Log Analytics workspace (NSG diagnostic settings). VNet flow logs (the
 * successor of NSG flow logs, whose creation Microsoft stopped on 2025-06-30 ahead of their
 * 2027-09-30 retirement) need a storage account and the subscription's Network Watcher; see
 * the README's known limits.
 *
 * @example
 * const security = new ServingNetworkSecurity(stack, 'NetworkSecurity', { plan, subnets: network.subnets, diagnostics: logs, location, resourceGroupName, tags });
 * security.admitModelEndpoint(aiServices.privateEndpoint);
 * @see https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
 * @see https://learn.microsoft.com/azure/private-link/disable-private-endpoint-network-policy
 * @see https://learn.microsoft.com/azure/private-link/disable-private-link-service-network-policy
 * @see https://learn.microsoft.com/azure/aks/azure-cni-overlay#network-security-groups
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
 * @see https://learn.microsoft.com/azure/network-watcher/nsg-flow-logs-overview
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/network_security_group
 */
import { Construct } from 'constructs';
import { dependable, type TerraformResource } from 'cdktf';
import { ApplicationSecurityGroup } from '@cdktf/provider-azurerm/lib/application-security-group';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { NetworkSecurityGroup, NetworkSecurityGroupSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-group';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { PrivateEndpointApplicationSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/private-endpoint-application-security-group-association';
import type { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { AKS_POD_CIDR, type Derived, type ServingPlan } from '../topology/derive';
import { Diagnostics, DiagnosticsDestination } from './diagnostics';
import { azureName } from './names';

/** NSG log categories (the NSG resource type has no metrics). */
export const NSG_LOG_CATEGORIES = ['NetworkSecurityGroupEvent', 'NetworkSecurityGroupRuleCounter'] as const;

/** Priority of the closing deny (the lowest custom priority Azure allows). */
export const DENY_ALL_PRIORITY = 4096;

/** One inbound rule, before it becomes an azurerm `security_rule` block. */
export interface InboundRule {
  readonly name: string;
  readonly priority: number;
  readonly access: 'Allow' | 'Deny';
  readonly protocol: 'Tcp' | 'Udp' | '*';
  /** Source prefixes (CIDRs) or one service tag (`VirtualNetwork`, `AzureLoadBalancer`, `*`). */
  readonly sources: readonly string[];
  /** Destination prefixes, or `*`; ignored when `destinationAsgIds` is set. */
  readonly destinations?: readonly string[];
  /** Destination application security groups (private endpoints in them). */
  readonly destinationAsgIds?: readonly string[];
  /** Destination ports (`443`, `53`, `*`). */
  readonly ports: readonly string[];
  readonly description: string;
}

const denyAll: InboundRule = {
  name: 'DenyAllInbound', priority: DENY_ALL_PRIORITY, access: 'Deny', protocol: '*', sources: ['*'], destinations: ['*'], ports: ['*'],
  description: 'Deny by default: ahead of Azure\'s AllowVnetInBound, which would admit every peered VNet and the whole AWS VPC',
};

const loadBalancerProbes = (priority: number): InboundRule => ({
  name: 'AllowAzureLoadBalancerInbound', priority, access: 'Allow', protocol: '*', sources: ['AzureLoadBalancer'], destinations: ['*'], ports: ['*'],
  description: 'Azure Load Balancer health probes (168.63.129.16)',
});

/** A single prefix or tag goes to `*_address_prefix`, several CIDRs to `*_address_prefixes` (tags are not allowed there). */
function prefixes(values: readonly string[], kind: 'source' | 'destination'): Partial<NetworkSecurityGroupSecurityRule> {
  return values.length === 1
    ? { [`${kind}AddressPrefix`]: values[0] }
    : { [`${kind}AddressPrefixes`]: [...values] };
}

/** The azurerm `security_rule` block of a rule. */
export function securityRule(r: InboundRule): NetworkSecurityGroupSecurityRule {
  const ports = r.ports.length === 1 ? { destinationPortRange: r.ports[0] } : { destinationPortRanges: [...r.ports] };
  const destination = r.destinationAsgIds && r.destinationAsgIds.length > 0
    ? { destinationApplicationSecurityGroupIds: [...r.destinationAsgIds] }
    : prefixes(r.destinations ?? ['*'], 'destination');
  return {
    name: r.name,
    description: r.description,
    priority: r.priority,
    direction: 'Inbound',
    access: r.access,
    protocol: r.protocol,
    sourcePortRange: '*',
    ...prefixes(r.sources, 'source'),
    ...destination,
    ...ports,
  };
}

/** `snet-private-endpoints`: the agents reach the model endpoints only; deployers reach the Key Vault. */
export function privateEndpointRules(o: { agentSources: readonly string[]; modelEndpointsAsgId?: string; keyVaultAsgId?: string }): InboundRule[] {
  const rules: InboundRule[] = [];
  if (o.agentSources.length > 0 && o.modelEndpointsAsgId) {
    rules.push({ name: 'AllowAgentsHttpsToModelEndpoints', priority: 100, access: 'Allow', protocol: 'Tcp', sources: o.agentSources, destinationAsgIds: [o.modelEndpointsAsgId], ports: ['443'], description: 'AWS agent subnets to the AI Services private endpoint, HTTPS only' });
  }
  if (o.agentSources.length > 0) {
    rules.push({ name: 'DenyAgentsToOtherEndpoints', priority: 200, access: 'Deny', protocol: '*', sources: o.agentSources, destinations: ['*'], ports: ['*'], description: 'Nothing else in this subnet (the Key Vault endpoint) is for the agents' });
  }
  if (o.keyVaultAsgId) {
    rules.push({ name: 'AllowVirtualNetworkHttpsToKeyVault', priority: 300, access: 'Allow', protocol: 'Tcp', sources: ['VirtualNetwork'], destinationAsgIds: [o.keyVaultAsgId], ports: ['443'], description: 'Deployers in or peered with the hub/spoke (or over the VPN) reach the Key Vault endpoint: Terraform creates and reads keys there' });
  }
  return [...rules, denyAll];
}

/** `snet-ilb`: HTTPS from the agents to the model servers' frontend addresses. */
export function loadBalancerRules(o: { agentSources: readonly string[]; modelServerIps: readonly string[] }): InboundRule[] {
  const rules: InboundRule[] = [];
  if (o.agentSources.length > 0 && o.modelServerIps.length > 0) {
    rules.push({ name: 'AllowAgentsHttpsToModelServers', priority: 100, access: 'Allow', protocol: 'Tcp', sources: o.agentSources, destinations: o.modelServerIps.map((ip) => `${ip}/32`), ports: ['443'], description: 'AWS agent subnets to the model servers\' internal load balancer addresses, HTTPS only' });
  }
  return [...rules, denyAll];
}

/** `snet-aks-<cluster>`: what a network-isolated AKS cluster with Azure CNI overlay needs, plus the agents' model calls. */
export function aksNodeRules(o: { nodeSubnet: string; podCidr: string; agentSources: readonly string[]; modelServerIp: string; plsSubnet?: string }): InboundRule[] {
  const cluster = [o.nodeSubnet, o.podCidr];
  const rules: InboundRule[] = [
    { name: 'AllowClusterNodesAndPods', priority: 100, access: 'Allow', protocol: '*', sources: cluster, destinations: cluster, ports: ['*'], description: 'Azure CNI overlay: node to node, node to pod and pod to pod on all ports (pod traffic is not encapsulated)' },
    loadBalancerProbes(110),
  ];
  if (o.agentSources.length > 0) {
    rules.push({ name: 'AllowAgentsHttpsToModelServer', priority: 120, access: 'Allow', protocol: 'Tcp', sources: o.agentSources, destinations: [`${o.modelServerIp}/32`], ports: ['443'], description: 'AWS agent subnets to the model server (internal load balancer with floating IP: the destination stays the frontend address)' });
  }
  if (o.plsSubnet) {
    rules.push({ name: 'AllowPrivateLinkHttpsToModelServer', priority: 130, access: 'Allow', protocol: 'Tcp', sources: [o.plsSubnet], destinations: [`${o.modelServerIp}/32`], ports: ['443'], description: 'Approved Private Link Service consumers, SNATed to the PLS NAT addresses' });
  }
  return [...rules, denyAll];
}

/** `snet-pls`: nothing is admitted (the PLS NAT addresses are not subject to NSGs). */
export const privateLinkServiceRules = (): InboundRule[] => [denyAll];

/** Hub `snet-dns-inbound`: DNS from the AWS Route 53 Resolver outbound endpoint's subnets only. */
export function resolverInboundRules(o: { resolverSources: readonly string[]; inboundSubnet: string }): InboundRule[] {
  const rules: InboundRule[] = [];
  if (o.resolverSources.length > 0) {
    const dns = (protocol: 'Udp' | 'Tcp', priority: number): InboundRule => ({
      name: `AllowAwsResolverDns${protocol}`, priority, access: 'Allow', protocol, sources: o.resolverSources, destinations: [o.inboundSubnet], ports: ['53'],
      description: `DNS over ${protocol.toUpperCase()} from the AWS Route 53 Resolver outbound endpoint subnets to the resolver inbound subnet`,
    });
    rules.push(dns('Udp', 100), dns('Tcp', 110));
  }
  return [...rules, loadBalancerProbes(120), denyAll];
}

/** Properties of {@link SubnetSecurityGroup}. */
export interface SubnetSecurityGroupProps {
  /** NSG name, before the naming convention is applied (`nsg-<spoke>-<subnet>`). */
  readonly name: string;
  /** The subnet the NSG is associated with. */
  readonly subnetId: string;
  /** Inbound rules, ending in the closing deny (priorities unique, descriptions at most 140 characters). */
  readonly rules: readonly InboundRule[];
  /** Where the NSG's event and rule counter logs go. */
  readonly diagnostics: DiagnosticsDestination;
  /** Azure region. */
  readonly location: string;
  /** Resource group of the NSG. */
  readonly resourceGroupName: string;
  /** Tags applied to the NSG. */
  readonly tags: Readonly<Record<string, string>>;
}

/** One NSG with its inline rules, associated with one subnet, logging to the workspace. */
export class SubnetSecurityGroup extends Construct {
  public readonly nsg: NetworkSecurityGroup;
  public readonly association: SubnetNetworkSecurityGroupAssociation;

  constructor(scope: Construct, id: string, props: SubnetSecurityGroupProps) {
    super(scope, id);
    const priorities = props.rules.map((r) => r.priority);
    if (new Set(priorities).size !== priorities.length) throw new Error(`SubnetSecurityGroup ${props.name}: duplicate rule priorities ${priorities.join(', ')}`);
    // azurerm validates descriptions to at most 140 characters (network_security_group_resource.go).
    const long = props.rules.filter((r) => r.description.length > 140).map((r) => r.name);
    if (long.length > 0) throw new Error(`SubnetSecurityGroup ${props.name}: rule descriptions over 140 characters: ${long.join(', ')}`);
    this.nsg = new NetworkSecurityGroup(this, 'Resource', {
      name: azureName('network', props.name),
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      securityRule: props.rules.map(securityRule),
      tags: { ...props.tags },
    });
    this.association = new SubnetNetworkSecurityGroupAssociation(this, 'Association', {
      subnetId: props.subnetId,
      networkSecurityGroupId: this.nsg.id,
    });
    new Diagnostics(this, 'Diagnostics', { targetResourceId: this.nsg.id, workspace: props.diagnostics, logCategories: NSG_LOG_CATEGORIES, metricsEnabled: false });
  }

  /** Makes `resource` wait for this NSG (nothing lands in the subnet before its rules apply). */
  public protect(resource: TerraformResource): void {
    resource.dependsOn = [...(resource.dependsOn ?? []), dependable(this.association)];
  }
}

interface Placement {
  readonly location: string;
  readonly resourceGroupName: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly diagnostics: DiagnosticsDestination;
}

/** Properties of {@link ServingNetworkSecurity}. */
export interface ServingNetworkSecurityProps extends Placement {
  /** The serving stamp's derived plan (subnets, clusters, the agents' source ranges). */
  readonly plan: ServingPlan;
  /** The spoke's subnets by derived name (see `SpokeNetwork.subnets`). */
  readonly subnets: Readonly<Record<string, Subnet>>;
}

/** NSGs and application security groups of one serving spoke. */
export class ServingNetworkSecurity extends Construct {
  /** NSGs by subnet name. */
  public readonly groups: Readonly<Record<string, SubnetSecurityGroup>>;
  /** The AI Services private endpoint's application security group (when the stamp serves models). */
  public readonly modelEndpoints?: ApplicationSecurityGroup;
  /** The Key Vault private endpoint's application security group. */
  public readonly keyVault: ApplicationSecurityGroup;

  constructor(scope: Construct, id: string, props: ServingNetworkSecurityProps) {
    super(scope, id);
    const { plan } = props;
    const base = plan.vnetName.replace(/^vnet-/, '').replace(/-serving$/, '');
    const where = { location: props.location, resourceGroupName: props.resourceGroupName, tags: { ...props.tags } };
    if (plan.hasAccount) this.modelEndpoints = new ApplicationSecurityGroup(this, 'ModelEndpoints', { name: azureName('network', `asg-${base}-model-endpoints`), ...where });
    this.keyVault = new ApplicationSecurityGroup(this, 'KeyVault', { name: azureName('network', `asg-${base}-key-vault`), ...where });
    const rulesFor = (subnet: string): InboundRule[] => {
      if (subnet === 'snet-private-endpoints') return privateEndpointRules({ agentSources: plan.agentSources, modelEndpointsAsgId: this.modelEndpoints?.id, keyVaultAsgId: this.keyVault.id });
      if (subnet === 'snet-ilb') return loadBalancerRules({ agentSources: plan.agentSources, modelServerIps: plan.clusters.map((c) => c.modelServerIp) });
      if (subnet === 'snet-pls') return privateLinkServiceRules();
      const cluster = plan.clusters.find((c) => c.subnetName === subnet);
      if (cluster) return aksNodeRules({ nodeSubnet: plan.subnets[subnet], podCidr: AKS_POD_CIDR, agentSources: plan.agentSources, modelServerIp: cluster.modelServerIp, plsSubnet: plan.subnets['snet-pls'] });
      throw new Error(`ServingNetworkSecurity: no rules for subnet ${subnet}`);
    };
    const groups: Record<string, SubnetSecurityGroup> = {};
    for (const name of Object.keys(plan.subnets)) {
      groups[name] = new SubnetSecurityGroup(this, `Nsg-${name}`, {
        name: `nsg-${base}-${name.replace(/^snet-/, '')}`,
        subnetId: props.subnets[name].id,
        rules: rulesFor(name),
        diagnostics: props.diagnostics,
        ...where,
      });
    }
    this.groups = groups;
  }

  /** Puts the AI Services private endpoint in the model endpoints' group (what the agents may reach) and makes it wait for the NSG. */
  public admitModelEndpoint(endpoint: PrivateEndpoint): void {
    if (!this.modelEndpoints) throw new Error('ServingNetworkSecurity: this stamp serves no models (no model endpoints group)');
    this.member('ModelEndpointMembership', endpoint, this.modelEndpoints);
  }

  /**
   * Puts the Key Vault private endpoint in the Key Vault's group (what deployers may reach) and
   * makes it wait for the NSG. Keys are written through that endpoint: every `KeyVaultKey`
   * under `vault` waits for the membership too (before it, the NSG drops the deployer).
   */
  public admitKeyVaultEndpoint(endpoint: PrivateEndpoint, vault: Construct): void {
    const membership = this.member('KeyVaultMembership', endpoint, this.keyVault);
    for (const key of vault.node.findAll().filter((c): c is KeyVaultKey => c instanceof KeyVaultKey)) {
      key.dependsOn = [...(key.dependsOn ?? []), dependable(membership)];
    }
  }

  /** Makes a resource placed in `subnet` (an AKS cluster in its node subnet) wait for that subnet's NSG. */
  public protect(resource: TerraformResource, subnet: string): void {
    const group = this.groups[subnet];
    if (!group) throw new Error(`ServingNetworkSecurity: no NSG for subnet ${subnet}`);
    group.protect(resource);
  }

  private member(id: string, endpoint: PrivateEndpoint, asg: ApplicationSecurityGroup): PrivateEndpointApplicationSecurityGroupAssociation {
    this.groups['snet-private-endpoints'].protect(endpoint);
    return new PrivateEndpointApplicationSecurityGroupAssociation(this, id, { privateEndpointId: endpoint.id, applicationSecurityGroupId: asg.id });
  }
}

/** Properties of {@link HubNetworkSecurity}. */
export interface HubNetworkSecurityProps extends Placement {
  /** The hub's derived plan (its VNet name). */
  readonly hub: Derived['hub'];
  /** The AWS Route 53 Resolver outbound endpoint's subnets (`derived.aws.resolverSubnets`). */
  readonly resolverSources: readonly string[];
  /** The hub subnet delegated to the DNS Private Resolver. */
  readonly dnsInboundSubnet: Subnet;
}

/** The hub's NSG: on the resolver's inbound subnet only (GatewaySubnet must not get one). */
export class HubNetworkSecurity extends Construct {
  public readonly dnsInbound: SubnetSecurityGroup;

  constructor(scope: Construct, id: string, props: HubNetworkSecurityProps) {
    super(scope, id);
    this.dnsInbound = new SubnetSecurityGroup(this, 'Nsg-snet-dns-inbound', {
      name: `nsg-${props.hub.vnetName.replace(/^vnet-/, '')}-dns-inbound`,
      subnetId: props.dnsInboundSubnet.id,
      rules: resolverInboundRules({ resolverSources: props.resolverSources, inboundSubnet: props.hub.subnets['snet-dns-inbound'] }),
      diagnostics: props.diagnostics,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      tags: props.tags,
    });
  }
}
