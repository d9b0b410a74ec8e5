/**
 * network/nsg-allows-any-inbound: the NSG of an Azure serving subnet does not admit every
 * source: no inbound allow from `*`/`Internet`/`0.0.0.0/0` (or from every connected network
 * on every port), and a deny-all ahead of Azure's default `AllowVnetInBound`.
 */
import { nsgOn, openInbound, PLATFORM_SUBNETS, servingSubnets, subnetLabel } from '../detect/azure-network';
import { COMPLIANT, nonCompliant, NOT_APPLICABLE, typeIn } from '../rule';
import type { Rule } from '../types';
import { literal } from '../util/values';

export const nsgAllowsAnyInbound: Rule = {
  id: 'network/nsg-allows-any-inbound',
  severity: 'error',
  description: 'The network security group of an Azure serving subnet allows inbound traffic from any source, or never denies what its rules do not admit.',
  rationale:
    'An NSG restricts nothing when a rule allows any source, or when no custom rule denies the rest: Azure\'s default rules then admit the whole ' +
    '`VirtualNetwork` tag, which includes peered VNets and every address space learned over the VPN gateway (the whole AWS VPC). The model ' +
    'endpoints should admit exactly the agent subnets.',
  fix:
    'Replace any-source allows with the callers\' prefixes (e.g. the AWS agent subnets, TCP 443), and end the inbound rules with a deny-all ' +
    '(priority 4096, source `*`, destination `*`, all ports and protocols); allow `AzureLoadBalancer` before it where load balancer probes are needed.',
  scope: 'azurerm_subnet serving the agents (see network/serving-subnet-without-nsg) with an associated azurerm_network_security_group (inline security_rule blocks and azurerm_network_security_rule).',
  appliesTo: typeIn('azurerm_subnet'),
  evaluate(resource, { inventory }) {
    if (!servingSubnets(inventory).has(resource)) return NOT_APPLICABLE;
    const name = subnetLabel(inventory, resource);
    if (PLATFORM_SUBNETS.has(name)) return NOT_APPLICABLE;
    const nsg = nsgOn(inventory, resource);
    if (!nsg) return NOT_APPLICABLE;
    const open = openInbound(nsg.rules);
    if (open.length === 0) return COMPLIANT;
    return nonCompliant(`network security group ${literal(nsg.nsg.properties.name) ?? nsg.nsg.id} on subnet ${name}: ${open.join('; ')}`);
  },
};
