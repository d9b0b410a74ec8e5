/**
 * link/custom-bgp-addresses: on an active-active gateway with APIPA peering addresses, every
 * connection names its `custom_bgp_addresses { primary, secondary }`. Otherwise every BGP
 * session of an instance uses that instance's first APIPA address, and the second AWS tunnel
 * (whose inside /30 holds a different address) never peers.
 */
import { apipaAddresses, AZ_CONNECTION, AZ_GATEWAY, gatewayOf, isAzureVpnGateway, isIpsecConnection, ofTypes } from '../detect/link';
import { COMPLIANT, nonCompliant, NOT_APPLICABLE, typeIn } from '../rule';
import type { Rule } from '../types';
import { block, bool, Obj } from '../util/values';

export const customBgpAddresses: Rule = {
  id: 'link/custom-bgp-addresses',
  severity: 'error',
  description: 'A connection on an active-active gateway with APIPA BGP addresses does not set custom_bgp_addresses.',
  rationale:
    'Azure uses the first APIPA address of an instance for every session unless a connection names the addresses to use; several ' +
    'public AWS-Azure examples get this wrong and end up with only two of four BGP sessions up.',
  fix: 'Add `custom_bgp_addresses { primary = "<instance 0 APIPA>", secondary = "<instance 1 APIPA>" }` matching the AWS tunnel inside /30 of this connection.',
  scope: 'azurerm_virtual_network_gateway_connection (IPsec) on an active-active azurerm_virtual_network_gateway.',
  appliesTo: typeIn(AZ_CONNECTION),
  evaluate(resource, ctx) {
    if (!isIpsecConnection(resource)) return NOT_APPLICABLE;
    const gateways = ofTypes(ctx.inventory, [AZ_GATEWAY]).filter(isAzureVpnGateway);
    const gw = gatewayOf(resource, resource.properties.virtual_network_gateway_id, gateways, ctx.inventory);
    if (!gw || bool(gw.properties.active_active) !== true || apipaAddresses(gw.properties as Obj).length === 0) return NOT_APPLICABLE;
    const custom = block(resource.properties.custom_bgp_addresses);
    if (custom && custom.primary !== undefined && custom.secondary !== undefined) return COMPLIANT;
    return nonCompliant(`no custom_bgp_addresses { primary, secondary } while gateway ${gw.id} is active-active with APIPA peering addresses`);
  },
};
