/**
 * network/serving-subnet-without-nsg: every Azure subnet that serves the agents (private
 * endpoints, AKS nodes, internal load balancers, Private Link Service NAT addresses, DNS
 * resolver inbound endpoints) has a network security group. Without one, everything that can
 * route to the subnet reaches it on every port: peered VNets, and the whole AWS VPC over the VPN.
 */
import { describeRoles, nsgOn, PLATFORM_SUBNETS, servingSubnets, subnetLabel } from '../detect/azure-network';
import { COMPLIANT, nonCompliant, NOT_APPLICABLE, typeIn } from '../rule';
import type { Rule } from '../types';

export const servingSubnetWithoutNsg: Rule = {
  id: 'network/serving-subnet-without-nsg',
  severity: 'error',
  description: 'An Azure subnet holding private endpoints, AKS nodes, an internal load balancer, a Private Link Service or a DNS resolver inbound endpoint has no network security group.',
  rationale:
    'A subnet without an NSG accepts anything that can route to it. Over a hub with gateway transit that is every peered spoke and every network ' +
    'behind the VPN gateway (the whole AWS VPC, not only the agent subnets), on every port. Least privilege on the model endpoints starts with a ' +
    'deny-by-default NSG that admits exactly the callers. (GatewaySubnet and other platform subnets are exempt: Azure does not support NSGs there.)',
  fix:
    'Associate an NSG (`azurerm_subnet_network_security_group_association`) whose inbound rules admit only the callers the subnet serves ' +
    '(e.g. TCP 443 from the agent subnets) and end in a deny-all rule; keep `private_endpoint_network_policies = "Enabled"` where private endpoints live.',
  scope: 'azurerm_subnet (managed) referenced by azurerm_private_endpoint, azurerm_kubernetes_cluster(_node_pool), azurerm_lb, azurerm_private_link_service, azurerm_private_dns_resolver_inbound_endpoint, or a Network Contributor assignment of an AKS cluster identity.',
  appliesTo: typeIn('azurerm_subnet'),
  evaluate(resource, { inventory }) {
    const roles = servingSubnets(inventory).get(resource);
    if (!roles) return NOT_APPLICABLE;
    const name = subnetLabel(inventory, resource);
    if (PLATFORM_SUBNETS.has(name)) return NOT_APPLICABLE;
    if (nsgOn(inventory, resource)) return COMPLIANT;
    return nonCompliant(`subnet ${name} holds ${describeRoles(roles)} but has no network security group: every network that routes to it (peered VNets, everything behind the VPN gateway) reaches it on every port`);
  },
};
