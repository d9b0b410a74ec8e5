/** path/blocked-by-security-group: the agent runtime's security group does not let the request out. */
import { pathRule } from './path-common';

export const blockedBySecurityGroup = pathRule('security-group', {
  description: 'The agent runtime\'s security groups do not allow HTTPS (443) to the model endpoint\'s address range.',
  rationale: 'A VPC-mode runtime\'s traffic leaves through its security groups: without an egress rule covering the private endpoint\'s subnet (or the model server\'s load balancer address), every model call times out.',
  fix: 'Add an egress rule for TCP 443 to the serving VNet\'s address space (stateline adds one per serving stamp the agent uses).',
});
