/**
 * A serving region's spoke network: resource group, VNet, subnets, and peering in both
 * directions with the hub (owned by the spoke's stack, so adding a region never
 * changes the hub stack). The hub is looked up by its derived name.
 *
 * Gateway transit: the hub-to-spoke peering allows it and the spoke-to-hub peering uses
 * the hub's VPN gateway, so spokes learn the AWS routes over BGP without their own
 * gateway. Azure rejects `use_remote_gateways` while the hub has no gateway, so the hub
 * stack (with its gateway) must be deployed first: the serving stacks declare a stack
 * dependency on it, and the spoke side waits for the hub side of the peering.
 *
 * @example
 * new SpokeNetwork(stack, 'Network', { plan: servingPlan, hub: derived.hub, tags });
 */
import { Construct } from 'constructs';
import { DataAzurermVirtualNetwork } from '@cdktf/provider-azurerm/lib/data-azurerm-virtual-network';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import type { Derived, ServingPlan } from '../topology/derive';

/** Properties of {@link SpokeNetwork}. */
export interface SpokeNetworkProps {
  readonly plan: ServingPlan;
  readonly hub: Derived['hub'];
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Use the hub's VPN gateway for traffic to AWS (gateway transit).
   * @default true
   */
  readonly useHubGateway?: boolean;
}

export class SpokeNetwork extends Construct {
  public readonly resourceGroup: ResourceGroup;
  public readonly vnet: VirtualNetwork;
  /** Subnets by derived name (`snet-private-endpoints`, `snet-aks-<cluster>`, `snet-ilb`, `snet-pls`). */
  public readonly subnets: Readonly<Record<string, Subnet>>;
  public readonly hubVnet: DataAzurermVirtualNetwork;
  public readonly spokeToHub: VirtualNetworkPeering;
  public readonly hubToSpoke: VirtualNetworkPeering;

  constructor(scope: Construct, id: string, props: SpokeNetworkProps) {
    super(scope, id);
    const { plan, hub } = props;
    const tags = { ...props.tags };
    const useHubGateway = props.useHubGateway ?? true;
    this.resourceGroup = new ResourceGroup(this, 'ResourceGroup', { name: plan.resourceGroupName, location: plan.region, tags });
    this.vnet = new VirtualNetwork(this, 'Resource', {
      name: plan.vnetName,
      location: plan.region,
      resourceGroupName: this.resourceGroup.name,
      addressSpace: [plan.addressSpace],
      tags,
    });
    const subnets: Record<string, Subnet> = {};
    for (const [name, cidr] of Object.entries(plan.subnets)) {
      subnets[name] = new Subnet(this, `Subnet-${name}`, {
        name,
        resourceGroupName: this.resourceGroup.name,
        virtualNetworkName: this.vnet.name,
        addressPrefixes: [cidr],
        // Nothing in a serving spoke reaches the internet by default.
        defaultOutboundAccessEnabled: false,
        ...(name === 'snet-private-endpoints' ? { privateEndpointNetworkPolicies: 'Enabled' } : {}),
        // Private Link Service NAT IPs require PLS network policies to be off.
        ...(name === 'snet-pls' ? { privateLinkServiceNetworkPoliciesEnabled: false } : {}),
      });
    }
    this.subnets = subnets;
    this.hubVnet = new DataAzurermVirtualNetwork(this, 'HubVnet', { name: hub.vnetName, resourceGroupName: hub.resourceGroupName });
    this.hubToSpoke = new VirtualNetworkPeering(this, 'HubToSpoke', {
      name: `peer-hub-to-${plan.short}`,
      resourceGroupName: hub.resourceGroupName,
      virtualNetworkName: hub.vnetName,
      remoteVirtualNetworkId: this.vnet.id,
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: true,
      allowGatewayTransit: useHubGateway,
    });
    this.spokeToHub = new VirtualNetworkPeering(this, 'SpokeToHub', {
      name: `peer-${plan.short}-to-hub`,
      resourceGroupName: this.resourceGroup.name,
      virtualNetworkName: this.vnet.name,
      remoteVirtualNetworkId: this.hubVnet.id,
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: true,
      useRemoteGateways: useHubGateway,
      // Gateway transit must be allowed on the hub side before the spoke side may use it.
      dependsOn: [this.hubToSpoke],
    });
  }
}
