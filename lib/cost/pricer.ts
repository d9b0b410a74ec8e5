/**
 * Prices the charges meters return, with lookups cached for one estimate: thousands of resources
 * share a few dozen (key, region) pairs and, through constant meters, a few dozen charge objects.
 */
import type { Charges, CostStatus, FixedCharge, PricedLine, UsageCharge, UsageLine } from './model';
import { HOURLY, lookupPrice, PriceLookup, PriceTable } from './prices';

export const NONE: readonly never[] = Object.freeze([]);

/** Amounts rounded to a billionth: sums of binary fractions print as 435.952, not 435.9519999999998. */
export const tidy = (x: number) => Math.round(x * 1e9) / 1e9;

/** The charges of one resource, priced for its region. */
export interface Priced {
  readonly status: CostStatus;
  readonly lines: readonly PricedLine[];
  readonly usage: readonly UsageLine[];
  readonly unpriced: readonly string[];
  readonly floor: number;
  readonly ceiling: number;
  /** Lines whose price is an estimate. */
  readonly estimated: number;
}

export function statusOf(lines: readonly PricedLine[], usage: readonly UsageLine[], unpriced: readonly string[]): CostStatus {
  if (unpriced.length) return lines.length ? 'partial' : 'unpriced';
  if (lines.length) return 'priced';
  return usage.length ? 'usage' : 'free';
}

export class Pricer {
  /** key -> region ('' when unknown) -> lookup. Nested maps: no key strings built per resource. */
  private readonly found = new Map<string, Map<string, PriceLookup>>();
  /** Usage charges are mostly shared objects (constant meters): cached by identity, then region. */
  private readonly usageLines = new Map<UsageCharge, Map<string, UsageLine>>();
  /** Shared (frozen) meter results priced once per region: identical resources share their lines. */
  private readonly shared = new Map<Charges, Map<string, Priced>>();
  /** Shared meter results: whether any of their prices differs by region. */
  private readonly regional = new Map<Charges, boolean>();

  constructor(readonly prices: PriceTable) {}

  /** Whether any price of these charges differs by region (else the region need not be resolved). */
  needsRegion(charges: Charges): boolean {
    let n = this.regional.get(charges);
    if (n === undefined) {
      const keys = [...(charges.fixed ?? []), ...(charges.usage ?? [])].map((c) => c.key);
      n = keys.some((k) => {
        const e = this.prices.prices[k];
        return !e || Object.keys(e.regions).some((r) => r !== '*');
      });
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
    return { status: statusOf(lines, usage, unpriced), lines, usage, unpriced: unpriced.length ? unpriced : NONE, floor: tidy(floor), ceiling: tidy(ceiling), estimated };
  }

  private lookup(key: string, region: string | undefined): PriceLookup {
    let byRegion = this.found.get(key);
    if (!byRegion) this.found.set(key, (byRegion = new Map()));
    const r = region ?? '';
    let f = byRegion.get(r);
    if (!f) byRegion.set(r, (f = lookupPrice(this.prices, key, region)));
    return f;
  }

  private usage(u: UsageCharge, region: string | undefined): UsageLine {
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

  private fixed(charges: readonly FixedCharge[], region: string | undefined, unpriced: string[]): PricedLine[] {
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
