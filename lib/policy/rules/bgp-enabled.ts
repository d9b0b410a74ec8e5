/**
 * link/bgp-enabled: BGP runs on the Azure gateway, every IPsec connection and every local
 * network gateway. Without BGP, routes are static and failover between tunnels does not happen.
 * azurerm 4.55 calls the flag `enable_bgp`; 4.62 renamed it `bgp_enabled`; both are read.
 */
import { AZ_CONNECTION, AZ_GATEWAY, AZ_LOCAL_GATEWAY, azureBgp, bgpSettings, isAzureVpnGateway, isIpsecConnection } from '../detect/link';
import { COMPLIANT, nonCompliant, NOT_APPLICABLE, typeIn } from '../rule';
import type { Rule } from '../types';
import { isToken, Obj } from '../util/values';

export const bgpEnabled: Rule = {
  id: 'link/bgp-enabled',
  severity: 'error',
  description: 'BGP is off on the Azure VPN gateway, an IPsec connection, or a local network gateway (no bgp_settings).',
  rationale:
    'With four tunnels, BGP is what withdraws a dead tunnel and spreads traffic over the live ones; static routes keep sending packets ' +
    'into a tunnel that is down.',
  fix: 'Set `enable_bgp = true` (azurerm < 4.62; `bgp_enabled` later) on the gateway and each connection, and a `bgp_settings { asn, bgp_peering_address }` block on each local network gateway.',
  scope: 'azurerm_virtual_network_gateway (Vpn), azurerm_virtual_network_gateway_connection (IPsec), azurerm_local_network_gateway.',
  appliesTo: typeIn(AZ_GATEWAY, AZ_CONNECTION, AZ_LOCAL_GATEWAY),
  evaluate(resource) {
    const p = resource.properties as Obj;
    if (resource.type === AZ_LOCAL_GATEWAY) {
      return bgpSettings(p) ? COMPLIANT : nonCompliant('local network gateway has no bgp_settings: the AWS tunnel cannot peer over BGP');
    }
    if (resource.type === AZ_GATEWAY && !isAzureVpnGateway(resource)) return NOT_APPLICABLE;
    if (resource.type === AZ_CONNECTION && !isIpsecConnection(resource)) return NOT_APPLICABLE;
    if (isToken(p.enable_bgp ?? p.bgp_enabled)) return COMPLIANT;
    return azureBgp(p) === true ? COMPLIANT : nonCompliant('enable_bgp / bgp_enabled is not true');
  },
};
