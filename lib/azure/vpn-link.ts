/**
 * The Azure half of the cross-cloud link (phase 3): one local network gateway and one
 * BGP-enabled IPsec connection per AWS tunnel, on the hub's VPN gateway.
 *
 * - Each local network gateway is one AWS tunnel: its outside IP (known only after the
 *   AWS deploy, hence a variable) and its BGP peer (the AWS inside address). No
 *   `address_space`: routes come over BGP.
 * - Each connection sets `custom_bgp_addresses`; without them every session on a gateway
 *   instance uses that instance's first APIPA address and half the tunnels never peer.
 *   See {@link customBgpAddresses}.
 * - The IPsec/IKE policy is the shared proposal from `lib/topology/ipsec.ts`, so both
 *   clouds offer exactly the same algorithms and lifetimes.
 * - Connections are chained with `depends_on`: parallel writes to one gateway fail with
 *   409 `AnotherOperationInProgress`.
 * - Shared keys come from (sensitive) values passed in; nothing secret is synthesized.
 *
 * @example
 * new AwsVpnLink(stack, 'Link', { gateway: { name, resourceGroupName }, tunnels: derived.link.tunnels,
 *   instanceApipa: derived.link.azureInstanceApipa, awsAsn: derived.link.awsAsn, outsideIps, sharedKeys, ... });
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/virtual_network_gateway_connection
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-aws-bgp
 */
import { Construct } from 'constructs';
import { DataAzurermVirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/data-azurerm-virtual-network-gateway';
import { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
import { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import type { LinkPlan, TunnelPlan } from '../topology/derive';
import { AZURE_CONNECTION_PROTOCOL, AZURE_DPD_TIMEOUT_SECONDS, AZURE_IPSEC_POLICY } from '../topology/ipsec';
import { linkNames } from './names';

/**
 * A connection's custom BGP addresses on an active-active gateway: `primary` is an APIPA
 * address of instance 0 (the first `ip_configuration`), `secondary` one of instance 1.
 * Azure uses only the address of the instance the AWS tunnel terminates on; the other is
 * required but unused, and is set to that instance's first address (Microsoft's guidance).
 */
export function customBgpAddresses(tunnel: Pick<TunnelPlan, 'azureInstance' | 'azureApipa'>, instanceApipa: LinkPlan['azureInstanceApipa']): { primary: string; secondary: string } {
  return tunnel.azureInstance === 0
    ? { primary: tunnel.azureApipa, secondary: instanceApipa[1][0] }
    : { primary: instanceApipa[0][0], secondary: tunnel.azureApipa };
}

/** Properties of {@link AwsVpnLink}. */
export interface AwsVpnLinkProps {
  /** Project name (prefix of every resource name). */
  readonly projectName: string;
  /** The hub's VPN gateway, looked up by name (created in phase 1). */
  readonly gateway: { readonly name: string; readonly resourceGroupName: string };
  /** Region and resource group of the link's resources (the hub's). */
  readonly location: string;
  readonly resourceGroupName: string;
  /** The four tunnels, in plan order (c1t1, c1t2, c2t1, c2t2). */
  readonly tunnels: readonly TunnelPlan[];
  /** The gateway's APIPA addresses per instance. */
  readonly instanceApipa: LinkPlan['azureInstanceApipa'];
  /** Amazon-side ASN. */
  readonly awsAsn: number;
  /** AWS outside IP of each tunnel, in plan order (Terraform variable references). */
  readonly outsideIps: readonly string[];
  /** Pre-shared key of each tunnel, in plan order (sensitive Terraform variable references). */
  readonly sharedKeys: readonly string[];
  /** Tags applied to every resource. */
  readonly tags: Readonly<Record<string, string>>;
}

export class AwsVpnLink extends Construct {
  public readonly gateway: DataAzurermVirtualNetworkGateway;
  public readonly localNetworkGateways: readonly LocalNetworkGateway[];
  public readonly connections: readonly VirtualNetworkGatewayConnection[];

  constructor(scope: Construct, id: string, props: AwsVpnLinkProps) {
    super(scope, id);
    validate(props);
    this.gateway = new DataAzurermVirtualNetworkGateway(this, 'Gateway', { ...props.gateway });
    const lngs: LocalNetworkGateway[] = [];
    const connections: VirtualNetworkGatewayConnection[] = [];
    for (const tunnel of props.tunnels) {
      const n = tunnel.index + 1;
      const names = linkNames(props.projectName, n);
      const lng = new LocalNetworkGateway(this, `LocalGateway${n}`, {
        name: names.localNetworkGateway,
        location: props.location,
        resourceGroupName: props.resourceGroupName,
        gatewayAddress: props.outsideIps[tunnel.index],
        bgpSettings: { asn: props.awsAsn, bgpPeeringAddress: tunnel.awsInsideIp },
        tags: { ...props.tags },
      });
      const previous = connections[connections.length - 1];
      connections.push(new VirtualNetworkGatewayConnection(this, `Connection${n}`, {
        name: names.connection,
        location: props.location,
        resourceGroupName: props.resourceGroupName,
        type: 'IPsec',
        virtualNetworkGatewayId: this.gateway.id,
        localNetworkGatewayId: lng.id,
        sharedKey: props.sharedKeys[tunnel.index],
        connectionProtocol: AZURE_CONNECTION_PROTOCOL,
        dpdTimeoutSeconds: AZURE_DPD_TIMEOUT_SECONDS,
        enableBgp: true,
        customBgpAddresses: customBgpAddresses(tunnel, props.instanceApipa),
        usePolicyBasedTrafficSelectors: false,
        ipsecPolicy: { ...AZURE_IPSEC_POLICY },
        // One write at a time on the gateway (409 AnotherOperationInProgress otherwise).
        ...(previous ? { dependsOn: [previous] } : {}),
        tags: { ...props.tags },
      }));
      lngs.push(lng);
    }
    this.localNetworkGateways = lngs;
    this.connections = connections;
  }
}

function validate(props: AwsVpnLinkProps): void {
  const problems: string[] = [];
  const count = props.tunnels.length;
  if (props.outsideIps.length !== count) problems.push(`outsideIps has ${props.outsideIps.length} entries for ${count} tunnels`);
  if (props.sharedKeys.length !== count) problems.push(`sharedKeys has ${props.sharedKeys.length} entries for ${count} tunnels`);
  if (props.instanceApipa.some((list) => list.length === 0)) problems.push('each gateway instance needs at least one APIPA address');
  if (problems.length > 0) throw new Error(`AwsVpnLink ${props.projectName}: ${problems.join('; ')}`);
}
