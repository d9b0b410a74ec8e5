/**
 * The Azure end of the cross-cloud link: an active-active, zone-redundant, BGP-enabled
 * route-based VPN gateway with its two public IPs.
 *
 * - Two Standard, Static public IPs in zones 1-3 (AZ SKUs require zone-redundant Standard
 *   IPs); they are the only public IPs stateline creates, and they terminate IPsec only.
 * - Two `ip_configuration`s in a fixed order: the first is instance 0 (public IP 1, AWS VPN
 *   connection 1), the second instance 1. Connections' `custom_bgp_addresses.primary` and
 *   `.secondary` refer to these instances in this order.
 * - `bgp_settings.peering_addresses` lists each instance's APIPA addresses (one per AWS
 *   tunnel terminating on it), from the derived tunnel plan.
 * - `enable_bgp` is azurerm 4.55's name (renamed `bgp_enabled` in 4.62).
 * Creating the gateway takes 30-60+ minutes.
 *
 * @example
 * new VpnGateway(stack, 'Gateway', { name: hub.gatewayName, publicIpNames, sku: 'VpnGw2AZ', asn: 65010,
 *   instanceApipa: derived.link.azureInstanceApipa, gatewaySubnetId, location, resourceGroupName, tags });
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/virtual_network_gateway
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-aws-bgp
 */
import { Construct } from 'constructs';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { Diagnostics, DiagnosticsDestination } from './diagnostics';
import { ALL_ZONES } from './zones';

/** `ip_configuration` names of instance 0 and instance 1. */
export const GATEWAY_IP_CONFIGURATIONS = ['ipconfig-instance-0', 'ipconfig-instance-1'] as const;

/** Properties of {@link VpnGateway}. */
export interface VpnGatewayProps {
  readonly name: string;
  /** Names of the public IPs of instance 0 and instance 1. */
  readonly publicIpNames: readonly [string, string];
  /** Zone-redundant SKU, `VpnGw2AZ`..`VpnGw5AZ`. */
  readonly sku: string;
  /** Azure-side BGP ASN. */
  readonly asn: number;
  /** APIPA BGP addresses of instance 0 and instance 1 (custom addresses in 169.254.21.0-169.254.22.255). */
  readonly instanceApipa: readonly [readonly string[], readonly string[]];
  /** The hub's `GatewaySubnet` (/27 or larger). */
  readonly gatewaySubnetId: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /** Tags applied to every resource. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Send the gateway's logs (IKE, tunnel, route, gateway) and metrics to this workspace.
   * @default no diagnostic setting
   */
  readonly diagnostics?: DiagnosticsDestination;
}

export class VpnGateway extends Construct {
  public readonly gateway: VirtualNetworkGateway;
  /** Public IPs of instance 0 and instance 1. */
  public readonly publicIps: readonly [PublicIp, PublicIp];
  /** Public IP addresses of instance 0 and instance 1 (AWS customer gateways). */
  public readonly publicIpAddresses: readonly [string, string];

  constructor(scope: Construct, id: string, props: VpnGatewayProps) {
    super(scope, id);
    const tags = { ...props.tags };
    const publicIp = (n: 0 | 1) => new PublicIp(this, `PublicIp${n + 1}`, {
      name: props.publicIpNames[n],
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      sku: 'Standard',
      allocationMethod: 'Static',
      zones: [...ALL_ZONES],
      tags,
    });
    this.publicIps = [publicIp(0), publicIp(1)];
    this.publicIpAddresses = [this.publicIps[0].ipAddress, this.publicIps[1].ipAddress];
    this.gateway = new VirtualNetworkGateway(this, 'Resource', {
      name: props.name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      type: 'Vpn',
      vpnType: 'RouteBased',
      sku: props.sku,
      generation: 'Generation2',
      activeActive: true,
      enableBgp: true,
      ipConfiguration: this.publicIps.map((ip, i) => ({
        name: GATEWAY_IP_CONFIGURATIONS[i],
        publicIpAddressId: ip.id,
        privateIpAddressAllocation: 'Dynamic',
        subnetId: props.gatewaySubnetId,
      })),
      bgpSettings: {
        asn: props.asn,
        peeringAddresses: props.instanceApipa.map((apipa, i) => ({
          ipConfigurationName: GATEWAY_IP_CONFIGURATIONS[i],
          apipaAddresses: [...apipa],
        })),
      },
      tags,
    });
    if (props.diagnostics) {
      new Diagnostics(this, 'Diagnostics', { targetResourceId: this.gateway.id, workspace: props.diagnostics });
    }
  }
}
