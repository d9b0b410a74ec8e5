/** Running totals of a cost estimate (per stack, per cloud, overall). */
import type { CostTotals, ResourceCost } from './model';
import { tidy } from './pricer';

export type MutableTotals = { -readonly [K in keyof CostTotals]: CostTotals[K] };

export const zero = (): MutableTotals => ({ floor: 0, ceiling: 0, resources: 0, usageBased: 0, free: 0, unpriced: 0, estimatedLines: 0 });

/** The totals with their amounts rounded to a billionth. */
export const tidied = (t: CostTotals): CostTotals => ({ ...t, floor: tidy(t.floor), ceiling: tidy(t.ceiling) });

/** Adds one charged (or not priced) resource. */
export function add(t: MutableTotals, r: ResourceCost): void {
  t.floor += r.floor;
  t.ceiling += r.ceiling;
  t.resources++;
  if (r.usage.length) t.usageBased++;
  if (r.status === 'free') t.free++;
  else if (r.status === 'unpriced' || r.status === 'partial') t.unpriced++;
  for (const l of r.lines) if (l.estimate) t.estimatedLines++;
}

export function merge(into: MutableTotals, t: CostTotals): void {
  into.floor += t.floor;
  into.ceiling += t.ceiling;
  into.resources += t.resources;
  into.usageBased += t.usageBased;
  into.free += t.free;
  into.unpriced += t.unpriced;
  into.estimatedLines += t.estimatedLines;
}
