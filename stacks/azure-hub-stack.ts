/**
 * Azure hub stack (phase 1): hub network, DNS Private Resolver with the Private Link zones
 * (serving endpoints and Key Vaults),
 * the active-active VPN gateway, and the hub's Log Analytics workspace.
 *
 * Its outputs are the hand-over to phase 2 (AWS): the gateway's two public IPs (customer
 * gateways) and the resolver's inbound address (Route 53 forwarding rules).
 */
import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { configureAzureStack } from '../lib/azure/stack-base';
import { HubNetwork } from '../lib/azure/hub-network';
import { HubDns } from '../lib/azure/hub-dns';
import { LogAnalytics } from '../lib/azure/log-analytics';
import { HubNetworkSecurity } from '../lib/azure/network-security';
import { hubNames, privateLinkZones } from '../lib/azure/names';
import { VpnGateway } from '../lib/azure/vpn-gateway';
import type { Derived } from '../lib/topology/derive';
import { HANDOVER } from '../lib/topology/handover';

/** Properties of the Azure stacks that need only the derived topology ({@link AzureHubStack}). */
export interface AzureStackProps {
  readonly derived: Derived;
}

export class AzureHubStack extends TerraformStack {
  public readonly network: HubNetwork;
  public readonly logs: LogAnalytics;
  /** The NSG of the resolver's inbound subnet (GatewaySubnet gets none: Microsoft does not support it). */
  public readonly networkSecurity: HubNetworkSecurity;
  public readonly dns: HubDns;
  public readonly gateway: VpnGateway;

  constructor(scope: Construct, id: string, props: AzureStackProps) {
    super(scope, id);
    const { derived } = props;
    const { hub, tags } = derived;
    const names = hubNames(derived.topology.name, hub.short);
    configureAzureStack(this, derived, id);
    this.network = new HubNetwork(this, 'Hub', { plan: hub, tags });
    const where = { location: hub.region, resourceGroupName: this.network.resourceGroup.name, tags };
    this.logs = new LogAnalytics(this, 'Logs', { name: hub.logAnalyticsName, ...where });
    this.networkSecurity = new HubNetworkSecurity(this, 'NetworkSecurity', {
      hub, resolverSources: derived.aws.resolverSubnets, dnsInboundSubnet: this.network.dnsInboundSubnet, diagnostics: this.logs, ...where,
    });
    this.dns = new HubDns(this, 'Dns', {
      resolverName: names.dnsResolver,
      inboundEndpointName: names.inboundEndpoint,
      inboundIp: hub.resolverInboundIp,
      inboundSubnetId: this.network.dnsInboundSubnet.id,
      zones: privateLinkZones(derived.dns.privateZones),
      vnetId: this.network.vnet.id,
      vnetName: hub.vnetName,
      ...where,
    });
    this.networkSecurity.dnsInbound.protect(this.dns.inboundEndpoint);
    this.gateway = new VpnGateway(this, 'Gateway', {
      name: hub.gatewayName,
      publicIpNames: names.gatewayPublicIps,
      sku: derived.topology.azure.hub.gateway.sku,
      asn: derived.link.azureAsn,
      instanceApipa: derived.link.azureInstanceApipa,
      gatewaySubnetId: this.network.gatewaySubnet.id,
      diagnostics: this.logs,
      ...where,
    });
    this.defineOutputs();
  }

  private defineOutputs(): void {
    new TerraformOutput(this, 'hub_vnet_id', { value: this.network.vnet.id, description: 'Hub VNet resource id' });
    new TerraformOutput(this, HANDOVER.hubResolverIpOutput, {
      value: this.dns.inboundIpAddress,
      description: 'DNS Private Resolver inbound endpoint address: target of the AWS Route 53 forwarding rules for the Azure private zones',
    });
    HANDOVER.hubGatewayIpOutputs.forEach((name, i) => new TerraformOutput(this, name, {
      value: this.gateway.publicIpAddresses[i],
      description: `Public IP of VPN gateway instance ${i} (AWS customer gateway ${i + 1}, VPN connection ${i + 1})`,
    }));
    new TerraformOutput(this, 'log_analytics_workspace_id', { value: this.logs.workspaceId, description: 'Hub Log Analytics workspace resource id' });
  }
}
