/**
 * Reading enumerations from provider documentation: only complete, literal lists; never ranges,
 * partial lists ("include") or sentences with anything but values and separators.
 */
import { documentedValues, markdownEnums } from '../../scripts/provider-schemas/documented-values';

test.each([
  ['Defines the allocation method for this IP address. Possible values are `Static` or `Dynamic`.', ['Static', 'Dynamic']],
  ['Possible values are `Disabled`, `Enabled`, and `VirtualNetworkInherited`. Defaults to `VirtualNetworkInherited`.', ['Disabled', 'Enabled', 'VirtualNetworkInherited']],
  ['The type of the Virtual Network Gateway. Valid options are `Vpn` or `ExpressRoute`. Changing the type forces a new resource.', ['Vpn', 'ExpressRoute']],
  ['Possible values are `1.0`, `1.1` and `1.2`.', ['1.0', '1.1', '1.2']],
  ['The only possible value is... Possible value is `Tenant`.', ['Tenant']],
  ['Possible values are `Microsoft.Network/dnsResolvers`, `Microsoft.Network/networkWatchers.`.', ['Microsoft.Network/dnsResolvers', 'Microsoft.Network/networkWatchers']],
])('reads %j', (text, values) => {
  expect(documentedValues(text)).toEqual(values);
});

test.each([
  'Possible values are between `1` and `65535`.',
  'Possible values include `http` and `grpc`.',
  'Possible values are `Standard` (default) or `Premium`.',
  'Valid options are `IPsec` (Site-to-Site), `ExpressRoute` (ExpressRoute), and `Vnet2Vnet` (VNet-to-VNet).',
  'Possible values are `*` or a list of IP ranges such as `10.0.0.0/8`.',
  'The name of the resource group.',
])('ignores %j', (text) => {
  expect(documentedValues(text)).toBeUndefined();
});

test('markdown: arguments of the resource and of each block, nothing from the attributes section', () => {
  const md = [
    '## Arguments Reference',
    '',
    '* `sku` - (Optional) The SKU. Possible values are `Basic` and `Standard`.',
    '',
    '* `tier` - (Optional) The tier. Possible values',
    '  are `Regional` and `Global`.',
    '',
    '---',
    '',
    'An `ip_configuration` block supports the following:',
    '',
    '* `type` - (Required) Possible values are `A` and `B`.',
    '',
    '## Attributes Reference',
    '',
    '* `state` - Possible values are `Running` and `Stopped`.',
  ].join('\n');
  expect(markdownEnums(md)).toEqual([
    { block: '', attribute: 'sku', values: ['Basic', 'Standard'] },
    { block: '', attribute: 'tier', values: ['Regional', 'Global'] },
    { block: 'ip_configuration', attribute: 'type', values: ['A', 'B'] },
  ]);
});
