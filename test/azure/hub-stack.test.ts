/** The hub stack: DNS resolver and zones, active-active BGP VPN gateway, diagnostics, hand-over outputs. */
import { PrivateDnsResolverInboundEndpoint } from '@cdktf/provider-azurerm/lib/private-dns-resolver-inbound-endpoint';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { HANDOVER } from '../../lib/topology/handover';
import { deriveFrom, rawDefault } from '../helpers';
import './jest-matchers';
import { bodiesOf, buildAzure, BuiltAzure, refTo, resourcesOf, TfJson } from './synth';

describe('Azure hub stack (default topology)', () => {
  const derived = deriveFrom(rawDefault());
  let built: BuiltAzure;
  let tf: TfJson;
  let text: string;
  beforeAll(() => {
    built = buildAzure(derived);
    tf = built.json[derived.hub.stackName];
    text = built.text[derived.hub.stackName];
  });
  afterAll(() => built.dispose());

  test('DNS Private Resolver inbound endpoint has the derived static IP in snet-dns-inbound', () => {
    expect(text).toHaveResourceWithProperties(PrivateDnsResolverInboundEndpoint, {
      ip_configurations: {
        private_ip_allocation_method: 'Static',
        private_ip_address: derived.hub.resolverInboundIp,
        subnet_id: refTo(tf, 'azurerm_subnet', (b) => b.name === 'snet-dns-inbound'),
      },
    });
    expect(derived.hub.resolverInboundIp).toBe('10.100.0.36');
    const [resolver] = bodiesOf(tf, 'azurerm_private_dns_resolver');
    expect(resolver.virtual_network_id).toBe(refTo(tf, 'azurerm_virtual_network', (b) => b.name === derived.hub.vnetName));
  });

  test('the four Private Link zones (three AI, one Key Vault) exist in the hub RG, each linked to the hub VNet', () => {
    const zones = bodiesOf(tf, 'azurerm_private_dns_zone');
    expect(zones.map((z) => z.name).sort()).toEqual([...derived.dns.privateZones, 'privatelink.vaultcore.azure.net'].sort());
    expect(derived.dns.privateZones).toEqual(['privatelink.openai.azure.com', 'privatelink.cognitiveservices.azure.com', 'privatelink.services.ai.azure.com']);
    for (const z of zones) expect(z).toMatchObject({ resource_group_name: refTo(tf, 'azurerm_resource_group', () => true, 'name'), tags: derived.tags });
    const hubVnet = refTo(tf, 'azurerm_virtual_network', (b) => b.name === derived.hub.vnetName);
    const links = bodiesOf(tf, 'azurerm_private_dns_zone_virtual_network_link');
    expect(links).toHaveLength(4);
    for (const [name] of resourcesOf(tf, 'azurerm_private_dns_zone')) {
      const link = links.find((l) => l.private_dns_zone_name === `\${azurerm_private_dns_zone.${name}.name}`);
      expect(link).toMatchObject({ virtual_network_id: hubVnet, registration_enabled: false });
    }
  });

  test('VPN gateway: active-active, BGP, route-based, zone-redundant SKU, Generation2', () => {
    expect(text).toHaveResourceWithProperties(VirtualNetworkGateway, {
      name: derived.hub.gatewayName,
      type: 'Vpn',
      vpn_type: 'RouteBased',
      sku: 'VpnGw2AZ',
      generation: 'Generation2',
      active_active: true,
      enable_bgp: true,
    });
    expect(bodiesOf(tf, 'azurerm_virtual_network_gateway')).toHaveLength(1);
  });

  test('gateway BGP peering addresses equal the tunnel plan, per instance, on ip configurations in instance order', () => {
    const [gw] = bodiesOf(tf, 'azurerm_virtual_network_gateway');
    expect(gw.bgp_settings.asn).toBe(derived.link.azureAsn);
    const configs = gw.ip_configuration.map((c: any) => c.name);
    expect(configs).toHaveLength(2);
    expect(gw.bgp_settings.peering_addresses).toEqual([
      { ip_configuration_name: configs[0], apipa_addresses: ['169.254.21.2', '169.254.22.2'] },
      { ip_configuration_name: configs[1], apipa_addresses: ['169.254.21.6', '169.254.22.6'] },
    ]);
    for (const instance of [0, 1] as const) {
      const fromPlan = derived.link.tunnels.filter((t) => t.azureInstance === instance).map((t) => t.azureApipa);
      expect(gw.bgp_settings.peering_addresses[instance].apipa_addresses).toEqual(fromPlan);
    }
    expect(gw.ip_configuration[0]).toMatchObject({
      public_ip_address_id: refTo(tf, 'azurerm_public_ip', (b) => b.name.endsWith('-gw-1')),
      subnet_id: refTo(tf, 'azurerm_subnet', (b) => b.name === 'GatewaySubnet'),
      private_ip_address_allocation: 'Dynamic',
    });
    expect(gw.ip_configuration[1].public_ip_address_id).toBe(refTo(tf, 'azurerm_public_ip', (b) => b.name.endsWith('-gw-2')));
  });

  test('exactly two public IPs, Standard, Static, zone-redundant', () => {
    const ips = bodiesOf(tf, 'azurerm_public_ip');
    expect(ips).toHaveLength(2);
    for (const ip of ips) expect(ip).toMatchObject({ sku: 'Standard', allocation_method: 'Static', zones: ['1', '2', '3'] });
  });

  test('diagnostic setting on the VPN gateway to the hub Log Analytics workspace', () => {
    const workspace = refTo(tf, 'azurerm_log_analytics_workspace', (b) => b.name === derived.hub.logAnalyticsName);
    expect(bodiesOf(tf, 'azurerm_monitor_diagnostic_setting').filter((d) => /azurerm_virtual_network_gateway\./.test(d.target_resource_id))).toEqual([expect.objectContaining({
      target_resource_id: refTo(tf, 'azurerm_virtual_network_gateway', () => true),
      log_analytics_workspace_id: workspace,
      enabled_log: [{ category_group: 'allLogs' }],
      enabled_metric: [{ category: 'AllMetrics' }],
    })]);
    expect(bodiesOf(tf, 'azurerm_log_analytics_workspace')[0]).toMatchObject({ location: derived.hub.region, local_authentication_enabled: false });
  });

  test('hand-over outputs: resolver IP and the two gateway public IPs, in instance order, with descriptions', () => {
    const out = tf.output!;
    expect(out[HANDOVER.hubResolverIpOutput].value).toBe(refTo(tf, 'azurerm_private_dns_resolver_inbound_endpoint', () => true, 'ip_configurations[0].private_ip_address'));
    HANDOVER.hubGatewayIpOutputs.forEach((name, i) => {
      expect(out[name].value).toBe(refTo(tf, 'azurerm_public_ip', (b) => b.name.endsWith(`-gw-${i + 1}`), 'ip_address'));
    });
    for (const o of Object.values(out)) {
      expect(o.description).toMatch(/^.{10,}$/);
      expect(o.sensitive).toBeUndefined();
    }
  });

  test('hub subnet layout is unchanged (GatewaySubnet /27, resolver /28 delegated)', () => {
    const subnets = bodiesOf(tf, 'azurerm_subnet');
    expect(subnets.find((s) => s.name === 'GatewaySubnet')!.address_prefixes).toEqual(['10.100.0.0/27']);
    expect(subnets.find((s) => s.name === 'snet-dns-inbound')).toMatchObject({
      address_prefixes: ['10.100.0.32/28'],
      delegation: [{ service_delegation: { name: 'Microsoft.Network/dnsResolvers' } }],
    });
  });

  test('the zones and hub links deployed before the Key Vault zone keep their addresses (no replacement)', () => {
    const addresses = (type: string) => resourcesOf(tf, type).map(([address]) => address);
    // Addresses as synthesized before the Key Vault zone was added.
    expect(addresses('azurerm_private_dns_zone')).toEqual(expect.arrayContaining([
      'Dns_Zone-privatelinkcognitiveservicesazurecom_49588FF0',
      'Dns_Zone-privatelinkopenaiazurecom_0F1E93AB',
      'Dns_Zone-privatelinkservicesaiazurecom_BCDAE6B4',
    ]));
    expect(addresses('azurerm_private_dns_zone_virtual_network_link')).toEqual(expect.arrayContaining([
      'Dns_Zone-privatelinkcognitiveservicesazurecom_HubLink_AC935E9F',
      'Dns_Zone-privatelinkopenaiazurecom_HubLink_84F9942F',
      'Dns_Zone-privatelinkservicesaiazurecom_HubLink_6FB25145',
    ]));
    expect(addresses('azurerm_private_dns_zone').filter((a) => a.includes('vaultcore'))).toHaveLength(1);
  });

  test('snapshot', () => {
    expect(text).toMatchSnapshot();
  });
});
