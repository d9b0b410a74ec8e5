/**
 * The agent VPC: private isolated subnets only (no internet gateway, no NAT), placed by
 * Availability Zone *id* in zones where AgentCore supports VPC-mode runtimes.
 *
 * AZ names map to different physical zones in every account, so subnets are pinned with
 * `AvailabilityZoneId` (derived in lib/topology from the AgentCore-supported list: the
 * first `maxAzs` ids of the region).
 *
 * @example
 * const net = new AgentNetwork(stack, 'Network', { cidr: '10.20.0.0/16', azIds: ['euc1-az1', 'euc1-az2'] });
 */
import { Construct } from 'constructs';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

export interface AgentNetworkProps {
  /** VPC IPv4 CIDR (validated /16-/24). */
  readonly cidr: string;
  /** AgentCore-supported AZ ids, one private subnet per id. */
  readonly azIds: readonly string[];
}

export class AgentNetwork extends Construct {
  public readonly vpc: ec2.Vpc;
  /** Private subnets for runtimes, endpoints and the resolver. */
  public readonly privateSubnets: ec2.SubnetSelection;

  constructor(scope: Construct, id: string, props: AgentNetworkProps) {
    super(scope, id);
    const prefix = Number(props.cidr.split('/')[1]);
    // Half the VPC for agent subnets, split evenly across zones; the rest stays free for growth.
    const cidrMask = prefix + 1 + Math.ceil(Math.log2(props.azIds.length));
    this.vpc = new ec2.Vpc(this, 'Resource', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr),
      availabilityZones: [...props.azIds],
      natGateways: 0,
      subnetConfiguration: [{ name: 'agents', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask }],
      enableDnsHostnames: true,
      enableDnsSupport: true,
    });
    this.vpc.isolatedSubnets.forEach((subnet, i) => {
      const cfn = subnet.node.defaultChild as ec2.CfnSubnet;
      cfn.addPropertyDeletionOverride('AvailabilityZone');
      cfn.addPropertyOverride('AvailabilityZoneId', props.azIds[i]);
    });
    this.privateSubnets = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
  }
}
