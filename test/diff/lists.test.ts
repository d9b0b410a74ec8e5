/**
 * List changes element by element in every format (text, markdown, json), in a stable order;
 * a reorder is no change where the provider treats the list as a set, and a move where it
 * does not. Inputs are minimal raw CloudFormation and Terraform JSON.
 */
import { diffSynthOutputs, DiffReport } from '../../lib/diff';
import azurermSets from '../../lib/diff/data/azurerm-sets.json';
import { buildAzurermSets } from '../../lib/diff/data/azurerm-sets-source';
import { isSetList } from '../../lib/diff/list-semantics';
import { renderJson, renderMarkdown, renderText } from '../../lib/diff/render';
import { windowPair } from '../../lib/diff/values';

const ref = (id: string) => ({ Ref: id });
const endpoint = (subnets: string[]) => ({ Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: ref('Vpc'), ServiceName: 'com.amazonaws.eu-central-1.sts', SubnetIds: subnets.map(ref) } });
const propagation = (tables: string[]) => ({ Type: 'AWS::EC2::VPNGatewayRoutePropagation', Properties: { VpnGatewayId: ref('Vgw'), RouteTableIds: tables.map(ref) } });
const vnet = (space: string[], dns: string[]) => ({ name: 'vnet-hub', location: 'swedencentral', resource_group_name: 'rg', address_space: space, dns_servers: dns });

function report(before: { aws?: unknown; azure?: unknown }, after: { aws?: unknown; azure?: unknown }): DiffReport {
  const side = (x: { aws?: unknown; azure?: unknown }) => ({
    aws: new Map(x.aws ? [['stack-aws', { Resources: x.aws } as Record<string, unknown>]] : []),
    azure: new Map(x.azure ? [['stack-azure', { resource: x.azure } as Record<string, unknown>]] : []),
  });
  return diffSynthOutputs(side(before), side(after));
}

/** All three formats of one report. */
const formats = (r: DiffReport) => ({ text: renderText(r), markdown: renderMarkdown(r), json: JSON.parse(renderJson(r)) as DiffReport });

describe('list changes element by element', () => {
  test('an element removed from a set: [-] with the element, never cut, in text, markdown and json', () => {
    const r = report({ aws: { Ep: endpoint(['NetworkagentsSubnet1Subnet5821A6F4', 'NetworkagentsSubnet2Subnet65A92AE4', 'NetworkagentsSubnet3Subnet136F92C3']) } },
      { aws: { Ep: endpoint(['NetworkagentsSubnet1Subnet5821A6F4', 'NetworkagentsSubnet2Subnet65A92AE4']) } });
    const f = formats(r);
    expect(f.json.stacks[0].resources[0].properties).toEqual([
      { path: 'SubnetIds', set: true, replaces: false, elements: [{ op: 'remove', value: '{"Ref":"NetworkagentsSubnet3Subnet136F92C3"}' }] },
    ]);
    expect(f.text).toContain('      SubnetIds (set):\n        [-] {"Ref":"NetworkagentsSubnet3Subnet136F92C3"}\n');
    expect(f.markdown).toContain('`SubnetIds` (set): [-] `{"Ref":"NetworkagentsSubnet3Subnet136F92C3"}`');
    // The removed element is exactly what the old renderer cut off: it must be in full.
    expect(f.text).not.toMatch(/Subne\.\.\./);
  });

  test('elements added to a set come sorted by value, removals first: a stable order', () => {
    const r = report({ aws: { Ep: endpoint(['B', 'D']) } }, { aws: { Ep: endpoint(['Z', 'A', 'B']) } });
    const f = formats(r);
    expect(f.json.stacks[0].resources[0].properties[0].elements).toEqual([
      { op: 'remove', value: '{"Ref":"D"}' }, { op: 'add', value: '{"Ref":"A"}' }, { op: 'add', value: '{"Ref":"Z"}' },
    ]);
    expect(f.text).toMatch(/\[-\] \{"Ref":"D"\}\n {8}\[\+\] \{"Ref":"A"\}\n {8}\[\+\] \{"Ref":"Z"\}/);
    expect(f.markdown).toContain('[-] `{"Ref":"D"}` [+] `{"Ref":"A"}` [+] `{"Ref":"Z"}`');
    expect(renderText(report({ aws: { Ep: endpoint(['B', 'D']) } }, { aws: { Ep: endpoint(['Z', 'A', 'B']) } }))).toBe(f.text);
  });

  test('a reorder alone is no change for a set (CloudFormation insertionOrder: false, azurerm TypeSet)', () => {
    const r = report({ aws: { Ep: endpoint(['S1', 'S2', 'S3']) }, azure: { azurerm_virtual_network: { hub: vnet(['10.0.0.0/24', '10.1.0.0/24'], ['10.0.0.4']) } } },
      { aws: { Ep: endpoint(['S3', 'S1', 'S2']) }, azure: { azurerm_virtual_network: { hub: vnet(['10.1.0.0/24', '10.0.0.0/24'], ['10.0.0.4']) } } });
    expect(r.stacks).toEqual([]);
    const f = formats(r);
    expect(f.text).toBe('stateline diff: no changes\n');
    expect(f.markdown).toContain('No changes.');
    expect(f.json.stacks).toEqual([]);
  });

  test('a reorder of an ordered list is a change, shown as moves with positions', () => {
    // azurerm dns_servers is a TypeList: the order is the resolution order.
    const r = report({ azure: { azurerm_virtual_network: { hub: vnet(['10.0.0.0/24'], ['10.0.0.4', '10.0.0.5']) } } },
      { azure: { azurerm_virtual_network: { hub: vnet(['10.0.0.0/24'], ['10.0.0.5', '10.0.0.4']) } } });
    const f = formats(r);
    const props = f.json.stacks[0].resources[0].properties;
    expect(props).toEqual([{ path: 'dns_servers', replaces: false, elements: [{ op: 'move', value: '"10.0.0.4"', from: 0, to: 1 }] }]);
    expect(f.text).toContain('      dns_servers:\n        [~] "10.0.0.4" (moved 0 -> 1)\n');
    expect(f.markdown).toContain('`dns_servers`: [~] `"10.0.0.4"` (0→1)');
  });

  test('an element added to an ordered list carries its position; text, markdown and json agree', () => {
    const r = report({ aws: { P: propagation(['Rt1', 'Rt2']) } }, { aws: { P: propagation(['Rt1', 'Rt2', 'Rt3']) } });
    const f = formats(r);
    expect(f.json.stacks[0].resources[0].properties[0]).toEqual({ path: 'RouteTableIds', replaces: false, elements: [{ op: 'add', value: '{"Ref":"Rt3"}', index: 2 }] });
    expect(f.text).toContain('[+] {"Ref":"Rt3"} (#2)');
    expect(f.markdown).toContain('[+] `{"Ref":"Rt3"}` (#2)');
  });

  test('long values are windowed around the difference, never cut before it', () => {
    const a = `${'x'.repeat(300)}OLD${'y'.repeat(300)}`;
    const b = `${'x'.repeat(300)}NEW${'y'.repeat(300)}`;
    const [o, n] = windowPair(JSON.stringify(a), JSON.stringify(b));
    expect(o).toContain('OLD');
    expect(n).toContain('NEW');
    expect(o!.length).toBeLessThan(200);
  });
});

describe('list semantics tables', () => {
  test('the azurerm set table is generated from the installed provider and is current', () => {
    expect(azurermSets).toEqual(JSON.parse(JSON.stringify(buildAzurermSets())));
  });

  test('sets and lists as the providers define them', () => {
    expect(isSetList('azurerm_virtual_network', 'address_space')).toBe(true);
    expect(isSetList('azurerm_virtual_network', 'dns_servers')).toBe(false);
    expect(isSetList('azurerm_network_security_group', 'security_rule[2].source_address_prefixes')).toBe(true);
    expect(isSetList('azurerm_subnet', 'address_prefixes')).toBe(false);
    expect(isSetList('AWS::EC2::VPCEndpoint', 'SubnetIds')).toBe(true);
    expect(isSetList('AWS::BedrockAgentCore::Runtime', 'NetworkConfiguration.NetworkModeConfig.Subnets')).toBe(true);
    expect(isSetList('AWS::IAM::Role', 'Policies[0].PolicyDocument.Statement[1].Action')).toBe(true);
    // No insertionOrder in the registry schema: the default (ordered) applies.
    expect(isSetList('AWS::Route53Resolver::ResolverEndpoint', 'IpAddresses')).toBe(false);
  });
});
