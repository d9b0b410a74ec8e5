/**
 * link/minimum-tunnels: the link has four tunnels on each side. AWS: two VPN connections x two
 * tunnels on the gateway; Azure: four connections on the active-active VPN gateway (one per AWS
 * tunnel). Fewer means a single AWS or Azure maintenance event takes the link down.
 */
import {
  AWS_TRANSIT_GATEWAY_TYPES, AWS_VPN_CONNECTION_TYPES, AWS_VPN_GATEWAY_TYPES, awsConnectionGatewayRef, AZ_CONNECTION, AZ_GATEWAY,
  gatewayOf, isAzureVpnGateway, isIpsecConnection, ofTypes,
} from '../detect/link';
import { COMPLIANT, nonCompliant, NOT_APPLICABLE, typeIn } from '../rule';
import type { InventoryResource, InventoryView, Rule, RuleResult } from '../types';

const REQUIRED = 4;

function awsSide(gw: InventoryResource, inv: InventoryView): RuleResult {
  const gateways = ofTypes(inv, [...AWS_VPN_GATEWAY_TYPES, ...AWS_TRANSIT_GATEWAY_TYPES]);
  const conns = ofTypes(inv, AWS_VPN_CONNECTION_TYPES).filter((c) => gatewayOf(c, awsConnectionGatewayRef(c), gateways, inv) === gw);
  // A transit gateway with no VPN attachment is not part of the link.
  if (conns.length === 0 && AWS_TRANSIT_GATEWAY_TYPES.includes(gw.type)) return NOT_APPLICABLE;
  const tunnels = conns.length * 2;
  return tunnels >= REQUIRED
    ? COMPLIANT
    : nonCompliant(`${tunnels} tunnel(s) (${conns.length} VPN connection(s) x 2) on this gateway; the link needs ${REQUIRED}: two connections, one per Azure public IP`);
}

function azureSide(gw: InventoryResource, inv: InventoryView): RuleResult {
  if (!isAzureVpnGateway(gw)) return NOT_APPLICABLE;
  const gateways = ofTypes(inv, [AZ_GATEWAY]).filter(isAzureVpnGateway);
  const conns = ofTypes(inv, [AZ_CONNECTION]).filter((c) => isIpsecConnection(c) && gatewayOf(c, c.properties.virtual_network_gateway_id, gateways, inv) === gw);
  return conns.length >= REQUIRED
    ? COMPLIANT
    : nonCompliant(`${conns.length} IPsec connection(s) on this VPN gateway; the link needs ${REQUIRED}, one per AWS tunnel (four local network gateways)`);
}

export const minimumTunnels: Rule = {
  id: 'link/minimum-tunnels',
  severity: 'error',
  description: 'The cross-cloud VPN has fewer than four tunnels on a side.',
  rationale:
    'The link is the only path from the agent runtime to the models. AWS replaces one tunnel endpoint at a time during maintenance and ' +
    'Azure fails over between active-active instances: two VPN connections x two tunnels, and four Azure connections, keep traffic ' +
    'flowing through either event.',
  fix: 'Create two customer gateways (one per Azure public IP) and two VPN connections on the AWS gateway; on Azure, four local network gateways and four connections.',
  scope: 'AWS::EC2::VPNGateway / TransitGateway (with VPN connections), aws_vpn_gateway, aws_ec2_transit_gateway, azurerm_virtual_network_gateway.',
  appliesTo: typeIn(...AWS_VPN_GATEWAY_TYPES, ...AWS_TRANSIT_GATEWAY_TYPES, AZ_GATEWAY),
  evaluate(resource, ctx) {
    return resource.type === AZ_GATEWAY ? azureSide(resource, ctx.inventory) : awsSide(resource, ctx.inventory);
  },
};
