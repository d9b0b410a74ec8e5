/**
 * link/apipa-inside-cidr: every tunnel inside CIDR is a /30 in Azure's APIPA range
 * 169.254.21.0-169.254.22.255 (which also avoids AWS's reserved 169.254.0.0/30-169.254.5.0/30 and
 * 169.254.169.252/30), and every Azure APIPA BGP address lies in that range. AWS picks a random
 * /30 from 169.254.0.0/16 when none is set, which Azure refuses as a BGP peer.
 */
import { APIPA_RANGE_TEXT, apipaAddresses, AWS_VPN_CONNECTION_TYPES, AZ_CONNECTION, AZ_GATEWAY, inApipaRange, insideCidrProblem, ipv4 } from '../detect/link';
import { COMPLIANT, reasons, typeIn } from '../rule';
import type { InventoryResource, Rule } from '../types';
import { block, blocks, isToken, literal, Obj, prop } from '../util/values';

/** Inside CIDRs of an AWS VPN connection as [label, value] (value undefined when not set). */
function awsInsideCidrs(r: InventoryResource): Array<[string, unknown]> {
  const p = r.properties as Obj;
  if (r.type === 'aws_vpn_connection') return [['tunnel1_inside_cidr', p.tunnel1_inside_cidr], ['tunnel2_inside_cidr', p.tunnel2_inside_cidr]];
  const specs = blocks(prop(p, 'VpnTunnelOptionsSpecifications'));
  const out: Array<[string, unknown]> = [];
  for (let i = 0; i < 2; i++) out.push([`VpnTunnelOptionsSpecifications[${i}].TunnelInsideCidr`, prop(specs[i], 'TunnelInsideCidr')]);
  return out;
}

function checkAws(r: InventoryResource): string[] {
  const problems: string[] = [];
  for (const [label, value] of awsInsideCidrs(r)) {
    if (value === undefined) problems.push(`${label} is not set: AWS picks a random /30 in 169.254.0.0/16, outside Azure's APIPA range ${APIPA_RANGE_TEXT}`);
    else if (!isToken(value) && typeof value === 'string') {
      const problem = insideCidrProblem(value);
      if (problem) problems.push(`${label} ${problem}`);
    }
  }
  return problems;
}

const addressProblem = (label: string, a: unknown): string | undefined => {
  const s = literal(a);
  if (s === undefined) return undefined;
  const ip = ipv4(s);
  return ip === undefined || !inApipaRange(ip) ? `${label} "${s}" is outside Azure's APIPA range ${APIPA_RANGE_TEXT}` : undefined;
};

function checkAzure(r: InventoryResource): string[] {
  const p = r.properties as Obj;
  if (r.type === AZ_GATEWAY) return apipaAddresses(p).map((a) => addressProblem('bgp_settings.peering_addresses.apipa_addresses', a)).filter((x): x is string => !!x);
  const custom = block(p.custom_bgp_addresses);
  if (!custom) return [];
  return [addressProblem('custom_bgp_addresses.primary', custom.primary), addressProblem('custom_bgp_addresses.secondary', custom.secondary)].filter((x): x is string => !!x);
}

export const apipaInsideCidr: Rule = {
  id: 'link/apipa-inside-cidr',
  severity: 'error',
  description: `A tunnel inside CIDR or an Azure APIPA BGP address lies outside ${APIPA_RANGE_TEXT} (or is not set).`,
  rationale:
    'Azure VPN gateways accept APIPA BGP peers only in 169.254.21.0-169.254.22.255; AWS takes the first host of each tunnel /30 and Azure the ' +
    'second. An unset inside CIDR makes AWS choose one at random, which almost never falls in that range.',
  fix: 'Use the default plan: 169.254.21.0/30, 169.254.22.0/30 (connection 1), 169.254.21.4/30, 169.254.22.4/30 (connection 2), and the matching .2/.6 addresses on Azure.',
  scope: 'AWS::EC2::VPNConnection, aws_vpn_connection, azurerm_virtual_network_gateway (APIPA addresses), azurerm_virtual_network_gateway_connection (custom_bgp_addresses).',
  appliesTo: typeIn(...AWS_VPN_CONNECTION_TYPES, AZ_GATEWAY, AZ_CONNECTION),
  evaluate(resource) {
    const problems = resource.cloud === 'azure' ? checkAzure(resource) : checkAws(resource);
    return problems.length ? reasons(problems) : COMPLIANT;
  },
};
