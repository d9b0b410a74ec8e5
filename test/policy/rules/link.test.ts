/**
 * link/* rules on the cross-cloud VPN: a compliant four-tunnel BGP link on both sides, then one
 * non-compliant variant per rule.
 */
import { runCheck } from '../../../lib/policy';
import { byRule, cfn, checkOne, flagged, writeFiles } from '../helpers';

const LINK_RULES = ['link/minimum-tunnels', 'link/gateway-active-active', 'link/bgp-enabled', 'link/static-routes-only', 'link/custom-bgp-addresses', 'link/apipa-inside-cidr', 'link/asn-collision', 'link/reserved-asn'];
const linkFindings = (report: Awaited<ReturnType<typeof checkOne>>) => report.findings.filter((f) => f.rule.startsWith('link/'));

/** Azure side in HCL: an active-active BGP gateway, four local network gateways and four connections. */
function azureHcl(opts: { activeActive?: string; bgp?: string; connections?: number; custom?: boolean; apipa?: string; localAsn?: number; gatewayAsn?: number } = {}): string {
  const { activeActive = 'true', bgp = 'enable_bgp = true', connections = 4, custom = true, apipa = '169.254.21.2', localAsn = 64512, gatewayAsn = 65010 } = opts;
  const tunnels = [
    ['169.254.21.1', '169.254.21.2', '169.254.21.6'],
    ['169.254.22.1', '169.254.22.2', '169.254.22.6'],
    ['169.254.21.5', '169.254.21.2', '169.254.21.6'],
    ['169.254.22.5', '169.254.22.2', '169.254.22.6'],
  ];
  const parts = [`
    resource "azurerm_virtual_network_gateway" "vpn" {
      name = "vpngw"
      type = "Vpn"
      vpn_type = "RouteBased"
      sku = "VpnGw2AZ"
      active_active = ${activeActive}
      ${bgp}
      ip_configuration {
        name = "a"
        public_ip_address_id = azurerm_public_ip.a.id
      }
      ip_configuration {
        name = "b"
        public_ip_address_id = azurerm_public_ip.b.id
      }
      bgp_settings {
        asn = ${gatewayAsn}
        peering_addresses {
          ip_configuration_name = "a"
          apipa_addresses = ["${apipa}", "169.254.22.2"]
        }
        peering_addresses {
          ip_configuration_name = "b"
          apipa_addresses = ["169.254.21.6", "169.254.22.6"]
        }
      }
    }`];
  for (let i = 0; i < connections; i++) {
    const [awsIp, primary, secondary] = tunnels[i];
    parts.push(`
    resource "azurerm_local_network_gateway" "aws${i}" {
      name = "lng-aws-${i}"
      gateway_address = "203.0.113.${i + 1}"
      bgp_settings {
        asn = ${localAsn}
        bgp_peering_address = "${awsIp}"
      }
    }
    resource "azurerm_virtual_network_gateway_connection" "aws${i}" {
      name = "cn-aws-${i}"
      type = "IPsec"
      virtual_network_gateway_id = azurerm_virtual_network_gateway.vpn.id
      local_network_gateway_id = azurerm_local_network_gateway.aws${i}.id
      shared_key = var.psk${i}
      ${bgp}
      ${custom ? `custom_bgp_addresses {
        primary = "${primary}"
        secondary = "${secondary}"
      }` : ''}
    }`);
  }
  return parts.join('\n');
}

/** AWS side in CloudFormation: a virtual private gateway, two customer gateways, two connections of two tunnels. */
function awsTemplate(opts: { connections?: number; insideCidr?: string | null; staticRoutes?: boolean; cgwAsn?: number; amazonAsn?: number } = {}) {
  const { connections = 2, insideCidr = '169.254.21.0/30', staticRoutes = false, cgwAsn = 65010, amazonAsn } = opts;
  const resources: Record<string, { Type: string; Properties?: object }> = {
    Vgw: { Type: 'AWS::EC2::VPNGateway', Properties: { Type: 'ipsec.1', ...(amazonAsn ? { AmazonSideAsn: amazonAsn } : {}) } },
  };
  for (let i = 0; i < connections; i++) {
    resources[`Cgw${i}`] = { Type: 'AWS::EC2::CustomerGateway', Properties: { Type: 'ipsec.1', BgpAsn: cgwAsn, IpAddress: `198.51.100.${i + 1}` } };
    resources[`Vpn${i}`] = {
      Type: 'AWS::EC2::VPNConnection',
      Properties: {
        Type: 'ipsec.1',
        CustomerGatewayId: { Ref: `Cgw${i}` },
        VpnGatewayId: { Ref: 'Vgw' },
        StaticRoutesOnly: staticRoutes,
        VpnTunnelOptionsSpecifications: [
          { ...(insideCidr === null ? {} : { TunnelInsideCidr: i === 0 ? insideCidr : '169.254.21.4/30' }), PreSharedKeyStorage: 'SecretsManager' },
          { TunnelInsideCidr: i === 0 ? '169.254.22.0/30' : '169.254.22.4/30', PreSharedKeyStorage: 'SecretsManager' },
        ],
      },
    };
  }
  return cfn(resources);
}

describe('link rules: compliant link', () => {
  it('reports nothing on a four-tunnel, active-active, BGP link with APIPA addresses', async () => {
    expect(linkFindings(await checkOne('tf-hcl', azureHcl()))).toEqual([]);
    expect(linkFindings(await checkOne('cfn-json', awsTemplate()))).toEqual([]);
  });

  it('does not apply when no link resources are present', async () => {
    const report = await checkOne('cfn-json', cfn({ Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: {} }, B: { Type: 'AWS::S3::Bucket' } }));
    expect(linkFindings(report)).toEqual([]);
    expect(report.rules.map((r) => r.id)).toEqual(expect.arrayContaining(LINK_RULES));
  });
});

describe('link rules: Azure side (HCL)', () => {
  it('link/minimum-tunnels: fewer than four connections', async () => {
    const report = await checkOne('tf-hcl', azureHcl({ connections: 2 }));
    expect(flagged(report, 'link/minimum-tunnels')).toEqual(['azurerm_virtual_network_gateway.vpn']);
    expect(byRule(report, 'link/minimum-tunnels')[0].message).toMatch(/^2 IPsec connection\(s\)/);
  });

  it('link/gateway-active-active: active_active false', async () => {
    expect(flagged(await checkOne('tf-hcl', azureHcl({ activeActive: 'false' })), 'link/gateway-active-active')).toEqual(['azurerm_virtual_network_gateway.vpn']);
  });

  it('link/bgp-enabled: BGP off (azurerm 4.62 bgp_enabled spelling) on gateway and connections', async () => {
    const report = await checkOne('tf-hcl', azureHcl({ bgp: 'bgp_enabled = false' }));
    expect(flagged(report, 'link/bgp-enabled')).toHaveLength(5);
    const on = await checkOne('tf-hcl', azureHcl({ bgp: 'bgp_enabled = true' }));
    expect(flagged(on, 'link/bgp-enabled')).toEqual([]);
  });

  it('link/custom-bgp-addresses: connections without custom_bgp_addresses on an active-active APIPA gateway', async () => {
    const report = await checkOne('tf-hcl', azureHcl({ custom: false }));
    expect(flagged(report, 'link/custom-bgp-addresses').sort()).toEqual([0, 1, 2, 3].map((i) => `azurerm_virtual_network_gateway_connection.aws${i}`));
  });

  it('link/apipa-inside-cidr: an APIPA address outside 169.254.21.0-169.254.22.255', async () => {
    const report = await checkOne('tf-hcl', azureHcl({ apipa: '169.254.30.2' }));
    expect(flagged(report, 'link/apipa-inside-cidr')).toEqual(['azurerm_virtual_network_gateway.vpn']);
    expect(byRule(report, 'link/apipa-inside-cidr')[0].message).toMatch(/"169\.254\.30\.2" is outside Azure's APIPA range/);
  });

  it('link/asn-collision: local network gateway ASN equals the Azure gateway ASN', async () => {
    const report = await checkOne('tf-hcl', azureHcl({ localAsn: 65010 }));
    expect(flagged(report, 'link/asn-collision')).toHaveLength(4);
  });

  it('link/reserved-asn: an Azure-reserved ASN', async () => {
    const report = await checkOne('tf-hcl', azureHcl({ gatewayAsn: 65517 }));
    expect(flagged(report, 'link/reserved-asn')).toEqual(['azurerm_virtual_network_gateway.vpn']);
  });

  it('link/bgp-enabled: a local network gateway without bgp_settings (Terraform JSON)', async () => {
    const report = await checkOne('tf-json', { resource: { azurerm_local_network_gateway: { aws: { gateway_address: '203.0.113.1', address_space: ['10.0.0.0/16'] } } } });
    expect(flagged(report, 'link/bgp-enabled')).toEqual(['azurerm_local_network_gateway.aws']);
  });
});

describe('link rules: AWS side (CloudFormation and Terraform)', () => {
  it('link/minimum-tunnels: one VPN connection is two tunnels', async () => {
    const report = await checkOne('cfn-json', awsTemplate({ connections: 1 }));
    expect(byRule(report, 'link/minimum-tunnels').map((f) => [f.resource, f.message])).toEqual([['Vgw', expect.stringMatching(/^2 tunnel\(s\) \(1 VPN connection\(s\) x 2\)/)]]);
  });

  it('link/static-routes-only: StaticRoutesOnly true', async () => {
    expect(flagged(await checkOne('cfn-json', awsTemplate({ staticRoutes: true })), 'link/static-routes-only').sort()).toEqual(['Vpn0', 'Vpn1']);
  });

  it('link/apipa-inside-cidr: inside CIDR outside the range, misaligned, or not set', async () => {
    expect(byRule(await checkOne('cfn-json', awsTemplate({ insideCidr: '169.254.100.0/30' })), 'link/apipa-inside-cidr').map((f) => f.resource)).toEqual(['Vpn0']);
    expect(byRule(await checkOne('cfn-json', awsTemplate({ insideCidr: '169.254.21.2/30' })), 'link/apipa-inside-cidr')[0].message).toMatch(/not aligned/);
    expect(byRule(await checkOne('cfn-json', awsTemplate({ insideCidr: null })), 'link/apipa-inside-cidr')[0].message).toMatch(/TunnelInsideCidr is not set: AWS picks a random \/30/);
  });

  it('link/asn-collision and link/reserved-asn: customer gateway ASN vs the default Amazon-side ASN, AWS-reserved ASN', async () => {
    expect(byRule(await checkOne('cfn-json', awsTemplate({ cgwAsn: 64512 })), 'link/asn-collision').map((f) => f.message)).toEqual([
      'BGP ASN 64512 equals the Amazon-side ASN of Vgw',
      'BGP ASN 64512 equals the Amazon-side ASN of Vgw',
    ]);
    expect(flagged(await checkOne('cfn-json', awsTemplate({ cgwAsn: 7224 })), 'link/reserved-asn').sort()).toEqual(['Cgw0', 'Cgw1']);
    expect(flagged(await checkOne('cfn-json', awsTemplate({ amazonAsn: 100 })), 'link/reserved-asn')).toEqual(['Vgw']);
  });

  it('reads Terraform aws_vpn_connection tunnel inside CIDRs and static routes (HCL)', async () => {
    const report = await checkOne('tf-hcl', `
      resource "aws_vpn_gateway" "vgw" {
        amazon_side_asn = 64512
      }
      resource "aws_customer_gateway" "a" {
        bgp_asn = 65010
        ip_address = "198.51.100.1"
        type = "ipsec.1"
      }
      resource "aws_vpn_connection" "a" {
        vpn_gateway_id = aws_vpn_gateway.vgw.id
        customer_gateway_id = aws_customer_gateway.a.id
        type = "ipsec.1"
        static_routes_only = true
        tunnel1_inside_cidr = "169.254.21.0/30"
      }
    `);
    expect(byRule(report, 'link/apipa-inside-cidr').map((f) => f.message)).toEqual([expect.stringMatching(/^tunnel2_inside_cidr is not set/)]);
    expect(flagged(report, 'link/static-routes-only')).toEqual(['aws_vpn_connection.a']);
    expect(flagged(report, 'link/minimum-tunnels')).toEqual(['aws_vpn_gateway.vgw']);
  });

  it('reads the AWS side from CloudFormation YAML with short-form intrinsics', async () => {
    const report = await checkOne('cfn-yaml', `
Resources:
  Vgw:
    Type: AWS::EC2::VPNGateway
    Properties: { Type: ipsec.1, AmazonSideAsn: 64512 }
  Cgw:
    Type: AWS::EC2::CustomerGateway
    Properties: { Type: ipsec.1, BgpAsn: 65010, IpAddress: !Ref AzurePublicIp1 }
  Vpn:
    Type: AWS::EC2::VPNConnection
    Properties:
      Type: ipsec.1
      VpnGatewayId: !Ref Vgw
      CustomerGatewayId: !Ref Cgw
      StaticRoutesOnly: true
      VpnTunnelOptionsSpecifications:
        - TunnelInsideCidr: 169.254.21.0/30
          PreSharedKey: !Sub "{{resolve:secretsmanager:\${PskSecret}:SecretString:t1}}"
        - TunnelInsideCidr: 169.254.10.0/30
          PreSharedKeyStorage: SecretsManager
`);
    expect(flagged(report, 'link/minimum-tunnels')).toEqual(['Vgw']);
    expect(flagged(report, 'link/static-routes-only')).toEqual(['Vpn']);
    expect(byRule(report, 'link/apipa-inside-cidr').map((f) => f.message)).toEqual([expect.stringMatching(/VpnTunnelOptionsSpecifications\[1\]\.TunnelInsideCidr "169\.254\.10\.0\/30" is outside/)]);
    expect(flagged(report, 'secrets/plaintext-secret')).toEqual([]);
  });

  it('follows a data source to the gateway in another stack (hub gateway, link connections)', async () => {
    const gateway = { name: 'vpngw-hub', resource_group_name: 'rg-hub', type: 'Vpn', active_active: true, enable_bgp: true, bgp_settings: { asn: 65010, peering_addresses: [{ apipa_addresses: ['169.254.21.2', '169.254.22.2'] }, { apipa_addresses: ['169.254.21.6', '169.254.22.6'] }] } };
    const connection = (i: number, custom: boolean) => ({
      type: 'IPsec',
      enable_bgp: true,
      virtual_network_gateway_id: '${data.azurerm_virtual_network_gateway.hub.id}',
      local_network_gateway_id: `\${azurerm_local_network_gateway.aws${i}.id}`,
      ...(custom ? { custom_bgp_addresses: { primary: '169.254.21.2', secondary: '169.254.21.6' } } : {}),
    });
    const dir = writeFiles({
      'hub.tf.json': { resource: { azurerm_virtual_network_gateway: { vpn: gateway } } },
      'link.tf.json': {
        data: { azurerm_virtual_network_gateway: { hub: { name: 'vpngw-hub', resource_group_name: 'rg-hub' } } },
        resource: { azurerm_virtual_network_gateway_connection: { c0: connection(0, true), c1: connection(1, true), c2: connection(2, true), c3: connection(3, false) } },
      },
    });
    const { report } = await runCheck({ terraform: ['hub.tf.json', 'link.tf.json'], cwd: dir });
    expect(flagged(report, 'link/minimum-tunnels')).toEqual([]);
    expect(byRule(report, 'link/custom-bgp-addresses').map((f) => [f.stack, f.resource])).toEqual([['link', 'azurerm_virtual_network_gateway_connection.c3']]);
  });
});
