/**
 * network/zone-linked-twice on raw Terraform JSON and HCL: two stacks that each create a zone
 * of the same name and link it to one hub VNet (looked up by name), a zone linked twice to one
 * VNet, and the compliant shapes (one zone per name, linked once to each VNet; the same name
 * linked to different VNets).
 */
import { runCheck } from '../../../lib/policy';
import { byRule, checkOne, flagged, tf, writeFiles } from '../helpers';

const RULE = 'network/zone-linked-twice';
const AKS_ZONE = 'privatelink.swedencentral.azmk8s.io';

const hubVnet = { name: 'vnet-hub', resource_group_name: 'rg-hub', location: 'swedencentral', address_space: ['10.100.0.0/24'] };
/** A serving stack: its own resource group, spoke, AKS zone, and links of that zone to the spoke and (looked up) hub. */
const serving = (rg: string, spoke: string, cidr: string) => ({
  data: { azurerm_virtual_network: { hub: { name: 'vnet-hub', resource_group_name: 'rg-hub' } } },
  resource: {
    azurerm_resource_group: { rg: { name: rg, location: 'swedencentral' } },
    azurerm_virtual_network: { spoke: { name: spoke, resource_group_name: '${azurerm_resource_group.rg.name}', location: 'swedencentral', address_space: [cidr] } },
    azurerm_private_dns_zone: { aks: { name: AKS_ZONE, resource_group_name: '${azurerm_resource_group.rg.name}' } },
    azurerm_private_dns_zone_virtual_network_link: {
      spoke: { name: `link-${spoke}`, resource_group_name: '${azurerm_resource_group.rg.name}', private_dns_zone_name: '${azurerm_private_dns_zone.aks.name}', virtual_network_id: '${azurerm_virtual_network.spoke.id}' },
      hub: { name: 'link-vnet-hub', resource_group_name: '${azurerm_resource_group.rg.name}', private_dns_zone_name: '${azurerm_private_dns_zone.aks.name}', virtual_network_id: '${data.azurerm_virtual_network.hub.id}' },
    },
  },
});

describe('network/zone-linked-twice', () => {
  test('flags the second zone of the same name linked to the hub VNet from another stack (two stamps of one region)', async () => {
    const dir = writeFiles({
      'hub.tf.json': tf({ azurerm_virtual_network: { hub: hubVnet } }),
      'serving-a.tf.json': serving('rg-serving-a', 'vnet-a', '10.101.0.0/22'),
      'serving-b.tf.json': serving('rg-serving-b', 'vnet-b', '10.103.0.0/22'),
    });
    const { report } = await runCheck({ terraform: ['hub.tf.json', 'serving-a.tf.json', 'serving-b.tf.json'], cwd: dir });
    const findings = byRule(report, RULE);
    expect(findings.map((f) => [f.stack, f.resource, f.severity])).toEqual([['serving-b', 'azurerm_private_dns_zone_virtual_network_link.hub', 'error']]);
    expect(findings[0].message).toMatch(new RegExp(`links VNet rg-hub/vnet-hub to zone ${AKS_ZONE.replace(/\./g, '\\.')} in resource group rg-serving-b, but serving-a: azurerm_private_dns_zone_virtual_network_link\\.hub already links it to another zone .*\\(resource group rg-serving-a\\): Azure refuses a second zone of the same name on one VNet`));
  });

  test('passes one zone per name linked once to each VNet, and the same zone name on different VNets', async () => {
    const dir = writeFiles({
      'hub.tf.json': tf({ azurerm_virtual_network: { hub: hubVnet } }),
      'serving-a.tf.json': serving('rg-serving-a', 'vnet-a', '10.101.0.0/22'),
    });
    const { report } = await runCheck({ terraform: ['hub.tf.json', 'serving-a.tf.json'], cwd: dir });
    expect(flagged(report, RULE)).toEqual([]);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('flags a zone linked twice to one VNet (literal ids), whatever the link names', async () => {
    const vnetId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet';
    const report = await checkOne('tf-json', tf({
      azurerm_private_dns_zone: { z: { name: 'privatelink.openai.azure.com', resource_group_name: 'rg-dns' } },
      azurerm_private_dns_zone_virtual_network_link: {
        first: { name: 'link-1', resource_group_name: 'rg-dns', private_dns_zone_name: '${azurerm_private_dns_zone.z.name}', virtual_network_id: vnetId },
        second: { name: 'link-2', resource_group_name: 'rg-dns', private_dns_zone_name: 'privatelink.openai.azure.com', virtual_network_id: vnetId.toUpperCase() },
      },
    }));
    expect(byRule(report, RULE).map((f) => [f.resource, f.message])).toEqual([
      ['azurerm_private_dns_zone_virtual_network_link.second', expect.stringMatching(/to zone privatelink\.openai\.azure\.com \(resource group rg-dns\) a second time \(already linked by main: azurerm_private_dns_zone_virtual_network_link\.first\): Azure allows one link per zone and VNet$/)],
    ]);
  });

  test('reads HCL, and leaves links whose VNet is an unresolved expression alone', async () => {
    const report = await checkOne('tf-hcl', `
resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  resource_group_name = "rg-hub"
  location            = "westeurope"
  address_space       = ["10.0.0.0/24"]
}
resource "azurerm_private_dns_zone_virtual_network_link" "a" {
  name                  = "a"
  resource_group_name   = "rg-a"
  private_dns_zone_name = "privatelink.westeurope.azmk8s.io"
  virtual_network_id    = azurerm_virtual_network.hub.id
}
resource "azurerm_private_dns_zone_virtual_network_link" "b" {
  name                  = "b"
  resource_group_name   = "rg-b"
  private_dns_zone_name = "privatelink.westeurope.azmk8s.io"
  virtual_network_id    = azurerm_virtual_network.hub.id
}
resource "azurerm_private_dns_zone_virtual_network_link" "c" {
  name                  = "c"
  resource_group_name   = "rg-c"
  private_dns_zone_name = "privatelink.westeurope.azmk8s.io"
  virtual_network_id    = var.hub_vnet_id
}
`);
    expect(flagged(report, RULE)).toEqual(['azurerm_private_dns_zone_virtual_network_link.b']);
  });
});
