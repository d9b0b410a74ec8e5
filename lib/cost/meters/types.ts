/** The meter contract: one pure function per resource type, from synthesized properties to charges. */
import type { InventoryResource, InventoryView } from '../../policy/types';
import { isToken } from '../../policy/util/values';
import type { Charges } from '../model';

export interface MeterContext {
  readonly inventory: InventoryView;
  /** The resource's billing region (lib/cost/region.ts), when known. */
  readonly region?: string;
  /** Hours in a billing month (the price table's convention, 730). */
  readonly hoursPerMonth: number;
}

/** Reads one resource's synthesized properties and says what it is billed for (by price key). */
export type Meter = (r: InventoryResource, ctx: MeterContext) => Charges;

/** A meter for resources that are never billed themselves. */
export const free = (reason: string): Meter => () => ({ free: reason });

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
