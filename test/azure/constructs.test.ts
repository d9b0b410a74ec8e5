/** Construct-level behaviour on minimal inputs: suppressions, names, edge cases of the serving and link constructs. */
import { TerraformStack } from 'cdktf';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { AiServices } from '../../lib/azure/ai-services';
import { EncryptionVault } from '../../lib/azure/encryption-vault';
import { azureName, keyVaultName, NAME_RULES } from '../../lib/azure/names';
import { SpokeDnsLinks } from '../../lib/azure/spoke-dns';
import { keyDeploymentProvider } from '../../lib/azure/stack-base';
import { suppress, suppressionsOf, SUPPRESSIONS_KEY } from '../../lib/azure/suppress';
import { AwsVpnLink } from '../../lib/azure/vpn-link';
import { Cidr, hostAt, parseCidr } from '../../lib/topology/cidr';
import { deriveFrom, rawDefault } from '../helpers';
import { bodiesOf, buildAzure, resourcesOf, scratchApp } from './synth';

const tags = { project: 'test' };
const scratch = scratchApp();
/** The aliased azurerm configuration key deployments use (keeps keys on destroy). */
const keysProvider = (stack: TerraformStack) => keyDeploymentProvider(stack, deriveFrom(rawDefault()));
afterAll(() => scratch.dispose());

describe('suppress', () => {
  test('writes accumulated suppressions into the resource "//" metadata next to cdktf metadata', () => {
    const rg = new ResourceGroup(scratch.stack('suppress-ok'), 'Rg', { name: 'rg', location: 'swedencentral' });
    suppress(rg, 'network/public-ip', 'gateway tunnel endpoint, serves no model');
    suppress(rg, 'placement/other-rule', 'second accepted finding with a reason');
    // Testing.synth strips "//": read the stack's Terraform JSON as the policy engine sees it.
    const body = (TerraformStack.of(rg).toTerraform() as any).resource.azurerm_resource_group[rg.friendlyUniqueId];
    expect(body['//'][SUPPRESSIONS_KEY]).toEqual([
      { rule: 'network/public-ip', reason: 'gateway tunnel endpoint, serves no model' },
      { rule: 'placement/other-rule', reason: 'second accepted finding with a reason' },
    ]);
    expect(body['//'].metadata.path).toBe('suppress-ok/Rg');
    expect(suppressionsOf(rg)).toHaveLength(2);
  });

  test('rejects a malformed rule id and a missing reason, naming both', () => {
    const rg = new ResourceGroup(scratch.stack('suppress-bad'), 'Rg', { name: 'rg', location: 'swedencentral' });
    expect(() => suppress(rg, 'Public IP', 'ok')).toThrow(/rule "Public IP" must be a rule id.*the reason must say why/);
    expect(suppressionsOf(rg)).toEqual([]);
  });

  test('nothing in the default topology needs a suppression', () => {
    const built = buildAzure(deriveFrom(rawDefault()));
    try {
      for (const stack of built.all) expect(JSON.stringify(stack.toTerraform())).not.toContain(SUPPRESSIONS_KEY);
    } finally {
      built.dispose();
    }
  });
});

describe('azureName', () => {
  test('returns valid names and throws with the broken rule otherwise', () => {
    expect(azureName('logAnalytics', 'log-stateline-sdc')).toBe('log-stateline-sdc');
    expect(() => azureName('logAnalytics', 'lo')).toThrow(NAME_RULES.logAnalytics.rule);
    expect(() => azureName('network', 'x'.repeat(81))).toThrow(/1-80/);
    expect(() => azureName('aksDnsPrefix', 'ends-with-')).toThrow(/aksDnsPrefix/);
  });

  test('Key Vault names: kv-<project>-<region>, at most 24 characters, no "--"', () => {
    expect(keyVaultName('abcdefghijk1', 'abcdef')).toBe('kv-abcdefghijk1-abcdef');
    expect(() => keyVaultName('abcdefghijk1', 'abcdefghi')).toThrow(NAME_RULES.keyVault.rule);
    expect(() => keyVaultName('a--b', 'sdc')).toThrow(/keyVault/);
    expect(() => azureName('keyVault', '1kv')).toThrow(/starts with a letter/);
  });

  test('the longest names a valid topology allows still satisfy every rule', () => {
    const t = rawDefault();
    t.name = 'abcdefghijk1';
    t.azure.serving[0].region = 'southcentralus';
    t.azure.serving[0].addressSpace = '10.101.0.0/21';
    t.azure.serving[0].clusters = ['abcdefghijklmno1', 'abcdefghijklmno2'].map((name) => ({ name, gpuPools: [{ name: 'h100pool1234', vmSize: 'Standard_ND96isr_H100_v5', maxCount: 1 }] }));
    const derived = deriveFrom(t);
    const built = buildAzure(derived);
    try {
      const tf = built.json[derived.serving[0].stackName];
      expect(bodiesOf(tf, 'azurerm_kubernetes_cluster').map((c) => c.name)).toEqual(['aks-abcdefghijk1-scus-abcdefghijklmno1', 'aks-abcdefghijk1-scus-abcdefghijklmno2']);
      expect(bodiesOf(tf, 'azurerm_key_vault').map((v) => v.name)).toEqual(['kv-abcdefghijk1-scus']);
      const sets = bodiesOf(tf, 'azurerm_resource_group_template_deployment').filter((d) => JSON.parse(d.template_content).resources[0].type === 'Microsoft.Compute/diskEncryptionSets');
      expect(sets.map((d) => d.name)).toEqual(['deploy-des-aks-abcdefghijk1-scus-abcdefghijklmno1', 'deploy-des-aks-abcdefghijk1-scus-abcdefghijklmno2']);
      // Two clusters share snet-ilb: fixed ILB addresses .4 and .5 of it.
      const ilb = parseCidr(derived.serving[0].subnets['snet-ilb']) as Cidr;
      expect(Object.entries(tf.output!).filter(([k]) => /^model_server_.*_ip$/.test(k)).map(([, o]) => o.value)).toEqual([hostAt(ilb, 4), hostAt(ilb, 5)]);
    } finally {
      built.dispose();
    }
  });
});

describe('AiServices', () => {
  test('without deployments or a key, the private endpoint waits for nothing but the account it references', () => {
    const stack = scratch.stack('ai-empty');
    new AiServices(stack, 'Ai', {
      name: 'ais-x-sdc', customSubdomain: 'x-sdc-ai', models: [], privateEndpointSubnetId: 'subnet-id', privateDnsZoneIds: ['z1'],
      location: 'swedencentral', resourceGroupName: 'rg', tags,
    });
    const tf = scratch.synth(stack);
    const [account] = resourcesOf(tf, 'azurerm_cognitive_account');
    const [pe] = bodiesOf(tf, 'azurerm_private_endpoint');
    expect(pe.depends_on).toBeUndefined();
    expect(pe.private_service_connection.private_connection_resource_id).toBe(`\${azurerm_cognitive_account.${account[0]}.id}`);
    expect(bodiesOf(tf, 'azurerm_monitor_diagnostic_setting')).toHaveLength(0);
  });

  test('rejects an invalid custom subdomain before deploy', () => {
    expect(() => new AiServices(scratch.stack('ai-bad'), 'Ai', {
      name: 'ais-x', customSubdomain: 'Not_A_Label', models: [], privateEndpointSubnetId: 's', privateDnsZoneIds: [], location: 'l', resourceGroupName: 'rg', tags,
    })).toThrow(/Not_A_Label.*cognitiveAccount/);
  });
});

describe('EncryptionVault', () => {
  test('defaults: premium, no diagnostics, no keys until asked; standard on request', () => {
    const stack = scratch.stack('vault-min');
    const keyProvider = keysProvider(stack);
    new EncryptionVault(stack, 'Vault', { name: 'kv-x-sdc', privateEndpointSubnetId: 's', privateDnsZoneId: 'z', location: 'swedencentral', resourceGroupName: 'rg', tags, keyProvider });
    new EncryptionVault(stack, 'Standard', { name: 'kv-y-sdc', privateEndpointSubnetId: 's', privateDnsZoneId: 'z', location: 'swedencentral', resourceGroupName: 'rg', tags, skuName: 'standard', keyProvider });
    const tf = scratch.synth(stack);
    expect(Object.fromEntries(bodiesOf(tf, 'azurerm_key_vault').map((v) => [v.name, v.sku_name]))).toEqual({ 'kv-x-sdc': 'premium', 'kv-y-sdc': 'standard' });
    expect(bodiesOf(tf, 'azurerm_key_vault_key')).toHaveLength(0);
    expect(bodiesOf(tf, 'azurerm_resource_group_template_deployment')).toHaveLength(0);
    expect(bodiesOf(tf, 'azurerm_monitor_diagnostic_setting')).toHaveLength(0);
    expect(bodiesOf(tf, 'azurerm_private_endpoint')[0].private_dns_zone_group.private_dns_zone_ids).toEqual(['z']);
  });

  test('addKey: an ARM deployment of a 3072-bit RSA-HSM key by default, custom rotation interval, on the keys provider', () => {
    const stack = scratch.stack('vault-key');
    const vault = new EncryptionVault(stack, 'Vault', { name: 'kv-x-sdc', privateEndpointSubnetId: 's', privateDnsZoneId: 'z', location: 'swedencentral', resourceGroupName: 'rg', tags, keyProvider: keysProvider(stack) });
    vault.addKey('data', { rotateAfter: 'P30D' });
    const tf = scratch.synth(stack);
    expect(bodiesOf(tf, 'azurerm_key_vault_key')).toHaveLength(0);
    const [deployment] = bodiesOf(tf, 'azurerm_resource_group_template_deployment');
    expect(deployment).toMatchObject({ name: 'key-kv-x-sdc-cmk-data', resource_group_name: 'rg', deployment_mode: 'Incremental', provider: 'azurerm.keys' });
    const [key] = JSON.parse(deployment.template_content).resources;
    expect(key.properties).toMatchObject({ kty: 'RSA-HSM', keySize: 3072, rotationPolicy: { lifetimeActions: [{ trigger: { timeAfterCreate: 'P30D' }, action: { type: 'rotate' } }] } });
  });
});

describe('SpokeDnsLinks', () => {
  test('zoneIdsFor returns ids in the asked order and names the zone it does not link', () => {
    const links = new SpokeDnsLinks(scratch.stack('links'), 'Links', { zones: ['a.zone', 'b.zone'], zonesResourceGroupName: 'rg', vnetId: 'v', vnetName: 'vnet-x', tags });
    expect(links.zoneIdsFor(['b.zone', 'a.zone'])).toEqual([links.zoneIds[1], links.zoneIds[0]]);
    expect(() => links.zoneIdsFor(['c.zone'])).toThrow(/zone "c.zone" is not linked.*a.zone, b.zone/);
  });
});

describe('AwsVpnLink', () => {
  test('reports every mismatch between tunnels, outside IPs and keys at once', () => {
    const d = deriveFrom(rawDefault());
    expect(() => new AwsVpnLink(scratch.stack('link-bad'), 'Link', {
      projectName: 'x', gateway: { name: 'gw', resourceGroupName: 'rg' }, location: 'l', resourceGroupName: 'rg',
      tunnels: d.link.tunnels, instanceApipa: d.link.azureInstanceApipa, awsAsn: 64512,
      outsideIps: ['1.1.1.1'], sharedKeys: [], tags,
    })).toThrow(/outsideIps has 1 entries for 4 tunnels; sharedKeys has 0 entries for 4 tunnels/);
  });
});
