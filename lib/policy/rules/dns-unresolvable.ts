/** path/dns-unresolvable: an agent cannot resolve a model endpoint's name to its private address. */
import { pathRule } from './path-common';

export const dnsUnresolvable = pathRule('dns', {
  description: 'An agent cannot resolve the model endpoint\'s host name to its private endpoint: forwarding, zone link or zone registration is missing.',
  rationale:
    'Private endpoints are reached by name: <account>.openai.azure.com must be forwarded from the agent VPC (Route 53 Resolver FORWARD rule associated ' +
    'with the VPC) to the Azure DNS Private Resolver inbound address, whose VNet must be linked to the privatelink zone in which the private ' +
    'endpoint is registered. Any missing piece returns the public address, which is closed (public network access off).',
  fix:
    'Associate a FORWARD rule for the zone (openai.azure.com, cognitiveservices.azure.com, services.ai.azure.com) with the agent VPC targeting the ' +
    'resolver inbound IP, allow DNS from the resolver endpoint over the VPN (its security group, and the NSG of the resolver\'s inbound subnet: UDP and TCP 53 ' +
    'from the outbound endpoint\'s subnets), link privatelink.<zone> to the hub VNet and give the private endpoint a private_dns_zone_group with that zone.',
});
