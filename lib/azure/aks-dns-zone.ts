/**
 * The private DNS zone of a region's private AKS API servers
 * (`privatelink.<region>.azmk8s.io`), brought by us instead of AKS's default `System` zone
 * so it can be linked to the hub VNet too: the hub's DNS resolver then answers AWS's
 * forwarded `azmk8s.io` queries, and agents or pipelines across the link reach the API
 * server privately. Both links live in the serving stack.
 *
 * Clusters using the zone need `Private DNS Zone Contributor` on it (see `ServingCluster`).
 * The spoke link exists before the cluster, so AKS reuses it rather than creating its own.
 *
 * @example
 * const zone = new AksPrivateDnsZone(stack, 'AksDns', { region, resourceGroupName, vnets: [spoke, hub], tags });
 * @see https://learn.microsoft.com/azure/aks/private-clusters#configure-a-private-dns-zone
 */
import { Construct } from 'constructs';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { aksPrivateDnsZoneName, zoneLinkName } from './names';

/** A VNet to link: its id, and its name (the link is named after it). */
export interface LinkedVnet {
  /** Construct id of the link (stable: it is part of the Terraform address). */
  readonly key: string;
  readonly id: string;
  readonly name: string;
}

/** Properties of {@link AksPrivateDnsZone}. */
export interface AksPrivateDnsZoneProps {
  /** Azure region of the clusters (part of the zone name). */
  readonly region: string;
  readonly resourceGroupName: string;
  /** VNets to link: the spoke (where the clusters are) and the hub (where the resolver is). */
  readonly vnets: readonly LinkedVnet[];
  /** Tags applied to every resource. */
  readonly tags: Readonly<Record<string, string>>;
}

export class AksPrivateDnsZone extends Construct {
  public readonly zone: PrivateDnsZone;
  public readonly links: readonly PrivateDnsZoneVirtualNetworkLink[];

  constructor(scope: Construct, id: string, props: AksPrivateDnsZoneProps) {
    super(scope, id);
    const tags = { ...props.tags };
    this.zone = new PrivateDnsZone(this, 'Resource', {
      name: aksPrivateDnsZoneName(props.region),
      resourceGroupName: props.resourceGroupName,
      tags,
    });
    this.links = props.vnets.map((vnet) => new PrivateDnsZoneVirtualNetworkLink(this, `Link-${vnet.key}`, {
      name: zoneLinkName(vnet.name),
      resourceGroupName: props.resourceGroupName,
      privateDnsZoneName: this.zone.name,
      virtualNetworkId: vnet.id,
      registrationEnabled: false,
      tags,
    }));
  }
}
