/**
 * Deployability of the Terraform as `stateline synth` writes it (the default scenario of
 * test/scenarios.ts, synthesized once by the global setup): what a real phase 1 would hit.
 */
import * as fs from 'fs';
import * as path from 'path';
import { scenarioDir } from '../scenarios';
import { buildAzure, type TfJson } from '../azure/synth';
import { deriveFrom, rawDefault } from '../helpers';
import { keyVaultName } from '../../lib/azure/names';

const stacksOf = (scenario: string): Record<string, TfJson> => {
  const dir = path.join(scenarioDir(scenario), 'cdktf.out', 'stacks');
  return Object.fromEntries(fs.readdirSync(dir).map((s) => [s, JSON.parse(fs.readFileSync(path.join(dir, s, 'cdk.tf.json'), 'utf8'))]));
};
const resources = (tf: TfJson) => Object.entries(tf.resource ?? {}).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => ({ address: `${type}.${name}`, type, body: body as any })));

describe('phase 1 applies without a path to the vault data plane', () => {
  const stacks = stacksOf('default');
  const serving = Object.entries(stacks).filter(([name]) => name.includes('-azure-serving-'));

  test('no resource or data source that creates or reads Key Vault objects through the data plane', () => {
    expect(serving).toHaveLength(2);
    // azurerm_disk_encryption_set is in the list: with auto key rotation it reads the key's latest version from the data plane on create.
    const dataPlane = ['azurerm_key_vault_key', 'azurerm_key_vault_secret', 'azurerm_key_vault_certificate', 'azurerm_key_vault_certificate_contacts', 'azurerm_key_vault_certificate_issuer', 'azurerm_key_vault_managed_storage_account', 'azurerm_disk_encryption_set'];
    for (const [name, tf] of serving) {
      const found = resources(tf).filter((r) => dataPlane.includes(r.type)).map((r) => r.address);
      const reads = Object.keys(tf.data ?? {}).filter((t) => /^azurerm_key_vault_(key|secret|certificate)/.test(t));
      expect({ name, found, reads }).toEqual({ name, found: [], reads: [] });
      // The keys exist, created by ARM deployments of Microsoft.KeyVault/vaults/keys.
      const keyDeployments = resources(tf).filter((r) => r.type === 'azurerm_resource_group_template_deployment' && JSON.parse(r.body.template_content).resources[0].type === 'Microsoft.KeyVault/vaults/keys');
      expect(keyDeployments.length).toBeGreaterThanOrEqual(1);
    }
  });

  test('no operation runs right after the role assignment it needs: consumers wait for a time_sleep on the grants', () => {
    for (const [name, tf] of serving) {
      const all = resources(tf);
      // Nothing but a wait may depend on a role assignment directly (azurerm#23927: 403 on first apply otherwise).
      const direct = all.filter((r) => r.type !== 'time_sleep' && (r.body.depends_on ?? []).some((d: string) => d.startsWith('azurerm_role_assignment.')));
      expect({ name, direct: direct.map((r) => r.address) }).toEqual({ name, direct: [] });
      const sleeps = all.filter((r) => r.type === 'time_sleep');
      const consumers = all.filter((r) => ['azurerm_cognitive_account_customer_managed_key', 'azurerm_kubernetes_cluster'].includes(r.type));
      expect(consumers.length).toBeGreaterThanOrEqual(1);
      for (const c of consumers) {
        const waits = sleeps.filter((z) => (c.body.depends_on ?? []).includes(z.address));
        expect({ consumer: c.address, waits: waits.length }).toEqual({ consumer: c.address, waits: 1 });
        expect(waits[0].body.create_duration).toBe('600s');
      }
    }
  });

  test('the time provider is pinned like azurerm', () => {
    const [, tf] = serving[0];
    expect((tf as any).terraform.required_providers.time).toEqual({ source: 'hashicorp/time', version: '0.13.1' });
  });
});

describe('azure.subscriptionId', () => {
  test('when set, every azurerm provider configuration targets it (the key-deployment alias too)', () => {
    const t = rawDefault();
    t.azure.subscriptionId = '11111111-2222-3333-4444-555555555555';
    t.azure.state = { resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate', containerName: 'tfstate' };
    const built = buildAzure(deriveFrom(t));
    try {
      for (const [name, tf] of Object.entries(built.json)) {
        const configs = (tf as any).provider.azurerm as any[];
        expect(configs.length).toBeGreaterThanOrEqual(1);
        for (const c of configs) expect({ name, alias: c.alias, subscription: c.subscription_id }).toEqual({ name, alias: c.alias, subscription: t.azure.subscriptionId });
      }
    } finally {
      built.dispose();
    }
  });

  test('when unset, no provider names a subscription (ARM_SUBSCRIPTION_ID applies at deploy time)', () => {
    for (const [, tf] of Object.entries(stacksOf('default'))) {
      for (const c of (tf as any).provider.azurerm as any[]) expect(c.subscription_id).toBeUndefined();
    }
  });
});

describe('names: globally unique Azure names carry the topology name', () => {
  test('Key Vault names and AI Services subdomains differ for topologies of different names', () => {
    const names = (project: string) => {
      const t = rawDefault();
      t.name = project;
      const d = deriveFrom(t);
      return d.serving.flatMap((s) => [keyVaultName(project, s.short), s.customSubdomain, s.accountName, s.resourceGroupName, s.stackName]);
    };
    const a = names('stateline');
    const b = names('acme');
    expect(a.filter((n) => b.includes(n))).toEqual([]);
    for (const n of a) expect(n).toContain('stateline');
  });
});
