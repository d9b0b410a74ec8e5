/**
 * network/zone-linked-twice: a VNet is linked at most once to private DNS zones of one name.
 * Azure refuses a link between a VNet and a second zone of a name it is already linked to
 * (BadRequest "A virtual network cannot be linked to multiple zones with overlapping
 * namespaces"), and a second link between the same zone and VNet. Both show up only at apply
 * time, typically when two stacks each bring "their" copy of a shared zone such as
 * `privatelink.<region>.azmk8s.io` and link it to the hub.
 */
import { keyOf, resolveTf, tfName } from '../../path/refs';
import { COMPLIANT, nonCompliant, NOT_APPLICABLE, typeIn } from '../rule';
import type { InventoryResource, InventoryView, Rule } from '../types';
import { literal } from '../util/values';

const LINK = 'azurerm_private_dns_zone_virtual_network_link';

interface LinkInfo {
  readonly link: InventoryResource;
  /** Resource group of the zone (a link lives in its zone's resource group). */
  readonly zoneGroup: string;
  readonly vnetLabel: string;
}

/** A link's VNet: the managed VNet it references (also through a data lookup), or its literal id. */
function vnetOf(inv: InventoryView, link: InventoryResource): { key: string; label: string } | undefined {
  const raw = link.properties.virtual_network_id;
  const vnet = resolveTf(inv, link, raw);
  if (vnet?.type === 'azurerm_virtual_network') {
    return { key: keyOf(vnet), label: `${tfName(inv, vnet, 'resource_group_name') ?? '?'}/${tfName(inv, vnet) ?? vnet.id}` };
  }
  const id = literal(raw);
  return id?.startsWith('/') ? { key: id.toLowerCase(), label: id } : undefined;
}

/** Managed links grouped by VNet and zone name (lowercase), in inventory order. */
function linkGroups(inv: InventoryView): Map<string, LinkInfo[]> {
  return inv.memo('network:zone-links-by-vnet', () => {
    const m = new Map<string, LinkInfo[]>();
    for (const link of inv.ofType(LINK)) {
      if (link.mode !== 'managed') continue;
      const zone = tfName(inv, link, 'private_dns_zone_name')?.toLowerCase();
      const vnet = vnetOf(inv, link);
      if (!zone || !vnet) continue;
      const k = `${vnet.key}\u0000${zone}`;
      m.set(k, [...(m.get(k) ?? []), { link, zoneGroup: tfName(inv, link, 'resource_group_name')?.toLowerCase() ?? '?', vnetLabel: vnet.label }]);
    }
    return m;
  });
}

const where = (l: InventoryResource) => `${l.stack}: ${l.id}`;

export const zoneLinkedTwice: Rule = {
  id: 'network/zone-linked-twice',
  severity: 'error',
  description: 'A VNet is linked to two private DNS zones of the same name, or twice to one zone.',
  rationale:
    'Azure resolves a name in a VNet from exactly one linked zone per namespace, so it refuses the second link at apply time (BadRequest: ' +
    '"A virtual network cannot be linked to multiple zones with overlapping namespaces"; one link per zone and VNet). The stack applied ' +
    'second fails, and whatever its zone holds (a private API server, private endpoint records) does not resolve from that VNet.',
  fix:
    'Keep one zone of each name per set of linked VNets (e.g. one privatelink.<region>.azmk8s.io for every cluster of a region, or the ' +
    'Private Link zones in the hub) and link it once per VNet; other stacks look it up (`data "azurerm_private_dns_zone"`) instead of creating a copy.',
  scope: 'azurerm_private_dns_zone_virtual_network_link (managed), across every Terraform stack of the inputs.',
  appliesTo: typeIn(LINK),
  evaluate(resource, { inventory }) {
    const zone = tfName(inventory, resource, 'private_dns_zone_name')?.toLowerCase();
    const vnet = vnetOf(inventory, resource);
    if (!zone || !vnet) return NOT_APPLICABLE;
    const group = linkGroups(inventory).get(`${vnet.key}\u0000${zone}`) ?? [];
    const index = group.findIndex((g) => g.link === resource);
    if (index <= 0) return COMPLIANT;
    const self = group[index];
    const earlier = group.slice(0, index);
    const sameZone = earlier.find((g) => g.zoneGroup === self.zoneGroup);
    if (sameZone) {
      return nonCompliant(`links VNet ${self.vnetLabel} to zone ${zone} (resource group ${self.zoneGroup}) a second time (already linked by ${where(sameZone.link)}): Azure allows one link per zone and VNet`);
    }
    const other = earlier[0];
    return nonCompliant(`links VNet ${self.vnetLabel} to zone ${zone} in resource group ${self.zoneGroup}, but ${where(other.link)} already links it to another zone ${zone} (resource group ${other.zoneGroup}): Azure refuses a second zone of the same name on one VNet`);
  },
};
