/**
 * Azure security and platform meters: Key Vault keys (HSM keys per key-month, automated
 * rotations, operations by use), Log Analytics (ingestion by use), and the free control-plane
 * resources (identities, role assignments, diagnostic settings, resource groups).
 */
import { block, literal } from '../../policy/util/values';
import type { FixedCharge } from '../model';
import type { InventoryResource } from '../../policy/types';
import { cachedBy, free, Meter, num } from './types';

/** `P90D` -> 90; `P1Y` -> 365; `P1M` -> 30 (Key Vault rotation periods are whole days or more). */
export function isoDays(d: string): number | undefined {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(d);
  if (!m || d === 'P') return undefined;
  return Number(m[1] ?? 0) * 365 + Number(m[2] ?? 0) * 30 + Number(m[3] ?? 0);
}

const HSM_TYPES = new Set(['RSA-HSM', 'EC-HSM', 'oct-HSM']);

const key: Meter = (r, ctx) => {
  const type = literal(r.properties.key_type);
  if (!type) return { unpriced: ['key_type is not a literal'] };
  if (!HSM_TYPES.has(type)) return { usage: [{ key: 'azure/key-vault/software-operations', label: 'software-protected key operations' }], notes: ['software-protected keys have no monthly charge'] };
  const size = num(r.properties.key_size);
  const basic = type === 'RSA-HSM' && (size ?? 2048) <= 2048;
  const fixed: FixedCharge[] = [{ key: basic ? 'azure/key-vault/hsm-key-rsa2048' : 'azure/key-vault/hsm-key-advanced', label: `HSM-protected ${type}${size ? ` ${size}-bit` : ''} key (one version)`, quantity: 1 }];
  const notes = ['the floor counts one key version; versions kept after rotation may be billed as keys too (Key Vault pricing FAQ)'];
  const after = literal(block(block(r.properties.rotation_policy)?.automatic)?.time_after_creation);
  if (after) {
    const days = isoDays(after);
    if (days) fixed.push({ key: 'azure/key-vault/key-rotation', label: `automated rotation every ${after} (${(ctx.hoursPerMonth / (days * 24)).toFixed(3)} per month)`, quantity: ctx.hoursPerMonth / (days * 24) });
    else notes.push(`rotation period ${after} not understood: rotations not priced`);
  }
  return { fixed, usage: [{ key: basic ? 'azure/key-vault/hsm-operations-rsa2048' : 'azure/key-vault/hsm-operations-advanced', label: 'key operations (wrap/unwrap on every encryption)' }], notes };
};

const workspace: Meter = (r) => {
  const sku = literal(r.properties.sku) ?? 'PerGB2018';
  if (sku !== 'PerGB2018') return { unpriced: [`Log Analytics sku ${sku} is not in the price table`] };
  const retention = num(r.properties.retention_in_days) ?? 30;
  return {
    usage: [
      { key: 'azure/log-analytics/ingestion', label: 'log ingestion (Analytics logs)' },
      ...(retention > 31 ? [{ key: 'azure/log-analytics/retention', label: `retention beyond 31 days (set to ${retention})` }] : []),
    ],
  };
};

/**
 * ARM template deployments: the resources inside a literal `template_content` are priced like
 * their azurerm twins (a `Microsoft.KeyVault/vaults/keys` as a key, a disk encryption set is
 * free); anything else inside is listed as not priced, never counted as zero.
 */
const ARM_RESOURCE_METERS: Record<string, (props: Record<string, unknown>) => InventoryResource['properties'] | 'free'> = {
  'microsoft.keyvault/vaults/keys': (p) => {
    const rotate = (Array.isArray((p.rotationPolicy as Record<string, unknown> | undefined)?.lifetimeActions) ? (p.rotationPolicy as { lifetimeActions: Array<Record<string, any>> }).lifetimeActions : [])
      .find((a) => String(a?.action?.type).toLowerCase() === 'rotate');
    return { key_type: p.kty, key_size: p.keySize, ...(rotate?.trigger?.timeAfterCreate ? { rotation_policy: { automatic: { time_after_creation: rotate.trigger.timeAfterCreate } } } : {}) };
  },
  'microsoft.compute/diskencryptionsets': () => 'free',
};

const templateDeployment: Meter = (r, ctx) => {
  const text = literal(r.properties.template_content);
  let template: { resources?: unknown } | undefined;
  try {
    template = text ? JSON.parse(text) as { resources?: unknown } : undefined;
  } catch {
    template = undefined;
  }
  const resources = Array.isArray(template?.resources) ? (template!.resources as Array<Record<string, unknown>>) : undefined;
  if (!resources) return { unpriced: ['an ARM template deployment whose template_content is not a literal JSON template: the resources it creates are not visible to the cost model'] };
  const fixed: FixedCharge[] = [];
  const usage: NonNullable<ReturnType<Meter>['usage']>[number][] = [];
  const notes: string[] = [];
  const unpriced: string[] = [];
  let free = 0;
  for (const res of resources) {
    const type = String(res.type ?? '?');
    const toProps = ARM_RESOURCE_METERS[type.toLowerCase()];
    if (!toProps) {
      unpriced.push(`${type} inside the template is not in the cost model`);
      continue;
    }
    const props = toProps((res.properties ?? {}) as Record<string, unknown>);
    if (props === 'free') {
      free++;
      continue;
    }
    const c = key({ ...r, type: 'azurerm_key_vault_key', properties: props }, ctx);
    fixed.push(...(c.fixed ?? []));
    usage.push(...(c.usage ?? []));
    notes.push(...(c.notes ?? []));
    unpriced.push(...(c.unpriced ?? []));
  }
  if (free === resources.length) return { free: 'the template creates only resources without a charge (e.g. a disk encryption set)' };
  return { fixed, usage, notes, unpriced };
};

/** A key's charges depend on its type, size and rotation period only. */
const keyShape = (r: InventoryResource) => `${String(r.properties.key_type)}\0${String(r.properties.key_size)}\0${String(block(block(r.properties.rotation_policy)?.automatic)?.time_after_creation)}`;

export const AZURE_PLATFORM_METERS: Record<string, Meter> = {
  azurerm_key_vault: free('a vault has no standing charge: its keys and operations are billed'),
  azurerm_key_vault_key: cachedBy(keyShape, key),
  azurerm_log_analytics_workspace: cachedBy((r) => `${String(r.properties.sku)}\0${String(r.properties.retention_in_days)}`, workspace),
  azurerm_monitor_diagnostic_setting: free('no charge: the logs it sends are billed at the destination workspace'),
  azurerm_monitor_data_collection_rule: free('no charge: the data it collects is billed at the destination workspace'),
  azurerm_monitor_data_collection_rule_association: free('an association; no charge'),
  azurerm_monitor_private_link_scope: free('no charge for the scope itself; its private endpoint is billed'),
  azurerm_monitor_private_link_scoped_service: free('an association; no charge'),
  azurerm_resource_group: free('resource groups have no charge'),
  azurerm_role_assignment: free('Azure RBAC has no charge'),
  azurerm_role_definition: free('Azure RBAC has no charge'),
  azurerm_user_assigned_identity: free('managed identities have no charge'),
  azurerm_federated_identity_credential: free('managed identity credentials have no charge'),
  azurerm_resource_group_template_deployment: cachedBy((r) => String(r.properties.template_content), templateDeployment),
  azurerm_subscription_template_deployment: () => ({ unpriced: ['an ARM template deployment: the resources it creates are not visible to the cost model'] }),
};
