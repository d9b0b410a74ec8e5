/**
 * The region a resource is billed in: a CDK stack's environment region for CloudFormation; for
 * Terraform the resource's `location`, else its parent's (a key's vault, a deployment's account,
 * a node pool's cluster: the first `*_id` argument referencing a resource of the same stack; then
 * its resource group), else the location of the stack's first resource group.
 */
import type { InventoryResource, InventoryView } from '../policy/types';
import { literal } from '../policy/util/values';

/** `West Europe` -> `westeurope` (Terraform accepts both spellings). */
export const normalizeLocation = (s: string) => s.toLowerCase().replace(/\s+/g, '');

/** `${azurerm_key_vault.Encryption_B687BDBB.id}` -> `azurerm_key_vault.Encryption_B687BDBB`. */
const SINGLE_REF = /^\$\{([A-Za-z0-9_]+\.[A-Za-z0-9_-]+)\.[A-Za-z0-9_]+\}$/;

function ownLocation(r: InventoryResource): string | undefined {
  const loc = r.properties.location;
  return typeof loc === 'string' && loc !== '' && literal(loc) ? normalizeLocation(loc) : undefined;
}

function referenced(r: InventoryResource, v: unknown, inv: InventoryView): InventoryResource | undefined {
  if (typeof v !== 'string' || !v.startsWith('${')) return undefined;
  const m = SINGLE_REF.exec(v);
  const parent = m ? inv.lookup(r.stack, m[1]) : undefined;
  return parent && parent.mode === 'managed' ? parent : undefined;
}

function parentOf(r: InventoryResource, inv: InventoryView): InventoryResource | undefined {
  const props = r.properties;
  for (const k in props) {
    if (!k.endsWith('_id')) continue;
    const parent = referenced(r, props[k], inv);
    if (parent) return parent;
  }
  return referenced(r, props.resource_group_name, inv);
}

/** The location of each stack's first resource group (a short list: no scan of every resource). */
function stackLocation(stack: string, inv: InventoryView): string | undefined {
  const byStack = inv.memo('cost:stack-locations', () => {
    const out = new Map<string, string>();
    for (const rg of inv.ofType('azurerm_resource_group')) {
      const loc = rg.mode === 'managed' ? ownLocation(rg) : undefined;
      if (loc && !out.has(rg.stack)) out.set(rg.stack, loc);
    }
    return out;
  });
  return byStack.get(stack);
}

export function regionOf(r: InventoryResource, inv: InventoryView): string | undefined {
  if (r.format === 'cloudformation') return r.region;
  let cur: InventoryResource | undefined = r;
  for (let depth = 0; cur && depth < 4; depth++) {
    const loc = ownLocation(cur);
    if (loc) return loc;
    cur = parentOf(cur, inv);
  }
  return r.cloud === 'azure' ? stackLocation(r.stack, inv) : r.region;
}
