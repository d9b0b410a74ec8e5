/**
 * The Azure hub network: resource group, hub VNet, GatewaySubnet and the subnet
 * delegated to the DNS Private Resolver.
 *
 * @example
 * const hub = new HubNetwork(stack, 'Hub', { plan: derived.hub, tags: derived.tags });
 */
import { Construct } from 'constructs';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import type { Derived } from '../topology/derive';

/** Properties of {@link HubNetwork}. */
export interface HubNetworkProps {
  /** Derived hub plan (names, address space, subnet CIDRs). */
  readonly plan: Derived['hub'];
  /** Tags applied to every resource. */
  readonly tags: Readonly<Record<string, string>>;
}

export class HubNetwork extends Construct {
  public readonly resourceGroup: ResourceGroup;
  public readonly vnet: VirtualNetwork;
  public readonly gatewaySubnet: Subnet;
  public readonly dnsInboundSubnet: Subnet;

  constructor(scope: Construct, id: string, props: HubNetworkProps) {
    super(scope, id);
    const { plan } = props;
    const tags = { ...props.tags };
    this.resourceGroup = new ResourceGroup(this, 'ResourceGroup', { name: plan.resourceGroupName, location: plan.region, tags });
    this.vnet = new VirtualNetwork(this, 'Resource', {
      name: plan.vnetName,
      location: plan.region,
      resourceGroupName: this.resourceGroup.name,
      addressSpace: [plan.addressSpace],
      tags,
    });
    // The name is fixed by Azure: a VPN gateway deploys only into "GatewaySubnet".
    this.gatewaySubnet = new Subnet(this, 'GatewaySubnet', {
      name: 'GatewaySubnet',
      resourceGroupName: this.resourceGroup.name,
      virtualNetworkName: this.vnet.name,
      addressPrefixes: [plan.subnets.GatewaySubnet],
    });
    this.dnsInboundSubnet = new Subnet(this, 'DnsInboundSubnet', {
      name: 'snet-dns-inbound',
      resourceGroupName: this.resourceGroup.name,
      virtualNetworkName: this.vnet.name,
      addressPrefixes: [plan.subnets['snet-dns-inbound']],
      defaultOutboundAccessEnabled: false,
      delegation: [{
        name: 'dns-resolver',
        serviceDelegation: { name: 'Microsoft.Network/dnsResolvers', actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'] },
      }],
    });
  }
}
