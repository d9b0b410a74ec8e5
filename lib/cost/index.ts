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
import { meterFor } from './meters';
import type { Charges, CostDelta, CostReport, CostStatus, CostSummary, CostTotals, PricedLine, ResourceCost, StackCost, UsageLine } from './model';
import { builtinPrices, HOURLY, lookupPrice, PriceTable } from './prices';
import { regionOf } from './region';

export * from './model';
export { builtinPrices, lookupPrice, withOverrides } from './prices';
export type { PriceEntry, PriceTable } from './prices';
export { meterFor, METERED_TYPES } from './meters';
export { COST_FORMATS, costDeltaText, costSummaryLine, money, renderCost, renderCostJson, renderCostMarkdown, renderCostText, signedMoney } from './render';
export type { CostFormat } from './render';

const CLOUDS: ReadonlySet<string> = new Set(['aws', 'azure', 'gcp']);

/**
 * The cloud a resource's cost belongs to: its own, or for Terraform utility providers (`time`,
 * `random`) and unfollowed modules, the cloud most resources of its stack run in.
 */
function costCloud(r: InventoryResource, inventory: InventoryView): string {
  if (CLOUDS.has(r.cloud)) return r.cloud;
  const byStack = inventory.memo('cost:stack-clouds', () => {
    const counts = new Map<string, Map<string, number>>();
    for (const x of inventory.resources) {
      if (!CLOUDS.has(x.cloud)) continue;
      let m = counts.get(x.stack);
      if (!m) counts.set(x.stack, (m = new Map()));
      m.set(x.cloud, (m.get(x.cloud) ?? 0) + 1);
    }
    return new Map([...counts].map(([stack, m]) => [stack, [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0]]));
  });
  return byStack.get(r.stack) ?? r.cloud;
}

/** Runs the type's meter; a meter that throws makes the resource "not priced", never a crash. */
function chargesOf(r: InventoryResource, inventory: InventoryView, region: string | undefined, hoursPerMonth: number): Charges {
  const meter = meterFor(r.type);
  if (!meter) return { unpriced: [`no cost model for ${r.type}`] };
  try {
    return meter(r, { inventory, region, hoursPerMonth });
  } catch (e) {
    return { unpriced: [`the cost model failed on this resource: ${(e as Error).message}`] };
  }
}

function priceFixed(charges: Charges, prices: PriceTable, region: string | undefined, unpriced: string[]): PricedLine[] {
  const lines: PricedLine[] = [];
  for (const c of charges.fixed ?? []) {
    const found = lookupPrice(prices, c.key, region);
    if (!found.ok) {
      unpriced.push(`${c.label}: ${found.reason}`);
      continue;
    }
    const perUnit = found.entry.unit === HOURLY ? prices.hoursPerMonth : 1;
    const quantity = c.quantity * perUnit;
    const ceilingQuantity = (c.ceiling ?? c.quantity) * perUnit;
    lines.push({
      key: c.key, label: c.label, quantity, ceilingQuantity, unit: found.entry.unit, per: found.entry.per, unitPrice: found.price,
      monthly: quantity * found.price, ceilingMonthly: ceilingQuantity * found.price, estimate: !!found.entry.estimate,
    });
  }
  return lines;
}

function priceUsage(charges: Charges, prices: PriceTable, region: string | undefined): UsageLine[] {
  return (charges.usage ?? []).map((u) => {
    const found = lookupPrice(prices, u.key, region);
    return found.ok
      ? { key: u.key, label: u.label, unit: found.entry.unit, unitPrice: found.price, estimate: !!found.entry.estimate }
      : { key: u.key, label: u.label, missing: found.reason };
  });
}

function statusOf(lines: readonly PricedLine[], usage: readonly UsageLine[], unpriced: readonly string[]): CostStatus {
  if (unpriced.length) return lines.length ? 'partial' : 'unpriced';
  if (lines.length) return 'priced';
  return usage.length ? 'usage' : 'free';
}

/** The cost of one managed resource. */
export function costOfResource(r: InventoryResource, inventory: InventoryView, prices: PriceTable = builtinPrices()): ResourceCost {
  const region = regionOf(r, inventory);
  const charges = chargesOf(r, inventory, region, prices.hoursPerMonth);
  const base = { cloud: costCloud(r, inventory), stack: r.stack, id: r.id, type: r.type, ...(region ? { region } : {}) };
  if (charges.free) return { ...base, status: 'free', floor: 0, ceiling: 0, lines: [], usage: [], unpriced: [], free: charges.free, notes: [...(charges.notes ?? [])] };
  const unpriced = [...(charges.unpriced ?? [])];
  const lines = priceFixed(charges, prices, region, unpriced);
  const usage = priceUsage(charges, prices, region);
  const status = statusOf(lines, usage, unpriced);
  return {
    ...base, status,
    floor: lines.reduce((n, l) => n + l.monthly, 0),
    ceiling: lines.reduce((n, l) => n + l.ceilingMonthly, 0),
    lines, usage, unpriced,
    ...(status === 'free' ? { free: charges.notes?.[0] ?? 'no charge' } : {}),
    notes: [...(charges.notes ?? [])],
  };
}

/** A module call whose contents the inventory could not see: its resources cannot be priced. */
function moduleCost(r: InventoryResource, inventory: InventoryView): ResourceCost {
  return { cloud: costCloud(r, inventory), stack: r.stack, id: r.id, type: r.type, status: 'unpriced', floor: 0, ceiling: 0, lines: [], usage: [], unpriced: [`module contents not visible (${r.module?.note ?? 'not followed'})`], notes: [] };
}

export function totalsOf(resources: readonly ResourceCost[]): CostTotals {
  let floor = 0, ceiling = 0, usageBased = 0, free = 0, unpriced = 0, estimatedLines = 0;
  for (const r of resources) {
    floor += r.floor;
    ceiling += r.ceiling;
    if (r.usage.length) usageBased++;
    if (r.status === 'free') free++;
    if (r.status === 'unpriced' || r.status === 'partial') unpriced++;
    for (const l of r.lines) if (l.estimate) estimatedLines++;
  }
  return { floor, ceiling, resources: resources.length, usageBased, free, unpriced, estimatedLines };
}

/**
 * The monthly cost floor of an inventory, per cloud, per stack and per resource, with the
 * usage-based and unpriced resources listed. Data sources are not deployed and are skipped;
 * local modules that were followed are priced through their resources.
 */
export function estimateCost(inventory: InventoryView, prices: PriceTable = builtinPrices()): CostReport {
  const byStack = new Map<string, ResourceCost[]>();
  for (const r of inventory.resources) {
    if (r.mode === 'data' || (r.mode === 'module' && r.module?.inspection === 'followed')) continue;
    const cost = r.mode === 'module' ? moduleCost(r, inventory) : costOfResource(r, inventory, prices);
    const k = `${cost.cloud}\0${cost.stack}`;
    let list = byStack.get(k);
    if (!list) byStack.set(k, (list = []));
    list.push(cost);
  }
  const stacks: StackCost[] = [...byStack.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, resources]) => {
      const [cloud, stack] = k.split('\0');
      const sorted = [...resources].sort((a, b) => a.id.localeCompare(b.id));
      const t = totalsOf(sorted);
      return { cloud, stack, floor: t.floor, ceiling: t.ceiling, resources: sorted };
    });
  const all = stacks.flatMap((s) => s.resources);
  const clouds: Record<string, CostTotals> = {};
  for (const cloud of [...new Set(['aws', 'azure', ...stacks.map((s) => s.cloud)])]) clouds[cloud] = totalsOf(all.filter((r) => r.cloud === cloud));
  return {
    version: 1,
    currency: prices.currency,
    hoursPerMonth: prices.hoursPerMonth,
    prices: { origin: prices.origin, checked: prices.checked },
    clouds,
    total: totalsOf(all),
    stacks,
  };
}

/** The totals a PR diff compares. */
export function costSummary(report: CostReport): CostSummary {
  return { currency: report.currency, clouds: report.clouds, total: report.total };
}

/** Before/after totals of a change (both sides priced with the same table). */
export function costDelta(before: CostSummary, after: CostSummary): CostDelta {
  return { currency: after.currency, before, after };
}
