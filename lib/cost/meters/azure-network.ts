/**
 * Azure networking meters: the VPN gateway and its public IPs and tunnels, private endpoints,
 * the DNS Private Resolver and private DNS zones, VNet peering.
 */
import type { InventoryResource, InventoryView } from '../../policy/types';
import { literal } from '../../policy/util/values';
import { constant, free, Meter } from './types';

/** Site-to-site tunnels included with VpnGw1-5 and VpnGw1AZ-5AZ; more cost per tunnel-hour. */
export const INCLUDED_S2S_TUNNELS = 10;

const vpnGateway: Meter = (r) => {
  const type = literal(r.properties.type) ?? 'Vpn';
  if (type !== 'Vpn') return { unpriced: [`${type} gateways are not in the price table`] };
  const sku = literal(r.properties.sku);
  if (!sku) return { unpriced: ['sku is not a literal'] };
  const notes = r.properties.active_active === true ? ['active-active: both instances are included in the gateway price; each uses its own public IP'] : [];
  return {
    fixed: [{ key: `azure/vpn-gateway/${sku}`, label: `VPN gateway ${sku}`, quantity: 1 }],
    usage: [{ key: 'azure/bandwidth/internet-egress', label: 'data sent through the tunnels (internet egress)' }],
    notes,
  };
};

const publicIp: Meter = (r) => {
  const sku = literal(r.properties.sku) ?? 'Standard';
  if (sku !== 'Standard') return { unpriced: [`${sku} public IPs are not in the price table`] };
  return { fixed: [{ key: 'azure/public-ip/standard-static', label: 'Standard static public IP', quantity: 1 }] };
};

/** Site-to-site connections per gateway reference, in address order: the first ten are included. */
function connectionRank(r: InventoryResource, inv: InventoryView): number {
  const ranks = inv.memo('cost:s2s-ranks', () => {
    const byGateway = new Map<string, string[]>();
    for (const c of inv.ofType('azurerm_virtual_network_gateway_connection')) {
      if (c.mode !== 'managed') continue;
      const gw = `${c.stack}\0${String(c.properties.virtual_network_gateway_id)}`;
      const list = byGateway.get(gw) ?? [];
      list.push(`${c.stack}\0${c.id}`);
      byGateway.set(gw, list);
    }
    const out = new Map<string, number>();
    for (const list of byGateway.values()) list.sort().forEach((k, i) => out.set(k, i));
    return out;
  });
  return ranks.get(`${r.stack}\0${r.id}`) ?? 0;
}

const gatewayConnection: Meter = (r, ctx) => {
  const type = literal(r.properties.type) ?? 'IPsec';
  if (type === 'ExpressRoute') return { unpriced: ['ExpressRoute connections are billed with the circuit, which is not in the price table'] };
  if (connectionRank(r, ctx.inventory) < INCLUDED_S2S_TUNNELS) return { free: `one of the first ${INCLUDED_S2S_TUNNELS} site-to-site tunnels of its gateway, included in the gateway price` };
  return { fixed: [{ key: 'azure/vpn-gateway/s2s-tunnel', label: `site-to-site tunnel beyond the ${INCLUDED_S2S_TUNNELS} included`, quantity: 1 }] };
};

const privateEndpoint = constant({
  fixed: [{ key: 'azure/private-link/endpoint', label: 'private endpoint', quantity: 1 }],
  usage: [{ key: 'azure/private-link/data-processed', label: 'data processed, each direction' }],
});

const monthly = (key: string, label: string): Meter => constant({ fixed: [{ key, label, quantity: 1 }] });

const privateDnsZone = constant({
  fixed: [{ key: 'azure/dns/private-zone', label: 'private DNS zone', quantity: 1 }],
  usage: [{ key: 'azure/dns/private-queries', label: 'DNS queries' }],
  notes: ['the zone price applies to the first 25 zones of a subscription; further zones cost less'],
});

/** Which of the two rates applies depends on whether the peered VNets share a region. */
const peering = constant({
  usage: [
    { key: 'azure/vnet-peering/intra-region', label: 'data across the peering, each direction (same region)' },
    { key: 'azure/vnet-peering/global-zone1', label: 'data across the peering, each direction (between regions)' },
  ],
});

export const AZURE_NETWORK_METERS: Record<string, Meter> = {
  azurerm_virtual_network_gateway: vpnGateway,
  azurerm_public_ip: publicIp,
  azurerm_virtual_network_gateway_connection: gatewayConnection,
  azurerm_local_network_gateway: free('a description of the remote side; no charge'),
  azurerm_private_endpoint: privateEndpoint,
  azurerm_private_link_service: free('Azure Private Link: no charge for a private link service (its consumers pay per private endpoint)'),
  azurerm_private_dns_resolver: free('the resolver itself has no charge; its endpoints and rulesets are billed'),
  azurerm_private_dns_resolver_inbound_endpoint: monthly('azure/dns-resolver/inbound-endpoint', 'DNS Private Resolver inbound endpoint'),
  azurerm_private_dns_resolver_outbound_endpoint: monthly('azure/dns-resolver/outbound-endpoint', 'DNS Private Resolver outbound endpoint'),
  azurerm_private_dns_resolver_dns_forwarding_ruleset: monthly('azure/dns-resolver/ruleset', 'DNS forwarding ruleset'),
  azurerm_private_dns_zone: privateDnsZone,
  azurerm_private_dns_zone_virtual_network_link: free('Azure DNS bills private zones and queries, not virtual network links'),
  azurerm_private_dns_a_record: free('records are included in the zone price'),
  azurerm_private_dns_cname_record: free('records are included in the zone price'),
  azurerm_virtual_network_peering: peering,
  azurerm_virtual_network: free('virtual networks have no charge'),
  azurerm_subnet: free('subnets have no charge'),
  azurerm_network_security_group: free('network security groups have no charge'),
  azurerm_application_security_group: free('application security groups have no charge'),
  azurerm_private_endpoint_application_security_group_association: free('an association; no charge'),
  azurerm_network_security_rule: free('network security rules have no charge'),
  azurerm_subnet_network_security_group_association: free('an association; no charge'),
  azurerm_route_table: free('route tables have no charge'),
  azurerm_route: free('routes have no charge'),
  azurerm_subnet_route_table_association: free('an association; no charge'),
};
