/**
 * The agent VPC: private isolated subnets only (no internet gateway, no NAT), placed by
 * Availability Zone *id* in zones where AgentCore supports VPC-mode runtimes, with VPC
 * flow logs to a KMS-encrypted CloudWatch Logs group.
 *
 * How the zones are chosen: `lib/topology` derives `azIds` as the first `aws.vpc.maxAzs`
 * (default 2) entries of the region's AgentCore-supported zone-id list
 * (`AGENTCORE_AZ_IDS` in lib/topology/regions.ts, transcribed from the AgentCore developer
 * guide). AZ *names* (eu-central-1a) map to different physical zones in every account, so
 * subnets are pinned with `AvailabilityZoneId` instead; the same topology then lands in
 * supported zones in every account, and synthesis needs no AZ lookup (works offline).
 *
 * @example
 * const net = new AgentNetwork(stack, 'Network', { cidr: '10.20.0.0/16', azIds: ['euc1-az1', 'euc1-az2'], logsKey });
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/agentcore-vpc.html#agentcore-supported-azs
 */
import { Construct } from 'constructs';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { agentSubnetPlan } from '../topology/agent-subnets';
import { hostAt, parseCidr, type Cidr } from '../topology/cidr';

/** Properties of {@link AgentNetwork}. */
export interface AgentNetworkProps {
  /** VPC IPv4 CIDR (validated /16-/24). */
  readonly cidr: string;
  /** AgentCore-supported AZ ids, one private subnet per id. */
  readonly azIds: readonly string[];
  /** Customer-managed key encrypting the flow log group. */
  readonly logsKey: kms.IKey;
  /**
   * Flow log retention.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly flowLogRetention?: logs.RetentionDays;
}

export class AgentNetwork extends Construct {
  public readonly vpc: ec2.Vpc;
  /** Private subnets for runtimes, endpoints and the resolver. */
  public readonly privateSubnets: ec2.SubnetSelection;
  /** Route tables of the private subnets (VPN route propagation / transit gateway routes). */
  public readonly privateRouteTableIds: string[];
  /** The Amazon-provided DNS server (VPC base + 2): what runtimes query. */
  public readonly dnsResolverIp: string;
  public readonly flowLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AgentNetworkProps) {
    super(scope, id);
    // Half the VPC for agent subnets, split evenly across zones; the rest stays free for growth.
    // The plan is derived once (lib/topology): Azure's network security groups admit exactly these subnets.
    const plan = agentSubnetPlan(props.cidr, props.azIds.length);
    this.vpc = new ec2.Vpc(this, 'Resource', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr),
      availabilityZones: [...props.azIds],
      natGateways: 0,
      subnetConfiguration: [{ name: 'agents', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: plan.mask }],
      enableDnsHostnames: true,
      enableDnsSupport: true,
    });
    const allocated = this.vpc.isolatedSubnets.map((s) => s.ipv4CidrBlock);
    if (allocated.join(',') !== plan.cidrs.join(',')) {
      throw new Error(`AgentNetwork: the VPC allocated subnets ${allocated.join(', ')}, but the derived plan (which Azure admits) is ${plan.cidrs.join(', ')}: this is a stateline bug`);
    }
    this.vpc.isolatedSubnets.forEach((subnet, i) => {
      const cfn = subnet.node.defaultChild as ec2.CfnSubnet;
      cfn.addPropertyDeletionOverride('AvailabilityZone');
      cfn.addPropertyOverride('AvailabilityZoneId', props.azIds[i]);
    });
    this.privateSubnets = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
    this.privateRouteTableIds = this.vpc.isolatedSubnets.map((s) => s.routeTable.routeTableId);
    this.dnsResolverIp = hostAt(parseCidr(props.cidr) as Cidr, 2);

    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogGroup', {
      encryptionKey: props.logsKey,
      retention: props.flowLogRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
  }
}
