/**
 * AKS meters: the cluster management tier (Free, Standard, Premium per cluster-hour) and node
 * pools (VMs and managed OS disks), priced at `min_count` for the floor and `max_count` for the
 * ceiling when the pool autoscales, at `node_count` otherwise.
 */
import type { InventoryResource } from '../../policy/types';
import { block, literal, Obj } from '../../policy/util/values';
import type { Charges, FixedCharge } from '../model';
import { free, Meter, num } from './types';

/** AKS chooses a default OS disk size by VM size when none is set; 128 GB is the common default. */
export const DEFAULT_OS_DISK_GB = 128;

/** Premium SSD tiers by size (GiB) up to 4 TiB. */
const PREMIUM_TIERS: ReadonlyArray<[number, string]> = [[32, 'P4'], [64, 'P6'], [128, 'P10'], [256, 'P15'], [512, 'P20'], [1024, 'P30'], [2048, 'P40'], [4096, 'P50']];
const STANDARD_TIERS: ReadonlyArray<[number, string]> = [[32, 'S4'], [64, 'S6'], [128, 'S10'], [256, 'S15'], [512, 'S20'], [1024, 'S30'], [2048, 'S40'], [4096, 'S50']];

/** Whether a VM size takes Premium SSD: an `s` among its feature letters (D4ds_v5, NC24ads_A100_v4). */
export function premiumStorageCapable(vmSize: string): boolean {
  const m = /^Standard_[A-Z]+\d+([a-z]*)/.exec(vmSize);
  return !!m && m[1].includes('s');
}

export function osDiskTier(sizeGb: number, premium: boolean): string | undefined {
  return (premium ? PREMIUM_TIERS : STANDARD_TIERS).find(([gb]) => sizeGb <= gb)?.[1];
}

/** The VM and OS disk charges of one node pool (the cluster's default pool or a separate one). */
export function poolCharges(pool: Obj, name: string): Charges {
  const vmSize = literal(pool.vm_size);
  if (!vmSize) return { unpriced: [`${name}: vm_size is not a literal`] };
  if (literal(pool.priority) === 'Spot') return { unpriced: [`${name}: Spot VM prices are not in the price table`] };
  const autoscaled = pool.auto_scaling_enabled === true;
  const min = autoscaled ? num(pool.min_count) : num(pool.node_count) ?? 1;
  const max = autoscaled ? num(pool.max_count) ?? min : min;
  if (min === undefined || max === undefined) return { unpriced: [`${name}: node count is not a literal`] };
  const counts = autoscaled ? `min_count ${min}, max_count ${max}` : `node_count ${min}`;
  const fixed: FixedCharge[] = [{ key: `azure/vm/${vmSize}`, label: `${name} ${vmSize} VMs (${counts})`, quantity: min, ceiling: max }];
  const notes: string[] = [];
  const diskType = literal(pool.os_disk_type) ?? 'Managed';
  if (diskType === 'Managed') {
    const size = num(pool.os_disk_size_gb);
    if (size === undefined) notes.push(`${name}: os_disk_size_gb is not set; AKS picks the OS disk size by VM size, ${DEFAULT_OS_DISK_GB} GB assumed`);
    const gb = size ?? DEFAULT_OS_DISK_GB;
    const tier = osDiskTier(gb, premiumStorageCapable(vmSize));
    if (tier) fixed.push({ key: `azure/managed-disk/${tier}`, label: `${name} managed OS disks (${gb} GB, ${tier} LRS)`, quantity: min, ceiling: max });
    else return { fixed, unpriced: [`${name}: a ${gb} GB OS disk is beyond the priced disk tiers`], notes };
  }
  return { fixed, notes };
}

const TIER_KEYS: Record<string, string | undefined> = { Free: undefined, Standard: 'azure/aks/tier-standard', Premium: 'azure/aks/tier-premium' };

const cluster: Meter = (r) => {
  const tier = literal(r.properties.sku_tier) ?? 'Free';
  const fixed: FixedCharge[] = [];
  const unpriced: string[] = [];
  const notes: string[] = ['load balancers, private link services and persistent volumes that Kubernetes creates at run time are not in the synthesized outputs'];
  if (!(tier in TIER_KEYS)) unpriced.push(`sku_tier ${tier} is not Free, Standard or Premium`);
  else if (TIER_KEYS[tier]) fixed.push({ key: TIER_KEYS[tier] as string, label: `AKS ${tier} tier cluster management`, quantity: 1 });
  else notes.push('Free tier: no cluster management charge');
  const pool = block(r.properties.default_node_pool);
  const poolName = literal(pool?.name) ?? 'default';
  const p = pool ? poolCharges(pool, `system pool ${poolName}`) : { unpriced: ['no default_node_pool block'] };
  return { fixed: [...fixed, ...(p.fixed ?? [])], unpriced: [...unpriced, ...(p.unpriced ?? [])], notes: [...(p.notes ?? []), ...notes] };
};

const nodePool: Meter = (r: InventoryResource) => {
  const name = literal(r.properties.name) ?? r.id;
  const mode = literal(r.properties.mode) === 'System' ? 'system' : 'user';
  return poolCharges(r.properties as Obj, `${mode} pool ${name}`);
};

export const AZURE_COMPUTE_METERS: Record<string, Meter> = {
  azurerm_kubernetes_cluster: cluster,
  azurerm_kubernetes_cluster_node_pool: nodePool,
  azurerm_disk_encryption_set: free('a disk encryption set has no charge (its key is billed in Key Vault)'),
};
