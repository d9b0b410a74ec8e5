/**
 * Links the hub's Private Link zones to a spoke VNet, so workloads in the spoke (AKS pods
 * calling AI Services, for example) resolve private endpoints the same way the hub
 * resolver does. The zones are looked up in the hub resource group by name; the links
 * live in the serving stack, so adding a region never changes the hub stack.
 *
 * @example
 * const links = new SpokeDnsLinks(stack, 'DnsLinks', { zones: privateLinkZones(derived.dns.privateZones),
 *   zonesResourceGroupName: derived.hub.resourceGroupName, vnetId, vnetName, tags });
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/private_dns_zone_virtual_network_link
 */
import { Construct } from 'constructs';
import { DataAzurermPrivateDnsZone } from '@cdktf/provider-azurerm/lib/data-azurerm-private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { zoneLinkName } from './names';

/** Properties of {@link SpokeDnsLinks}. */
export interface SpokeDnsLinksProps {
  /** Zone names (created by the hub stack). */
  readonly zones: readonly string[];
  /** Resource group holding the zones (the hub's). */
  readonly zonesResourceGroupName: string;
  readonly vnetId: string;
  readonly vnetName: string;
  /** Tags applied to every link. */
  readonly tags: Readonly<Record<string, string>>;
}

export class SpokeDnsLinks extends Construct {
  /** Zone resource ids, in `zones` order (for private endpoint DNS zone groups). */
  public readonly zoneIds: readonly string[];
  /** Zone resource ids by zone name. */
  public readonly zoneIdsByName: Readonly<Record<string, string>>;
  public readonly links: readonly PrivateDnsZoneVirtualNetworkLink[];

  constructor(scope: Construct, id: string, props: SpokeDnsLinksProps) {
    super(scope, id);
    const ids: string[] = [];
    const links: PrivateDnsZoneVirtualNetworkLink[] = [];
    for (const name of props.zones) {
      const zone = new DataAzurermPrivateDnsZone(this, `Zone-${name}`, { name, resourceGroupName: props.zonesResourceGroupName });
      ids.push(zone.id);
      links.push(new PrivateDnsZoneVirtualNetworkLink(this, `Link-${name}`, {
        name: zoneLinkName(props.vnetName),
        resourceGroupName: props.zonesResourceGroupName,
        privateDnsZoneName: zone.name,
        virtualNetworkId: props.vnetId,
        registrationEnabled: false,
        tags: { ...props.tags },
      }));
    }
    this.zoneIds = ids;
    this.zoneIdsByName = Object.fromEntries(props.zones.map((name, i) => [name, ids[i]]));
    this.links = links;
  }

  /** Ids of the named zones, in that order (a private endpoint registers only in its own zones). */
  public zoneIdsFor(names: readonly string[]): string[] {
    return names.map((name) => {
      const id = this.zoneIdsByName[name];
      if (id === undefined) throw new Error(`zone "${name}" is not linked by ${this.node.path}; linked zones: ${Object.keys(this.zoneIdsByName).join(', ')}. This is a stateline bug.`);
      return id;
    });
  }
}
