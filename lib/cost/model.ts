/** The cost report model: what a meter says about a resource, and what the report holds. */

/**
 * What a meter (one per resource type, lib/cost/meters) says a resource is billed for, by price
 * key; the engine looks the keys up in the price table for the resource's region.
 */
export interface Charges {
  /** No charge at all, with the reason (e.g. "IAM is free"). */
  readonly free?: string;
  /** Fixed charges: they make the monthly floor. */
  readonly fixed?: readonly FixedCharge[];
  /** Charges by use (tokens, GB, requests): listed with their unit prices, never totalled. */
  readonly usage?: readonly UsageCharge[];
  /** Parts of the resource the model cannot price, each with the reason. */
  readonly unpriced?: readonly string[];
  /** Caveats a reader needs (what is assumed, what is left out). */
  readonly notes?: readonly string[];
}

export interface FixedCharge {
  /** Price key in the table, e.g. `azure/vpn-gateway/VpnGw2AZ`. */
  readonly key: string;
  /** What is counted, e.g. `system pool VMs (min_count)`. */
  readonly label: string;
  /**
   * How many: for an hourly price the number of units running all month (the engine multiplies
   * by the table's hours per month); for any other unit the number of units per month.
   */
  readonly quantity: number;
  /** The same at the ceiling (autoscaled pools at max_count); default `quantity`. */
  readonly ceiling?: number;
}

export interface UsageCharge {
  readonly key: string;
  readonly label: string;
}

/** A fixed charge with its price resolved. */
export interface PricedLine {
  readonly key: string;
  readonly label: string;
  /** Units per month at the floor (hours for hourly prices). */
  readonly quantity: number;
  readonly ceilingQuantity: number;
  /** The table's unit: `hour`, `month` or a count such as `rotation`. */
  readonly unit: string;
  /** What one unit is of, e.g. `gateway` (renders `gateway-hour`). */
  readonly per?: string;
  readonly unitPrice: number;
  readonly monthly: number;
  readonly ceilingMonthly: number;
  /** The price is an estimate (see the table entry's `estimate`). */
  readonly estimate: boolean;
}

/** A usage-based charge with its unit price (absent when the table has none for the region). */
export interface UsageLine {
  readonly key: string;
  readonly label: string;
  readonly unit?: string;
  readonly unitPrice?: number;
  readonly estimate?: boolean;
  /** Why there is no unit price. */
  readonly missing?: string;
}

/**
 * `priced`: every fixed charge priced; `usage`: billed by use only; `free`: no charge;
 * `partial`: some fixed charges priced, some not; `unpriced`: nothing could be priced.
 */
export type CostStatus = 'priced' | 'usage' | 'free' | 'partial' | 'unpriced';

export interface ResourceCost {
  readonly cloud: string;
  readonly stack: string;
  /** CloudFormation logical id or Terraform address. */
  readonly id: string;
  readonly type: string;
  /** Region the prices were looked up for; undefined when not needed (free) or not determined. */
  readonly region: string | undefined;
  readonly status: CostStatus;
  readonly floor: number;
  readonly ceiling: number;
  readonly lines: readonly PricedLine[];
  readonly usage: readonly UsageLine[];
  /** Why parts are not priced (status `partial` or `unpriced`). */
  readonly unpriced: readonly string[];
  /** Why it is free (status `free`). */
  readonly free: string | undefined;
  readonly notes: readonly string[];
}

export interface StackCost {
  readonly cloud: string;
  readonly stack: string;
  readonly floor: number;
  readonly ceiling: number;
  /** Resources with a charge or a part not priced, sorted by id. */
  readonly resources: readonly ResourceCost[];
  /** Free resources, counted by type with the reason (most resources: keeps reports small). */
  readonly free: readonly FreeResources[];
}

export interface FreeResources {
  readonly type: string;
  readonly count: number;
  readonly reason: string;
  /** Their ids, sorted. */
  readonly ids: readonly string[];
}

/** Totals of one cloud (or of everything). */
export interface CostTotals {
  /** Monthly floor: fixed charges at minimum scale. */
  readonly floor: number;
  /** Monthly ceiling: fixed charges with autoscaled pools at their maximum. */
  readonly ceiling: number;
  /** Managed resources looked at. */
  readonly resources: number;
  /** Resources with at least one usage-based charge. */
  readonly usageBased: number;
  readonly free: number;
  /** Resources with a part the model could not price (`partial` or `unpriced`). */
  readonly unpriced: number;
  /** Priced lines whose price is an estimate. */
  readonly estimatedLines: number;
}

export interface CostReport {
  readonly version: 1;
  /** ISO 4217 code of every amount. */
  readonly currency: string;
  readonly hoursPerMonth: number;
  /** Where the prices came from: the table (and override files), the date checked. */
  readonly prices: { readonly origin: readonly string[]; readonly checked: string };
  readonly clouds: Readonly<Record<string, CostTotals>>;
  readonly total: CostTotals;
  readonly stacks: readonly StackCost[];
}

/** What the PR diff carries of a cost report: totals per cloud. */
export interface CostSummary {
  readonly currency: string;
  readonly clouds: Readonly<Record<string, CostTotals>>;
  readonly total: CostTotals;
}

/** The cost change between the two sides of a PR. */
export interface CostDelta {
  readonly currency: string;
  readonly before: CostSummary;
  readonly after: CostSummary;
}
