/** path/blocked-by-nsg: an Azure network security group drops the agents' requests. */
import { pathRule } from './path-common';

export const blockedByNsg = pathRule('nsg', {
  description: 'A network security group on the model endpoint\'s subnet drops HTTPS from the agent subnets before any rule allows it.',
  rationale: 'NSG rules are evaluated by priority: a deny (or the default DenyAllInBound after custom rules that do not admit the agent subnets) stops every model call at the last hop.',
  fix: 'Add an inbound allow for TCP 443 from the AWS agent subnets to the endpoint (its address, its subnet, or an application security group the private endpoint is a member of) with a priority lower than any deny; the finding names the rule that blocks.',
});
