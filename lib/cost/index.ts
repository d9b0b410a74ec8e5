/**
 * lib/cost: the offline monthly cost floor of what will be deployed, on both clouds.
 *
 * For every managed resource of the inventory the policy engine builds (CDK cloud assemblies,
 * cdktf output, CloudFormation templates, Terraform), a meter for its type (lib/cost/meters)
 * reads the synthesized properties and names what it is billed for, by price key:
 *
 *   fixed   hourly or monthly charges (a VPN gateway-hour, an endpoint ENI-hour, an HSM key-month,
 *           PTU-hours): summed into the monthly floor (730 hours a month); autoscaled node pools
 *           count `min_count` for the floor and `max_count` for the ceiling
 *   usage   charges by use (tokens, GB, requests, AgentCore consumption): listed with their unit
 *           prices, never totalled
 *   free    no charge, with the reason
 *   not priced  a type without a meter, a region or key the price table lacks, a value that is a
 *           token: listed with the reason, never counted as zero
 *
 * Prices come from lib/cost/prices.json (USD list prices per region, each with its unit, source,
 * basis and the date checked; entries not read from the providers' price lists say so in
 * `estimate`) and `--prices FILE` overrides (lib/cost/prices.ts). Refresh the table with
 * scripts/refresh-prices.ts where the price APIs are reachable.
 *
 * @example
 * const inventory = await loadInventory({ cdkOut: ['cdk.out'], cdktfOut: ['cdktf.out'] });
 * const report = estimateCost(inventory);            // or estimateCost(inventory, withOverrides(builtinPrices(), 'prices.json'))
 * process.stdout.write(renderCostText(report));
 */
import type { InventoryResource, InventoryView } from '../policy/types';
import { freeType, meterFor } from './meters';
import type { Charges, CostDelta, CostReport, CostStatus, CostSummary, CostTotals, FixedCharge, PricedLine, ResourceCost, StackCost, UsageCharge, UsageLine } from './model';
import { builtinPrices, HOURLY, lookupPrice, PriceLookup, PriceTable } from './prices';
import { regionOf } from './region';

export * from './model';
export { builtinPrices, lookupPrice, withOverrides } from './prices';
export type { PriceEntry, PriceTable } from './prices';
export { meterFor, METERED_TYPES } from './meters';
export { COST_FORMATS, costDeltaText, costSummaryLine, money, renderCost, renderCostJson, renderCostMarkdown, renderCostText, signedMoney } from './render';
export type { CostFormat } from './render';

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

/**
 * Price lookups for one estimate, cached by key and region: thousands of resources share a few
 * dozen (key, region) pairs, and usage lines are immutable, so equal ones are one object.
 */
class Pricer {
  /** key -> region ('' when unknown) -> lookup. Nested maps: no key strings built per resource. */
  private readonly found = new Map<string, Map<string, PriceLookup>>();
  /** Usage charges are mostly shared objects (constant meters): cached by identity, then region. */
  private readonly usageLines = new Map<UsageCharge, Map<string, UsageLine>>();
  /** Shared (frozen) meter results priced once per region: identical resources share their lines. */
  private readonly shared = new Map<Charges, Map<string, Priced>>();
  constructor(readonly prices: PriceTable) {}

  private readonly regional = new Map<Charges, boolean>();

  /** Whether any price of these charges differs by region (else the region need not be resolved). */
  needsRegion(charges: Charges): boolean {
    let n = this.regional.get(charges);
    if (n === undefined) {
      const keys = [...(charges.fixed ?? []), ...(charges.usage ?? [])].map((c) => c.key);
      n = keys.some((k) => { const e = this.prices.prices[k]; return !e || Object.keys(e.regions).some((r) => r !== '*'); });
      if (Object.isFrozen(charges)) this.regional.set(charges, n);
    }
    return n;
  }

  priced(charges: Charges, region: string | undefined): Priced {
    if (!Object.isFrozen(charges)) return this.price(charges, region);
    let byRegion = this.shared.get(charges);
    if (!byRegion) this.shared.set(charges, (byRegion = new Map()));
    const k = region ?? '';
    let p = byRegion.get(k);
    if (!p) byRegion.set(k, (p = this.price(charges, region)));
    return p;
  }

  private price(charges: Charges, region: string | undefined): Priced {
    const unpriced = charges.unpriced ? [...charges.unpriced] : [];
    const lines = charges.fixed ? this.fixed(charges.fixed, region, unpriced) : NONE;
    const usage = charges.usage ? charges.usage.map((u) => this.usage(u, region)) : NONE;
    let floor = 0;
    let ceiling = 0;
    let estimated = 0;
    for (const l of lines) {
      floor += l.monthly;
      ceiling += l.ceilingMonthly;
      if (l.estimate) estimated++;
    }
    return { status: statusOf(lines, usage, unpriced), lines, usage, unpriced: unpriced.length ? unpriced : NONE, floor, ceiling, estimated };
  }

  lookup(key: string, region: string | undefined): PriceLookup {
    let byRegion = this.found.get(key);
    if (!byRegion) this.found.set(key, (byRegion = new Map()));
    const r = region ?? '';
    let f = byRegion.get(r);
    if (!f) byRegion.set(r, (f = lookupPrice(this.prices, key, region)));
    return f;
  }

  usage(u: UsageCharge, region: string | undefined): UsageLine {
    let byRegion = this.usageLines.get(u);
    if (!byRegion) this.usageLines.set(u, (byRegion = new Map()));
    const r = region ?? '';
    let line = byRegion.get(r);
    if (!line) {
      const found = this.lookup(u.key, region);
      line = found.ok
        ? { key: u.key, label: u.label, unit: found.entry.unit, unitPrice: found.price, estimate: !!found.entry.estimate }
        : { key: u.key, label: u.label, missing: found.reason };
      byRegion.set(r, line);
    }
    return line;
  }

  fixed(charges: readonly FixedCharge[], region: string | undefined, unpriced: string[]): PricedLine[] {
    const lines: PricedLine[] = [];
    for (const c of charges) {
      const found = this.lookup(c.key, region);
      if (!found.ok) {
        unpriced.push(`${c.label}: ${found.reason}`);
        continue;
      }
      const perUnit = found.entry.unit === HOURLY ? this.prices.hoursPerMonth : 1;
      const quantity = c.quantity * perUnit;
      const ceilingQuantity = (c.ceiling ?? c.quantity) * perUnit;
      lines.push({
        key: c.key, label: c.label, quantity, ceilingQuantity, unit: found.entry.unit, per: found.entry.per, unitPrice: found.price,
        monthly: tidy(quantity * found.price), ceilingMonthly: tidy(ceilingQuantity * found.price), estimate: !!found.entry.estimate,
      });
    }
    return lines;
  }
}

function statusOf(lines: readonly PricedLine[], usage: readonly UsageLine[], unpriced: readonly string[]): CostStatus {
  if (unpriced.length) return lines.length ? 'partial' : 'unpriced';
  if (lines.length) return 'priced';
  return usage.length ? 'usage' : 'free';
}

const NONE: readonly never[] = Object.freeze([]);

/** Amounts rounded to a billionth: sums of binary fractions print as 435.952, not 435.9519999999998. */
const tidy = (x: number) => Math.round(x * 1e9) / 1e9;

/** Every ResourceCost has the same shape (one hidden class: the totals and sorts stay fast). */
function resourceCost(
  r: InventoryResource, cloud: string, region: string | undefined, status: CostStatus, lines: readonly PricedLine[], usage: readonly UsageLine[],
  unpriced: readonly string[], free: string | undefined, notes: readonly string[],
): ResourceCost {
  let floor = 0;
  let ceiling = 0;
  for (const l of lines) {
    floor += l.monthly;
    ceiling += l.ceilingMonthly;
  }
  return { cloud, stack: r.stack, id: r.id, type: r.type, region, status, floor: tidy(floor), ceiling: tidy(ceiling), lines, usage, unpriced, free, notes };
}

/** The cost of one managed resource. */
export function costOfResource(r: InventoryResource, inventory: InventoryView, prices: PriceTable = builtinPrices()): ResourceCost {
  return costWith(r, inventory, new Pricer(prices));
}

/** Most resources are free: they skip region resolution and pricing. */
function costWith(r: InventoryResource, inventory: InventoryView, pricer: Pricer): ResourceCost {
  return costOf(r, inventory, pricer, chargesOf(r, inventory, pricer.prices.hoursPerMonth));
}

function costOf(r: InventoryResource, inventory: InventoryView, pricer: Pricer, charges: Charges): ResourceCost {
  const notes = charges.notes ?? NONE;
  if (charges.free) return resourceCost(r, r.cloud, undefined, 'free', NONE, NONE, NONE, charges.free, notes);
  const region = regionOf(r, inventory);
  const p = pricer.priced(charges, region);
  return resourceCost(r, r.cloud, region, p.status, p.lines, p.usage, p.unpriced, p.status === 'free' ? notes[0] ?? 'no charge' : undefined, notes);
}

interface Priced {
  readonly status: CostStatus;
  readonly lines: readonly PricedLine[];
  readonly usage: readonly UsageLine[];
  readonly unpriced: readonly string[];
  readonly floor: number;
  readonly ceiling: number;
  readonly estimated: number;
}

/** A module call whose contents the inventory could not see: its resources cannot be priced. */
function moduleCost(r: InventoryResource): ResourceCost {
  return resourceCost(r, r.cloud, undefined, 'unpriced', NONE, NONE, [`module contents not visible (${r.module?.note ?? 'not followed'})`], undefined, NONE);
}

/** Adds one resource to running totals. */
function add(t: MutableTotals, r: ResourceCost): void {
  t.floor += r.floor;
  t.ceiling += r.ceiling;
  t.resources++;
  if (r.usage.length) t.usageBased++;
  if (r.status === 'free') t.free++;
  else if (r.status === 'unpriced' || r.status === 'partial') t.unpriced++;
  for (const l of r.lines) if (l.estimate) t.estimatedLines++;
}

type MutableTotals = { -readonly [K in keyof CostTotals]: CostTotals[K] };

const tidied = (t: CostTotals): CostTotals => ({ ...t, floor: tidy(t.floor), ceiling: tidy(t.ceiling) });

function merge(into: MutableTotals, t: CostTotals): void {
  into.floor += t.floor;
  into.ceiling += t.ceiling;
  into.resources += t.resources;
  into.usageBased += t.usageBased;
  into.free += t.free;
  into.unpriced += t.unpriced;
  into.estimatedLines += t.estimatedLines;
}
const zero = (): MutableTotals => ({ floor: 0, ceiling: 0, resources: 0, usageBased: 0, free: 0, unpriced: 0, estimatedLines: 0 });

export function totalsOf(resources: readonly ResourceCost[]): CostTotals {
  const t = zero();
  for (const r of resources) add(t, r);
  return t;
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

/** The totals a PR diff compares. */
export function costSummary(report: CostReport): CostSummary {
  return { currency: report.currency, clouds: report.clouds, total: report.total };
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

/** Before/after totals of a change (both sides priced with the same table). */
export function costDelta(before: CostSummary, after: CostSummary): CostDelta {
  return { currency: after.currency, before, after };
}
