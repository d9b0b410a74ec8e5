/** Properties of the whole Azure side: no stray public IPs, tags everywhere, DNS coverage, stack order, stable addresses. */
import * as fs from 'fs';
import * as path from 'path';
import { deriveFrom, rawDefault, withServingRegions } from '../helpers';
import { allResources, bodiesOf, buildAzure, BuiltAzure, isTaggable, refTo, TfJson } from './synth';

describe('Azure app (default topology)', () => {
  const derived = deriveFrom(rawDefault());
  let built: BuiltAzure;
  const stacks = () => Object.entries(built.json);
  beforeAll(() => {
    built = buildAzure(derived);
  });
  afterAll(() => built.dispose());

  test('stacks: hub, one serving stack per region, identities, link; identities after the serving stacks', () => {
    expect(Object.keys(built.json)).toEqual([derived.hub.stackName, ...derived.serving.map((s) => s.stackName), derived.identity.stackName, derived.link.stackName]);
    const { hub, serving, link, identity } = built.stacks;
    expect(hub.dependencies).toEqual([]);
    for (const s of [...serving, link]) expect(s.dependencies).toEqual([hub]);
    expect(identity.dependencies).toEqual([hub, ...serving]);
  });

  test('no azurerm_public_ip except the two of the VPN gateway; nothing else that creates public egress', () => {
    const ips = stacks().flatMap(([name, tf]) => bodiesOf(tf, 'azurerm_public_ip').map((b) => ({ stack: name, name: b.name })));
    expect(ips).toEqual([
      { stack: derived.hub.stackName, name: 'pip-stateline-sdc-hub-gw-1' },
      { stack: derived.hub.stackName, name: 'pip-stateline-sdc-hub-gw-2' },
    ]);
    const hub = built.json[derived.hub.stackName];
    const [gw] = bodiesOf(hub, 'azurerm_virtual_network_gateway');
    expect(gw.ip_configuration.map((c: any) => c.public_ip_address_id).sort()).toEqual(
      ['pip-stateline-sdc-hub-gw-1', 'pip-stateline-sdc-hub-gw-2'].map((n) => refTo(hub, 'azurerm_public_ip', (b) => b.name === n)).sort(),
    );
    for (const [, tf] of stacks()) {
      for (const type of ['azurerm_public_ip_prefix', 'azurerm_nat_gateway', 'azurerm_lb', 'azurerm_firewall', 'azurerm_bastion_host']) {
        expect(bodiesOf(tf, type)).toHaveLength(0);
      }
      for (const c of bodiesOf(tf, 'azurerm_kubernetes_cluster')) {
        expect(c.network_profile.outbound_type).toBe('none');
        expect(c.default_node_pool.node_public_ip_enabled).toBe(false);
      }
      for (const p of bodiesOf(tf, 'azurerm_kubernetes_cluster_node_pool')) expect(p.node_public_ip_enabled).toBe(false);
      for (const a of bodiesOf(tf, 'azurerm_cognitive_account')) expect(a.public_network_access_enabled).toBe(false);
    }
  });

  test('every taggable resource carries the topology tags (and so do AKS system pools)', () => {
    expect(derived.tags).toEqual({ 'managed-by': 'stateline', project: 'stateline', environment: 'dev', owner: 'platform-team' });
    const untagged: string[] = [];
    let tagged = 0;
    for (const [, tf] of stacks()) {
      for (const [address, type, body] of allResources(tf)) {
        if (!isTaggable(type)) continue;
        tagged++;
        try {
          expect(body.tags).toEqual(derived.tags);
        } catch {
          untagged.push(address);
        }
      }
      for (const c of bodiesOf(tf, 'azurerm_kubernetes_cluster')) expect(c.default_node_pool.tags).toEqual(derived.tags);
    }
    expect(untagged).toEqual([]);
    expect(tagged).toBeGreaterThan(40);
    // The oracle reads the provider schema: these types have no tags argument.
    expect(['azurerm_subnet', 'azurerm_role_assignment', 'azurerm_cognitive_deployment', 'azurerm_monitor_diagnostic_setting', 'azurerm_virtual_network_peering'].filter(isTaggable)).toEqual([]);
    expect(['azurerm_resource_group', 'azurerm_private_dns_zone_virtual_network_link', 'azurerm_virtual_network_gateway_connection'].every(isTaggable)).toBe(true);
  });

  test('each Private Link zone (AI and Key Vault) is linked to the hub VNet and to every serving VNet', () => {
    const linked: Record<string, string[]> = {};
    const vnetName = (tf: TfJson, ref: string) => {
      const m = /^\$\{(data\.)?azurerm_virtual_network\.([^.]+)\.id\}$/.exec(ref)!;
      return (m[1] ? tf.data!.azurerm_virtual_network[m[2]] : tf.resource!.azurerm_virtual_network[m[2]]).name as string;
    };
    for (const [, tf] of stacks()) {
      for (const link of bodiesOf(tf, 'azurerm_private_dns_zone_virtual_network_link')) {
        const zoneRef = /^\$\{(data\.)?azurerm_private_dns_zone\.([^.]+)\.name\}$/.exec(link.private_dns_zone_name)!;
        const zone = (zoneRef[1] ? tf.data!.azurerm_private_dns_zone[zoneRef[2]] : tf.resource!.azurerm_private_dns_zone[zoneRef[2]]).name as string;
        (linked[zone] ??= []).push(vnetName(tf, link.virtual_network_id));
      }
    }
    const allVnets = [derived.hub.vnetName, ...derived.serving.map((s) => s.vnetName)].sort();
    for (const zone of [...derived.dns.privateZones, 'privatelink.vaultcore.azure.net']) expect(linked[zone].sort()).toEqual(allVnets);
    expect(linked['privatelink.swedencentral.azmk8s.io'].sort()).toEqual([derived.hub.vnetName, derived.serving[0].vnetName].sort());
  });

  test('no secret in any output; every output has a description', () => {
    for (const [, tf] of stacks()) {
      for (const [name, o] of Object.entries(tf.output ?? {})) {
        expect({ name, description: typeof o.description === 'string' && o.description.length >= 10 }).toEqual({ name, description: true });
        expect(JSON.stringify(o.value)).not.toMatch(/access_key|kube_config|client_secret|shared_key|psk/i);
      }
    }
  });

  test('adding a third serving region adds exactly one stack and changes nothing in the existing ones', () => {
    const bigger = deriveFrom(withServingRegions(rawDefault(), ['norwayeast']));
    const more = buildAzure(bigger);
    try {
      const before = Object.keys(built.json);
      const after = Object.keys(more.json);
      expect(after.filter((s) => !before.includes(s))).toEqual(['stateline-azure-serving-norwayeast']);
      expect(before.filter((s) => !after.includes(s))).toEqual([]);
      for (const name of before.filter((n) => n !== derived.identity.stackName)) {
        expect({ name, addresses: allResources(more.json[name]).map(([a]) => a).sort() }).toEqual({ name, addresses: allResources(built.json[name]).map(([a]) => a).sort() });
        expect(more.text[name]).toBe(built.text[name]);
      }
      // The agent uses every stamp by default: the identity stack gains exactly its role on the new account (and the lookup of it).
      const added = (tf: any, old: any) => allResources(tf).map(([a]) => a).filter((a) => !allResources(old).map(([b]) => b).includes(a));
      expect(added(more.json[derived.identity.stackName], built.json[derived.identity.stackName])).toEqual([expect.stringMatching(/^azurerm_role_assignment\.support_agent_Inference-norwayeast_/)]);
      expect(allResources(built.json[derived.identity.stackName]).map(([a]) => a).filter((a) => !allResources(more.json[derived.identity.stackName]).map(([b]) => b).includes(a))).toEqual([]);
      expect(allResources(more.json['stateline-azure-serving-norwayeast']).length).toBeGreaterThan(10);
    } finally {
      more.dispose();
    }
  });
});

describe('Azure layer boundaries', () => {
  const root = path.join(__dirname, '../..');
  const sources = (dir: string) => fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));

  test('provider bindings are deep-imported only (the root index costs ~2 s and ~400 MB)', () => {
    const files = [...sources('lib/azure'), ...sources('stacks').filter((f) => /azure/.test(f))];
    for (const f of files) expect({ f, root: /from '@cdktf\/provider-(azurerm|azuread|time)'/.test(fs.readFileSync(path.join(root, f), 'utf8')) }).toEqual({ f, root: false });
  });

  test('cdktf types stay in lib/azure and the Azure stacks', () => {
    for (const f of sources('lib/topology')) expect({ f, cdktf: /from '(cdktf|@cdktf\/[^']+)'/.test(fs.readFileSync(path.join(root, f), 'utf8')) }).toEqual({ f, cdktf: false });
  });
});
