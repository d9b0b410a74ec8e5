/**
 * Cross-cloud DNS in the hub: a DNS Private Resolver with a static inbound endpoint (the
 * address AWS's Route 53 outbound endpoint forwards to) and the Private Link zones of the
 * serving endpoints and of the regions' Key Vaults (`privatelink.vaultcore.azure.net`),
 * linked to the hub VNet so the resolver answers for them.
 *
 * Serving stacks link the same zones to their own spoke VNets (see `SpokeDnsLinks`), so
 * adding a region never changes the hub stack. Private endpoints register their A records
 * in these zones through their DNS zone groups.
 *
 * @example
 * const dns = new HubDns(stack, 'Dns', { resolverName, inboundEndpointName, inboundIp: derived.hub.resolverInboundIp,
 *   zones: privateLinkZones(derived.dns.privateZones), location, resourceGroupName, vnetId, vnetName, inboundSubnetId, tags });
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/private_dns_resolver_inbound_endpoint
 */
import { Construct } from 'constructs';
import { PrivateDnsResolver } from '@cdktf/provider-azurerm/lib/private-dns-resolver';
import { PrivateDnsResolverInboundEndpoint } from '@cdktf/provider-azurerm/lib/private-dns-resolver-inbound-endpoint';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { zoneLinkName } from './names';

/** Properties of {@link HubDns}. */
export interface HubDnsProps {
  readonly resolverName: string;
  readonly inboundEndpointName: string;
  /**
   * Static inbound endpoint address: AWS forwards to it before the hub exists, so it is
   * derived (first usable address of `snet-dns-inbound`), not allocated by Azure.
   */
  readonly inboundIp: string;
  /** Subnet delegated to `Microsoft.Network/dnsResolvers` (/28 or larger). */
  readonly inboundSubnetId: string;
  /** Private Link zone names to create and link to the hub VNet. */
  readonly zones: readonly string[];
  readonly location: string;
  readonly resourceGroupName: string;
  readonly vnetId: string;
  readonly vnetName: string;
  /** Tags applied to every resource. */
  readonly tags: Readonly<Record<string, string>>;
}

export class HubDns extends Construct {
  public readonly resolver: PrivateDnsResolver;
  public readonly inboundEndpoint: PrivateDnsResolverInboundEndpoint;
  /** Zones by name. */
  public readonly zones: Readonly<Record<string, PrivateDnsZone>>;
  /** The inbound endpoint's address, known once the endpoint exists. */
  public readonly inboundIpAddress: string;

  constructor(scope: Construct, id: string, props: HubDnsProps) {
    super(scope, id);
    const tags = { ...props.tags };
    this.resolver = new PrivateDnsResolver(this, 'Resource', {
      name: props.resolverName,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      virtualNetworkId: props.vnetId,
      tags,
    });
    this.inboundEndpoint = new PrivateDnsResolverInboundEndpoint(this, 'InboundEndpoint', {
      name: props.inboundEndpointName,
      location: props.location,
      privateDnsResolverId: this.resolver.id,
      ipConfigurations: {
        subnetId: props.inboundSubnetId,
        privateIpAllocationMethod: 'Static',
        privateIpAddress: props.inboundIp,
      },
      tags,
    });
    this.inboundIpAddress = this.inboundEndpoint.ipConfigurations.privateIpAddress;
    const zones: Record<string, PrivateDnsZone> = {};
    for (const name of props.zones) {
      const zone = new PrivateDnsZone(this, `Zone-${name}`, { name, resourceGroupName: props.resourceGroupName, tags });
      new PrivateDnsZoneVirtualNetworkLink(zone, 'HubLink', {
        name: zoneLinkName(props.vnetName),
        resourceGroupName: props.resourceGroupName,
        privateDnsZoneName: zone.name,
        virtualNetworkId: props.vnetId,
        registrationEnabled: false,
        tags,
      });
      zones[name] = zone;
    }
    this.zones = zones;
  }
}
