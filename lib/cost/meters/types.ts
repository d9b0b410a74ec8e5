/** The meter contract: one pure function per resource type, from synthesized properties to charges. */
import type { InventoryResource, InventoryView } from '../../policy/types';
import { isToken } from '../../policy/util/values';
import type { Charges } from '../model';

export interface MeterContext {
  readonly inventory: InventoryView;
  /** Hours in a billing month (the price table's convention, 730). */
  readonly hoursPerMonth: number;
}

/** Reads one resource's synthesized properties and says what it is billed for (by price key). */
export type Meter = (r: InventoryResource, ctx: MeterContext) => Charges;

/** A meter whose charges do not depend on the resource's properties (one shared, frozen result). */
export function constant(charges: Charges): Meter {
  const frozen = Object.freeze(charges);
  return () => frozen;
}

/** A meter that says a whole type is free, whatever its properties (the engine skips calling it). */
export interface FreeMeter extends Meter {
  readonly freeReason: string;
}

/** A meter for resources that are never billed themselves (one shared result: no allocation per resource). */
export function free(reason: string): FreeMeter {
  const charges: Charges = Object.freeze({ free: reason });
  return Object.assign(() => charges, { freeReason: reason });
}

/** The number of elements of a synthesized list, or undefined when it is a token (count unknown). */
export function listLength(v: unknown): number | undefined {
  if (Array.isArray(v)) return v.length;
  return v === undefined || isToken(v) ? undefined : 1;
}

/** A literal number (Terraform numbers may be strings), or undefined. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)) return Number(v);
  return undefined;
}

/**
 * Meter results that depend on a few literal properties only, computed once per distinct
 * combination (thousands of resources, a handful of shapes: no allocation per resource).
 */
export function cachedBy(key: (r: InventoryResource) => string, meter: Meter): Meter {
  const cache = new Map<string, Charges>();
  return (r, ctx) => {
    const k = `${ctx.hoursPerMonth}\0${key(r)}`;
    let c = cache.get(k);
    if (!c) cache.set(k, (c = Object.freeze(meter(r, ctx))));
    return c;
  };
}
