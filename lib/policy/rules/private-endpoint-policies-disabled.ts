/**
 * network/private-endpoint-policies-disabled: a subnet holding private endpoints enforces
 * network policies for them (`private_endpoint_network_policies = "Enabled"` or
 * `"NetworkSecurityGroupEnabled"`). The azurerm 4.x default is `Disabled`: the subnet's NSG
 * then does not apply to the endpoints at all.
 */
import { endpointNetworkPolicies, endpointsIn, subnetLabel } from '../detect/azure-network';
import { COMPLIANT, nonCompliant, NOT_APPLICABLE, typeIn } from '../rule';
import type { Rule } from '../types';

export const privateEndpointPoliciesDisabled: Rule = {
  id: 'network/private-endpoint-policies-disabled',
  severity: 'error',
  description: 'A subnet holding private endpoints has private endpoint network policies disabled, so its network security group does not apply to them.',
  rationale:
    'Private endpoints ignore NSG rules unless the subnet enables network policies for them; with the default (`Disabled`, and `RouteTableEnabled`, ' +
    'which enables only route tables) a model endpoint accepts every caller that can route to it, whatever the NSG says.',
  fix: 'Set `private_endpoint_network_policies = "Enabled"` (or `"NetworkSecurityGroupEnabled"`) on the subnet (azurerm 3.x: `private_endpoint_network_policies_enabled = true`).',
  scope: 'azurerm_subnet (managed) referenced by an azurerm_private_endpoint of the inputs.',
  appliesTo: typeIn('azurerm_subnet'),
  evaluate(resource, { inventory }) {
    const endpoints = endpointsIn(inventory, resource);
    if (endpoints.length === 0) return NOT_APPLICABLE;
    const state = endpointNetworkPolicies(resource);
    if (state !== 'off') return COMPLIANT;
    const value = resource.properties.private_endpoint_network_policies ?? resource.properties.private_endpoint_network_policies_enabled;
    const shown = value === undefined ? 'not set (azurerm 4.x defaults to Disabled)' : `= ${String(value)}`;
    return nonCompliant(`subnet ${subnetLabel(inventory, resource)} holds private endpoint ${endpoints.join(', ')} with private_endpoint_network_policies ${shown}: network security groups do not apply to them`);
  },
};
