/**
 * link/gateway-active-active: the Azure VPN gateway runs active-active, so each of its two
 * instances terminates tunnels and one instance can be patched without dropping the link.
 */
import { AZ_GATEWAY, isAzureVpnGateway } from '../detect/link';
import { COMPLIANT, nonCompliant, NOT_APPLICABLE, typeIn } from '../rule';
import type { Rule } from '../types';
import { bool, isToken } from '../util/values';

export const gatewayActiveActive: Rule = {
  id: 'link/gateway-active-active',
  severity: 'error',
  description: 'The Azure VPN gateway is not active-active.',
  rationale:
    'An active-standby gateway has one public IP and fails over in 60-90 seconds or more; the four-tunnel design needs both instances ' +
    'active, each with its own public IP and APIPA BGP addresses.',
  fix: 'Set `active_active = true` with two `ip_configuration` blocks (two Standard, Static, zone-redundant public IPs) and a zone-redundant SKU (VpnGw2AZ or larger).',
  scope: 'azurerm_virtual_network_gateway (type Vpn).',
  appliesTo: typeIn(AZ_GATEWAY),
  evaluate(resource) {
    if (!isAzureVpnGateway(resource)) return NOT_APPLICABLE;
    const v = resource.properties.active_active;
    if (isToken(v) || bool(v) === true) return COMPLIANT;
    return nonCompliant(`active_active is ${v === undefined ? 'not set (defaults to false)' : String(v)}`);
  },
};
