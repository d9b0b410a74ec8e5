/**
 * Cross-cloud DNS, AWS side: a Route 53 Resolver outbound endpoint (two IPs in two zones)
 * and FORWARD rules that send the Azure service zones to the Azure DNS Private Resolver's
 * inbound endpoint over the VPN, associated with the agent VPC.
 *
 * The rules forward the *public* zone names (`openai.azure.com`, ...): Azure answers them
 * with the CNAME into `privatelink.*` and resolves that to the private endpoint address, so
 * the agent's TLS name stays the public one while the traffic stays on the link.
 *
 * @example
 * new DnsForwarding(stack, 'Dns', { vpc, subnets, zones: derived.dns.forwardedZones,
 *   targetIp: derived.dns.resolverInboundIp, namePrefix: 'stateline' });
 * @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-outbound-queries.html
 */
import { Construct } from 'constructs';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';

/** Properties of {@link DnsForwarding}. */
export interface DnsForwardingProps {
  readonly vpc: ec2.IVpc;
  /** Subnets for the endpoint IPs: the first two distinct zones are used. */
  readonly subnets: ec2.SubnetSelection;
  /** Zones to forward (public Azure service zones). */
  readonly zones: readonly string[];
  /** Azure DNS Private Resolver inbound endpoint IP. */
  readonly targetIp: string;
  /** Prefix of the endpoint and rule names. */
  readonly namePrefix: string;
}

export class DnsForwarding extends Construct {
  public readonly endpoint: route53resolver.CfnResolverEndpoint;
  public readonly securityGroup: ec2.SecurityGroup;
  /** Forward rules by zone name. */
  public readonly rules: Readonly<Record<string, route53resolver.CfnResolverRule>>;

  constructor(scope: Construct, id: string, props: DnsForwardingProps) {
    super(scope, id);
    const subnets = props.vpc.selectSubnets({ ...props.subnets, onePerAz: true }).subnetIds;
    if (subnets.length < 2) throw new Error(`DnsForwarding: the outbound endpoint needs subnets in two zones, got ${subnets.length}`);
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(props.targetIp)) throw new Error(`DnsForwarding: targetIp "${props.targetIp}" is not an IPv4 address`);

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Route 53 Resolver outbound endpoint: DNS to the Azure resolver only',
      allowAllOutbound: false,
    });
    const target = ec2.Peer.ipv4(`${props.targetIp}/32`);
    this.securityGroup.addEgressRule(target, ec2.Port.udp(53), 'DNS to the Azure DNS Private Resolver');
    this.securityGroup.addEgressRule(target, ec2.Port.tcp(53), 'DNS over TCP to the Azure DNS Private Resolver');

    this.endpoint = new route53resolver.CfnResolverEndpoint(this, 'Resource', {
      name: `${props.namePrefix}-outbound-to-azure`,
      direction: 'OUTBOUND',
      resolverEndpointType: 'IPV4',
      ipAddresses: subnets.slice(0, 2).map((subnetId) => ({ subnetId })),
      securityGroupIds: [this.securityGroup.securityGroupId],
    });

    const rules: Record<string, route53resolver.CfnResolverRule> = {};
    for (const zone of props.zones) {
      const zoneId = zone.split(/[.-]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
      const rule = new route53resolver.CfnResolverRule(this, `Forward${zoneId}`, {
        name: `${props.namePrefix}-fwd-${zone.replace(/\./g, '-')}`,
        ruleType: 'FORWARD',
        domainName: zone,
        resolverEndpointId: this.endpoint.attrResolverEndpointId,
        targetIps: [{ ip: props.targetIp, port: '53' }],
      });
      new route53resolver.CfnResolverRuleAssociation(this, `Forward${zoneId}Association`, {
        resolverRuleId: rule.attrResolverRuleId,
        vpcId: props.vpc.vpcId,
      });
      rules[zone] = rule;
    }
    this.rules = rules;
  }
}
