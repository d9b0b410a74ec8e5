/** The link stack: four local network gateways and BGP connections matching the tunnel plan, keys only from sensitive variables. */
import { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
import { customBgpAddresses } from '../../lib/azure/vpn-link';
import { HANDOVER } from '../../lib/topology/handover';
import { AWS_TUNNEL_OPTIONS, AZURE_IPSEC_POLICY, IPSEC_PROPOSAL } from '../../lib/topology/ipsec';
import { deriveFrom, rawDefault } from '../helpers';
import './jest-matchers';
import { bodiesOf, buildAzure, BuiltAzure, resourcesOf, TfJson } from './synth';

describe('Azure link stack (default topology)', () => {
  const derived = deriveFrom(rawDefault());
  let built: BuiltAzure;
  let tf: TfJson;
  let text: string;
  beforeAll(() => {
    built = buildAzure(derived);
    tf = built.json[derived.link.stackName];
    text = built.text[derived.link.stackName];
  });
  afterAll(() => built.dispose());

  test('the hub gateway is read by its derived name', () => {
    expect(Object.values(tf.data!.azurerm_virtual_network_gateway)).toEqual([
      { name: derived.hub.gatewayName, resource_group_name: derived.hub.resourceGroupName },
    ]);
  });

  test('four local network gateways: outside IP from the hand-over variable, BGP peer = AWS inside IP, AWS ASN, no address space', () => {
    const lngs = bodiesOf(tf, 'azurerm_local_network_gateway');
    expect(lngs).toHaveLength(4);
    derived.link.tunnels.forEach((t, i) => {
      expect(lngs[i]).toMatchObject({
        gateway_address: `\${var.${HANDOVER.linkOutsideIpVariables[i]}}`,
        bgp_settings: { asn: derived.link.awsAsn, bgp_peering_address: t.awsInsideIp },
      });
      expect(lngs[i].address_space).toBeUndefined();
    });
    expect(lngs.map((l) => l.bgp_settings.bgp_peering_address)).toEqual(['169.254.21.1', '169.254.22.1', '169.254.21.5', '169.254.22.5']);
    expect(text).toHaveResourceWithProperties(LocalNetworkGateway, { location: derived.hub.region, resource_group_name: derived.hub.resourceGroupName });
  });

  test('four IPsec connections with BGP, IKEv2, custom BGP addresses per the tunnel plan, each on its own local gateway', () => {
    const connections = resourcesOf(tf, 'azurerm_virtual_network_gateway_connection');
    const lngs = resourcesOf(tf, 'azurerm_local_network_gateway');
    const gateway = `\${data.azurerm_virtual_network_gateway.${Object.keys(tf.data!.azurerm_virtual_network_gateway)[0]}.id}`;
    expect(connections).toHaveLength(4);
    connections.forEach(([, c], i) => {
      expect(c).toMatchObject({
        type: 'IPsec',
        enable_bgp: true,
        connection_protocol: 'IKEv2',
        virtual_network_gateway_id: gateway,
        local_network_gateway_id: `\${azurerm_local_network_gateway.${lngs[i][0]}.id}`,
        custom_bgp_addresses: customBgpAddresses(derived.link.tunnels[i], derived.link.azureInstanceApipa),
        dpd_timeout_seconds: IPSEC_PROPOSAL.dpdTimeoutSeconds,
      });
    });
    // Microsoft's table for the default plan: own APIPA on the terminating instance, the other instance's first address otherwise.
    expect(connections.map(([, c]) => c.custom_bgp_addresses)).toEqual([
      { primary: '169.254.21.2', secondary: '169.254.21.6' },
      { primary: '169.254.22.2', secondary: '169.254.21.6' },
      { primary: '169.254.21.2', secondary: '169.254.21.6' },
      { primary: '169.254.21.2', secondary: '169.254.22.6' },
    ]);
  });

  test('connections are chained one after another', () => {
    const connections = resourcesOf(tf, 'azurerm_virtual_network_gateway_connection');
    connections.forEach(([, c], i) => {
      if (i === 0) expect(c.depends_on).toBeUndefined();
      else expect(c.depends_on).toEqual([`azurerm_virtual_network_gateway_connection.${connections[i - 1][0]}`]);
    });
  });

  test('explicit IPsec policy equal to the shared proposal (phase 2 lifetime matches AWS)', () => {
    for (const c of bodiesOf(tf, 'azurerm_virtual_network_gateway_connection')) {
      expect(c.ipsec_policy).toEqual({
        dh_group: AZURE_IPSEC_POLICY.dhGroup,
        ike_encryption: AZURE_IPSEC_POLICY.ikeEncryption,
        ike_integrity: AZURE_IPSEC_POLICY.ikeIntegrity,
        ipsec_encryption: AZURE_IPSEC_POLICY.ipsecEncryption,
        ipsec_integrity: AZURE_IPSEC_POLICY.ipsecIntegrity,
        pfs_group: AZURE_IPSEC_POLICY.pfsGroup,
        sa_lifetime: AWS_TUNNEL_OPTIONS.Phase2LifetimeSeconds,
      });
    }
    expect(AZURE_IPSEC_POLICY).toMatchObject({ dhGroup: 'DHGroup14', pfsGroup: 'PFS2048', saLifetime: 3600 });
    expect(AWS_TUNNEL_OPTIONS).toMatchObject({ IKEVersions: ['ikev2'], Phase1DHGroupNumbers: [14], Phase2DHGroupNumbers: [14], Phase1LifetimeSeconds: 28800 });
  });

  test('shared keys reference sensitive variables only; no literal key anywhere', () => {
    const connections = bodiesOf(tf, 'azurerm_virtual_network_gateway_connection');
    connections.forEach((c, i) => expect(c.shared_key).toBe(`\${var.${HANDOVER.linkPskVariables[i]}}`));
    for (const name of HANDOVER.linkPskVariables) {
      expect(tf.variable![name]).toMatchObject({ type: 'string', sensitive: true, nullable: false });
      expect(tf.variable![name].default).toBeUndefined();
    }
    for (const name of HANDOVER.linkOutsideIpVariables) expect(tf.variable![name]).toMatchObject({ type: 'string' });
    expect(Object.keys(tf.variable!).sort()).toEqual([...HANDOVER.linkOutsideIpVariables, ...HANDOVER.linkPskVariables].sort());
    const keyLike = [...text.matchAll(/"shared_key": "([^"]*)"/g)].map((m) => m[1]);
    expect(keyLike).toHaveLength(4);
    for (const k of keyLike) expect(k).toMatch(/^\$\{var\.aws_tunnel_[1-4]_psk\}$/);
  });

  test('variable validation: PSK charset and IPv4 rules', () => {
    const psk = tf.variable![HANDOVER.linkPskVariables[0]].validation[0];
    const pattern = new RegExp(/regex\("([^"]+)"/.exec(psk.condition)![1]);
    expect(pattern.test('Abc.def_123')).toBe(true);
    expect(pattern.test('0abcdefgh')).toBe(false);
    expect(pattern.test('short')).toBe(false);
    expect(pattern.test('has-dash-inside')).toBe(false);
    const ip = tf.variable![HANDOVER.linkOutsideIpVariables[0]].validation[0];
    const ipPattern = new RegExp(/regex\("([^"]+)"/.exec(ip.condition)![1]);
    expect(ipPattern.test('203.0.113.7')).toBe(true);
    expect(ipPattern.test('203.0.113.256')).toBe(false);
  });

  test('snapshot', () => {
    expect(text).toMatchSnapshot();
  });
});

describe('customBgpAddresses', () => {
  const apipa = [['169.254.21.2', '169.254.22.2'], ['169.254.21.6', '169.254.22.6']] as const;

  test('instance 0 tunnel: primary is its own address, secondary an instance 1 address', () => {
    expect(customBgpAddresses({ azureInstance: 0, azureApipa: '169.254.22.2' }, apipa)).toEqual({ primary: '169.254.22.2', secondary: '169.254.21.6' });
  });

  test('instance 1 tunnel: secondary is its own address, primary an instance 0 address', () => {
    expect(customBgpAddresses({ azureInstance: 1, azureApipa: '169.254.22.6' }, apipa)).toEqual({ primary: '169.254.21.2', secondary: '169.254.22.6' });
  });

  test('custom tunnel CIDRs flow through from the topology', () => {
    const t = rawDefault();
    t.link = { tunnels: ['169.254.21.8/30', '169.254.22.8/30', '169.254.21.12/30', '169.254.22.12/30'] };
    const d = deriveFrom(t);
    expect(d.link.tunnels.map((x) => customBgpAddresses(x, d.link.azureInstanceApipa))).toEqual([
      { primary: '169.254.21.10', secondary: '169.254.21.14' },
      { primary: '169.254.22.10', secondary: '169.254.21.14' },
      { primary: '169.254.21.10', secondary: '169.254.21.14' },
      { primary: '169.254.21.10', secondary: '169.254.22.14' },
    ]);
  });
});
