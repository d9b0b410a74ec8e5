/**
 * The cross-cloud link read from both synthesized outputs together: the two clouds must
 * agree exactly (tunnel inside addresses, BGP peers, ASNs), by construction.
 */
import * as fs from 'fs';
import * as path from 'path';
import { scenarioDir } from '../scenarios';

type Res = { Type: string; Properties: any };

function outputs(name: string) {
  const dir = scenarioDir(name);
  const cfn = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.out', 'stateline-aws-agents-eu-central-1.template.json'), 'utf8')) as { Resources: Record<string, Res> };
  const tf = (stack: string) => JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out', 'stacks', stack, 'cdk.tf.json'), 'utf8'));
  const ofType = (t: string) => Object.values(cfn.Resources).filter((r) => r.Type === t).map((r) => r.Properties);
  const hub = tf('stateline-azure-hub');
  const link = tf('stateline-azure-link');
  return {
    vgw: ofType('AWS::EC2::VPNGateway'),
    cgws: ofType('AWS::EC2::CustomerGateway'),
    insideCidrs: ofType('AWS::EC2::VPNConnection').flatMap((c) => c.VpnTunnelOptionsSpecifications.map((t: any) => t.TunnelInsideCidr)),
    gateway: Object.values(hub.resource.azurerm_virtual_network_gateway)[0] as any,
    lngs: Object.values(link.resource.azurerm_local_network_gateway) as any[],
    lngNames: link.resource.azurerm_local_network_gateway as Record<string, any>,
    connections: Object.values(link.resource.azurerm_virtual_network_gateway_connection) as any[],
    dir,
  };
}

const host = (cidr: string, n: number) => {
  const [a, b, c, d] = cidr.split('/')[0].split('.').map(Number);
  return `${a}.${b}.${c}.${d + n}`;
};

describe('cross-cloud link consistency (both outputs together)', () => {
  const o = outputs('default');

  test('every AWS tunnel has an Azure local network gateway peering with its AWS inside address', () => {
    expect(o.insideCidrs).toHaveLength(4);
    expect(o.lngs.map((l) => l.bgp_settings[0]?.bgp_peering_address ?? l.bgp_settings.bgp_peering_address).sort()).toEqual(o.insideCidrs.map((c) => host(c, 1)).sort());
  });

  test("every Azure connection's custom BGP address on its tunnel's gateway instance is the Azure side of that AWS tunnel", () => {
    const instances: string[][] = o.gateway.bgp_settings.peering_addresses.map((p: any) => p.apipa_addresses);
    expect(instances.flat().sort()).toEqual(o.insideCidrs.map((c) => host(c, 2)).sort());
    const lngByRef = new Map(Object.keys(o.lngNames).map((name) => [`\${azurerm_local_network_gateway.${name}.id}`, o.lngNames[name]]));
    const active = o.connections.map((c) => {
      const lng = lngByRef.get(c.local_network_gateway_id);
      const awsSide = (lng.bgp_settings[0] ?? lng.bgp_settings).bgp_peering_address as string;
      const azureSide = awsSide.replace(/\d+$/, (d) => String(Number(d) + 1));
      const instance = instances.findIndex((list) => list.includes(azureSide));
      const cb = Array.isArray(c.custom_bgp_addresses) ? c.custom_bgp_addresses[0] : c.custom_bgp_addresses;
      // primary is used by gateway instance 0, secondary by instance 1.
      expect(instance === 0 ? cb.primary : cb.secondary).toBe(azureSide);
      expect(instances[1 - instance]).toContain(instance === 0 ? cb.secondary : cb.primary);
      expect(c.enable_bgp).toBe(true);
      return azureSide;
    });
    expect(new Set(active).size).toBe(4);
  });

  test('ASNs agree across clouds and differ between sides; the gateway is active-active with BGP', () => {
    expect(o.vgw).toEqual([expect.objectContaining({ AmazonSideAsn: 64512 })]);
    expect(o.cgws.map((c) => c.BgpAsn)).toEqual([65010, 65010]);
    expect(o.gateway.bgp_settings.asn).toBe(65010);
    expect(o.lngs.map((l) => (l.bgp_settings[0] ?? l.bgp_settings).asn)).toEqual([64512, 64512, 64512, 64512]);
    expect(o.gateway).toMatchObject({ active_active: true, enable_bgp: true });
  });

  test('no pre-shared key appears as a literal in any synthesized file', () => {
    const files: string[] = [];
    const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : files.push(path.join(d, e.name))));
    walk(o.dir);
    for (const f of files.filter((x) => x.endsWith('.json'))) {
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/"(PreSharedKey|shared_key|tunnel[12]_preshared_key)"\s*:\s*"([^"]*)"/g)) {
        expect(`${path.basename(f)} ${m[1]}=${m[2]}`).toMatch(/=(\{\{resolve:secretsmanager:|\$\{var\.)/);
      }
    }
    expect(o.connections.every((c) => /^\$\{var\.aws_tunnel_\d_psk\}$/.test(c.shared_key))).toBe(true);
  });

  test('changing only the AWS ASN changes both clouds consistently', () => {
    const changed = outputs('asn');
    expect(changed.vgw).toEqual([expect.objectContaining({ AmazonSideAsn: 64600 })]);
    expect(changed.lngs.map((l) => (l.bgp_settings[0] ?? l.bgp_settings).asn)).toEqual([64600, 64600, 64600, 64600]);
    // Nothing else about the link moves.
    expect(changed.cgws).toEqual(o.cgws);
    expect(changed.insideCidrs).toEqual(o.insideCidrs);
    expect(changed.gateway.bgp_settings).toEqual(o.gateway.bgp_settings);
  });
});
