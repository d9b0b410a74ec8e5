/**
 * The region a resource is billed in: a CDK stack's environment region for CloudFormation; for
 * Terraform the resource's `location`, else its parent's (a key's vault, a deployment's account,
 * a node pool's cluster: the first `*_id` argument referencing a resource of the same stack),
 * else the location most resources of the stack use.
 */
import type { InventoryResource, InventoryView } from '../policy/types';
import { literal } from '../policy/util/values';

/** `West Europe` -> `westeurope` (Terraform accepts both spellings). */
export const normalizeLocation = (s: string) => s.toLowerCase().replace(/\s+/g, '');

/** `${azurerm_key_vault.Encryption_B687BDBB.id}` -> `azurerm_key_vault.Encryption_B687BDBB`. */
const SINGLE_REF = /^\$\{([A-Za-z0-9_]+\.[A-Za-z0-9_-]+)\.[A-Za-z0-9_]+\}$/;

function ownLocation(r: InventoryResource): string | undefined {
  const loc = literal(r.properties.location);
  return loc ? normalizeLocation(loc) : undefined;
}

function parentOf(r: InventoryResource, inv: InventoryView): InventoryResource | undefined {
  for (const [k, v] of Object.entries(r.properties)) {
    if (!k.endsWith('_id') || typeof v !== 'string') continue;
    const m = SINGLE_REF.exec(v);
    const parent = m ? inv.lookup(r.stack, m[1]) : undefined;
    if (parent && parent.mode === 'managed') return parent;
  }
  return undefined;
}

/** The most common literal location of a stack's managed resources (ties: alphabetical). */
function stackLocation(stack: string, inv: InventoryView): string | undefined {
  const byStack = inv.memo('cost:stack-locations', () => {
    const counts = new Map<string, Map<string, number>>();
    for (const r of inv.resources) {
      if (r.mode !== 'managed' || r.format !== 'terraform') continue;
      const loc = ownLocation(r);
      if (!loc) continue;
      let m = counts.get(r.stack);
      if (!m) counts.set(r.stack, (m = new Map()));
      m.set(loc, (m.get(loc) ?? 0) + 1);
    }
    const out = new Map<string, string>();
    for (const [s, m] of counts) out.set(s, [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0]);
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
