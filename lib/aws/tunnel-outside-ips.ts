/**
 * What phase 3 needs of each tunnel, in tunnel plan order: the AWS outside IP (Azure's local
 * network gateway address) and the ARN of the Secrets Manager secret holding its pre-shared key.
 *
 * CloudFormation has no attribute for either, so a deploy-time lookup calls EC2
 * `DescribeVpnConnections` (response `VpnConnections[].Options.TunnelOptions[]` with
 * `TunnelInsideCidr` and `OutsideIpAddress`, and `VpnConnections[].PreSharedKeyArn`, the secret
 * Site-to-Site VPN keeps the connection's keys in with `PreSharedKeyStorage: SecretsManager`).
 * The API promises no order of connections or tunnels, so each tunnel is matched by its inside
 * CIDR, with intrinsics only:
 *
 *   S  = ";<cidr>#<value>;<cidr>#<value>;<cidr>#<value>;<cidr>#<value>;"  (the four tunnels, any order)
 *   v  = Select(0, Split(";", Select(1, Split(";<plan cidr>#", S))))
 *
 * once with the outside IP as value and once with the ARN of the tunnel's connection. A plan CIDR
 * missing from the response fails the deployment (Select index out of range) instead of silently
 * handing Azure a wrong address. The lookup never logs the response (see `SdkLookup`).
 *
 * @example
 * const tunnels = new TunnelOutsideIps(stack, 'TunnelOutsideIps', { connections: link.connections, tunnels: plan.tunnels, logsKey });
 * new CfnOutput(stack, 'Tunnel1OutsideIp', { value: tunnels.outsideIps[0] });
 * new CfnOutput(stack, 'Tunnel1PskSecretArn', { value: tunnels.pskSecretArns[0] });
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TunnelOption.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnConnection.html (PreSharedKeyArn)
 */
import { Construct } from 'constructs';
import { Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as cr from 'aws-cdk-lib/custom-resources';
import type { TunnelPlan } from '../topology/derive';
import { EC2_DESCRIBE_VPN_CONNECTIONS } from './perms';
import { SdkLookup } from './sdk-lookup';

/** Response paths of one tunnel of one connection. */
export function tunnelOptionPath(connection: number, tunnel: number, field: 'TunnelInsideCidr' | 'OutsideIpAddress'): string {
  return `VpnConnections.${connection}.Options.TunnelOptions.${tunnel}.${field}`;
}

/** Response path of a connection's pre-shared key secret ARN. */
export function pskSecretArnPath(connection: number): string {
  return `VpnConnections.${connection}.PreSharedKeyArn`;
}

export interface TunnelOutsideIpsProps {
  /** The VPN connections whose tunnels are listed in `tunnels`. */
  readonly connections: readonly ec2.CfnVPNConnection[];
  /** Tunnel plan: the output order and the inside CIDRs to match. */
  readonly tunnels: readonly TunnelPlan[];
  /** Key of the lookup function's log group. */
  readonly logsKey: kms.IKey;
}

export class TunnelOutsideIps extends Construct {
  /** Outside IPs in tunnel plan order (c1t1, c1t2, c2t1, c2t2). */
  public readonly outsideIps: string[];
  /**
   * ARNs of the Secrets Manager secrets holding each tunnel's pre-shared key, in tunnel plan
   * order (the two tunnels of a connection share its secret).
   */
  public readonly pskSecretArns: string[];

  constructor(scope: Construct, id: string, props: TunnelOutsideIpsProps) {
    super(scope, id);
    const ids = props.connections.map((c) => c.attrVpnConnectionId);
    const slots = props.connections.flatMap((_, c) => [0, 1].map((t) => ({ c, t })));
    const lookup = new SdkLookup(this, 'Resource', {
      call: {
        service: 'EC2',
        action: 'describeVpnConnections',
        parameters: { VpnConnectionIds: ids },
        // A replaced connection gets a new id: the lookup then runs again.
        physicalResourceId: cr.PhysicalResourceId.of(Fn.join(',', ids)),
        outputPaths: [
          ...slots.flatMap(({ c, t }) => [tunnelOptionPath(c, t, 'TunnelInsideCidr'), tunnelOptionPath(c, t, 'OutsideIpAddress')]),
          ...props.connections.map((_, c) => pskSecretArnPath(c)),
        ],
      },
      policyStatements: [new iam.PolicyStatement({
        actions: [EC2_DESCRIBE_VPN_CONNECTIONS],
        // DescribeVpnConnections supports no resource-level permissions: `*` is the only valid resource.
        resources: ['*'],
      })],
      wildcardResourceReason: 'ec2:DescribeVpnConnections (read-only) supports no resource-level permissions; * is the only valid resource.',
      logsKey: props.logsKey,
    });
    /** `;<cidr>#<value>;...` over the four tunnels of the response, and the value for a plan CIDR. */
    const table = (value: (c: number, t: number) => string) => Fn.join('', [';', ...slots.flatMap(({ c, t }) => [
      lookup.getResponseField(tunnelOptionPath(c, t, 'TunnelInsideCidr')), '#', value(c, t), ';',
    ])]);
    const byCidr = (s: string) => props.tunnels.map((t) => Fn.select(0, Fn.split(';', Fn.select(1, Fn.split(`;${t.insideCidr}#`, s)))));
    this.outsideIps = byCidr(table((c, t) => lookup.getResponseField(tunnelOptionPath(c, t, 'OutsideIpAddress'))));
    this.pskSecretArns = byCidr(table((c) => lookup.getResponseField(pskSecretArnPath(c))));
  }
}
