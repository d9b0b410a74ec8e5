/**
 * The AWS half of the cross-cloud link: a virtual private gateway (or a transit gateway for
 * ECMP), two customer gateways (one per Azure gateway public IP) and two BGP VPN
 * connections with two tunnels each, the four tunnels exactly as the topology's tunnel plan
 * says (inside CIDRs, order) and with the shared IPsec proposal (lib/topology/ipsec.ts) that
 * Azure's `ipsec_policy` uses too.
 *
 * Pre-shared keys never appear anywhere but in AWS Secrets Manager: the connections use
 * `PreSharedKeyStorage: SecretsManager` and set no `PreSharedKey`, so Site-to-Site VPN generates
 * each tunnel's key and stores it in a secret it manages (one per connection, ARN in
 * `DescribeVpnConnections` as `PreSharedKeyArn`). The keys are then in no template, no
 * CloudFormation parameter or event, and not in `DescribeVpnConnections`' customer gateway
 * configuration (which with the default `Standard` storage lists every key in plain text). The
 * phase-3 hand-over reads them from those secrets at deploy time (see `TunnelOutsideIps`).
 * `PreSharedKeyStorage` is create-only: changing it replaces the connections (new outside IPs).
 *
 * @example
 * const link = new VpnLink(stack, 'Link', { vpc, subnets, privateRouteTableIds, link: derived.link,
 *   azureGatewayIps: [ip1.valueAsString, ip2.valueAsString], azureAddressSpaces, logsKey });
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-vpnconnection-vpntunneloptionsspecification.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpnConnection.html (PreSharedKeyStorage)
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-aws-bgp
 */
import { Construct } from 'constructs';
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { LinkPlan, TunnelPlan } from '../topology/derive';
import { awsTunnelCrypto } from './ipsec-options';

/** Where Site-to-Site VPN keeps the tunnels' pre-shared keys: a secret it manages per connection. */
export const PSK_STORAGE = 'SecretsManager';

/** Properties of {@link VpnLink}. */
export interface VpnLinkProps {
  readonly vpc: ec2.IVpc;
  /** Subnets of the transit gateway VPC attachment (one per zone); unused with a VGW. */
  readonly subnets: ec2.SubnetSelection;
  /** Route tables that must reach Azure (VGW route propagation or transit gateway routes). */
  readonly privateRouteTableIds: readonly string[];
  /** Tunnel plan, ASNs and gateway kind, derived from the topology. */
  readonly link: LinkPlan;
  /** The two Azure VPN gateway public IPs (instance 0, instance 1); usually parameter references. */
  readonly azureGatewayIps: readonly string[];
  /** Azure address spaces (hub and serving spokes): transit gateway routes. BGP propagates them with a VGW. */
  readonly azureAddressSpaces: readonly string[];
  /** Key of the tunnel log group. */
  readonly logsKey: kms.IKey;
  /**
   * Tunnel (IKE/IPsec and BGP) log retention.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
}

export class VpnLink extends Construct {
  /** The two VPN connections (connection 1 = Azure instance 0). */
  public readonly connections: ec2.CfnVPNConnection[];
  public readonly customerGateways: ec2.CfnCustomerGateway[];
  public readonly tunnelLogGroup: logs.LogGroup;
  public readonly vpnGateway?: ec2.CfnVPNGateway;
  public readonly transitGateway?: ec2.CfnTransitGateway;

  constructor(scope: Construct, id: string, props: VpnLinkProps) {
    super(scope, id);
    validate(props);
    this.tunnelLogGroup = new logs.LogGroup(this, 'TunnelLogs', {
      encryptionKey: props.logsKey,
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    let gateway: Pick<ec2.CfnVPNConnectionProps, 'vpnGatewayId' | 'transitGatewayId'>;
    if (props.link.vpnGateway === 'tgw') {
      this.transitGateway = this.createTransitGateway(props);
      gateway = { transitGatewayId: this.transitGateway.attrId };
    } else {
      this.vpnGateway = this.createVpnGateway(props);
      gateway = { vpnGatewayId: this.vpnGateway.attrVpnGatewayId };
    }

    this.customerGateways = props.azureGatewayIps.map((ip, i) => new ec2.CfnCustomerGateway(this, `CustomerGateway${i + 1}`, {
      type: 'ipsec.1',
      bgpAsn: props.link.azureAsn,
      ipAddress: ip,
    }));
    this.connections = [0, 1].map((c) => new ec2.CfnVPNConnection(this, `Connection${c + 1}`, {
      type: 'ipsec.1',
      customerGatewayId: this.customerGateways[c].attrCustomerGatewayId,
      staticRoutesOnly: false,
      preSharedKeyStorage: PSK_STORAGE,
      ...gateway,
      vpnTunnelOptionsSpecifications: props.link.tunnels
        .filter((t) => t.connection === c)
        .sort((a, b) => a.tunnel - b.tunnel)
        .map((t) => this.tunnelOptions(t)),
    }));
  }

  private createVpnGateway(props: VpnLinkProps): ec2.CfnVPNGateway {
    const vgw = new ec2.CfnVPNGateway(this, 'VpnGateway', { type: 'ipsec.1', amazonSideAsn: props.link.awsAsn });
    const attachment = new ec2.CfnVPCGatewayAttachment(this, 'VpnGatewayAttachment', { vpcId: props.vpc.vpcId, vpnGatewayId: vgw.attrVpnGatewayId });
    // Propagation needs the gateway attached; BGP then installs every Azure prefix it learns.
    const propagation = new ec2.CfnVPNGatewayRoutePropagation(this, 'RoutePropagation', {
      routeTableIds: [...props.privateRouteTableIds],
      vpnGatewayId: vgw.attrVpnGatewayId,
    });
    propagation.node.addDependency(attachment);
    return vgw;
  }

  private createTransitGateway(props: VpnLinkProps): ec2.CfnTransitGateway {
    const tgw = new ec2.CfnTransitGateway(this, 'TransitGateway', {
      amazonSideAsn: props.link.awsAsn,
      // ECMP across the four tunnels: the reason to choose a transit gateway.
      vpnEcmpSupport: 'enable',
      dnsSupport: 'enable',
      defaultRouteTableAssociation: 'enable',
      defaultRouteTablePropagation: 'enable',
      autoAcceptSharedAttachments: 'disable',
      description: 'stateline: agent VPC <-> Azure VPN gateway (BGP, ECMP)',
    });
    const attachment = new ec2.CfnTransitGatewayVpcAttachment(this, 'TransitGatewayAttachment', {
      transitGatewayId: tgw.attrId,
      vpcId: props.vpc.vpcId,
      subnetIds: props.vpc.selectSubnets(props.subnets).subnetIds,
    });
    props.privateRouteTableIds.forEach((routeTableId, r) => {
      props.azureAddressSpaces.forEach((cidr, a) => {
        // VPC route tables take no BGP routes from a transit gateway: each Azure prefix is a static route.
        const route = new ec2.CfnRoute(this, `AzureRoute${r + 1}x${a + 1}`, { routeTableId, destinationCidrBlock: cidr, transitGatewayId: tgw.attrId });
        route.node.addDependency(attachment);
      });
    });
    return tgw;
  }

  private tunnelOptions(t: TunnelPlan): ec2.CfnVPNConnection.VpnTunnelOptionsSpecificationProperty {
    const logGroupArn = Stack.of(this).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: this.tunnelLogGroup.logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    return {
      ...awsTunnelCrypto(),
      tunnelInsideCidr: t.insideCidr,
      // No preSharedKey: generated by Site-to-Site VPN and kept in its Secrets Manager secret.
      logOptions: {
        cloudwatchLogOptions: {
          logEnabled: true,
          logGroupArn,
          logOutputFormat: 'json',
          bgpLogEnabled: true,
          bgpLogGroupArn: logGroupArn,
          bgpLogOutputFormat: 'json',
        },
      },
    };
  }
}

function validate(props: VpnLinkProps): void {
  const problems: string[] = [];
  if (props.azureGatewayIps.length !== 2) problems.push(`azureGatewayIps: ${props.azureGatewayIps.length} given, need 2 (active-active Azure gateway)`);
  if (props.link.tunnels.length !== 4) problems.push(`link.tunnels: ${props.link.tunnels.length} given, need 4 (2 connections x 2 tunnels)`);
  for (const c of [0, 1]) {
    if (props.link.tunnels.filter((t) => t.connection === c).length !== 2) problems.push(`link.tunnels: connection ${c + 1} needs exactly 2 tunnels`);
  }
  if (props.link.awsAsn === props.link.azureAsn) problems.push(`link: AWS ASN ${props.link.awsAsn} equals the Azure ASN (eBGP needs two)`);
  if (problems.length > 0) throw new Error(`VpnLink:\n  ${problems.join('\n  ')}`);
}
