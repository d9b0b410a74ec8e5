/**
 * Following references between synthesized resources, the way the deploy engines do:
 * CloudFormation `Ref` / `Fn::GetAtt` within a stack, Terraform `${type.name.attr}` within a
 * stack, and Terraform data sources (`data.azurerm_x.y`, looked up by name and resource group)
 * to the managed resource another stack of the inputs creates.
 */
import type { InventoryResource, InventoryView } from '../policy/types';
import { blocks, isObj, literal, referencedId } from '../policy/util/values';

/** Per-inventory caches of this module, keyed by object (no key strings built per call). */
interface RefCache {
  /**
   * Reference text -> the address it names (null: not a reference). The same texts recur in
   * every stack (`${azurerm_subnet.x.id}`), and the inventory's own (stack, address) index
   * answers the rest: a miss costs no more than a hit.
   */
  readonly ids: Map<string, string | null>;
  /** Stack -> CloudFormation reference object -> the resource it references (null: none). */
  readonly objects: Map<string, WeakMap<object, InventoryResource | null>>;
  /** Data record -> its managed twin (null: none). */
  readonly managed: Map<InventoryResource, InventoryResource | null>;
}
const caches = new WeakMap<InventoryView, RefCache>();
function cacheOf(inv: InventoryView): RefCache {
  let c = caches.get(inv);
  if (c === undefined) caches.set(inv, (c = { ids: new Map(), objects: new Map(), managed: new Map() }));
  return c;
}

/**
 * `compute()` once per inventory, cache name and key object (or string held by a record, so
 * its hash is computed once): for per-resource results on paths that run thousands of times.
 */
export function memoBy<K, V>(inv: InventoryView, cache: string, key: K, compute: () => V): V {
  const m = inv.memo(cache, () => new Map<K, V>());
  const hit = m.get(key);
  if (hit !== undefined || m.has(key)) return hit as V;
  const v = compute();
  m.set(key, v);
  return v;
}

/**
 * The resource a reference points at, in the same stack (CloudFormation or Terraform). Each
 * reference text is parsed once per inventory; a CloudFormation reference object once per
 * object.
 */
export function resolve(inv: InventoryView, from: InventoryResource, v: unknown): InventoryResource | undefined {
  if (typeof v === 'string') {
    // Only `${...}` texts are references: a literal is never looked up.
    if (v.charCodeAt(0) !== 36) return undefined;
    const ids = cacheOf(inv).ids;
    let id = ids.get(v);
    if (id === undefined) ids.set(v, (id = referencedId(v) ?? null));
    return id !== null ? inv.lookup(from.stack, id) : undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const cache = cacheOf(inv);
  // Per stack, should a loader ever share one value object between stacks.
  let byObject = cache.objects.get(from.stack);
  if (byObject === undefined) cache.objects.set(from.stack, (byObject = new WeakMap()));
  let hit = byObject.get(v);
  if (hit === undefined) {
    const id = referencedId(v);
    byObject.set(v, (hit = (id ? inv.lookup(from.stack, id) : undefined) ?? null));
  }
  return hit ?? undefined;
}

/** Literal strings and resolved references of a list (CloudFormation `SubnetIds`, Terraform `subnet_ids`). */
export function resolveAll(inv: InventoryView, from: InventoryResource, v: unknown): InventoryResource[] {
  const items = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return items.map((x) => resolve(inv, from, x)).filter((r): r is InventoryResource => r !== undefined);
}

/** A Terraform resource's literal name, following `${azurerm_resource_group.x.name}` for resource groups. */
export function tfName(inv: InventoryView, r: InventoryResource, attr = 'name'): string | undefined {
  const v = r.properties[attr];
  const lit = literal(v);
  if (lit !== undefined) return lit;
  const target = resolve(inv, r, v);
  return target ? literal(target.properties.name) : undefined;
}

/** `name` and `resource_group_name` of a Terraform resource or data record, as literals. */
export function nameAndGroup(inv: InventoryView, r: InventoryResource): string | undefined {
  const name = tfName(inv, r);
  const rg = tfName(inv, r, 'resource_group_name');
  return name === undefined ? undefined : `${rg ?? '?'}/${name}`;
}

/**
 * The managed resource a Terraform reference stands for: a managed resource of the same
 * stack, or, through a data source, the managed resource of that type, name and resource
 * group anywhere in the inputs (the stack that creates what another stack looks up).
 */
export function resolveTf(inv: InventoryView, from: InventoryResource, v: unknown): InventoryResource | undefined {
  const target = resolve(inv, from, v);
  if (!target || target.mode !== 'data') return target;
  return managedFor(inv, target);
}

/** The managed twin of a data record (same type, name and resource group). */
export function managedFor(inv: InventoryView, data: InventoryResource): InventoryResource | undefined {
  const managed = cacheOf(inv).managed;
  let hit = managed.get(data);
  if (hit === undefined) managed.set(data, (hit = findManaged(inv, data) ?? null));
  return hit ?? undefined;
}

function findManaged(inv: InventoryView, data: InventoryResource): InventoryResource | undefined {
  const key = nameAndGroup(inv, data);
  if (key === undefined) return undefined;
  const index = inv.memo(`path:managed-by-name:${data.type}`, () => {
    const m = new Map<string, InventoryResource>();
    for (const r of inv.ofType(data.type)) {
      if (r.mode !== 'managed') continue;
      const k = nameAndGroup(inv, r);
      if (k !== undefined && !m.has(k)) m.set(k, r);
      // A lookup without a literal resource group still finds a uniquely named resource.
      const n = tfName(inv, r);
      if (n !== undefined) m.set(`?/${n}`, m.has(`?/${n}`) ? DUPLICATE : r);
    }
    return m;
  });
  const hit = index.get(key) ?? index.get(`?/${key.split('/').slice(1).join('/')}`);
  return hit === DUPLICATE ? undefined : hit;
}

const DUPLICATE = { id: '<duplicate>' } as InventoryResource;

const keys = new WeakMap<InventoryResource, string>();
/** Stable identity of a resource across maps (computed once per resource). */
export function keyOf(r: InventoryResource): string {
  let k = keys.get(r);
  if (k === undefined) {
    k = `${r.source}\u0000${r.stack}\u0000${r.id}`;
    keys.set(r, k);
  }
  return k;
}

/** Nested blocks of a Terraform attribute (object or list), or CloudFormation list items. */
export const nested = (v: unknown) => blocks(v);

export const obj = (v: unknown): Record<string, unknown> => (isObj(v) ? v : {});
