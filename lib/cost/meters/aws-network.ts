/**
 * AWS networking meters: Site-to-Site VPN connections (and their transit gateway attachment),
 * transit gateway attachments, interface VPC endpoints per subnet (one ENI per AZ), NAT gateways
 * (stateline's agent VPC has none; user templates may), Route 53 Resolver endpoints per ENI, DNS
 * Firewall, and the free VPC building blocks.
 */
import { literal } from '../../policy/util/values';
import { constant, free, listLength, Meter } from './types';

const vpnConnection: Meter = (r) => {
  const viaTgw = r.properties.TransitGatewayId !== undefined;
  return {
    fixed: [
      { key: 'aws/vpn/connection', label: 'Site-to-Site VPN connection (two tunnels)', quantity: 1 },
      ...(viaTgw ? [{ key: 'aws/transit-gateway/attachment', label: 'its transit gateway attachment', quantity: 1 }] : []),
    ],
    usage: [
      { key: 'aws/data-transfer/internet-out', label: 'data sent through the tunnels (data transfer out)' },
      ...(viaTgw ? [{ key: 'aws/transit-gateway/data-processed', label: 'data processed by the transit gateway' }] : []),
    ],
  };
};

const tgwAttachment = constant({
  fixed: [{ key: 'aws/transit-gateway/attachment', label: 'transit gateway attachment', quantity: 1 }],
  usage: [{ key: 'aws/transit-gateway/data-processed', label: 'data processed by the transit gateway' }],
});

const vpcEndpoint: Meter = (r) => {
  const type = literal(r.properties.VpcEndpointType) ?? 'Gateway';
  if (type === 'Gateway') return { free: 'gateway endpoints (S3, DynamoDB) have no charge' };
  if (type !== 'Interface') return { unpriced: [`${type} endpoints are not in the price table`] };
  const enis = listLength(r.properties.SubnetIds);
  if (enis === undefined) return { unpriced: ['SubnetIds is not a list: the number of endpoint ENIs (one per subnet) is unknown'] };
  const service = literal(r.properties.ServiceName)?.replace(/^com\.amazonaws\.[a-z0-9-]+\./, '');
  return {
    fixed: [{ key: 'aws/vpc-endpoint/interface-az', label: `interface endpoint${service ? ` ${service}` : ''}: ${enis} ENI${enis === 1 ? '' : 's'} (one per subnet)`, quantity: enis }],
    usage: [{ key: 'aws/vpc-endpoint/data-processed', label: 'data processed' }],
  };
};

/**
 * A zonal NAT gateway (public or private: the same hourly and per-GB prices) bills one gateway-hour
 * an hour; a regional one bills per Availability Zone it is active in, which a template states only
 * when it lists its `AvailabilityZoneAddresses` (otherwise it expands as ENIs appear).
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html
 */
const natGateway: Meter = (r) => {
  const usage = [{ key: 'aws/nat-gateway/data-processed', label: 'data processed by the NAT gateway' }];
  if (literal(r.properties.AvailabilityMode)?.toLowerCase() !== 'regional') {
    return { fixed: [{ key: 'aws/nat-gateway/hour', label: 'NAT gateway', quantity: 1 }], usage };
  }
  const azs = Array.isArray(r.properties.AvailabilityZoneAddresses) ? r.properties.AvailabilityZoneAddresses.length : undefined;
  if (azs === undefined) return { unpriced: ['regional NAT gateway without AvailabilityZoneAddresses: it is billed per Availability Zone it expands to, which the template does not say'], usage };
  return { fixed: [{ key: 'aws/nat-gateway/hour', label: `regional NAT gateway: ${azs} Availability Zone${azs === 1 ? '' : 's'}`, quantity: azs }], usage };
};

const resolverEndpoint: Meter = (r) => {
  const enis = listLength(r.properties.IpAddresses);
  if (enis === undefined) return { unpriced: ['IpAddresses is not a list: the number of ENIs is unknown'] };
  return {
    fixed: [{ key: 'aws/route53-resolver/endpoint-eni', label: `${literal(r.properties.Direction)?.toLowerCase() ?? ''} Resolver endpoint: ${enis} ENIs`.trim(), quantity: enis }],
    usage: [{ key: 'aws/route53-resolver/queries', label: 'DNS queries through the endpoint' }],
  };
};

const domainList: Meter = (r) => {
  const domains = r.properties.Domains;
  if (Array.isArray(domains)) return { fixed: [{ key: 'aws/dns-firewall/domain', label: `${domains.length} domain names stored`, quantity: domains.length }] };
  if (domains === undefined && r.properties.DomainFileUrl === undefined) return { free: 'an empty domain list has no charge' };
  return { unpriced: ['domains come from a file or a token: the number of domain names is unknown'] };
};

const firewallAssociation = constant({ usage: [{ key: 'aws/dns-firewall/queries', label: 'DNS queries filtered for the VPC' }] });

export const AWS_NETWORK_METERS: Record<string, Meter> = {
  'AWS::EC2::VPNConnection': vpnConnection,
  'AWS::EC2::TransitGatewayAttachment': tgwAttachment,
  'AWS::EC2::TransitGatewayVpcAttachment': tgwAttachment,
  'AWS::EC2::TransitGateway': free('a transit gateway is billed per attachment and per GB, not by itself'),
  'AWS::EC2::TransitGatewayRouteTable': free('transit gateway route tables have no charge'),
  'AWS::EC2::TransitGatewayRouteTableAssociation': free('an association; no charge'),
  'AWS::EC2::TransitGatewayRouteTablePropagation': free('a propagation; no charge'),
  'AWS::EC2::TransitGatewayRoute': free('routes have no charge'),
  'AWS::EC2::VPCEndpoint': vpcEndpoint,
  'AWS::EC2::NatGateway': natGateway,
  'AWS::Route53Resolver::ResolverEndpoint': resolverEndpoint,
  'AWS::Route53Resolver::ResolverRule': free('Route 53 Resolver bills endpoints and queries; rules have no charge'),
  'AWS::Route53Resolver::ResolverRuleAssociation': free('Route 53 Resolver bills endpoints and queries; rule associations have no charge'),
  'AWS::Route53Resolver::FirewallDomainList': domainList,
  'AWS::Route53Resolver::FirewallRuleGroup': free('DNS Firewall bills domain names stored and queries processed, not rule groups'),
  'AWS::Route53Resolver::FirewallRuleGroupAssociation': firewallAssociation,
  'AWS::EC2::VPC': free('VPCs have no charge'),
  'AWS::EC2::Subnet': free('subnets have no charge'),
  'AWS::EC2::RouteTable': free('route tables have no charge'),
  'AWS::EC2::Route': free('routes have no charge'),
  'AWS::EC2::SubnetRouteTableAssociation': free('an association; no charge'),
  'AWS::EC2::SecurityGroup': free('security groups have no charge'),
  'AWS::EC2::SecurityGroupIngress': free('security group rules have no charge'),
  'AWS::EC2::SecurityGroupEgress': free('security group rules have no charge'),
  'AWS::EC2::NetworkAcl': free('network ACLs have no charge'),
  'AWS::EC2::NetworkAclEntry': free('network ACL entries have no charge'),
  'AWS::EC2::SubnetNetworkAclAssociation': free('an association; no charge'),
  'AWS::EC2::VPCGatewayAttachment': free('an attachment of a virtual private gateway; no charge'),
  'AWS::EC2::VPNGateway': free('a virtual private gateway has no charge (VPN connections are billed)'),
  'AWS::EC2::VPNGatewayRoutePropagation': free('route propagation has no charge'),
  'AWS::EC2::CustomerGateway': free('a description of the remote side; no charge'),
  'AWS::EC2::VPNConnectionRoute': free('static VPN routes have no charge'),
  'AWS::EC2::PrefixList': free('managed prefix lists have no charge'),
};
