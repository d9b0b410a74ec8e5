/**
 * The normalized resource inventory of one policy run, indexed once by type and by
 * (stack, source, id) so rules that need context never scan the whole list.
 */
import type { InventoryResource, InventoryView } from './types';

export class Inventory implements InventoryView {
  private readonly byType = new Map<string, InventoryResource[]>();
  /** Built on first lookup: most runs never need it. Stack -> id -> record (no key strings built per lookup). */
  private byKey?: Map<string, Map<string, InventoryResource>>;
  private readonly cache = new Map<string, unknown>();

  constructor(readonly resources: readonly InventoryResource[]) {
    for (const r of resources) {
      let list = this.byType.get(r.type);
      if (!list) this.byType.set(r.type, (list = []));
      list.push(r);
    }
  }

  /** Distinct resource types, in first-seen order. */
  types(): IterableIterator<string> {
    return this.byType.keys();
  }

  ofType(type: string): readonly InventoryResource[] {
    return this.byType.get(type) ?? [];
  }

  lookup(stack: string, id: string): InventoryResource | undefined {
    if (!this.byKey) {
      this.byKey = new Map();
      for (const r of this.resources) {
        let ids = this.byKey.get(r.stack);
        if (!ids) this.byKey.set(r.stack, (ids = new Map()));
        // First wins: a later duplicate (the same address in two .tf files) does not hide it.
        if (!ids.has(r.id)) ids.set(r.id, r);
      }
    }
    return this.byKey.get(stack)?.get(id);
  }

  memo<T>(key: string, compute: () => T): T {
    const hit = this.cache.get(key);
    if (hit !== undefined || this.cache.has(key)) return hit as T;
    const value = compute();
    this.cache.set(key, value);
    return value;
  }

  /** Managed (deployable) resources: what the report's resource count means. */
  get managedCount(): number {
    let n = 0;
    for (const r of this.resources) if (r.mode === 'managed') n++;
    return n;
  }
}
