/**
 * The estimate itself: each managed resource through its meter, its region and the pricer, into
 * a full report (`estimateCost`) or the totals alone (`estimateCostSummary`, what synth prints).
 */
import type { InventoryResource, InventoryView } from '../policy/types';
import { freeType, meterFor } from './meters';
import type { Charges, CostReport, CostSummary, CostTotals, ResourceCost, StackCost } from './model';
import { NONE, Priced, Pricer, tidy } from './pricer';
import { builtinPrices, PriceTable } from './prices';
import { regionOf } from './region';
import { add, merge, MutableTotals, tidied, zero } from './totals';

const CLOUDS: ReadonlySet<string> = new Set(['aws', 'azure', 'gcp']);

/** Runs the type's meter; a meter that throws makes the resource "not priced", never a crash. */
function chargesOf(r: InventoryResource, inventory: InventoryView, hoursPerMonth: number): Charges {
  const meter = meterFor(r.type);
  if (!meter) return { unpriced: [`no cost model for ${r.type}`] };
  try {
    return meter(r, { inventory, hoursPerMonth });
  } catch (e) {
    return { unpriced: [`the cost model failed on this resource: ${(e as Error).message}`] };
  }
}

const NOTHING: Priced = { status: 'free', lines: NONE, usage: NONE, unpriced: NONE, floor: 0, ceiling: 0, estimated: 0 };

/** Every ResourceCost has the same shape (one hidden class: the totals and sorts stay fast). */
function resourceCost(r: InventoryResource, region: string | undefined, p: Priced, free: string | undefined, notes: readonly string[]): ResourceCost {
  return { cloud: r.cloud, stack: r.stack, id: r.id, type: r.type, region, status: p.status, floor: p.floor, ceiling: p.ceiling, lines: p.lines, usage: p.usage, unpriced: p.unpriced, free, notes };
}

/** The cost of one managed resource. */
export function costOfResource(r: InventoryResource, inventory: InventoryView, prices: PriceTable = builtinPrices()): ResourceCost {
  return costOf(r, inventory, new Pricer(prices), chargesOf(r, inventory, prices.hoursPerMonth));
}

/** Free resources skip region resolution and pricing. */
function costOf(r: InventoryResource, inventory: InventoryView, pricer: Pricer, charges: Charges): ResourceCost {
  const notes = charges.notes ?? NONE;
  if (charges.free) return resourceCost(r, undefined, NOTHING, charges.free, notes);
  const region = regionOf(r, inventory);
  const p = pricer.priced(charges, region);
  return resourceCost(r, region, p, p.status === 'free' ? notes[0] ?? 'no charge' : undefined, notes);
}

/** A module call whose contents the inventory could not see: its resources cannot be priced. */
function moduleCost(r: InventoryResource): ResourceCost {
  const p: Priced = { ...NOTHING, status: 'unpriced', unpriced: [`module contents not visible (${r.module?.note ?? 'not followed'})`] };
  return resourceCost(r, undefined, p, undefined, NONE);
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One stack being filled: its charged resources, and its free ones by type. */
interface StackBuild { resources: ResourceCost[]; free: Map<string, { reason: string; ids: string[] }> }

/**
 * The monthly cost floor of an inventory, per cloud, per stack and per resource, with the
 * usage-based and unpriced resources listed and the free ones counted by type. Data sources are
 * not deployed and are skipped; local modules that were followed are priced through their
 * resources. Runs on every synth: kept linear, with free resources (most of them) cheap.
 */
export function estimateCost(inventory: InventoryView, prices: PriceTable = builtinPrices()): CostReport {
  const byCloud = new Map<string, Map<string, StackBuild>>();
  // Resources come stack by stack: remember the last stack to skip the map lookups.
  let last: { cloud: string; stack: string; build: StackBuild } | undefined;
  const stackOf = (cloud: string, stack: string) => {
    if (last && last.stack === stack && last.cloud === cloud) return last.build;
    let stacks = byCloud.get(cloud);
    if (!stacks) byCloud.set(cloud, (stacks = new Map()));
    let b = stacks.get(stack);
    if (!b) stacks.set(stack, (b = { resources: [], free: new Map() }));
    last = { cloud, stack, build: b };
    return b;
  };
  const placeFree = (cloud: string, stack: string, type: string, id: string, reason: string) => {
    const b = stackOf(cloud, stack);
    const f = b.free.get(type);
    if (f) f.ids.push(id);
    else b.free.set(type, { reason, ids: [id] });
  };
  const place = (cost: ResourceCost) => {
    if (cost.status === 'free') placeFree(cost.cloud, cost.stack, cost.type, cost.id, cost.free ?? 'no charge');
    else stackOf(cost.cloud, cost.stack).resources.push(cost);
  };
  const pricer = new Pricer(prices);
  // Terraform utility providers (`time`, `random`) and unfollowed modules belong to the cloud of their stack.
  const elsewhere: ResourceCost[] = [];
  for (const r of inventory.resources) {
    if (r.mode === 'data' || (r.mode === 'module' && r.module?.inspection === 'followed')) continue;
    // Most resources are free by type: counted without calling a meter or building a cost record.
    const freeReason = CLOUDS.has(r.cloud) && r.mode === 'managed' ? freeType(r.type) : undefined;
    if (freeReason) {
      placeFree(r.cloud, r.stack, r.type, r.id, freeReason);
      continue;
    }
    const charges = r.mode === 'module' ? undefined : chargesOf(r, inventory, prices.hoursPerMonth);
    if (charges?.free && CLOUDS.has(r.cloud)) {
      placeFree(r.cloud, r.stack, r.type, r.id, charges.free);
      continue;
    }
    const cost = charges ? costOf(r, inventory, pricer, charges) : moduleCost(r);
    if (CLOUDS.has(cost.cloud)) place(cost);
    else elsewhere.push(cost);
  }
  for (const cost of elsewhere) {
    const home = [...byCloud].find(([, stacks]) => stacks.has(cost.stack))?.[0];
    place(home ? { ...cost, cloud: home } : cost);
  }
  const clouds: Record<string, CostTotals> = {};
  const total = zero();
  const stacks: StackCost[] = [];
  for (const cloud of [...new Set(['aws', 'azure', ...byCloud.keys()])].sort(byCodeUnits)) {
    const c = zero();
    for (const [stack, b] of [...(byCloud.get(cloud) ?? new Map<string, StackBuild>())].sort(([x], [y]) => byCodeUnits(x, y))) {
      // Code-unit order, not localeCompare: stable everywhere and much faster on thousands of ids.
      const resources = b.resources.sort((x, y) => byCodeUnits(x.id, y.id));
      const free = [...b.free].sort(([x], [y]) => byCodeUnits(x, y)).map(([type, f]) => ({ type, count: f.ids.length, reason: f.reason, ids: f.ids.sort(byCodeUnits) }));
      const s = zero();
      for (const r of resources) add(s, r);
      for (const f of free) {
        s.resources += f.count;
        s.free += f.count;
      }
      merge(c, s);
      stacks.push({ cloud, stack, floor: tidy(s.floor), ceiling: tidy(s.ceiling), resources, free });
    }
    merge(total, c);
    clouds[cloud] = tidied(c);
  }
  return {
    version: 1,
    currency: prices.currency,
    hoursPerMonth: prices.hoursPerMonth,
    prices: { origin: prices.origin, checked: prices.checked },
    clouds,
    total: tidied(total),
    stacks,
  };
}

/**
 * The totals only (what synth prints and a PR diff compares), without per-resource records: the
 * same meters, regions and prices as `estimateCost`, with a fraction of its work (synth runs it
 * on every topology, next to the policy check).
 */
export function estimateCostSummary(inventory: InventoryView, prices: PriceTable = builtinPrices()): CostSummary {
  const pricer = new Pricer(prices);
  const byCloud = new Map<string, MutableTotals>();
  const totalsOf = (cloud: string) => {
    let t = byCloud.get(cloud);
    if (!t) byCloud.set(cloud, (t = zero()));
    return t;
  };
  // Utility providers (`time`, `random`) and unfollowed modules count in the cloud of their stack.
  const stackCloud = new Map<string, string>();
  const elsewhere: Array<{ readonly stack: string; readonly cloud: string; readonly outcome: Outcome }> = [];
  let lastStack: string | undefined;
  for (const r of inventory.resources) {
    if (r.mode === 'data' || (r.mode === 'module' && r.module?.inspection === 'followed')) continue;
    const home = CLOUDS.has(r.cloud);
    if (home && r.stack !== lastStack) {
      lastStack = r.stack;
      if (!stackCloud.has(r.stack)) stackCloud.set(r.stack, r.cloud);
    }
    let outcome: Outcome;
    if (r.mode === 'module') outcome = 'unpriced';
    else if (home && freeType(r.type)) outcome = 'free';
    else {
      const charges = chargesOf(r, inventory, prices.hoursPerMonth);
      outcome = charges.free ? 'free' : pricer.priced(charges, pricer.needsRegion(charges) ? regionOf(r, inventory) : undefined);
    }
    if (home) count(totalsOf(r.cloud), outcome);
    else elsewhere.push({ stack: r.stack, cloud: r.cloud, outcome });
  }
  for (const x of elsewhere) count(totalsOf(stackCloud.get(x.stack) ?? x.cloud), x.outcome);
  const clouds: Record<string, CostTotals> = {};
  const total = zero();
  for (const cloud of [...new Set(['aws', 'azure', ...byCloud.keys()])].sort(byCodeUnits)) {
    const t = byCloud.get(cloud) ?? zero();
    merge(total, t);
    clouds[cloud] = tidied(t);
  }
  return { currency: prices.currency, clouds, total: tidied(total) };
}

/** A resource's contribution to the totals: free, not priced at all (a module), or priced charges. */
type Outcome = 'free' | 'unpriced' | Priced;

function count(t: MutableTotals, o: Outcome): void {
  t.resources++;
  if (o === 'free') t.free++;
  else if (o === 'unpriced') t.unpriced++;
  else if (o.status === 'free') t.free++;
  else {
    t.floor += o.floor;
    t.ceiling += o.ceiling;
    t.estimatedLines += o.estimated;
    if (o.usage.length) t.usageBased++;
    if (o.status === 'unpriced' || o.status === 'partial') t.unpriced++;
  }
}

