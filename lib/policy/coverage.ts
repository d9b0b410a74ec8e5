/**
 * What the check could not see, for an honest verdict: files none of whose resources were inspected
 * directly because every one is behind a Terraform module call that was not followed (a registry or
 * Git module; a well-known one is inspected only through its mapped inputs). Such a file "passes"
 * only in the sense that nothing in it was checked, and every report format says so.
 */
import type { Inventory } from './inventory';
import type { UncheckedFile } from './types';

/** Files whose resources are all behind module calls the check could not follow. */
export function uncheckedFiles(inventory: Inventory): UncheckedFile[] {
  const own = new Set<string>();
  const followed = new Set<string>();
  const opaque = new Map<string, string[]>();
  for (const r of inventory.resources) {
    if (r.mode === 'managed' && !r.id.startsWith('module.')) own.add(r.source);
    if (r.mode !== 'module') continue;
    if (r.module?.inspection === 'followed') followed.add(r.source);
    else {
      let list = opaque.get(r.source);
      if (!list) opaque.set(r.source, (list = []));
      list.push(r.module?.inspection === 'inputs' ? `${r.id} (only its mapped inputs)` : r.id);
    }
  }
  const out: UncheckedFile[] = [];
  for (const [source, modules] of opaque) {
    if (own.has(source) || followed.has(source)) continue;
    out.push({ source, modules, reason: `every resource of this file is behind module calls that could not be inspected: ${modules.join(', ')}` });
  }
  return out.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}
