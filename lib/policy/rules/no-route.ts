/** path/no-route: no route carries the request from the agent VPC over the VPN to the model's VNet. */
import { pathRule } from './path-common';

export const noRoute = pathRule('route', {
  description: 'No route carries an agent\'s request to the model endpoint: the agent subnets\' route tables, the VPN (BGP) or the Azure peering that advertises the serving VNet is missing.',
  rationale:
    'The request crosses clouds only if every agent subnet\'s route table sends the serving prefix to a VPN or transit gateway attached to the VPC ' +
    'whose connections run BGP, and Azure advertises that prefix: the hub VNet itself, or a spoke peered with use_remote_gateways while the hub allows gateway transit.',
  fix: 'Propagate the VPN gateway\'s routes into the agent route tables (or add static routes to the transit gateway), keep StaticRoutesOnly false, peer the spoke with use_remote_gateways = true and the hub side with allow_gateway_transit = true, and deploy the link stack (BGP connections).',
});
